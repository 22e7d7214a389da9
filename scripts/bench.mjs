// `npm run bench`: the performance figures of issue 14 in one table, each beside its budget.
//
// - native `check` per seed and on a ~1 MB and a 10 MB report made of the seeds
//   (`examples/bench.rs time`), and how time grows from 1 MB to 10 MB;
// - wasm `check()` in Node and in headless Chromium: the median of 200 after 20 warm-up calls,
//   per seed; AutoCorrect's `lintFor` on the same seeds in the same Node run when
//   `@huacnlee/autocorrect` can be installed into a temporary folder (never into package.json);
// - the `.wasm` of www/pkg/ raw and gzipped, and what the first-load module is made of before
//   wasm-opt: the code each crate adds (function bytes of an unstripped build of the same
//   profile, read from its name section), the data, and the largest items by `twiggy top` when
//   twiggy is installed (`cargo install twiggy --locked`);
// - the page's cold load to its first result, in a fresh Chromium profile, and a PDF opened on
//   the page (the first time with the PDF module's load);
// - peak RSS (VmHWM) per input byte of native `check` on 16 MiB of report text, one long line,
//   tabs, digits, newlines, a table of numbers and empty cells, one line of numbers and tabs,
//   heading lines, Markdown table rows and one HTML table row of many cells through
//   `check_html` (`examples/bench.rs rss`);
// - the hard inputs (`examples/bench.rs hard`, inputs in tests/layouts/hard.rs): zip and PDF
//   bombs, thousands of heading-like lines, damaged files — the slowest input and the total of
//   each case beside its budgets (the tests assert what nianbao answers, never the time);
// - `scripts/bench-batch.mjs`, when it exists;
// - the diagnosis on planted typing errors (`examples/plant.rs`): section 三 typos named, section
//   四 swaps named, values proposed for unchanged cells (0); its per-kind table on stderr.
//
// Run after `npm test` (which builds www/pkg/). Honours CARGO_TARGET_DIR.
// Usage: node scripts/bench.mjs [--quick] [--size]
//   --quick: fewer native runs, 4 MiB RSS inputs; --size: the module sizes and breakdown only

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, runMain, StepError, which } from './util.mjs';

const QUICK = process.argv.includes('--quick');
const SIZE_ONLY = process.argv.includes('--size');
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const PKG = join(ROOT, 'www', 'pkg');
const SEEDS = join(ROOT, 'tests', 'fixtures', 'seeds');
const WARMUP = 20;
const SAMPLES = 200;
const RSS_KINDS = ['report', 'line', 'tabs', 'digits', 'newlines', 'cells', 'numbers', 'headings', 'markdown', 'html'];
const RSS_MIB = QUICK ? 4 : 16;

/** The table: one row per figure, with the budget it is held against. */
const rows = [];

function add(measure, input, value, budget = '', ok = null) {
  rows.push({ measure, input, value, budget, ok: ok === null ? '' : ok ? 'ok' : 'OVER' });
}

function ms(x) {
  return `${x.toFixed(3)} ms`;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs a command quietly; returns stdout or throws with its stderr. */
function output(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : (result.stderr || '').trim().split('\n').slice(-5).join('\n');
    throw new StepError(`${cmd} ${args.join(' ')} failed: ${why}`);
  }
  return result.stdout;
}

/** Tab-separated lines after a header, as objects. */
function table(text) {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [keys[i], v])));
}

function seeds() {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f.replace(/_.*/, ''), text: readFileSync(join(SEEDS, f), 'utf8') }));
}

// ------------------------------------------------------------------------------------------
// Native

function nativeBench() {
  console.error('bench: building examples/bench (release)…');
  output('cargo', ['build', '--release', '--quiet', '--example', 'bench']);
  return join(TARGET, 'release', 'examples', 'bench');
}

function native(bin) {
  console.error('bench: native check…');
  const lines = table(output(bin, ['time', QUICK ? '40' : '200']));
  for (const r of lines) {
    const mbs = Number(r['MB/s']);
    add('native check', `${r.input} (${r.bytes} B)`, `${ms(r.median_us / 1000)}, ${mbs.toFixed(1)} MB/s`,
      r.input === 'report-10MB' ? '> 100 MB/s' : '', r.input === 'report-10MB' ? mbs > 100 : null);
  }
  const one = lines.find((r) => r.input === 'report-1MB');
  const ten = lines.find((r) => r.input === 'report-10MB');
  if (one && ten) {
    // The fastest runs, which a busy machine disturbs least, scaled to exactly 10× the bytes.
    const ratio = (ten.fastest_us / one.fastest_us) * ((10 * one.bytes) / ten.bytes);
    add('native scaling', '10 MB vs 1 MB, fastest runs', `${ratio.toFixed(2)}× time for 10× input`, '≤ 10.5×', ratio <= 10.5);
  }
}

