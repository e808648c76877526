/**
 * The console's `ChatPoster`: weeks the scheduler delivers to a console plan are printed into the
 * terminal session, the way a DM would arrive in Slack or Discord.
 */
import type { ChatPoster, PostTarget } from '../../conversation/chat-poster.js';
import type { MessageView } from '../../conversation/views.js';
import { renderConsoleView } from './render-console.js';

export function createConsolePoster(output: NodeJS.WritableStream): ChatPoster {
  let count = 0;
  return {
    platform: 'console',
    async post(_target: PostTarget, view: MessageView) {
      count += 1;
      output.write(`\n${renderConsoleView(view).text}\n`);
      return { messageRef: `console:${count}` };
    },
  };
}
