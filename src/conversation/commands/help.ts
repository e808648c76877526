/** `/plan help`: every registered command, a line each. */
import type { CommandSpec } from './command-spec.js';

export const helpCommand = {
  name: 'help',
  description: 'What the coach can do',
  help: { summary: 'this list' },
  arguments: [],
  who: 'anyone',
  private: true,
  handle: async (ctx) => [ctx.help()],
} satisfies CommandSpec;