function rss(bin) {
  for (const kind of RSS_KINDS) {
    console.error(`bench: RSS on ${RSS_MIB} MiB of ${kind}…`);
    const [r] = table(output(bin, ['rss', kind, String(RSS_MIB)]));
    if (Number(r.peak_kib) === 0) {
      add('native peak RSS', `${kind}, ${RSS_MIB} MiB`, 'not measured: no /proc/self/status here');
      continue;
    }
    const perByte = Number(r.peak_per_byte);
    add('native peak RSS', `${kind}, ${RSS_MIB} MiB`, `${perByte.toFixed(1)} B/input B (${(r.peak_kib / 1024).toFixed(0)} MiB, ${Number(r.seconds).toFixed(2)} s)`,
      '≤ 16 B/B', perByte <= 16);
  }
}

/** The hard inputs: each case's slowest input and total, beside the budgets they are held to. */
function hard(bin) {
  console.error('bench: hard inputs…');
  for (const r of table(output(bin, ['hard']))) {
    const slowest = Number(r.slowest_ms);
    const total = Number(r.total_ms);
    const each = Number(r.each_budget_ms);
    const all = r.all_budget_ms ? Number(r.all_budget_ms) : null;
    const value = r.inputs === '1' ? ms(slowest) : `slowest ${ms(slowest)}, all ${(total / 1000).toFixed(2)} s`;
    const budget = `≤ ${each / 1000} s each` + (all === null ? '' : `, ≤ ${all / 1000} s in all`);
    add('native hard input', `${r.case} (${r.inputs})`, value, budget, slowest <= each && (all === null || total <= all));
  }
}

// ------------------------------------------------------------------------------------------
// wasm in Node, and AutoCorrect

function timeCalls(fn) {
  for (let i = 0; i < WARMUP; i++) {
    fn();
  }
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function nianbaoInNode() {
  const glue = await import(pathToFileURL(join(PKG, 'nianbao.js')).href);
  glue.initSync({ module: readFileSync(join(PKG, 'nianbao_bg.wasm')) });
  return glue;
}

/** Installs @huacnlee/autocorrect into a temporary folder; returns [lintFor, folder] or a reason. */
async function autocorrect() {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-autocorrect-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund',
    '--no-package-lock', '@huacnlee/autocorrect'], { encoding: 'utf8', timeout: 180000 });
  const pkg = join(dir, 'node_modules', '@huacnlee', 'autocorrect');
  if (install.status !== 0 || !existsSync(join(pkg, 'autocorrect_bg.wasm'))) {
    return { reason: `npm install @huacnlee/autocorrect failed (${(install.stderr || install.error || '').toString().trim().split('\n').pop()})`, dir };
  }
  // The package is built for bundlers; instantiate its module with its own glue as imports.
  const glue = await import(pathToFileURL(join(pkg, 'autocorrect_bg.js')).href);
  const module = new WebAssembly.Module(readFileSync(join(pkg, 'autocorrect_bg.wasm')));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] = glue[imp.name];
  }
  const instance = new WebAssembly.Instance(module, imports);
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  return { lintFor: glue.lintFor, version, dir };
}

