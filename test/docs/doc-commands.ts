/**
 * What the docs-commands test reads: the ```sh blocks of README.md and docs/**, cut into single
 * commands the way a shell would (continuation lines joined, comments dropped, `&&`, `||`, `;` and
 * `|` separating commands, quotes kept together), and the `gofast` CLI's own help text turned into
 * the commands, subcommands and flags it accepts. Deliberately small: the docs use plain shell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** README.md and every Markdown file under docs/, as paths relative to the repository. */
export function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
    );
  return ['README.md', ...walk('docs')].map((file) => relative(ROOT, join(ROOT, file)));
}

export type DocCommand = {
  /** Where it is written, `docs/operations.md:42`, for failure messages. */
  readonly where: string;
  /** The words after shell quoting, with variables set earlier in the block substituted. */
  readonly words: string[];
  /** The file named by a `> FILE` redirect of its output, if any. */
  readonly writes?: string;
  /** The commands of one block share files and variables. */
  readonly block: number;
};

/** Splits a line into words and separators, honouring '…' and "…" quotes. */
function lex(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word = word ?? '';
    } else if (c === '#' && word === undefined) {
      break;
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === '&' || c === '|' || c === ';' || c === '>') {
      if (word !== undefined) out.push(word);
      word = undefined;
      const pair = line.slice(i, i + 2);
      if (pair === '&&' || pair === '||') {
        out.push(pair);
        i += 1;
      } else out.push(c);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Every command in the ```sh blocks of `file`. */
export function shCommands(file: string, firstBlock = 0): DocCommand[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const commands: DocCommand[] = [];
  let block = firstBlock;
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^\s*```sh\s*$/.test(lines[i] ?? '')) continue;
    block += 1;
    const vars = new Map<string, string>();
    for (i += 1; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i += 1) {
      const start = i + 1;
      let text = lines[i] ?? '';
      while (text.trimEnd().endsWith('\\') && i + 1 < lines.length) text = text.trimEnd().slice(0, -1) + ' ' + (lines[++i] ?? '');
      const parts: string[][] = [[]];
      for (const token of lex(text)) {
        if (['&&', '||', ';', '|', '&'].includes(token)) parts.push([]);
        else parts[parts.length - 1]?.push(token);
      }
      for (const part of parts.filter((p) => p.length > 0)) {
        const redirect = part.indexOf('>');
        const writes = redirect >= 0 ? part[redirect + 1] : undefined;
        let words = (redirect >= 0 ? part.slice(0, redirect) : part).map((w) =>
          w.replace(/^\$(\w+)$/, (all, name: string) => vars.get(name) ?? all),
        );
        // Leading NAME=value words set the environment; a line of them alone sets shell variables.
        const assignments = words.findIndex((w) => !/^[A-Za-z_]\w*=/.test(w));
        if (assignments === -1) {
          for (const w of words) vars.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
          continue;
        }
        words = words.slice(assignments);
        commands.push({ where: `${file}:${start}`, words, block, ...(writes === undefined ? {} : { writes }) });
      }
    }
  }
  return commands;
}

/** A word a reader must fill in: `ID`, `FILE`, `PLATFORM:WORKSPACE:USER`, `<APP_ID>`, `…`, `$KEY`. */
export function isPlaceholder(word: string): boolean {
  return /^[A-Z][A-Z0-9_:]*$/.test(word) || /[<>…[\]]|\.\.\./.test(word) || /^\$/.test(word);
}

/** The flag names in a piece of help text. */
function flagsIn(text: string): Set<string> {
  return new Set(text.match(/--[a-z][a-z0-9-]*/g) ?? []);
}

export type CommandSpec = {
  /** Words that must follow the command, from its usage line (`register` for `discord`). */
  readonly words: string[];
  /** Subcommands (`plans create`, `apikey revoke`) and the flags each accepts; empty when none. */
  readonly subcommands: Map<string, Set<string>>;
  /** Flags of the command itself, or accepted by every subcommand. */
  readonly flags: Set<string>;
};

