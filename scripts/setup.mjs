// Installs what the web build and the tests need, when it is missing: the wasm32 target,
// rustfmt and clippy (for `npm test`), wasm-bindgen-cli at the version Cargo.lock pins, the npm
// packages, and the system packages Chromium (for the browser tests) and binaryen (wasm-opt)
// through apt-get when this user is root or may use sudo without a password; otherwise it says
// how to install them.
//
// Usage: node scripts/setup.mjs [--browser] [--lint]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capture, heading, isMain, ROOT, run, runMain, StepError, which } from './util.mjs';

const TARGET = 'wasm32-unknown-unknown';

/** The Chromium-family browsers the tests can drive, in order of preference. */
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/** The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly. */
export function lockedWasmBindgenVersion() {
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const match = /\[\[package\]\]\s*name = "wasm-bindgen"\s*version = "([^"]+)"/.exec(lock);
  if (!match) {
    throw new StepError('Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`');
  }
  return match[1];
}

/** The browser executable for the tests: $CHROMIUM_PATH or a system Chromium, or null. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return existsSync(fromEnv) ? fromEnv : null;
  }
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) || null;
}

function ensureWasmTarget() {
  if (which('rustup')) {
    const installed = capture('rustup', ['target', 'list', '--installed']) || '';
    if (installed.split('\n').includes(TARGET)) {
      console.log(`ok: Rust target ${TARGET}`);
      return;
    }
    console.log(`installing: Rust target ${TARGET} (rustup)`);
    run('rustup', ['target', 'add', TARGET]);
    return;
  }
  const sysroot = (capture('rustc', ['--print', 'sysroot']) || '').trim();
  if (sysroot && existsSync(join(sysroot, 'lib', 'rustlib', TARGET))) {
    console.log(`ok: Rust target ${TARGET} (no rustup)`);
    return;
  }
  throw new StepError(`the Rust target ${TARGET} is missing and rustup is not available`);
}

/** rustfmt and clippy, which `npm test` runs: added with rustup when missing. */
function ensureLintComponents() {
  const missing = [
    ['rustfmt', 'fmt'],
    ['clippy', 'clippy'],
  ].filter(([, sub]) => capture('cargo', [sub, '--version']) === null).map(([component]) => component);
  if (missing.length === 0) {
    console.log('ok: rustfmt, clippy');
    return;
  }
  if (!which('rustup')) {
    throw new StepError(
      `the Rust components ${missing.join(', ')} are missing and rustup is not available: ` +
        'install them with your Rust toolchain (e.g. the rustfmt and rust-clippy packages)',
    );
  }
  console.log(`installing: Rust components ${missing.join(', ')} (rustup)`);
  run('rustup', ['component', 'add', ...missing]);
}

function ensureWasmBindgen() {
  const want = lockedWasmBindgenVersion();
  const bin = which('wasm-bindgen');
  const have = bin ? (capture(bin, ['--version']) || '').trim().split(/\s+/)[1] : null;
  if (have === want) {
    console.log(`ok: wasm-bindgen ${have} (${bin})`);
    return;
  }
  console.log(
    `installing: wasm-bindgen-cli ${want} (found ${have || 'none'}); this takes a few minutes`,
  );
  // No --locked: the CLI's own lock file pins crates that may no longer build.
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', want]);
}

function ensureNpmPackages() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const missing = Object.keys(pkg.devDependencies || {}).filter(
    (name) => !existsSync(join(ROOT, 'node_modules', name, 'package.json')),
  );
  if (missing.length === 0) {
    console.log('ok: npm packages');
    return;
  }
  console.log(`installing: npm packages (${missing.join(', ')})`);
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund']);
}

/**
 * How to run apt-get here: `[]` as root, `['sudo', '-n']` when sudo works without a password,
 * or null when system packages cannot be installed by this user.
 */
function aptPrefix() {
  if (!which('apt-get')) {
    return null;
  }
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    return [];
  }
  return which('sudo') && capture('sudo', ['-n', 'true']) !== null ? ['sudo', '-n'] : null;
}

/** Installs Debian packages with apt-get (one `apt-get update` first); false when it cannot. */
function aptInstall(packages) {
  const prefix = aptPrefix();
  if (prefix === null) {
    return false;
  }
  console.log(`installing: ${packages.join(', ')} (apt-get)`);
  const [cmd, ...args] = [...prefix, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(cmd, [...args, 'update'], { env });
  run(cmd, [...args, 'install', '-y', '--no-install-recommends', ...packages], { env });
  return true;
}

/** Chromium (when the browser tests run) and wasm-opt: installed when missing and possible. */
function ensureSystemTools(browser) {
  const missing = [];
  if (browser && !findChromium()) {
    missing.push('chromium');
  }
  if (!which('wasm-opt')) {
    missing.push('binaryen');
  }
  if (missing.length > 0 && !aptInstall(missing)) {
    console.log(`note: cannot install ${missing.join(', ')} here (needs root or passwordless sudo and apt-get)`);
  }
  if (which('wasm-opt')) {
    console.log('ok: wasm-opt');
  } else {
    console.log('note: wasm-opt not found; the .wasm will not be shrunk (apt-get install binaryen)');
  }
  if (!browser) {
    return;
  }
  const chromium = findChromium();
  if (!chromium) {
    throw new StepError(
      'no Chromium found for the browser tests: install it (sudo apt-get install chromium) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable',
    );
  }
  console.log(`ok: browser ${chromium}`);
}

/**
 * Installs what is missing; `browser` also requires a Chromium for the tests, `lint` rustfmt
 * and clippy.
 */
export function setup({ browser = false, lint = false } = {}) {
  heading('Setup: checking tools');
  if (!which('cargo')) {
    throw new StepError('cargo not found: install Rust (https://rustup.rs) first');
  }
  ensureWasmTarget();
  if (lint) {
    ensureLintComponents();
  }
  ensureWasmBindgen();
  ensureNpmPackages();
  ensureSystemTools(browser);
}

if (isMain(import.meta.url)) {
  runMain(() =>
    setup({ browser: process.argv.includes('--browser'), lint: process.argv.includes('--lint') }),
  );
}
