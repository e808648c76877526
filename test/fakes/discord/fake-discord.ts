/**
 * The fake REST API and the fake gateway started together, as one local Discord with a club guild
 * and channel: what tests and the benchmark drive. It acts as Discord's side of each exchange —
 * registering an interaction before dispatching it, so the REST fake can hold the bot to the 3 s
 * window; building a click from a message the bot posted; building a modal submission from the
 * modal the bot showed, the way a user who keeps what is pre-filled and changes some fields would.
 */
import { FakeDiscordRest, type FakeAttachment, type RecordedCall, type StoredMessage } from './fake-discord-rest.js';
import { FakeGateway } from './fake-gateway.js';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  fakeUser,
  modalSubmitInteraction,
  OPTION_TYPES,
  type CommandOption,
  type FakeUser,
  type ModalField,
  type Place,
} from './interaction-payloads.js';
import { snowflake } from './snowflakes.js';

type Json = Record<string, unknown>;

export type Dispatched = {
  readonly id: string;
  readonly token: string;
  /** `performance.now()` when the gateway sent it. */
  readonly at: number;
};

export type ShownModal = {
  readonly customId: string;
  readonly title: string;
  readonly components: readonly Json[];
  readonly call: RecordedCall;
};

export class FakeDiscord {
  readonly token = 'fake-bot-token.for-loopback-tests';
  readonly commandId = snowflake();

  private constructor(
    readonly rest: FakeDiscordRest,
    readonly gateway: FakeGateway,
    readonly applicationId: string,
    readonly guildId: string,
    readonly clubChannelId: string,
  ) {}

  static async start(options: { heartbeatIntervalMs?: number; globalPerSecond?: number } = {}): Promise<FakeDiscord> {
    const applicationId = snowflake();
    const guildId = snowflake();
    const botUser = {
      id: applicationId,
      username: 'GoFast Coach',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0,
    };
    const token = 'fake-bot-token.for-loopback-tests';
    const { globalPerSecond, ...gatewayOptions } = options;
    const rest = await FakeDiscordRest.start({
      token,
      applicationId,
      botUser,
      ...(globalPerSecond === undefined ? {} : { globalPerSecond }),
    });
    const gateway = await FakeGateway.start({ token, applicationId, botUser, guildIds: [guildId], ...gatewayOptions });
    rest.gatewayUrl = gateway.url;
    return new FakeDiscord(rest, gateway, applicationId, guildId, snowflake());
  }

  get apiUrl(): string {
    return this.rest.url;
  }

  user(name: string): FakeUser {
    return fakeUser(name);
  }

  /** The server's channel; `memberPermissions`: the acting member's there (default a plain member's). */
  club(channelId = this.clubChannelId, memberPermissions?: string): Place {
    return { kind: 'guild', guildId: this.guildId, channelId, ...(memberPermissions === undefined ? {} : { memberPermissions }) };
  }

  /** Someone else's DM or a group DM, where `user` installed the app to their account (context 2). */
  privateChannel(): Place {
    return { kind: 'private', channelId: snowflake() };
  }

  /** The user's DM channel with the bot (the one the bot opens for deliveries). */
  dm(user: FakeUser): Place {
    return { kind: 'dm', channelId: this.rest.dmChannelOf(user.id) ?? snowflake() };
  }

  private send(interaction: Json, sourceMessageId: string | null = null): Dispatched {
    const id = String(interaction.id);
    const token = String(interaction.token);
    const place = interaction as { channel_id: string; guild_id?: string; type: number };
    // Registered just before it goes out, so the 3 s window is measured from the dispatch.
    this.rest.registerInteraction({
      id,
      token,
      type: place.type,
      channelId: place.channel_id,
      guildId: place.guild_id ?? null,
      sourceMessageId,
      dispatchedAt: performance.now(),
    });
    const at = this.gateway.dispatchInteraction(interaction);
    return { id, token, at };
  }

  command(user: FakeUser, place: Place, subcommand: string, options: readonly CommandOption[] = []): Dispatched {
    return this.send(
      chatInputInteraction({ applicationId: this.applicationId, commandId: this.commandId, user, place, subcommand, options }),
    );
  }