async function node() {
  console.error('bench: wasm check() in Node…');
  const nianbao = await nianbaoInNode();
  const ac = await autocorrect();
  const medians = [];
  for (const seed of seeds()) {
    const ours = timeCalls(() => nianbao.check(seed.text));
    medians.push(ours);
    if (!ac.lintFor) {
      add('wasm check() in Node', seed.name, ms(ours), '≤ 0.3 ms', ours <= 0.3);
      continue;
    }
    const theirs = timeCalls(() => ac.lintFor(seed.text, 'report.txt'));
    add('wasm check() in Node', seed.name, `${ms(ours)} (AutoCorrect lintFor ${ms(theirs)}: ${(ours / theirs).toFixed(2)}×)`,
      '≤ 0.3 ms and < ⅓ of AutoCorrect', ours <= 0.3 && ours < theirs / 3);
  }
  add('wasm check() in Node', 'median of the seeds', ms(median(medians)), '≤ 0.3 ms', median(medians) <= 0.3);
  add('AutoCorrect', ac.lintFor ? `@huacnlee/autocorrect ${ac.version}` : 'not installed', ac.lintFor ? 'timed beside each seed' : ac.reason);
  rmSync(ac.dir, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------
// Chromium: cold load to first result, then check() in the page

async function chromium() {
  let harness;
  try {
    harness = await import(pathToFileURL(join(ROOT, 'tests', 'browser', 'harness.mjs')).href);
  } catch (err) {
    add('Chromium', '', `skipped: ${err.message}`);
    return;
  }
  console.error('bench: Chromium…');
  let env;
  try {
    env = await harness.openBrowser();
  } catch (err) {
    add('Chromium', '', `skipped: ${err.message}`);
    return;
  }
  try {
    await coldLoad(env);
    await pdfOpen(env);
    await inPage(env);
  } finally {
    await env.close();
  }
}

/** A fresh profile opens the page with a seed as its saved draft: time until the first result. */
async function coldLoad(env) {
  const page = await env.context.newPage();
  const text = seeds()[0].text;
  await page.addInitScript((draft) => {
    localStorage.setItem('nianbao:draft:v1', JSON.stringify({ text: draft, laidOut: false, previous: '', previousLaidOut: false, ignored: {} }));
    new MutationObserver(() => {
      if (document.documentElement.dataset.checks && !window.firstResult) {
        window.firstResult = performance.now();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-checks'] });
  }, text);
  await page.goto(env.server.url);
  await page.waitForFunction(() => window.firstResult, null, { timeout: 30000 });
  const first = await page.evaluate(() => window.firstResult);
  const ready = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0);
  add('page cold load', 'fresh profile, seed 000 as draft', `first result at ${first.toFixed(0)} ms (DOMContentLoaded ${ready.toFixed(0)} ms)`);
  await page.close();
}

/**
 * A PDF opened on the loaded page (hongze-2023.pdf, 5 pages): time from choosing the file to
 * its report, the first time (the PDF module is fetched and compiled then) and the second.
 */
async function pdfOpen(env) {
  const page = await env.context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  const bytes = readFileSync(join(ROOT, 'tests', 'fixtures', 'pdf', 'hongze-2023.pdf'));
  const times = [];
  for (const name of ['a.pdf', 'b.pdf']) {
    const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
    const t = Date.now();
    await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: bytes });
    await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before, { timeout: 60000 });
    times.push(Date.now() - t);
  }
  add('page opens a PDF', 'hongze-2023.pdf, 5 pages', `${times[0]} ms the first time (PDF module loaded), ${times[1]} ms again`);
  await page.close();
}

/** check() on the page's main thread; each sample is 10 calls, since performance.now() is coarse there. */
async function inPage(env) {
  const page = await env.context.newPage();
  await page.goto(env.server.url);
  const results = await page.evaluate(async ({ texts, warmup, samples }) => {
    const m = await import('./pkg/nianbao.js');
    await m.default();
    return texts.map((text) => {
      for (let i = 0; i < warmup; i++) {
        m.check(text);
      }
      const times = [];
      for (let i = 0; i < samples; i++) {
        const t = performance.now();
        for (let k = 0; k < 10; k++) {
          m.check(text);
        }
        times.push((performance.now() - t) / 10);
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)];
    });
  }, { texts: seeds().map((s) => s.text), warmup: WARMUP, samples: SAMPLES });
  const version = env.context.browser()?.version() ?? '';
  seeds().forEach((seed, i) => {
    add(`wasm check() in Chromium ${version}`.trim(), seed.name, ms(results[i]), '≤ 0.3 ms', results[i] <= 0.3);
  });
  await page.close();
}

// ------------------------------------------------------------------------------------------
// .wasm size, and what each crate adds

function size() {
  const wasm = readFileSync(join(PKG, 'nianbao_bg.wasm'));
  const gz = gzipSync(wasm, { level: 9 }).length;
  add('.wasm (www/pkg)', 'raw / gzip -9', `${kib(wasm.length)} / ${kib(gz)}`, '≤ 140 KiB gzipped', gz <= 140 * 1024);
  add('.wasm (www/pkg)', 'gzip -9, against the first load of issue 22', kib(gz), '≤ 215 KiB gzipped', gz <= 215 * 1024);
  // The PDF module is the reader alone (crates/wasm-pdf): all it adds to open a PDF.
  const pdf = readFileSync(join(PKG, 'nianbao_pdf_bg.wasm'));
  const pdfGz = gzipSync(pdf, { level: 9 }).length;
  add('PDF module (fetched when a PDF is opened)', 'raw / gzip -9', `${kib(pdf.length)} / ${kib(pdfGz)}`, '≤ 120 KiB gzipped', pdfGz <= 120 * 1024);
}

