/**
 * The docs cannot drift from the code: every command in a ```sh block of README.md and docs/** is
 * checked here, in `npm test`.
 * - `gofast …` (also `npx gofast`, `node bin/gofast.js`, `npm start -- …`, and the arguments after
 *   the image in `docker run`) must name a command, subcommand and flags that the CLI's own help
 *   text lists; the safe ones (`plan`, `week`, help) with concrete arguments are run in process
 *   through `runCli` and must exit 0. Words a reader fills in (ID, FILE, <APP_ID>, …) limit a
 *   command to the name check.
 * - `npm run X` must name a script of package.json (and `npm run bench -- …` its suites);
 *   `npx tsx FILE` an existing file.
 * - Anything else must be a known outside tool (docker, mongodump, curl, …).
 * Also: every setting of src/config.ts and .env.example is in docs/operations.md, and every
 * relative link between these pages points at a file (and heading) that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { ROOT, checkGofast, cliSpec, docFiles, isPlaceholder, shCommands, type CommandSpec, type DocCommand } from './doc-commands.js';

/** A fixed "today", so dated examples keep working: the CLI accepts past starts (backfills). */
const TODAY = new Date(2026, 10, 25, 9);
const OUTSIDE_TOOLS = new Set(['printf', 'docker-compose', 'mongosh', 'mongodump', 'mongorestore', 'curl', 'cp', 'export']);
const SAFE_TO_RUN = new Set(['plan', 'week', 'help']);

async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => TODAY,
    stopSignal: () => new Promise<string>(() => undefined),
  });
  return { code, stdout, stderr };
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const benchSuites = [...readFileSync(join(ROOT, 'bench', 'run.ts'), 'utf8').matchAll(/^ {2}'?([a-z-]+)'?: \{\s*run:/gm)].map((m) => m[1]);
const commands: DocCommand[] = docFiles().flatMap((file, i) => shCommands(file, i * 1000));
let specs: Map<string, CommandSpec>;

beforeAll(async () => {
  specs = await cliSpec(async (topic) => (await cli(topic === undefined ? ['help'] : ['help', topic])).stdout);
});

/** The `gofast` arguments a command runs, or undefined when it runs something else. */
function gofastArgs(words: readonly string[]): string[] | undefined {
  const [first, second, ...rest] = words;
  if (first === 'gofast') return words.slice(1);
  if (first === 'npx' && second === 'gofast') return rest;
  if (first === 'node' && second === 'bin/gofast.js') return rest;
  if (first === 'npm' && second === 'start') return ['start', ...rest.slice(rest.indexOf('--') + 1 || rest.length)];
  if (first === 'docker' && second === 'run') {
    const image = rest.indexOf('gofast-coach');
    if (image >= 0) return rest.length > image + 1 ? rest.slice(image + 1) : ['start'];
  }
  return undefined;
}

/** What is wrong with a command that is not `gofast` (empty when nothing is). */
function checkOther(words: readonly string[]): string[] {
  const [first, second, ...rest] = words;
  if (first === 'npm') {
    if (second === 'ci' || second === 'install' || second === 'test') return [];
    if (second !== 'run') return [`npm ${second ?? ''}: not a command the docs should need`];
    const script = rest[0] ?? '';
    if (!(script in packageJson.scripts)) return [`npm run ${script}: package.json has no such script`];
    if (script !== 'bench') return [];
    const args = rest.slice(rest.indexOf('--') + 1 || rest.length).filter((a) => a !== '--markdown');
    return args.filter((a) => !benchSuites.includes(a)).map((a) => `npm run bench: no suite "${a}" (${benchSuites.join(', ')})`);
  }
  if (first === 'npx' && second === 'tsx') return existsSync(join(ROOT, rest[0] ?? '')) ? [] : [`npx tsx ${rest[0] ?? ''}: no such file`];
  if (first === 'docker')
    return ['build', 'compose', 'run'].includes(second ?? '') ? [] : [`docker ${second ?? ''}: not a docker command the docs use`];
  return OUTSIDE_TOOLS.has(first ?? '') ? [] : [`"${first ?? ''}" is neither gofast, npm, npx tsx nor a known outside tool`];
}

describe('the commands in the docs', () => {
  it('are found in README.md and docs/', () => {
    const files = new Set(commands.map((c) => c.where.split(':')[0]));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/operations.md');
    expect(commands.length).toBeGreaterThan(30);
  });

  it('name only commands, subcommands, flags, scripts and files that exist', () => {
    const problems = commands.flatMap((command) => {
      const argv = gofastArgs(command.words);
      const found = argv === undefined ? checkOther(command.words) : checkGofast(argv, specs);
      return found.map((problem) => `${command.where}: ${problem}\n    ${command.words.join(' ')}`);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('run and exit 0 when they are safe to run and complete (plan, week, help)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gofast-docs-'));
    const written = new Map<string, string>();
    const failures: string[] = [];
    let ran = 0;
    for (const command of commands) {
      const argv = gofastArgs(command.words);
      if (argv === undefined || argv.some(isPlaceholder) || argv.includes('openai')) continue;
      if (!SAFE_TO_RUN.has(argv[0] ?? '') && !argv.includes('--help')) continue;
      // Files written earlier in the same block (`> plan.json`) are read back from the temp dir.
      const args = argv.map((word) => written.get(`${command.block}:${word}`) ?? word);
      const { code, stdout, stderr } = await cli(args);
      ran += 1;
      if (code !== 0 || stdout.trim() === '')
        failures.push(`${command.where}: exit ${code}: ${stderr.trim()}\n    ${command.words.join(' ')}`);
      if (command.writes !== undefined) {
        const path = join(dir, command.writes);
        await writeFile(path, stdout);
        written.set(`${command.block}:${command.writes}`, path);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(ran).toBeGreaterThanOrEqual(6);
  });
});

describe('docs/operations.md', () => {
  it('lists every setting of src/config.ts and .env.example', () => {
    const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const config = readFileSync(join(ROOT, 'src', 'config.ts'), 'utf8');
    const schema = config.slice(config.indexOf('z.object({'), config.indexOf('});', config.indexOf('z.object({')));
    const fromConfig = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '');
    const fromExample = [...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');
    expect(fromConfig.length).toBeGreaterThan(20);
    const missing = [...new Set([...fromConfig, ...fromExample])].filter((name) => !operations.includes(`\`${name}\``));
    expect(missing, `add these to the configuration table of docs/operations.md: ${missing.join(', ')}`).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('the links between the docs', () => {
  it('point at files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of docFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const resolved = path === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), path);
        if (relative(ROOT, resolved).startsWith('..')) continue; // the shared design card lives beside the repository
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${target}: no such file`);
          continue;
        }
        if (anchor && resolved.endsWith('.md')) {
          const headings = [...readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1] ?? ''));
          if (!headings.includes(anchor)) broken.push(`${file}: ${target}: no such heading`);
        }
      }
    }
    expect(broken, broken.join('\n')).toEqual([]);
  });
});
