/**
 * Discord interactions into intents, and the core's views back, inside Discord's 3-second window.
 *
 * Each interaction is first claimed and parsed (the `/plan` options, a button's or modal's custom
 * id, a modal's values — all zod-checked), then answered in one of two ways:
 *
 * - Intents that usually answer with a form (as their command specs and button actions say:
 *   `/plan new` without options, `/plan log`, `/plan settings`, the Log / Continue / Start
 *   buttons) must answer with the modal itself, which has to be the first response. The core is
 *   asked at once (fast lane, see work-slots.ts); if it has not answered within
 *   `modalDeadlineMs`, the reply is deferred and the form comes as a message with a button that
 *   opens it — late, but never an "interaction failed".
 * - Everything else is deferred before any database or engine work: `deferReply` (private where the
 *   content is personal) for commands and modal submissions, `deferUpdate` for buttons, whose
 *   answer may replace the message they are on.
 * - A run's file attached to `/plan log file:` is the `activity-file` intent, deferred the same
 *   way; it is downloaded (from Discord's attachment hosts only) when the core asks for it, after
 *   the size Discord states was checked.
 *
 * User mistakes (a stale button, an unreadable form) get a private line; anything unexpected is
 * logged once here with the interaction's context, and the user gets a private apology.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type AuthorizingIntegrationOwners,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from 'pino';

import { PLAN_EDIT_DRAFT_ACTION } from '../../conversation/action-ids.js';
import { MAX_ACTIVITY_FILE_BYTES } from '../../conversation/activity-file-actions.js';
import { BUSY_REPLY, type HandleOptions } from '../../conversation/conversation.js';
import { buttonOpensForm } from '../../conversation/button-actions.js';
import { COMMANDS, type CommandRegistry } from '../../conversation/commands/index.js';
import { formSpec } from '../../conversation/forms/index.js';
import type { ProgressListener } from '../../conversation/progress.js';
import type { ActivityFileIntent, CommandIntent, IntentActor, Intent } from '../../conversation/intents.js';
import type { ChatPoster } from '../../conversation/chat-poster.js';
import type { View } from '../../conversation/views.js';
import { attachmentOrigins, discordAttachmentDownloader, type FileDownloader } from './attachment-download.js';
import { autocompleteChoices } from './autocomplete.js';
import { PLAN_COMMAND_NAME } from './command-definition.js';
import { attachedFile, parsePlanOptions, type AttachedFile } from './command-options.js';
import { decodeCustomId, encodeRerunId } from './custom-ids.js';
import { reopenedForm } from './form-replies.js';
import { formSteps, stepToOpen } from './form-steps.js';
import { actorOf, answersPrivately, discordIdentity } from './identity.js';
import {
  respondFirst,
  sendAfterDefer,
  sendAfterUpdate,
  sendPrivateNotice,
  type Repliable,
  type ReplyContext,
} from './interaction-replies.js';
import { modalValues } from './modal-values.js';
import { progressFollowUp, progressInPlaceholder } from './progress-reply.js';
import { noticePayload } from './render-message.js';
import { renderModal } from './render-modal.js';
import { WorkSlotsFullError, createWorkSlots } from './work-slots.js';

export type InteractionHandlerDeps = {
  /** The core; its `commands` (default the app's) say which answers are private and which are forms. */
  readonly conversation: { handle(intent: Intent, options?: HandleOptions): Promise<View[]>; readonly commands?: CommandRegistry };
  readonly logger: Logger;
  /** How long to wait for a form before deferring instead (Discord allows 3 s in all). */
  readonly modalDeadlineMs: number;
  /** How many intents the core works on at once (see work-slots.ts). */
  readonly maxConcurrentWork: number;
  /**
   * Posts a view that names its plan's own target (`postTo`: Week 1 after Confirm) when that is not
   * where the button was pressed. Without it, such views are answered here like any other.
   */
  readonly poster?: ChatPoster;
  /** Fetches a file attached to `/plan log file:`; default: from Discord's attachment hosts only. */
  readonly download?: FileDownloader;
};

const STALE = 'That button or form is no longer active. Start again with /plan.';
const UNREADABLE = 'That form could not be read. Please open it again and resend it.';
const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';
const UNOPENED_FILE = 'I could not open that file from Discord; attach it again to /plan log.';

/** Whether the core will most likely answer `intent` with a form (a modal). */
export function expectsForm(intent: Intent, commands: CommandRegistry = COMMANDS): boolean {
  if (intent.kind === 'command') return commands.answersWithForm(intent.command);
  return intent.kind === 'button' && buttonOpensForm(intent.actionId);
}

