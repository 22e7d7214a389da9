// `npm test`: what a reviewer runs, the cheapest failure first. Sets up what is missing, then:
// rustfmt; clippy with warnings as errors, natively on every target and for wasm32 on what
// scripts/build.mjs builds; the Rust tests; the wasm build; the browser tests; and, when the
// environment variable CI is set, a short run of every fuzz target (`npm run fuzz`).
// Any failing step stops the run with a non-zero exit code.

import { build, MODULES, wasmCargoArgs } from './build.mjs';
import { fuzz } from './fuzz.mjs';
import { setup } from './setup.mjs';
import { heading, run, runMain } from './util.mjs';

const DENY_WARNINGS = ['--', '-D', 'warnings'];

function format() {
  heading('Test: cargo fmt --check');
  run('cargo', ['fmt', '--all', '--check']);
  run('cargo', ['fmt', '--check', '--manifest-path', 'crates/fuzz/Cargo.toml']);
}

function lint() {
  heading('Test: clippy (native, all targets)');
  run('cargo', ['clippy', '--workspace', '--all-targets', ...DENY_WARNINGS]);
  heading(`Test: clippy (wasm32: ${MODULES.map((m) => m.crate).join(', ')})`);
  run('cargo', ['clippy', ...wasmCargoArgs(), ...DENY_WARNINGS]);
}

function fuzzSmoke() {
  if (!process.env.CI) {
    heading('Fuzz smoke: skipped (runs when CI is set; `npm run fuzz` runs it here)');
    return;
  }
  fuzz();
}

runMain(() => {
  setup({ browser: true, lint: true });
  format();
  lint();
  heading('Test: cargo test --workspace');
  run('cargo', ['test', '--workspace']);
  build();
  heading('Test: browser (node --test tests/browser/)');
  run(process.execPath, ['--test', 'tests/browser/']);
  fuzzSmoke();
  heading('All tests passed');
});
