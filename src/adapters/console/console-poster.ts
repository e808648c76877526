/**
 * The console's `ChatPoster`: weeks the scheduler delivers to a console plan are printed into the
 * terminal session, the way a DM would arrive in Slack or Discord.
 */
import { DeliveryError, type ChatPoster, type PostTarget } from '../../conversation/chat-poster.js';
import type { MessageView } from '../../conversation/views.js';
import { CONSOLE_PLATFORM } from './platform.js';
import { renderConsoleView } from './render-console.js';

/**
 * A failed write in the core's vocabulary. Every one is `transient`: the terminal went away
 * (EPIPE, a destroyed or ended stream) and the athlete is back with the next session, so a
 * console plan is tried again later and never paused. Node's code is the `detail`.
 */
export function consoleDeliveryError(error: unknown): DeliveryError {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  return new DeliveryError('transient', typeof code === 'string' ? code : 'unknown', `could not write to the terminal: ${text}`);
}

export function createConsolePoster(output: NodeJS.WritableStream): ChatPoster {
  let count = 0;
  return {
    platform: CONSOLE_PLATFORM.name,
    async post(_target: PostTarget, view: MessageView) {
      // A closed stream drops writes without throwing: the week would be recorded as posted unseen.
      if (!output.writable)
        throw consoleDeliveryError(Object.assign(new Error('the terminal is closed'), { code: 'ERR_STREAM_DESTROYED' }));
      try {
        output.write(`\n${renderConsoleView(view).text}\n`);
      } catch (error) {
        throw consoleDeliveryError(error);
      }
      count += 1;
      return { messageRef: `console:${count}` };
    },
  };
}
