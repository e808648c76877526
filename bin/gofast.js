#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout (no build step), and the compiled
// dist/ where only the build exists (the Docker image, which installs no dev dependencies).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'cli', 'index.ts');
const built = join(root, 'dist', 'cli', 'index.js');

async function load() {
  if (existsSync(source)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return import(pathToFileURL(source).href);
    } catch (error) {
      if (!existsSync(built)) throw error;
    }
  }
  return import(pathToFileURL(built).href);
}

const cli = await load();
process.exitCode = await cli.runCli(process.argv.slice(2));
