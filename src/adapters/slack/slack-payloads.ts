/**
 * zod schemas for everything Slack sends us, in its documented shapes: the slash command body, the
 * `block_actions` and `view_submission` interaction payloads, and the `app_home_opened` event. Each
 * listener parses its body here first; a payload that does not match is logged and ignored, never
 * trusted and never a crash. Only the fields we use are declared (zod drops the rest).
 */
import { z } from 'zod';

const id = z.string().min(1);

export const slashCommandSchema = z.object({
  command: id,
  text: z.string().default(''),
  team_id: id,
  user_id: id,
  channel_id: id,
  /** `directmessage` in a DM, `privategroup` in a private channel, else the channel's name. */
  channel_name: z.string().optional(),
  trigger_id: id,
  response_url: z.string().min(1).optional(),
  /** The app's id: the link to its DM (`app_redirect`) names it. */
  api_app_id: z.string().min(1).optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;

const userSchema = z.object({ id, team_id: z.string().optional() });
const teamSchema = z.object({ id }).nullable().optional();

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: teamSchema,
  user: userSchema,
  channel: z.object({ id, name: z.string().optional() }).optional(),
  /** Where the button was: a message (`message_ts`, `channel_id`) or a view (`view_id`). */
  container: z.object({
    type: z.string(),
    message_ts: z.string().optional(),
    channel_id: z.string().optional(),
    view_id: z.string().optional(),
  }),
  view: z.object({ id, type: z.string() }).optional(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  actions: z
    .array(
      z.object({
        type: z.string(),
        action_id: id,
        value: z.string().optional(),
        /** The option chosen in an overflow menu (a day's Not today / Move…). */
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});
export type BlockActionsPayload = z.infer<typeof blockActionsSchema>;

/** One input's state: which key holds the value depends on the element type. */
export const elementStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  team: teamSchema,
  user: userSchema,
  trigger_id: z.string().optional(),
  view: z.object({
    id,
    type: z.literal('modal'),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), elementStateSchema)) }),
  }),
});
type ViewSubmissionPayload = z.infer<typeof viewSubmissionSchema>;
export type ViewStateValues = ViewSubmissionPayload['view']['state']['values'];

export const appHomeOpenedSchema = z.object({
  team_id: id,
  event: z.object({
    type: z.literal('app_home_opened'),
    user: id,
    /** The DM between the user and the app. */
    channel: id,
    tab: z.enum(['home', 'messages']).optional(),
  }),
});

/**
 * A `message.im` event: something typed in the app's DM (its Messages tab). Bots' messages, edits
 * and other subtypes carry `bot_id` or `subtype` and are not words to answer.
 */
export const directMessageSchema = z.object({
  team_id: id,
  event: z.object({
    type: z.literal('message'),
    channel_type: z.literal('im'),
    channel: id,
    user: z.string().optional(),
    text: z.string().default(''),
    ts: id,
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
  }),
});

/**
 * A `message.im` event with subtype `file_share`: files the person shared in the app's DM. Each
 * file as Slack describes it: its name, its size in bytes and the private download URL (fetched
 * with the bot token, scope `files:read`). A file Slack shows only by id (`file_access:
 * check_file_info`) has no URL and is passed over with a sentence.
 */
export const fileShareSchema = z.object({
  team_id: id,
  event: z.object({
    type: z.literal('message'),
    subtype: z.literal('file_share'),
    channel_type: z.literal('im'),
    channel: id,
    user: id,
    ts: id,
    bot_id: z.string().optional(),
    files: z
      .array(
        z.object({
          id,
          name: z.string().optional(),
          size: z.number().int().nonnegative().optional(),
          url_private_download: z.string().url().optional(),
        }),
      )
      .min(1),
  }),
});

export type SharedFile = z.infer<typeof fileShareSchema>['event']['files'][number];

/** The workspace of an interaction: the user's own team, else the payload's team. */
export function teamOf(payload: { user: { team_id?: string | undefined }; team?: { id: string } | null | undefined }): string | undefined {
  return payload.user.team_id ?? payload.team?.id ?? undefined;
}

/** The first few schema problems, for a log line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