function kib(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * The first-load module as scripts/build.mjs builds it before wasm-opt, but with its name
 * section: the crate built unstripped (same profile otherwise), then wasm-bindgen. Returns the
 * path of the wasm-bindgen output.
 *
 * The unstripped module keeps the `target_features` section, which lists reference types (the
 * precompiled std has them on); wasm-bindgen would then emit an externref table, so the section
 * is dropped first. The stripped build loses it with the symbols.
 */
function namedBuild() {
  console.error('bench: an unstripped wasm build for the size by crate…');
  const target = join(TARGET, 'bench-names');
  output('cargo', ['build', '-p', 'nianbao-wasm', '--profile', 'wasm', '--quiet', '--target', 'wasm32-unknown-unknown'], {
    env: {
      ...process.env,
      CARGO_TARGET_DIR: target,
      CARGO_PROFILE_WASM_STRIP: 'false',
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: '-C target-feature=-reference-types,-multivalue',
    },
  });
  const built = readFileSync(join(target, 'wasm32-unknown-unknown', 'wasm', 'nianbao_wasm.wasm'));
  const dir = join(target, 'bench-names-pkg');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'input.wasm');
  writeFileSync(input, withoutCustomSection(built, 'target_features'));
  const bindgen = which('wasm-bindgen');
  if (!bindgen) {
    throw new StepError('wasm-bindgen not found');
  }
  output(bindgen, ['--target', 'web', '--no-typescript', '--out-dir', dir, '--out-name', 'names', input]);
  return join(dir, 'names_bg.wasm');
}

/** Sums function bytes by crate, and the data (string literals, tables), of the named build. */
function sizeByCrate(wasm) {
  const bytes = readFileSync(wasm);
  const { sizes, names, data } = functions(bytes);
  const byCrate = new Map();
  let total = data;
  sizes.forEach((n, i) => {
    const crate = crateOf(names.get(i) || '');
    byCrate.set(crate, (byCrate.get(crate) || 0) + n);
    total += n;
  });
  byCrate.set('data segments (string literals, tables)', data);
  const sorted = [...byCrate].sort((a, b) => b[1] - a[1]);
  for (const [crate, n] of sorted) {
    add('.wasm by crate (before wasm-opt)', crate, `${kib(n)} (${((100 * n) / total).toFixed(1)}%)`);
  }
}

/** The largest items of the named build by `twiggy top`, when twiggy is installed. */
function twiggyTop(wasm) {
  const twiggy = which('twiggy');
  if (!twiggy) {
    add('.wasm largest items (twiggy)', '', 'skipped: twiggy not installed (cargo install twiggy --locked)');
    return;
  }
  const csv = output(twiggy, ['top', '-n', '15', '-f', 'csv', wasm]);
  for (const line of csv.trim().split('\n').slice(1)) {
    // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent; a quoted name
    // doubles its quotes and may hold commas.
    const m = line.match(/^(.*),(\d+),([\d.]+),[^,]*,[^,]*$/);
    if (!m) {
      continue;
    }
    const quoted = m[1].startsWith('"');
    const name = (quoted ? m[1].slice(1, -1).replaceAll('""', '"') : m[1])
      .replace(/::h[0-9a-f]{16}$/, '')
      .replace(/\[[0-9a-f]{16}\]/g, '');
    if (name !== '"function names" subsection' && !name.startsWith('... and')) {
      add('.wasm largest items (twiggy, before wasm-opt)', name, kib(Number(m[2])));
    }
  }
}

/** A wasm binary without its custom section `name`. */
function withoutCustomSection(bytes, name) {
  const parts = [bytes.subarray(0, 8)];
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) {
        return result;
      }
    }
  };
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const end = leb() + pos;
    const named = id === 0 && bytes.subarray(pos + 1, end).toString('latin1').startsWith(name) && bytes[pos] === name.length;
    if (!named) {
      parts.push(bytes.subarray(start, end));
    }
    pos = end;
  }
  return Buffer.concat(parts);
}

