// Builds the WebAssembly modules into www/pkg/: cargo (profile `wasm` of Cargo.toml, wasm32),
// wasm-bindgen (--target web), then wasm-opt -Os when it is installed; and www/pkg/rule-docs.js,
// the rules' documentation texts, which the first module is built without. Two modules come out:
// nianbao (crates/wasm, the page's first load: the checker, text, HTML, .docx) and nianbao_pdf
// (crates/wasm-pdf, the PDF reader alone), which the page loads only when a PDF is opened; it
// hands the document it reads to the first module's `checkPdfDocument`.
//
// Browser baseline: the module may use only WebAssembly features that Chromium 75 (2019)
// already had: bulk memory, sign extension, non-trapping float-to-int and mutable globals.
// Rust turns reference types and multi-value on by default since 1.82; reference types make
// wasm-bindgen emit an `externref` table, which Chromium before 96 cannot compile, so we turn
// both off for this target, and fail the build if the glue still uses an externref table.
// wasm-opt is told the same feature set; when it rejects the module the note says why.
//
// Usage: node scripts/build.mjs

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heading, isMain, ROOT, run, runMain, StepError, which } from './util.mjs';

const TARGET = 'wasm32-unknown-unknown';
const RUSTFLAGS_VAR = 'CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS';
const BASELINE_RUSTFLAGS = '-C target-feature=-reference-types,-multivalue';
// The aes crate's compact software AES (its documented `aes_compact` cfg; wasm32 has no
// hardware AES): the PDF module is 3.2 KB smaller (575 bytes gzipped), and the R6 password
// hash, the one place AES runs long, takes about 5% longer (12.4 ms against 11.8 in Node).
const SIZE_RUSTFLAGS = '--cfg aes_compact';
const WASM_OPT_FEATURES = [
  '--mvp-features',
  '--enable-bulk-memory',
  '--enable-sign-ext',
  '--enable-nontrapping-float-to-int',
  '--enable-mutable-globals',
];

/** The output folder served to browsers. */
export const PKG_DIR = join(ROOT, 'www', 'pkg');
/** The modules, by their wasm-bindgen name, with the crate each is built from. */
export const MODULES = [
  { name: 'nianbao', crate: 'nianbao-wasm' },
  { name: 'nianbao_pdf', crate: 'nianbao-wasm-pdf' },
];

function formatSize(bytes) {
  return `${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
}

/**
 * What cargo compiles for the page's modules: the build here and the wasm32 lint of `npm test`
 * take the same arguments, so everything built for the page is linted.
 */
export function wasmCargoArgs() {
  const args = ['--target', TARGET];
  for (const { crate } of MODULES) {
    args.push('-p', crate);
  }
  return args;
}

/** Builds every module's crate in one cargo run; returns where cargo wrote `crate`'s .wasm. */
function cargoBuild() {
  heading('Build: cargo (profile wasm, wasm32)');
  const extra = process.env[RUSTFLAGS_VAR];
  const env = {
    ...process.env,
    [RUSTFLAGS_VAR]: [extra, BASELINE_RUSTFLAGS, SIZE_RUSTFLAGS].filter(Boolean).join(' '),
  };
  run('cargo', ['build', '--profile', 'wasm', ...wasmCargoArgs()], { env });
  const targetDir = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
  return (crate) => join(targetDir, TARGET, 'wasm', `${crate.replaceAll('-', '_')}.wasm`);
}

function bindgen(input, name) {
  heading(`Build: wasm-bindgen (${name})`);
  const bin = which('wasm-bindgen');
  if (!bin) {
    throw new StepError('wasm-bindgen not found; run `node scripts/setup.mjs`');
  }
  run(bin, ['--target', 'web', '--no-typescript', '--out-dir', PKG_DIR, '--out-name', name, input]);
  const glue = readFileSync(join(PKG_DIR, `${name}.js`), 'utf8');
  if (glue.includes('__wbindgen_externrefs')) {
    throw new StepError(
      'wasm-bindgen emitted an externref table: the module would not load in Chromium < 96',
    );
  }
  console.log(`wasm-bindgen output: ${formatSize(statSync(wasmOf(name)).size)}`);
}

/** Where module `name`'s .wasm is written. */
export function wasmOf(name) {
  return join(PKG_DIR, `${name}_bg.wasm`);
}

function optimise(out) {
  heading('Build: wasm-opt -Os');
  if (!which('wasm-opt')) {
    console.log('note: wasm-opt not installed; skipped (apt-get install binaryen)');
    return;
  }
  try {
    run('wasm-opt', ['-Os', ...WASM_OPT_FEATURES, out, '-o', out]);
  } catch (err) {
    // The unoptimised module is still valid and was written before; keep it and say so.
    console.log(`note: wasm-opt failed, keeping the unoptimised module (${err.message})`);
    return;
  }
  console.log(`after wasm-opt: ${formatSize(statSync(out).size)}`);
}

/** The rules' documentation texts, which the first module is built without. */
export const RULE_DOCS = join(PKG_DIR, 'rule-docs.js');
const DOC_FIELDS = ['what', 'why', 'bad', 'good', 'fix'];

/**
 * Writes www/pkg/rule-docs.js: each rule's id and documentation texts, from the catalogue as the
 * CLI prints it (`nianbao rules --format json`, a native debug build, which `cargo test` has
 * usually built already). The first module leaves the texts out (the core's `docs` feature);
 * the page imports this file when it shows a rule's explanation.
 */
function ruleDocs() {
  heading('Build: the rules\' documentation (www/pkg/rule-docs.js)');
  const args = ['run', '--quiet', '-p', 'nianbao-cli', '--', 'rules', '--format', 'json'];
  console.log(`$ cargo ${args.join(' ')}`);
  const result = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (result.error || result.status !== 0) {
    throw new StepError(`cargo ${args.join(' ')} failed`);
  }
  const lines = JSON.parse(result.stdout).map((rule) => {
    const texts = Object.fromEntries(['id', ...DOC_FIELDS].map((f) => [f, rule[f]]));
    return `  ${JSON.stringify(texts)},`;
  });
  const text = [
    '// The rules\' documentation texts, in catalogue order: what each checks, why, a wrong and a',
    '// right example, how to fix. Written by scripts/build.mjs from `nianbao rules --format json`;',
    '// the checker\'s module is built without them, and the page imports this file when it first',
    '// shows them.',
    'export default [',
    ...lines,
    '];',
    '',
  ].join('\n');
  writeFileSync(RULE_DOCS, text);
  console.log(`rule-docs.js: ${formatSize(Buffer.byteLength(text))}, ${lines.length} rules`);
}

/** Builds www/pkg/ (both modules, the rules' texts) and returns the first-load .wasm's size in bytes. */
export function build() {
  const built = cargoBuild();
  for (const { name, crate } of MODULES) {
    const raw = built(crate);
    console.log(`cargo output: ${formatSize(statSync(raw).size)}`);
    bindgen(raw, name);
    optimise(wasmOf(name));
  }
  ruleDocs();
  return statSync(wasmOf('nianbao')).size;
}

if (isMain(import.meta.url)) {
  runMain(() => {
    build();
  });
}
