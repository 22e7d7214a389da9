// The offline single file (scripts/single.mjs): built into an otherwise empty folder, opened
// from disk (file://) with no server, a seed typed in as a user would, the findings read back.
// Nothing may be asked for but the file itself (blob: and data: URLs are the file's own parts),
// and nothing may go to the console as an error.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/setup.mjs';
import { BundleError, buildSingle } from '../../scripts/single.mjs';
import { ROOT } from '../../scripts/util.mjs';

// The flags of harness.mjs; no --allow-file-access-from-files: the file needs no other file.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// Seed 004 lacks sections and table rows: S001 and T001 are errors its golden lists.
const SEED = readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', '004_b5a011f3d089b4ff.txt'), 'utf8');

let dir;
let profile;
let context;
let single;
before(async () => {
  // A folder of its own, not dist/: nothing beside the file, and no other build removes it.
  dir = mkdtempSync(join(tmpdir(), 'nianbao-single-'));
  single = await buildSingle({ out: join(dir, 'nianbao.html') });
  profile = mkdtempSync(join(tmpdir(), 'nianbao-chromium-'));
  const executablePath = findChromium();
  assert.ok(executablePath, 'no Chromium found: install it or set CHROMIUM_PATH');
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
});
after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens the single file with every request, console error and page error recorded, and the
 * length of each base64 text the page decodes in `window.decoded`.
 */
async function openSingle() {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const atob = window.atob.bind(window);
    window.decoded = [];
    window.atob = (text) => {
      window.decoded.push(text.length);
      return atob(text);
    };
  });
  const log = { errors: [], requests: [], workers: [] };
  page.on('console', (msg) => msg.type() === 'error' && log.errors.push(msg.text()));
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('worker', (worker) => log.workers.push(worker.url()));
  const url = pathToFileURL(single.file).href;
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  return { page, log, url };
}

test('the file is alone and self-contained', () => {
  assert.deepEqual(readdirSync(dir), ['nianbao.html']);
  const html = readFileSync(single.file, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+\bsrc=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]+rel="stylesheet"/i, 'no external stylesheet');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(csp, 'a CSP of its own');
  assert.equal(html.match(/Content-Security-Policy/g).length, 1, 'only one CSP');
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /connect-src 'none'/);
  assert.doesNotMatch(csp[1], /'self'|'unsafe-inline'|https?:/);
});

test('the README says how large the file is (within a tenth)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const said = /生成 `dist\/nianbao\.html`（[^）]*?约 ([\d.]+) MB/.exec(readme);
  assert.ok(said, 'the README gives the size of dist/nianbao.html');
  const mb = single.size / 1e6;
  console.log(`# single file: ${single.size} bytes = ${mb.toFixed(2)} MB; the README says about ${said[1]} MB`);
  assert.ok(Math.abs(mb - Number(said[1])) <= Number(said[1]) / 10, `${mb.toFixed(2)} MB, the README says ${said[1]} MB: update README.md`);
});

test('opened from disk, it checks a report and asks for nothing but itself', async () => {
  const { page, log, url } = await openSingle();
  await page.fill('#report-text', SEED);
  try {
    await page.waitForFunction(() => Number(document.documentElement.dataset.checks || 0) > 0);
    await page.waitForSelector('#findings li');
  } catch (err) {
    throw new Error(`no report shown (${err.message}); page errors: ${JSON.stringify(log.errors)}`);
  }
  const count = await page.locator('#findings li').count();
  assert.ok(count > 0, 'findings are listed');
  const findings = await page.textContent('#findings');
  assert.match(findings, /S001/, 'the missing section (S001) is reported');
  assert.match(findings, /T001/, 'the missing rows (T001) are reported');
  const foreign = log.requests.filter((u) => u !== url && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request but the file itself');
  assert.deepEqual(log.errors, [], 'no console error or page error');
  const worker = await page.evaluate(() => document.documentElement.dataset.worker ?? null);
  console.log(`# single file: ${single.size} bytes; data-worker=${worker}; workers started: ${log.workers.length ? log.workers.join(', ') : 'none'}`);
  // The check ran in a worker made from a blob: URL, even from file://.
  assert.equal(worker, 'true');
  assert.ok(log.workers.some((w) => w.startsWith('blob:')), 'a blob: worker started');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(tmpdir(), 'single.png') });
  await page.close();
});