function sourceOf(interaction: Repliable) {
  // Installed to the guild: the owners name the guild under GuildInstall ("0"). Without the field
  // (an older client), a guild interaction is taken as a guild install, as before user installs.
  const owners: AuthorizingIntegrationOwners | null = interaction.authorizingIntegrationOwners ?? null;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    context: interaction.context ?? null,
    guildInstalled: owners === null || owners[ApplicationIntegrationType.GuildInstall] !== undefined,
    // Discord sends the member's permissions in this channel with every interaction (Administrator included).
    channelAdmin: interaction.memberPermissions?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]) === true,
  };
}

/** The bot's own DM with the user; a group DM or someone else's DM (context 2) is not it. */
function inBotDm(interaction: Repliable): boolean {
  return interaction.context === null || interaction.context === undefined
    ? interaction.guildId === null
    : interaction.context === InteractionContextType.BotDM;
}

function privateFlags(ephemeral: boolean): { flags?: MessageFlags.Ephemeral } {
  return ephemeral ? { flags: MessageFlags.Ephemeral } : {};
}

export function createInteractionHandler(deps: InteractionHandlerDeps): (interaction: Interaction) => Promise<void> {
  const { logger } = deps;
  const commands = deps.conversation.commands ?? COMMANDS;
  const slots = createWorkSlots(deps.maxConcurrentWork);
  const download = deps.download ?? discordAttachmentDownloader(attachmentOrigins(undefined));
  // `onProgress`: where a slow answer's progress line goes (progress-reply.ts).
  const core = (intent: Intent, lane: 'fast' | 'normal' = 'normal', onProgress?: ProgressListener): Promise<View[]> =>
    slots.run(() => deps.conversation.handle(intent, onProgress ? { onProgress } : {}), lane);

  /**
   * Posts the views meant for the plan's own target (Week 1 to the club channel) there, when that
   * is not the conversation the button was pressed in, and returns the views to answer here. A
   * target that refuses the post (the bot lost access since the choice was checked) is logged and
   * the view is answered here instead, so the athlete still gets their week.
   */
  async function postElsewhere(interaction: ButtonInteraction, owner: string, views: readonly View[]): Promise<View[]> {
    const poster = deps.poster;
    if (poster === undefined) return [...views];
    const here: View[] = [];
    for (const view of views) {
      const postTo = view.kind === 'message' ? view.postTo : undefined;
      const inDm = inBotDm(interaction);
      const alreadyHere =
        postTo === undefined ||
        (postTo.target === 'channel' ? postTo.channelId === interaction.channelId : inDm) ||
        (postTo.target === 'channel' && postTo.channelId === null);
      if (alreadyHere || view.kind !== 'message') {
        here.push(view);
        continue;
      }
      try {
        await poster.post({ owner, target: postTo.target, channelId: postTo.channelId }, view);
      } catch (error) {
        logger.warn(
          { err: error, interaction: interaction.id, target: postTo.target },
          "discord: the plan's target refused its week; answered here",
        );
        here.push(view);
      }
    }
    return here;
  }

  /** The core's answer if it comes within the time left for a modal, else undefined. */
  async function withinDeadline(pending: Promise<View[]>, startedAt: number): Promise<View[] | undefined> {
    const left = deps.modalDeadlineMs - (performance.now() - startedAt);
    if (left <= 0) return undefined;
    const timer = new AbortController();
    try {
      return await Promise.race([pending, delay(left, undefined, { signal: timer.signal }).catch(() => undefined)]);
    } finally {
      timer.abort();
    }
  }

  /** Asks the core for what is probably a form, answering with the modal when it comes in time. */
  async function answerWithForm(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    intent: Intent,
    context: ReplyContext,
    startedAt: number,
  ): Promise<void> {
    const pending = core(intent, 'fast');
    const views = await withinDeadline(pending, startedAt);
    if (views !== undefined) {
      await respondFirst(interaction, views, context);
      return;
    }
    logger.warn({ interaction: interaction.id, intent: intent.kind }, 'discord: form not ready in time for a modal; deferring');
    await slots.acknowledge(interaction.deferReply(privateFlags(true)));
    await sendAfterDefer(interaction, await pending, context, true);
  }

  async function runCommand(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    intent: CommandIntent,
    startedAt: number,
    step = 1,
  ): Promise<void> {
    const { name, positional } = intent.command;
    const context: ReplyContext = {
      again: encodeRerunId(name === 'unknown' ? 'help' : name, positional[0] ?? null, step),
      requestedStep: step,
      privateOnly: answersPrivately(sourceOf(interaction)),
    };
    if (expectsForm(intent, commands)) {
      await answerWithForm(interaction, intent, context, startedAt);
      return;
    }
    // A personal answer is deferred privately, so a server channel never sees it.
    const ephemeral = commands.isPrivate(name) || context.privateOnly;
    await slots.acknowledge(interaction.deferReply(privateFlags(ephemeral)));
    await sendAfterDefer(interaction, await core(intent, 'normal', progressInPlaceholder(interaction)), context, ephemeral);
  }

  async function onCommand(interaction: ChatInputCommandInteraction, startedAt: number): Promise<void> {
    if (interaction.commandName !== PLAN_COMMAND_NAME) {
      await sendPrivateNotice(interaction, STALE);
      return;
    }
    const actor = actorOf(sourceOf(interaction));
    const command = parsePlanOptions(interaction.options.data, commands);
    const file = attachedFile(interaction.options.data, interaction.options.resolved?.attachments, commands);
    if (file !== undefined) {
      await logAttachedFile(interaction, actor, command.name, file);
      return;
    }
    // Discord resolves the people an option mentions, each with its `bot` flag: a club's admin list refuses bots.
    const namedBots = [...(interaction.options.resolved?.users?.values() ?? [])].filter((u) => u.bot).map((u) => discordIdentity(u.id));
    const intent: CommandIntent = {
      kind: 'command',
      actor,
      command,
      requestId: interaction.id,
      ...(namedBots.length > 0 ? { namedBots } : {}),
    };
    await runCommand(interaction, intent, startedAt);
  }

  /**
   * A run's file attached to the command. Answered like Slack's DM: a normal message in the DM
   * with the bot, private anywhere else (a server channel does not see the athlete's runs). A
   * link off Discord's attachment hosts is never fetched.
   */
  async function logAttachedFile(
    interaction: ChatInputCommandInteraction,
    actor: IntentActor,
    commandName: string,
    file: AttachedFile | 'unreadable',
  ): Promise<void> {
    if (file === 'unreadable' || !download.allows(file.url)) {
      // The host only: a signed link's query is a credential for the file.
      const host = file !== 'unreadable' && URL.canParse(file.url) ? new URL(file.url).host : null;
      logger.warn({ interaction: interaction.id, host }, "discord: an attached file was unreadable or off Discord's attachment hosts");
      await sendPrivateNotice(interaction, UNOPENED_FILE);
      return;
    }
    const privateOnly = answersPrivately(sourceOf(interaction));
    const ephemeral = privateOnly || !inBotDm(interaction);
    const context: ReplyContext = { again: encodeRerunId(commandName, null, 1), requestedStep: null, privateOnly };
    await slots.acknowledge(interaction.deferReply(privateFlags(ephemeral)));
    const intent: ActivityFileIntent = {
      kind: 'activity-file',
      actor,
      filename: file.name,
      // As Discord states it: over 25 MB is refused before any download.
      size: file.size,
      read: () => download.download(file.url, MAX_ACTIVITY_FILE_BYTES),
    };
    await sendAfterDefer(interaction, await core(intent, 'normal', progressInPlaceholder(interaction)), context, ephemeral);
  }

  async function onButton(interaction: ButtonInteraction, startedAt: number): Promise<void> {
    const id = decodeCustomId(interaction.customId, commands);
    if (id === undefined || id.kind === 'modal') {
      await sendPrivateNotice(interaction, STALE);
      return;
    }
    const actor = actorOf(sourceOf(interaction));
    switch (id.kind) {
      case 'reopen': {
        // Rebuilt from the id alone: no database work, so the modal is the immediate answer.
        const form = reopenedForm(id);
        if (form) await interaction.showModal(renderModal(form, stepToOpen(form, id.step)));
        else await sendPrivateNotice(interaction, STALE);
        return;
      }
      case 'rerun': {
        const command = {
          name: id.command,
          args: {},
          positional: id.arg === null ? [] : [id.arg],
          raw: `/plan ${id.command}${id.arg === null ? '' : ` ${id.arg}`}`,
        };
        await runCommand(interaction, { kind: 'command', actor, command, requestId: interaction.id }, startedAt, id.step);
        return;
      }
      case 'button': {
        const intent: Intent = { kind: 'button', actor, actionId: id.actionId, planId: id.planId, value: id.value };
        const step = id.actionId === PLAN_EDIT_DRAFT_ACTION && id.value !== null ? Number(id.value) : null;
        const context: ReplyContext = {
          again: interaction.customId,
          requestedStep: Number.isInteger(step) ? step : null,
          privateOnly: answersPrivately(sourceOf(interaction)),
        };
        if (expectsForm(intent, commands)) {
          await answerWithForm(interaction, intent, context, startedAt);
          return;
        }
        await slots.acknowledge(interaction.deferUpdate());
        const progress = progressFollowUp(interaction, logger);
        const views = await core(intent, 'normal', progress.onProgress);
        await sendAfterUpdate(interaction, await postElsewhere(interaction, actor.identity, views), context);
        await progress.remove();
        return;
      }
    }
  }

  async function onModal(interaction: ModalSubmitInteraction): Promise<void> {
    const id = decodeCustomId(interaction.customId, commands);
    const spec = id?.kind === 'modal' ? formSpec(id.formId) : undefined;
    if (id?.kind !== 'modal' || spec === undefined) {
      await sendPrivateNotice(interaction, STALE);
      return;
    }
    // The form's shape (its fields and so its steps); field ids do not depend on the units.
    const shape = { formId: spec.id, fields: spec.fields('mi') };
    const parsed = modalValues(
      interaction.components,
      shape.fields.map((f) => f.id),
    );
    if (!parsed.ok) {
      logger.warn({ interaction: interaction.id, form: id.formId, problem: parsed.error }, 'discord: unreadable modal submission');
      await sendPrivateNotice(interaction, UNREADABLE);
      return;
    }
    const actor = actorOf(sourceOf(interaction));
    // A draft's last step (or a fix) usually ends in the preview, which the channel may see; the
    // draft's first step, a log and settings are the user's own. A new club's card (a one-step
    // form with no plan) is the channel's.
    const privateOnly = answersPrivately(sourceOf(interaction));
    const ephemeral = !spec.sharedAnswer || (spec.savesDraft && id.planId === null && id.step === 1) || privateOnly;
    const rerun = commands.commandOfForm(spec.id)?.name ?? 'help';
    const context: ReplyContext = {
      again: encodeRerunId(rerun, null, id.step),
      requestedStep: id.step,
      privateOnly,
    };
    await slots.acknowledge(interaction.deferReply(privateFlags(ephemeral)));
    const views = await core(
      { kind: 'form', actor, formId: id.formId, planId: id.planId, values: parsed.values, requestId: interaction.id },
      'normal',
      progressInPlaceholder(interaction),
    );
    // A form other than the draft (settings) has independent steps: each is saved on its own, and
    // after one is saved the next is offered. The draft's steps are driven by what it still needs.
    const steps = formSteps(shape).length;
    // Saved only when the core answered with neither the form again nor a private notice (a
    // problem: the chosen channel cannot be reached, not your plan).
    const saved = views.every((v) => v.kind === 'message' && !v.ephemeral);
    const next =
      !spec.savesDraft && id.step < steps && saved
        ? [
            noticePayload(
              `Step ${id.step} of ${steps} saved. More in step ${id.step + 1}.`,
              [{ customId: encodeRerunId(rerun, null, id.step + 1), label: 'Continue', style: 'primary' }],
              true,
            ),
          ]
        : [];
    await sendAfterDefer(interaction, views, context, ephemeral, next);
  }

  async function apologize(interaction: Repliable, text = APOLOGY): Promise<void> {
    try {
      await sendPrivateNotice(interaction, text);
    } catch (error) {
      logger.warn({ err: error, interaction: interaction.id }, 'discord: could not send the apology either');
    }
  }

  /** Suggestions as the user types an option: computed in memory, answered at once. */
  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const choices =
      interaction.commandName === PLAN_COMMAND_NAME ? autocompleteChoices(interaction.options.data, interaction.locale, commands) : [];
    try {
      await interaction.respond(choices);
    } catch (error) {
      // Typing on outdates the request; nothing to tell the user, who sees the next answer.
      logger.debug({ err: error, interaction: interaction.id }, 'discord: autocomplete answer not delivered');
    }
  }

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const startedAt = performance.now();
    if (interaction.isAutocomplete()) {
      await onAutocomplete(interaction);
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction, startedAt);
      else if (interaction.isButton()) await onButton(interaction, startedAt);
      else await onModal(interaction);
    } catch (error) {
      if (error instanceof WorkSlotsFullError) {
        // Overload, not a bug: a warning, and the user is told to come back.
        logger.warn(
          { interaction: interaction.id, user: interaction.user.id },
          'discord: work slots full; told the user the coach is busy',
        );
        await apologize(interaction, BUSY_REPLY);
        return;
      }
      logger.error(
        {
          err: error,
          interaction: interaction.id,
          kind: interaction.isChatInputCommand() ? 'command' : interaction.isButton() ? 'button' : 'modal',
          customId: interaction.isChatInputCommand() ? undefined : interaction.customId,
          user: interaction.user.id,
          guild: interaction.guildId,
        },
        'discord interaction failed',
      );
      await apologize(interaction);
    }
  };
}