const CRATES = [
  ['serde_wasm_bindgen', 'serde_wasm_bindgen'],
  ['miniz_oxide', 'miniz_oxide (+ adler2)'],
  ['adler2', 'miniz_oxide (+ adler2)'],
  ['serde_core', 'serde'],
  ['console_error_panic_hook', 'console_error_panic_hook (panic hook)'],
  ['wasm_bindgen', 'wasm_bindgen + js_sys'],
  ['js_sys', 'wasm_bindgen + js_sys'],
  ['nianbao_doc', 'nianbao readers (doc, html, docx)'],
  ['nianbao_html', 'nianbao readers (doc, html, docx)'],
  ['nianbao_docx', 'nianbao readers (doc, html, docx)'],
  ['nianbao_wasm', 'nianbao bindings'],
  ['nianbao', 'nianbao'],
  ['nianbao_doc', 'nianbao_doc + nianbao_html (documents, HTML)'],
  ['nianbao_html', 'nianbao_doc + nianbao_html (documents, HTML)'],
  ['nianbao_docx', 'nianbao_docx (.docx)'],
  ['nianbao_wasm', 'nianbao_wasm (bindings)'],
  ['serde', 'serde'],
  ['core::fmt', 'std formatting (core::fmt, float printing)'],
  ['core::num::flt2dec', 'std formatting (core::fmt, float printing)'],
  ['hashbrown', 'core/alloc/std (rest)'],
  ['dlmalloc', 'allocator (dlmalloc)'],
  ['__rustc', 'allocator (dlmalloc)'],
  ['alloc', 'core/alloc/std (rest)'],
  ['core', 'core/alloc/std (rest)'],
  ['std', 'core/alloc/std (rest)'],
];

/** The crate a demangled name belongs to: the leftmost known crate path in it. */
function crateOf(mangled) {
  // wasm-bindgen's output names are demangled already, with crate hashes (`core[1a2b…]::`).
  const name = mangled.replace(/\[[0-9a-f]{16}\]/g, '');
  if (name.startsWith('__wbindgen_describe')) {
    return 'wasm-bindgen descriptors (dropped by wasm-bindgen)';
  }
  if (/^[a-z][A-Za-z0-9]*$/.test(name)) {
    return 'nianbao_wasm (bindings)';
  }
  let best = null;
  for (const [prefix, label] of CRATES) {
    const at = name.search(new RegExp(`(^|[^a-z_])${prefix.replace(/:/g, ':')}::`));
    if (at >= 0 && (best === null || at < best.at)) {
      best = { at, label };
    }
  }
  return best ? best.label : 'other (unnamed, compiler builtins)';
}

/** Function body sizes, demangled names and the data section's size of a wasm binary. */
function functions(bytes) {
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) {
        return result;
      }
    }
  };
  const str = () => {
    const n = leb();
    const s = bytes.subarray(pos, pos + n).toString('utf8');
    pos += n;
    return s;
  };
  let imported = 0;
  const sizes = [];
  const names = new Map();
  let data = 0;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 2) {
      for (let i = leb(); i > 0; i--) {
        str();
        str();
        const kind = bytes[pos++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          pos++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else {
          pos += 2;
        }
      }
    } else if (id === 11) {
      data += size;
    } else if (id === 10) {
      for (let i = leb(); i > 0; i--) {
        const n = leb();
        sizes.push(n);
        pos += n;
      }
    } else if (id === 0 && str() === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const length = leb();
        const subEnd = pos + length;
        if (sub === 1) {
          for (let i = leb(); i > 0; i--) {
            const index = leb();
            names.set(index - imported, demangle(str()));
          }
        }
        pos = subEnd;
      }
    }
    pos = end;
  }
  return { sizes, names, data };
}

/** Rust's mangled names (legacy `_ZN…E`, v0 `_R…`) as paths, roughly; other names unchanged. */
function demangle(name) {
  if (name.startsWith('_R')) {
    return demangleV0(name.slice(2));
  }
  const m = name.match(/^_ZN(.*)E$/);
  if (!m) {
    return name;
  }
  const parts = [];
  let rest = m[1];
  while (rest.length > 0) {
    const len = rest.match(/^\d+/);
    if (!len) {
      break;
    }
    const n = Number(len[0]);
    parts.push(rest.slice(len[0].length, len[0].length + n));
    rest = rest.slice(len[0].length + n);
  }
  return parts
    .filter((p) => !/^h[0-9a-f]{16}$/.test(p))
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&')
    .replace(/\.\./g, '::');
}

