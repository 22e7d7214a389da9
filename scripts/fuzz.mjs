// `npm run fuzz [-- SECONDS]`: builds the libFuzzer targets of crates/fuzz and runs each, one
// after the other, for SECONDS (default 20: the smoke `npm test` runs in CI) over its committed
// corpus. Installs cargo-fuzz when it is missing.
//
// Only the stable toolchain is assumed: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz
// passes (AddressSanitizer, coverage). The build goes to a target directory of its own
// (`fuzz/` under $CARGO_TARGET_DIR or target/), so it never invalidates the project's build.
// New inputs a run finds go to a scratch corpus there, emptied before each run, so the committed
// corpus is only read; a crash is saved in crates/fuzz/artifacts/<target>/ and fails the run.
//
// Usage: node scripts/fuzz.mjs [SECONDS]

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { capture, heading, isMain, ROOT, run, runMain, StepError } from './util.mjs';

/** The fuzz crate (its own [workspace]; `cargo build` of the project never compiles it). */
const FUZZ_DIR = join(ROOT, 'crates', 'fuzz');
/** Seconds per target when none are given. */
export const SMOKE_SECONDS = 20;
/** libFuzzer's time for one input before it counts as a hang (its default is 20 minutes). */
const UNIT_TIMEOUT_SECONDS = 60;

const TARGET_DIR = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'fuzz');
const ENV = { ...process.env, RUSTC_BOOTSTRAP: '1' };

function ensureCargoFuzz() {
  const version = capture('cargo', ['fuzz', '--version']);
  if (version !== null) {
    console.log(`ok: ${version.trim()}`);
    return;
  }
  console.log('installing: cargo-fuzz (cargo install --locked); this takes a few minutes');
  run('cargo', ['install', 'cargo-fuzz', '--locked']);
}

/** The arguments every cargo-fuzz command takes: release build, our crate, our target dir. */
function common() {
  return ['-O', '--fuzz-dir', FUZZ_DIR, '--target-dir', TARGET_DIR];
}

/** The fuzz targets, as `cargo fuzz list` names them. */
function targets() {
  const listed = capture('cargo', ['fuzz', 'list', '--fuzz-dir', FUZZ_DIR], { env: ENV });
  const names = (listed || '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (names.length === 0) {
    throw new StepError(`cargo fuzz list found no targets in ${FUZZ_DIR}`);
  }
  return names;
}

/** Runs `target` for `seconds` over its committed corpus; new inputs go to a scratch corpus. */
function fuzzOne(target, seconds) {
  heading(`Fuzz: ${target} for ${seconds} s`);
  const scratch = join(TARGET_DIR, 'corpus', target);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const committed = join(FUZZ_DIR, 'corpus', target);
  run(
    'cargo',
    ['fuzz', 'run', ...common(), target, scratch, committed, '--',
      `-max_total_time=${seconds}`, `-timeout=${UNIT_TIMEOUT_SECONDS}`],
    { env: ENV },
  );
}

/** Installs cargo-fuzz when missing, builds every target, runs each for `seconds`. */
export function fuzz(seconds = SMOKE_SECONDS) {
  heading('Fuzz: cargo-fuzz');
  ensureCargoFuzz();
  heading('Fuzz: build (release, AddressSanitizer)');
  run('cargo', ['fuzz', 'build', ...common()], { env: ENV });
  const started = Date.now();
  for (const target of targets()) {
    fuzzOne(target, seconds);
  }
  console.log(`fuzz: every target ran ${seconds} s without a crash (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
}

/** SECONDS from the command line: a positive whole number, or the smoke's default. */
function secondsArgument(arg) {
  if (arg === undefined) {
    return SMOKE_SECONDS;
  }
  const n = Number(arg);
  if (!Number.isInteger(n) || n <= 0) {
    throw new StepError(`usage: npm run fuzz [-- SECONDS] (a whole number of seconds, not ${arg})`);
  }
  return n;
}

if (isMain(import.meta.url)) {
  runMain(() => fuzz(secondsArgument(process.argv[2])));
}