test('opened from disk, it reads a PDF with the PDF module it carries', async () => {
  const { page, log, url } = await openSingle();
  // The base64 length of each data block; so far only the first module's is decoded.
  const embedded = await page.$$eval('script[data-asset]', (blocks) =>
    Object.fromEntries(blocks.map((b) => [b.dataset.asset, b.textContent.trim().length])));
  const firstWasm = embedded['pkg/nianbao_bg.wasm'];
  const pdfWasm = embedded['pkg/nianbao_pdf_bg.wasm'];
  assert.deepEqual(await page.evaluate(() => window.decoded), [firstWasm], 'the PDF module is not decoded before a PDF is opened');
  const pdf = readFileSync(join(ROOT, 'tests', 'fixtures', 'pdf', 'hongze-2023.pdf'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles({ name: '年报.pdf', mimeType: 'application/pdf', buffer: pdf });
  try {
    // The draft an earlier test left may be checked first: wait for the PDF's own report.
    await page.waitForSelector('.pdf-note', { timeout: 30000 });
  } catch (err) {
    throw new Error(`no report shown (${err.message}); file error: ${await page.textContent('#file-error')}; page errors: ${JSON.stringify(log.errors)}`);
  }
  const a004 = await page.$$eval('#findings li.finding[data-rule="A004"], #findings li.finding[data-rule="A007"]', (lis) => lis.length);
  assert.equal(a004, 2, 'the two section 四 errors of hongze-2023.pdf');
  assert.match(await page.textContent('.pdf-note'), /共 5 页/);
  assert.deepEqual(await page.evaluate(() => window.decoded), [firstWasm, pdfWasm], 'the PDF module decoded once it is needed');
  const foreign = log.requests.filter((u) => u !== url && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request but the file itself');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the worker of NIANBAO_LOADER starts from file:// and checks', async () => {
  const { page, log } = await openSingle();
  const answer = await page.evaluate(async (text) => {
    const load = globalThis.NIANBAO_LOADER;
    const worker = load.worker();
    const call = (id, method, args) => new Promise((ok, fail) => {
      worker.addEventListener('message', (e) => e.data.id === id && (e.data.error ? fail(new Error(e.data.error)) : ok(e.data.value)));
      worker.addEventListener('error', (e) => fail(new Error(e.message || 'worker error')));
      worker.postMessage({ id, method, args });
    });
    const { version } = await call(1, 'init', [load.wasm()]);
    const report = await call(2, 'check', [text]);
    worker.terminate();
    return { version, rules: report.diagnostics.map((d) => d.rule) };
  }, SEED);
  assert.match(answer.version, /^\d+\.\d+\.\d+/);
  assert.ok(answer.rules.includes('S001'), 'the worker found S001');
  assert.ok(log.workers.some((u) => u.startsWith('blob:')), 'a worker from a blob: URL ran');
  assert.deepEqual(log.errors, []);
  await page.close();
});

// A page of its own that uses the module forms the page may come to use (live bindings and
// an import cycle among them), the real checker.js, worker.js and wasm glue, and says what it
// saw in #out.
const INDEX = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <!-- a comment -->
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="style.css">
  <link rel="stylesheet" href="print.css" media="print">
  <link rel="modulepreload" href="forms.js">
  <script type="module" src="app.js"></script>
</head>
<body><p id="out">…</p><a href="#top">top</a></body>
</html>
`;
const FORMS = {
  'style.css': "@import './colors.css';\nbody { background-image: url(favicon.svg); }\n",
  'colors.css': 'body { color: rgb(1, 2, 3); }\n',
  'print.css': 'body { color: rgb(9, 9, 9); }\n',
  'app.js': `import { startChecker } from './checker.js';
import def, * as ns from './forms.js';
import { a, b as c, shown, d, count, bump } from './forms.js';
import * as again from './sub/reexport.js';
import { back } from './sub/c1.js';
import './side.js';

const checker = await startChecker();
const report = await checker.call('check', 'x');
const lazy = await import('./sub/lazy.js');
const k = new ns.K();
bump();
const result = {
  a: a(), c, shown, d, def: def.kind, af: await ns.af(), b2: ns.b2, l: ns.l, k: k.name(),
  renamed: again.renamed(), star: again.b, defaultNotStarred: 'default' in again,
  lazy: lazy.default, side: globalThis.sideEffect, live: count, cycle: back(),
  inWorker: checker.inWorker, rules: report.diagnostics.map((r) => r.rule).slice(0, 3),
  ns: Object.keys(ns).sort().join(','), color: getComputedStyle(document.body).color,
  image: getComputedStyle(document.body).backgroundImage.startsWith('url("data:image/svg+xml'),
};
document.getElementById('out').textContent = JSON.stringify(result);
document.documentElement.dataset.ready = 'true';
`,
  'forms.js': `// export in a comment, and 'import x from "y"' in a string
export function a() { return 'a' + \`\${'b'.repeat(0)}\`; }
export async function af() { return /export/.test('export') ? 'af' : ''; }
export const b = 2, b2 = [1, 2].map((x) => x * 2);
export let l = 'let';
export const { d } = { d: 'd' };
export let count = 0;
export function bump() { count += 1; }
export class K { name() { return 'K'; } }
const hidden = 'h';
export { hidden as shown };
export default { kind: 'default' };
`,
  'sub/reexport.js': "export * from '../forms.js';\nexport { a as renamed } from '../forms.js';\n",
  'sub/lazy.js': "export default 'lazy';\n",
  'sub/c1.js': "import { two } from './c2.js';\nexport const back = () => two();\nexport function one() { return 1; }\n",
  'sub/c2.js': "import { one } from './c1.js';\nexport const two = () => one() + 1;\n",
  'side.js': 'globalThis.sideEffect = true;\n',
};

/** A www/ folder in a temporary directory: `files` beside copies of the page's own pieces. */
function fixtureRoot(files) {
  const root = join(mkdtempSync(join(tmpdir(), 'nianbao-www-')), 'www');
  mkdirSync(join(root, 'pkg'), { recursive: true });
  for (const f of ['pkg/nianbao.js', 'pkg/nianbao_bg.wasm', 'pkg/nianbao_pdf.js', 'pkg/nianbao_pdf_bg.wasm', 'checker.js', 'worker.js', 'favicon.svg']) {
    cpSync(join(ROOT, 'www', f), join(root, f));
  }
  writeFileSync(join(root, 'index.html'), INDEX);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('the module forms the page may use work in the single file', async () => {
  const root = fixtureRoot(FORMS);
  const built = await buildSingle({ root, out: join(root, '..', 'out', 'forms.html') });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (msg) => msg.type() === 'error' && log.errors.push(msg.text()));
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  const url = pathToFileURL(built.file).href;
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  const result = JSON.parse(await page.textContent('#out'));
  assert.deepEqual(result, {
    a: 'a', c: 2, shown: 'h', d: 'd', def: 'default', af: 'af', b2: [2, 4], l: 'let', k: 'K',
    renamed: 'a', star: 2, defaultNotStarred: false, lazy: 'lazy', side: true, live: 1, cycle: 2,
    inWorker: true, rules: result.rules, ns: 'K,a,af,b,b2,bump,count,d,default,l,shown',
    color: 'rgb(1, 2, 3)', image: true,
  });
  assert.ok(result.rules.includes('S001'), 'the checker ran');
  assert.deepEqual(log.requests.filter((u) => u !== url && !/^(blob|data):/.test(u)), []);
  assert.deepEqual(log.errors, []);
  await page.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

// What esbuild cannot resolve, what it warns about and what index.html cannot inline fail the
// build, naming the file, line and column.
const REFUSED = [
  ['app.js', "import x from 'bare';\n", /app\.js:1:15: Could not resolve "bare"/],
  ['app.js', "import './missing.js';\n", /app\.js:1:8: Could not resolve "\.\/missing\.js"/],
  ['app.js', "import { nope } from './forms.js';\n", /app\.js:1:10: No matching export in "forms\.js" for import "nope"/],
  ['app.js', 'const = 1;\n', /app\.js:1:7: Expected identifier but found "="/],
  ['app.js', 'export const o = { a: 1, a: 2 };\n', /app\.js:1:26: Duplicate key "a" in object literal/],
  ['style.css', 'body { background: url(missing.png); }\n', /style\.css:1:20: Could not resolve "missing\.png"/],
  ['index.html', INDEX.replace('<body>', '<body><img src="logo.png">'), /index\.html:13:7: <img src="logo\.png"> would need a file/],
];

test('what the single file cannot hold fails the build loudly', async () => {
  for (const [name, text, expected] of REFUSED) {
    const root = fixtureRoot({ ...FORMS, [name]: text });
    let message = 'no error';
    try {
      await buildSingle({ root, out: join(root, '..', 'out.html') });
    } catch (err) {
      assert.ok(err instanceof BundleError, `a BundleError, not ${err.stack}`);
      message = err.message;
    }
    assert.match(message, expected, `${name}: ${text.trim().slice(0, 60)}`);
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

test('the 示例 report loads from the file itself', async () => {
  const { page, log, url } = await openSingle();
  // A draft an earlier test left in this profile hides the empty page that offers the sample:
  // 清空 (two clicks) removes it, as a reader would.
  await page.click('#clear-draft');
  await page.click('#clear-draft');
  await page.waitForFunction(() => document.getElementById('report-text').value === '');
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  const shown = await page.isVisible('#try-sample');
  assert.ok(shown, `the empty page offers the sample; the text box holds ${JSON.stringify((await page.inputValue('#report-text')).slice(0, 80))}`);
  await page.click('#try-sample');
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before, { timeout: 20000 });
  const rules = await page.$$eval('#findings li.finding', (lis) => lis.map((li) => li.dataset.rule).sort());
  assert.deepEqual(rules, ['A007', 'A007', 'O001', 'T002']);
  assert.deepEqual(log.requests.filter((u) => u !== url && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(log.errors, []);
  await page.close();
});
