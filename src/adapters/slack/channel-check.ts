/**
 * Can the app post in a channel chosen for a plan's weeks? `conversations.info` tells: a public
 * channel is fine even unjoined (`chat:write.public`); a private one only when the app is a member
 * (Slack answers `channel_not_found` for a private channel the app is not in); an archived one
 * never. The answer is the one sentence a person needs to fix it, or null.
 */
import { webApi } from '@slack/bolt';

const INVITE = 'invite me with /invite @GoFast Coach, or choose a direct message.';

type ChannelInfo = { name?: string; is_archived?: boolean; is_private?: boolean; is_mpim?: boolean; is_member?: boolean };

export async function channelProblem(client: webApi.WebClient, channelId: string): Promise<string | null> {
  let channel: ChannelInfo | undefined;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    if (!(error instanceof webApi.WebAPIPlatformError)) throw error;
    const code = error.data.error;
    if (code === 'channel_not_found') return `I can't post in this channel: it is a private channel I am not in — ${INVITE}`;
    if (code === 'missing_scope') return `I can't post in this conversation: I am not allowed to see it — ${INVITE}`;
    throw error;
  }
  const name = channel?.name ? `#${channel.name}` : 'this channel';
  if (channel?.is_archived === true) return `I can't post in ${name}: it is archived — choose a direct message or another channel.`;
  if (channel?.is_mpim === true && channel.is_member !== true)
    return `I can't post in this group conversation: I am not in it — choose a direct message or a channel.`;
  if (channel?.is_private === true && channel.is_member !== true) return `I can't post in ${name}: it is a private channel — ${INVITE}`;
  return null;
}
