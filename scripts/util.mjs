// Small helpers shared by the build scripts: running commands, finding programs, headings.
//
// Every command runs with its output passed through, so a failure shows its own message;
// `run` throws when a command fails, and the entry scripts turn that into a non-zero exit.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A failed step: the message is printed without a stack trace. */
export class StepError extends Error {}

/** Prints a step heading. */
export function heading(text) {
  console.log(`\n==> ${text}`);
}

/** Runs a command with inherited output; throws StepError when it fails. */
export function run(cmd, args, options = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) {
    throw new StepError(`${cmd}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new StepError(`${cmd} ${args.join(' ')} failed (${how})`);
  }
}

/** Runs a command quietly and returns its stdout, or null when it cannot run or fails. */
export function capture(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...options });
  if (result.error || result.status !== 0) {
    return null;
  }
  return result.stdout;
}

/** The full path of a program on PATH or in ~/.cargo/bin, or null. */
export function which(name) {
  const dirs = (process.env.PATH || '').split(delimiter).filter(Boolean);
  dirs.push(join(homedir(), '.cargo', 'bin'));
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  return null;
}

/** Runs `main` and exits non-zero with a readable message when it throws. */
export async function runMain(main) {
  try {
    await main();
  } catch (err) {
    if (err instanceof StepError) {
      console.error(`\nFAILED: ${err.message}`);
    } else {
      console.error('\nFAILED:', err);
    }
    process.exit(1);
  }
}

/** True when `importMetaUrl` is the script node was started with. */
export function isMain(importMetaUrl) {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
}
