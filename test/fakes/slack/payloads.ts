/**
 * Payload fixtures in Slack's real formats: the slash command's form fields, `block_actions` for a
 * button on a message or the Home tab, `view_submission` whose `state.values` is filled the way the
 * Slack client fills the modal the app opened (each element's own state shape), and the
 * `app_home_opened` event callback.
 */
import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

export type SlackPerson = { readonly teamId: string; readonly userId: string; readonly name: string; readonly tz: string | null };

let sequence = 0;

/** A fresh trigger id, shaped like Slack's (`12345.98765.abcd2358fdea`). */
function triggerId(): string {
  sequence += 1;
  return `${1000 + sequence}.${Date.now()}.${randomBytes(8).toString('hex')}`;
}

export function slashCommand(
  person: SlackPerson,
  options: { text: string; channelId: string; channelName: string; responseUrl: string; command?: string },
): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: person.teamId,
    team_domain: 'gofast-test',
    channel_id: options.channelId,
    channel_name: options.channelName,
    user_id: person.userId,
    user_name: person.name,
    command: options.command ?? '/plan',
    text: options.text,
    api_app_id: 'A0GOFAST',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: triggerId(),
  };
}

function userOf(person: SlackPerson): Json {
  return { id: person.userId, username: person.name, name: person.name, team_id: person.teamId };
}

/** Every button element (type `button`) in a list of blocks, in order. */
export function buttonsIn(blocks: readonly unknown[]): Json[] {
  return blocks.flatMap((block) => {
    const b = block as Json;
    const elements = b.type === 'actions' && Array.isArray(b.elements) ? (b.elements as Json[]) : [];
    return elements.filter((e) => e.type === 'button');
  });
}

export function findButton(blocks: readonly unknown[], actionId: string, label?: string): Json {
  const found = buttonsIn(blocks).find((b) => b.action_id === actionId && (label === undefined || (b.text as Json).text === label));
  if (!found) throw new Error(`no button ${actionId}${label ? ` "${label}"` : ''} in the blocks`);
  return found;
}

/** The overflow menus (a day's Not today / Move…) in a message's blocks. */
export function overflowsIn(blocks: readonly unknown[]): Json[] {
  return blocks.flatMap((block) => {
    const b = block as Json;
    const elements = b.type === 'actions' && Array.isArray(b.elements) ? (b.elements as Json[]) : [];
    return elements.filter((e) => e.type === 'overflow');
  });
}

/** A `block_actions` payload choosing the option labelled `label` of `overflow`, as Slack sends it. */
export function overflowChoice(person: SlackPerson, overflow: Json, label: string, source: ButtonSource, responseUrl?: string): Json {
  const options = Array.isArray(overflow.options) ? (overflow.options as Json[]) : [];
  const option = options.find((o) => (o.text as Json).text === label);
  if (!option) throw new Error(`no option "${label}" in the overflow menu`);
  const payload = blockActions(person, overflow, source, responseUrl);
  const action = {
    type: 'overflow',
    action_id: overflow.action_id,
    block_id: 'b1',
    selected_option: option,
    action_ts: `${Date.now() / 1000}`,
  };
  return { ...payload, actions: [action] };
}

export type ButtonSource =
  | { readonly kind: 'message'; readonly channelId: string; readonly channelName: string; readonly ts: string }
  | { readonly kind: 'home'; readonly viewId: string };

export function blockActions(person: SlackPerson, button: Json, source: ButtonSource, responseUrl?: string): Json {
  const action = {
    type: 'button',
    action_id: button.action_id,
    block_id: 'b1',
    text: button.text,
    value: button.value,
    action_ts: `${Date.now() / 1000}`,
  };
  const common = {
    type: 'block_actions',
    user: userOf(person),
    api_app_id: 'A0GOFAST',
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    team: { id: person.teamId, domain: 'gofast-test' },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [action],
  };
  if (source.kind === 'home') {
    return {
      ...common,
      container: { type: 'view', view_id: source.viewId },
      view: { id: source.viewId, type: 'home', team_id: person.teamId },
    };
  }
  return {
    ...common,
    container: { type: 'message', message_ts: source.ts, channel_id: source.channelId, is_ephemeral: false },
    channel: { id: source.channelId, name: source.channelName },
    message: { type: 'message', ts: source.ts, user: 'UBOT', bot_id: 'BBOT' },
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
}

type Answer = string | readonly string[] | null;

/** One input's state, in the shape Slack uses for that element type. */
function elementState(element: Json, answer: Answer | undefined): Json {
  const type = String(element.type);
  const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
  const pick = (value: string) => {
    const option = options.find((o) => o.value === value);
    if (!option) throw new Error(`no option ${value} in ${String(element.action_id)}`);
    return option;
  };
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
      return { type, value: answer === undefined ? (element.initial_value ?? null) : answer === null ? null : String(answer) };
    case 'datepicker':
      return { type, selected_date: answer === undefined ? (element.initial_date ?? null) : answer };
    case 'static_select':
    case 'radio_buttons':
      return {
        type,
        selected_option: answer === undefined ? (element.initial_option ?? null) : answer === null ? null : pick(String(answer)),
      };
    case 'checkboxes':
    case 'multi_static_select': {
      const chosen =
        answer === undefined
          ? ((element.initial_options as Json[] | undefined) ?? [])
          : answer === null
            ? []
            : (typeof answer === 'string' ? answer.split(',') : answer).map(pick);
      return { type, selected_options: chosen };
    }
    default:
      throw new Error(`the fixture does not fill ${type}`);
  }
}