  /**
   * `/plan <subcommand> <option>:` with `bytes` attached as `filename`, the way a user picks a file
   * in the command's attachment option; `size`: what Discord states, when a test makes it lie.
   */
  commandWithFile(
    user: FakeUser,
    place: Place,
    subcommand: string,
    option: string,
    file: { filename: string; bytes: Uint8Array; size?: number } | FakeAttachment,
  ): Dispatched {
    const attachment =
      'bytes' in file
        ? this.rest.hostAttachment(file.filename, file.bytes, {
            channelId: place.channelId,
            ...(file.size === undefined ? {} : { size: file.size }),
          })
        : file;
    return this.command(user, place, subcommand, [{ name: option, type: OPTION_TYPES.attachment, value: attachment.id, attachment }]);
  }

  /** The user typing the option marked `focused` of `/plan <subcommand>`, in their `locale`. */
  autocomplete(user: FakeUser, place: Place, subcommand: string, options: readonly CommandOption[], locale = 'en-US'): Dispatched {
    return this.send(
      autocompleteInteraction({ applicationId: this.applicationId, commandId: this.commandId, user, place, subcommand, options, locale }),
    );
  }

  /** Clicks the button of `message` whose label is `label` (or whose custom id is). */
  click(user: FakeUser, place: Place, message: StoredMessage, label: string): Dispatched {
    const buttons = message.components.flatMap((row) => (Array.isArray(row.components) ? (row.components as Json[]) : []));
    const button = buttons.find((b) => b.label === label) ?? buttons.find((b) => b.custom_id === label);
    if (!button)
      throw new Error(`no button "${label}" on message ${message.id}; buttons: ${buttons.map((b) => String(b.label)).join(', ')}`);
    return this.send(
      buttonInteraction({
        applicationId: this.applicationId,
        user,
        place,
        customId: String(button.custom_id),
        message: this.rest.apiMessage(message),
      }),
      message.id,
    );
  }

  /** Clicks a button given only by its custom id (a forged or stale click). */
  clickCustomId(user: FakeUser, place: Place, message: StoredMessage, customId: string): Dispatched {
    return this.send(
      buttonInteraction({ applicationId: this.applicationId, user, place, customId, message: this.rest.apiMessage(message) }),
      message.id,
    );
  }

  /**
   * Submits `modal` as a user would: every field comes back, pre-filled values kept unless
   * `changes` names the field (a string for a text input, a list for a select).
   */
  submit(user: FakeUser, place: Place, modal: ShownModal, changes: Readonly<Record<string, string | readonly string[]>> = {}): Dispatched {
    const fields: ModalField[] = modal.components.flatMap((c): ModalField[] => {
      if (c.type !== 18) return [];
      const inner = c.component as Json;
      const id = String(inner.custom_id);
      const change = changes[id];
      if (inner.type === 4)
        return [{ customId: id, value: typeof change === 'string' ? change : typeof inner.value === 'string' ? inner.value : '' }];
      const defaults = ((inner.options as Json[] | undefined) ?? []).filter((o) => o.default === true).map((o) => String(o.value));
      return [
        {
          customId: id,
          values: Array.isArray(change) ? [...(change as readonly string[])] : typeof change === 'string' ? [change] : defaults,
        },
      ];
    });
    return this.send(modalSubmitInteraction({ applicationId: this.applicationId, user, place, customId: modal.customId, fields }));
  }

  /** The modal shown in answer to `interaction`. */
  async modalFor(interaction: Dispatched, timeoutMs = 5000): Promise<ShownModal> {
    const call = await this.rest.waitForCall((c) => c.path.includes(`/${interaction.token}/callback`) && c.status !== 0, timeoutMs);
    const body = call.body as { type?: number; data?: Json };
    if (body.type !== 9 || !body.data) throw new Error(`expected a modal, got callback ${JSON.stringify(call.body)} (HTTP ${call.status})`);
    return {
      customId: String(body.data.custom_id),
      title: String(body.data.title),
      components: (body.data.components as Json[] | undefined) ?? [],
      call,
    };
  }

  /** The first answer call (callback) of an interaction. */
  callbackOf(interaction: Dispatched, timeoutMs = 5000): Promise<RecordedCall> {
    return this.rest.waitForCall((c) => c.path.includes(`/${interaction.token}/callback`) && c.status !== 0, timeoutMs);
  }

  /** Waits until the interaction's answer is complete: a webhook edit, follow-up or delete after the deferral. */
  async answered(
    interaction: Dispatched,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    return this.rest.waitForCall(
      (c) => c.path.includes(`/webhooks/`) && c.path.includes(`/${interaction.token}`) && c.status !== 0 && predicate(c),
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await this.gateway.close();
    await this.rest.close();
  }
}

export type { StoredMessage, RecordedCall, FakeAttachment };
