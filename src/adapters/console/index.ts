/** The console adapter: the conversation core in a terminal. */
export { runConsoleSession, formAnswerValue, type ConsoleSessionOptions } from './console-session.js';
export { renderConsoleView, renderConsoleViews } from './render-console.js';
export { createConsolePoster } from './console-poster.js';
