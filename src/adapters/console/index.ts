/** The console adapter: the conversation core in a terminal. */
export { runConsoleSession, formAnswerValue, type ConsoleSessionOptions } from './console-session.js';
export {
  renderConsoleView,
  renderConsoleViews,
  describeFormField,
  formFieldNotes,
  formFieldOptions,
  EPHEMERAL_PREFIX,
  type ConsoleRender,
  type ConsoleRenderOptions,
} from './render-console.js';
export { createConsolePoster } from './console-poster.js';