/** The identifiers of a v0 mangled name joined by `::` (disambiguators and types skipped). */
function demangleV0(rest) {
  const parts = [];
  let i = 0;
  while (i < rest.length) {
    const digits = rest.slice(i).match(/^\d+/);
    if (digits) {
      i += digits[0].length;
      if (rest[i] === '_') {
        i++;
      }
      const n = Number(digits[0]);
      parts.push(rest.slice(i, i + n));
      i += n;
      continue;
    }
    const disambiguator = rest.slice(i).match(/^s[0-9A-Za-z]{0,12}_/);
    i += disambiguator ? disambiguator[0].length : 1;
  }
  return parts.join('::');
}

// ------------------------------------------------------------------------------------------

function batch() {
  const script = join(ROOT, 'scripts', 'bench-batch.mjs');
  if (!existsSync(script)) {
    return;
  }
  console.error('bench: scripts/bench-batch.mjs…');
  const args = QUICK ? [script, '1000'] : [script];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const line = (result.stdout || '').trim().split('\n').pop() || `failed: ${(result.stderr || '').trim().split('\n').pop()}`;
  add('CLI batch', QUICK ? '1,000 reports' : '10,000 reports', line);
}

/** The planted-typo benchmark of the diagnosis (examples/plant.rs): its totals, with budgets. */
function plant() {
  console.error('bench: examples/plant (release)…');
  output('cargo', ['build', '--release', '--quiet', '--example', 'plant']);
  const bin = join(TARGET, 'release', 'examples', 'plant');
  const result = spawnSync(bin, [QUICK ? '1' : '4'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const lines = (result.stdout || '').trim().split('\n');
  const total = lines.find((l) => l.startsWith('total'));
  if (!total) {
    add('diagnosis (planted typos)', '', `failed: ${(result.stderr || '').trim().split('\n').pop()}`);
    return;
  }
  // total REPORTS PLANTS 三named 三complete unread/open/silent 四swaps 四tellable 四±1 三drop 四drop false
  const f = total.trim().split(/\s+/);
  const rate = (cell) => Number.parseFloat(cell);
  const input = `${f[1]} reports, ${f[2]} plants`;
  add('三 typo named', input, f[3], '≥ 99%', rate(f[3]) >= 99);
  add('三 typo named, complete tables', input, f[4], '≥ 99%', rate(f[4]) >= 99);
  add('四 digit swap named', input, f[6], '≥ 90%', rate(f[6]) >= 90);
  add('四 swap named, tellable', input, f[7], '', null);
  add('value proposed for an unchanged cell', input, f[11], '0 plants', Number(f[11]) === 0);
  for (const l of lines.slice(1, -1).filter((x) => !x.startsWith('total') && !x.startsWith('budgets'))) {
    console.error(`  ${l}`);
  }
}

function print() {
  const cpu = (cpus()[0]?.model || 'unknown CPU').trim();
  console.log(`\nnianbao bench — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, Node ${process.version}${QUICK ? ' (--quick)' : ''}\n`);
  const heads = { measure: 'measure', input: 'input', value: 'value', budget: 'budget', ok: '' };
  const cols = Object.keys(heads);
  const width = (s) => [...String(s)].reduce((w, ch) => w + (ch.codePointAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = cols.map((c) => Math.max(width(heads[c]), ...rows.map((r) => width(r[c]))));
  const line = (r) => cols.map((c, i) => String(r[c]) + ' '.repeat(widths[i] - width(r[c]))).join('  ').trimEnd();
  console.log(line(heads));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}

/** The modules' sizes, and what the first-load module is made of. */
function sizes() {
  size();
  try {
    const named = namedBuild();
    sizeByCrate(named);
    twiggyTop(named);
  } catch (err) {
    add('.wasm by crate', '', `skipped: ${err.message.split('\n')[0]}`);
  }
}

await runMain(async () => {
  if (!existsSync(join(PKG, 'nianbao_bg.wasm'))) {
    throw new StepError('www/pkg/ is not built: run `npm test` or `node scripts/build.mjs` first');
  }
  if (SIZE_ONLY) {
    sizes();
    print();
    return;
  }
  const bin = nativeBench();
  native(bin);
  await node();
  await chromium();
  sizes();
  rss(bin);
  hard(bin);
  batch();
  plant();
  print();
});
