/**
 * INTERACTION_CREATE payloads in Discord's documented shapes (API v10): a chat input command with
 * a subcommand and its options (type 2; the users its options mention in `data.resolved.users`,
 * each with its `bot` flag, and the files attached to its attachment options in
 * `data.resolved.attachments`), a button click (type 3, component_type 2, with the message
 * clicked on) and a modal submission (type 5) whose fields come Label-wrapped, as Discord sends
 * them for modals built from Label components, and an autocomplete request (type 4) with the
 * option being typed marked `focused`. In a guild the user comes as `member.user`, with their permissions in the channel; in a DM as
 * `user`, with the DM channel; in someone else's DM or a group DM (`private`, context 2: reachable
 * only when the user installed the app to their account) as `user`, with no guild and the app
 * authorized by the user alone.
 */
import type { FakeAttachment } from './fake-discord-rest.js';
import { interactionToken, snowflake } from './snowflakes.js';

type Json = Record<string, unknown>;

/** `bot`: an app's bot user (Discord's `user.bot`). */
export type FakeUser = { readonly id: string; readonly username: string; readonly bot?: boolean };

export type Place =
  | {
      readonly kind: 'guild';
      readonly guildId: string;
      readonly channelId: string;
      /** The member's permissions in the channel (a bit set as a decimal string); default: a plain member's. */
      readonly memberPermissions?: string;
    }
  | { readonly kind: 'dm'; readonly channelId: string }
  | { readonly kind: 'private'; readonly channelId: string };

export type CommandOption = {
  readonly name: string;
  readonly type: number;
  readonly value: string | number | boolean;
  /** The option being typed (autocomplete requests only). */
  readonly focused?: boolean;
  /** The users its value mentions (`<@id>`): Discord resolves them into the command's `resolved.users`. */
  readonly mentions?: readonly FakeUser[];
  /** The file an attachment option (type 11) carries: its value is the file's id, the file goes in `resolved.attachments`. */
  readonly attachment?: FakeAttachment;
};

/** Option types: 3 string, 4 integer, 10 number, 11 attachment. */
export const OPTION_TYPES = { string: 3, integer: 4, number: 10, attachment: 11 } as const;

export function fakeUser(username: string): FakeUser {
  return { id: snowflake(), username };
}

function apiUser(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.username,
    avatar: null,
    public_flags: 0,
    ...(user.bot === true ? { bot: true } : {}),
  };
}

/** A plain member's permissions: everything but Administrator, Manage Channels and Manage Server. */
const ALL_PERMISSIONS = '2248473465835073';
/** Manage Channels (1 << 4) on top of a plain member's. */
export const MANAGE_CHANNELS_PERMISSIONS = (BigInt(ALL_PERMISSIONS) | (1n << 4n)).toString();

function base(applicationId: string, type: number, user: FakeUser, place: Place, locale = 'en-US'): Json {
  const common: Json = {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: interactionToken(),
    version: 1,
    locale,
    app_permissions: ALL_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: place.channelId,
  };
  if (place.kind === 'guild') {
    return {
      ...common,
      guild_id: place.guildId,
      guild_locale: 'en-US',
      context: 0,
      authorizing_integration_owners: { '0': place.guildId },
      channel: {
        id: place.channelId,
        type: 0,
        guild_id: place.guildId,
        name: 'running-club',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
        permissions: ALL_PERMISSIONS,
      },
      member: {
        user: apiUser(user),
        roles: [],
        joined_at: '2026-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
        permissions: place.memberPermissions ?? ALL_PERMISSIONS,
      },
    };
  }
  if (place.kind === 'private') {
    return {
      ...common,
      context: 2,
      authorizing_integration_owners: { '1': user.id },
      channel: { id: place.channelId, type: 3, last_message_id: null, flags: 0, recipients: [apiUser(user)], name: null },
      user: apiUser(user),
    };
  }
  return {
    ...common,
    context: 1,
    authorizing_integration_owners: { '0': '0' },
    channel: { id: place.channelId, type: 1, last_message_id: null, flags: 0, recipients: [apiUser(user)] },
    user: apiUser(user),
  };
}

export function chatInputInteraction(o: {
  applicationId: string;
  commandId: string;
  user: FakeUser;
  place: Place;
  subcommand: string;
  options?: readonly CommandOption[];
}): Json {
  const options = (o.options ?? []).map(({ mentions: _mentions, attachment: _attachment, ...option }) => option);
  const mentioned = (o.options ?? []).flatMap((option) => option.mentions ?? []);
  const attached = (o.options ?? []).flatMap((option) => (option.attachment === undefined ? [] : [option.attachment]));
  const resolved = {
    ...(mentioned.length > 0 ? { users: Object.fromEntries(mentioned.map((u) => [u.id, apiUser(u)])) } : {}),
    ...(attached.length > 0 ? { attachments: Object.fromEntries(attached.map((a) => [a.id, a])) } : {}),
  };
  return {
    ...base(o.applicationId, 2, o.user, o.place),
    data: {
      id: o.commandId,
      name: 'plan',
      type: 1,
      ...(o.place.kind === 'guild' ? { guild_id: o.place.guildId } : {}),
      options: [{ name: o.subcommand, type: 1, options }],
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    },
  };
}

/** The user typing the `focused` option of `/plan <subcommand>` (type 4), in their `locale`. */
export function autocompleteInteraction(o: {
  applicationId: string;
  commandId: string;
  user: FakeUser;
  place: Place;
  subcommand: string;
  options: readonly CommandOption[];
  locale?: string;
}): Json {
  return {
    ...base(o.applicationId, 4, o.user, o.place, o.locale),
    data: {
      id: o.commandId,
      name: 'plan',
      type: 1,
      ...(o.place.kind === 'guild' ? { guild_id: o.place.guildId } : {}),
      options: [{ name: o.subcommand, type: 1, options: o.options }],
    },
  };
}

export function buttonInteraction(o: { applicationId: string; user: FakeUser; place: Place; customId: string; message: Json }): Json {
  return {
    ...base(o.applicationId, 3, o.user, o.place),
    data: { custom_id: o.customId, component_type: 2 },
    message: o.message,
  };
}

export type ModalField =
  { readonly customId: string; readonly value: string } | { readonly customId: string; readonly values: readonly string[] };

export function modalSubmitInteraction(o: {
  applicationId: string;
  user: FakeUser;
  place: Place;
  customId: string;
  fields: readonly ModalField[];
  message?: Json;
}): Json {
  let id = 0;
  return {
    ...base(o.applicationId, 5, o.user, o.place),
    data: {
      custom_id: o.customId,
      components: o.fields.map((f) => {
        id += 2;
        const component =
          'value' in f
            ? { type: 4, id: id, custom_id: f.customId, value: f.value }
            : { type: 3, id: id, custom_id: f.customId, values: [...f.values] };
        return { type: 18, id: id - 1, component };
      }),
    },
    ...(o.message ? { message: o.message } : {}),
  };
}