/** A help entry: two spaces, a lowercase word, then its arguments (`ID`, `<…>`, `[…`, `--…`) or its text. */
const ENTRY = /^ {2}([a-z][a-z-]*)(?= {2,}| [A-Z<[-]|$)/;

/**
 * The CLI's commands from its help texts: `help` for the list, `help <command>` for each. Under a
 * command, an entry line names a subcommand and the more deeply indented lines after it continue
 * it; the usage line, its continuations and lines starting with `--` name the flags every
 * subcommand takes.
 */
export async function cliSpec(help: (topic?: string) => Promise<string>): Promise<Map<string, CommandSpec>> {
  const top = await help();
  const lines = top.split('\n');
  const specs = new Map<string, CommandSpec>();
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith('Commands:')) + 1)) {
    const name = /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1];
    if (!name) continue;
    const text = await help(name);
    if (text.trim() === top.trim()) {
      // No help of its own (start, help): its line in the list says what it takes.
      specs.set(name, { words: [], subcommands: new Map(), flags: flagsIn(line) });
      continue;
    }
    const [usage = '', ...body] = text.split('\n');
    const words = usage
      .replace(/^Usage: gofast \S+/, '')
      .trim()
      .split(/\s+/);
    const firstOther = words.findIndex((w) => !/^[a-z]+$/.test(w));
    const fixed = words.slice(0, firstOther === -1 ? words.length : firstOther).filter((w) => w !== '');
    const flags = flagsIn(usage);
    const subcommands = new Map<string, Set<string>>();
    let current: Set<string> | undefined;
    let notes = false;
    for (const l of body) {
      const entry = notes ? undefined : ENTRY.exec(l)?.[1];
      if (entry) {
        current = flagsIn(l);
        if (l.includes('the flags of gofast plan')) for (const f of flagsIn(await help('plan'))) current.add(f);
        subcommands.set(entry, current);
      } else if (/^ {2}--/.test(l)) {
        current = undefined;
        notes = subcommands.size > 0;
        for (const f of flagsIn(l)) flags.add(f);
      } else if (/^ {3,}\S/.test(l) && current) {
        for (const f of flagsIn(l)) current.add(f);
      } else {
        current = undefined;
        // The usage line's continuations; prose that mentions another command's flag is not one.
        if (/^\s+[[-]/.test(l)) for (const f of flagsIn(l)) flags.add(f);
      }
    }
    specs.set(name, { words: fixed, subcommands, flags });
  }
  return specs;
}

/** What is wrong with `gofast <argv>` by the spec's names (empty when nothing is). */
export function checkGofast(argv: readonly string[], specs: Map<string, CommandSpec>): string[] {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return [];
  const spec = specs.get(command);
  if (!spec) return [`gofast has no command "${command}" (commands: ${[...specs.keys()].join(', ')})`];
  if (command === 'help') return rest[0] === undefined || specs.has(rest[0]) ? [] : [`gofast help: no command "${rest[0]}"`];
  const problems: string[] = [];
  spec.words.forEach((word, i) => {
    if (rest[i] !== word) problems.push(`gofast ${command} expects "${word}" at word ${i + 1}, not "${rest[i] ?? ''}"`);
  });
  let allowed = spec.flags;
  if (spec.subcommands.size > 0) {
    const sub = rest[0];
    const subFlags = sub === undefined ? undefined : spec.subcommands.get(sub);
    if (subFlags === undefined) {
      if (!rest.includes('--help'))
        problems.push(`gofast ${command} has no subcommand "${sub ?? ''}" (${[...spec.subcommands.keys()].join(', ')})`);
    } else allowed = new Set([...spec.flags, ...subFlags]);
  }
  for (const word of rest) {
    if (!word.startsWith('-') || word === '--help' || word === '-h') continue;
    const flag = word.split('=')[0] ?? word;
    if (!allowed.has(flag))
      problems.push(`gofast ${[command, ...(spec.subcommands.size > 0 ? [rest[0]] : [])].join(' ')} has no flag ${flag}`);
  }
  return problems;
}