/**
 * A submission of `view` (the modal the app opened, as the fake recorded it, with the id Slack gave
 * it), answered with `answers` by field id; unanswered inputs keep their initial values.
 */
function stateValues(view: Json, answers: Readonly<Record<string, Answer>>): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    values[String(block.block_id)] = { [String(element.action_id)]: elementState(element, answers[String(block.block_id)]) };
  }
  return values;
}

/**
 * What Slack sends when a value is entered in an input with `dispatch_action` (Enter in a text
 * input, a choice in a select or radio): `block_actions` from the modal, with the whole view and
 * its state, `answers` filled in as in `viewSubmission`, and the action of `fieldId`.
 */
export function fieldAction(
  person: SlackPerson,
  view: Json,
  viewId: string,
  fieldId: string,
  answers: Readonly<Record<string, Answer>>,
): Json {
  const values = stateValues(view, answers);
  const block = ((view.blocks as Json[]) ?? []).find((b) => b.type === 'input' && b.block_id === fieldId);
  if (!block) throw new Error(`no input ${fieldId} in the modal`);
  if (block.dispatch_action !== true) throw new Error(`the input ${fieldId} does not dispatch actions`);
  const element = block.element as Json;
  const state = (values[fieldId] as Json)[String(element.action_id)] as Json;
  return {
    type: 'block_actions',
    user: userOf(person),
    api_app_id: 'A0GOFAST',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: viewId },
    trigger_id: triggerId(),
    team: { id: person.teamId, domain: 'gofast-test' },
    enterprise: null,
    is_enterprise_install: false,
    view: {
      ...view,
      id: viewId,
      team_id: person.teamId,
      state: { values },
      hash: `${Date.now()}.abc`,
      root_view_id: viewId,
      app_id: 'A0GOFAST',
      bot_id: 'BBOT',
    },
    actions: [{ ...state, action_id: element.action_id, block_id: fieldId, action_ts: `${Date.now() / 1000}` }],
  };
}

export function viewSubmission(person: SlackPerson, view: Json, viewId: string, answers: Readonly<Record<string, Answer>>): Json {
  const values = stateValues(view, answers);
  return {
    type: 'view_submission',
    team: { id: person.teamId, domain: 'gofast-test' },
    user: userOf(person),
    api_app_id: 'A0GOFAST',
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    view: {
      ...view,
      id: viewId,
      team_id: person.teamId,
      state: { values },
      hash: `${Date.now()}.abc`,
      root_view_id: viewId,
      app_id: 'A0GOFAST',
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function appHomeOpened(person: SlackPerson, dmChannelId: string): Json {
  return {
    token: 'legacy-verification-token',
    team_id: person.teamId,
    api_app_id: 'A0GOFAST',
    event: { type: 'app_home_opened', user: person.userId, channel: dmChannelId, tab: 'home', event_ts: `${Date.now() / 1000}` },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: person.teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/**
 * A `message.im` event: `text` typed in the app's DM (its Messages tab). `bot` makes it a bot's
 * message (`bot_id`, subtype `bot_message`), `edited` an edit (`message_changed`).
 */
export function directMessage(
  person: SlackPerson,
  text: string,
  options: { readonly channelId: string; readonly bot?: boolean; readonly edited?: boolean },
): Json {
  sequence += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
  const base = { type: 'message', channel: options.channelId, channel_type: 'im', event_ts: ts, ts };
  const event = options.bot
    ? { ...base, subtype: 'bot_message', bot_id: 'BOTHER', text }
    : options.edited
      ? { ...base, subtype: 'message_changed', message: { type: 'message', user: person.userId, text, ts }, hidden: true }
      : { ...base, user: person.userId, text, client_msg_id: randomBytes(8).toString('hex'), team: person.teamId };
  return {
    token: 'legacy-verification-token',
    team_id: person.teamId,
    api_app_id: 'A0GOFAST',
    event,
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: person.teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
