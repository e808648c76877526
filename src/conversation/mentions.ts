/**
 * How the coach names a person in chat: the mention the chat platforms render as the person's name
 * (`<@U123>` on Slack and Discord alike), made from the identity's user id — never the raw identity
 * (`slack:T1:U123`), which means nothing to the people reading.
 */
export function mentionOf(identity: string): string {
  return `<@${userIdOf(identity)}>`;
}

/**
 * The identity's user id alone (`U123`): how a page outside chat names a person — no more than a
 * mention in chat carries, and no workspace.
 */
export function userIdOf(identity: string): string {
  return identity.slice(identity.lastIndexOf(':') + 1);
}
