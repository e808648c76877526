/**
 * `runCli` in process with its output captured, on the fixed clock the CLI tests share
 * (2026-11-25 09:00 local, unless `now` says otherwise) and a stop signal that never comes.
 */
import { runCli } from '../../src/cli/index.js';

export type CliResult = { code: number; stdout: string; stderr: string };

export async function cli(args: string[], now: () => Date = () => new Date(2026, 10, 25, 9)): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now,
    stopSignal: () => new Promise<string>(() => undefined),
  });
  return { code, stdout, stderr };
}
