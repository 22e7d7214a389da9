// The npm package as a user gets it: `npm pack`, `npm install ./nianbao-*.tgz` in an empty
// folder, then check() from Node (a CMS back end) and from a page that imports the installed
// package. The reports are also held against the installed index.d.ts: every field in the JSON
// is declared with a type it has, and every required field is present.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from '../../scripts/package.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SEED = join(FIXTURES, 'seeds', '004_b5a011f3d089b4ff.txt');

let tmp;
let app;
let packed;

function npm(args, cwd) {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

before(() => {
  buildPackage();
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-package-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT));
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{"name": "app", "private": true, "type": "module"}\n');
  npm(['install', '--offline', '--no-audit', '--no-fund', join(tmp, packed.filename)], app);
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the package and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['index.js', 'node.js', 'index.d.ts', 'nianbao-checker.js', 'nianbao.js', 'nianbao_bg.wasm', 'nianbao_pdf.js', 'nianbao_pdf_bg.wasm', 'rule-docs.js']) {
    assert.ok(files.includes(`dist/${f}`), `dist/${f} missing from ${files.join(' ')}`);
  }
  assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE)$/.test(f)), []);
  console.log(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
});

// Run in the installed folder: `import 'nianbao'` resolves through the package's exports.
const NODE_SCRIPT = `
import { readFileSync, readdirSync } from 'node:fs';
import { check, checkDocx, checkHtml, checkPdf, init, ruleDocs, rules, version } from 'nianbao';
await init();
const read = (dir, f, how = 'utf8') => readFileSync(process.argv[2] + '/' + dir + '/' + f, how);
const seeds = readdirSync(process.argv[2] + '/seeds').map((f) => check(read('seeds', f)));
const html = readdirSync(process.argv[2] + '/html').map((f) => checkHtml(read('html', f)));
const docx = checkDocx(read('grid', 'subtotal-column.docx', null));
const withPrevious = check(read('seeds', '003_16e51b8a446c7100.txt'), { previous: read('seeds', '003_16e51b8a446c7100.txt') });
const configured = check(read('seeds', '004_b5a011f3d089b4ff.txt'), { config: { ignore: ['T001'], severity: { T003: 'error' } } });
const pdf = await checkPdf(read('pdf', 'hongze-2023.pdf', null));
const brokenPdf = await checkPdf(read('pdf', 'hongze-2023.pdf', null).subarray(0, 3000)).catch((err) => err.message);
console.log(JSON.stringify({ seeds, html, docx, pdf, brokenPdf, withPrevious, configured, rules: rules(), docs: await ruleDocs(), version: version() }));
`;

function runInApp() {
  writeFileSync(join(app, 'check.mjs'), NODE_SCRIPT);
  const result = spawnSync(process.execPath, ['check.mjs', FIXTURES], { cwd: app, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

const rulesOf = (report) => report.diagnostics.map((d) => d.rule);

test('check() works from Node in the installed package', () => {
  const got = runInApp();
  const seed = got.seeds[4];
  assert.ok(rulesOf(seed).includes('S001') && rulesOf(seed).includes('T001'), rulesOf(seed).join(' '));
  assert.ok(seed.diagnostics.every((d) => !d.span || d.span.start16 <= d.span.end16));
  const wps = got.html.find((r) => rulesOf(r).includes('A007'));
  assert.equal(wps && wps.source.kind, 'html');
  assert.equal(got.docx.source.kind, 'docx');
  assert.deepEqual([got.pdf.source.kind, got.pdf.source.pages], ['pdf', 5]);
  assert.deepEqual(rulesOf(got.pdf).filter((r) => r === 'A004' || r === 'A007').sort(), ['A004', 'A007'], 'the two section 四 errors');
  assert.match(got.brokenPdf, /PDF 文件不完整或已损坏/);
  assert.ok(rulesOf(got.withPrevious).includes('Y004'), rulesOf(got.withPrevious).join(' '));
  assert.ok(!rulesOf(got.configured).includes('T001') && got.configured.ignored >= 1);
  assert.ok(got.configured.diagnostics.some((d) => d.rule === 'T003' && d.severity === 'error'));
  assert.ok(got.rules.some((r) => r.id === 'A001' && r.title));
  assert.equal(got.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('index.d.ts declares every field of real reports, with its type', () => {
  const types = parseDeclarations(readFileSync(join(app, 'node_modules', 'nianbao', 'dist', 'index.d.ts'), 'utf8'));
  const got = runInApp();
  const reports = [...got.seeds, got.withPrevious, got.configured];
  const problems = [];
  reports.forEach((r, i) => conform(r, 'Report', `report ${i}`, types, problems));
  got.html.forEach((r, i) => conform(r, 'DocumentReport', `html ${i}`, types, problems));
  conform(got.docx, 'DocumentReport', 'docx', types, problems);
  conform(got.pdf, 'DocumentReport', 'pdf', types, problems);
  conform(got.rules, 'Rule[]', 'rules()', types, problems);
  conform(got.docs, 'RuleDocs[]', 'ruleDocs()', types, problems);
  assert.deepEqual(problems, []);
  // Every rule has its texts, in the same order.
  assert.deepEqual(got.docs.map((d) => d.id), got.rules.map((r) => r.id));
  assert.ok(got.docs.every((d) => d.what && d.why && d.bad && d.good && d.fix));
  // The comparison itself can fail: an undeclared field, a missing one, a wrong type.
  const seed = structuredClone(got.seeds[4]);
  seed.diagnostics[0].extra = 1;
  delete seed.outline.sections[0].found;
  seed.tables.s3.rows[0].values[0] = '0';
  const caught = [];
  conform(seed, 'Report', 'changed', types, caught);
  assert.equal(caught.length, 3, caught.join('\n'));
});

test('check() works from a page that imports the installed package', async () => {
  const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'nianbao', 'package.json'), 'utf8'));
  const map = {
    imports: {
      nianbao: `./node_modules/nianbao/${manifest.exports['.'].default}`,
      'nianbao/nianbao-checker.js': `./node_modules/nianbao/${manifest.exports['./nianbao-checker.js'].default}`,
    },
  };
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>app</title><script type="importmap">${JSON.stringify(map)}</script>\n`,
  );
  const env = await openBrowser();
  const site = await startServer(0, { root: app });
  try {
    const page = await env.context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(site.url);
    const got = await page.evaluate(async (text) => {
      const m = await import('nianbao');
      let early = null;
      try {
        m.check(text);
      } catch (err) {
        early = err.message;
      }
      await m.init();
      await import('nianbao/nianbao-checker.js');
      const report = m.check(text);
      return {
        early,
        rules: report.diagnostics.map((d) => d.rule),
        html: m.checkHtml('<table><tr><td>一、总体情况</td></tr></table>').source.kind,
        pdf: await m.checkPdf(new TextEncoder().encode('%PDF-1.4\n')).catch((err) => err.message),
        component: Boolean(customElements.get('nianbao-checker')),
      };
    }, readFileSync(SEED, 'utf8'));
    assert.match(got.early, /请先 await init\(\)/);
    assert.ok(got.rules.includes('S001') && got.rules.includes('T001'), got.rules.join(' '));
    assert.equal(got.html, 'html');
    // checkPdf fetched the PDF module next to the package's glue, and its message came back.
    assert.match(got.pdf, /PDF 文件不完整或已损坏/);
    assert.ok(requests.some((url) => url.endsWith('/node_modules/nianbao/dist/nianbao_pdf_bg.wasm')));
    assert.ok(got.component);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(site.url)), []);
    assert.ok(requests.some((url) => url.endsWith('/node_modules/nianbao/dist/nianbao_bg.wasm')));
  } finally {
    await env.close();
    await site.close();
  }
});

/**
 * The interfaces and type aliases of a .d.ts written as index.d.ts is: `interface Name
 * (extends Base)? { field?: type; }` and `type Name = type;`, one field per line.
 */
function parseDeclarations(source) {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const types = { interfaces: new Map(), aliases: new Map() };
  for (const [, name, base, body] of text.matchAll(/interface (\w+)(?: extends (\w+))? \{([^}]*)\}/g)) {
    const fields = new Map(base ? types.interfaces.get(base) : []);
    for (const [, field, optional, type] of body.matchAll(/(\w+)(\?)?: ([^;]+);/g)) {
      fields.set(field, { optional: Boolean(optional), type: type.trim() });
    }
    types.interfaces.set(name, fields);
  }
  for (const [, name, type] of text.matchAll(/type (\w+) =([^;]+);/g)) {
    types.aliases.set(name, type.trim());
  }
  return types;
}

/** The alternatives of a union type, split at top-level `|`. */
function alternatives(type) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i += 1) {
    const c = type[i];
    depth += '(<'.includes(c) ? 1 : ')>'.includes(c) ? -1 : 0;
    if (c === '|' && depth === 0) {
      parts.push(type.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(type.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Adds to `problems` every way `value` at `path` does not fit `type`. */
function conform(value, type, path, types, problems) {
  const fits = alternatives(type).map((alt) => {
    const found = [];
    conformOne(value, alt, path, types, found);
    return found;
  });
  if (!fits.some((found) => found.length === 0)) {
    // Report the closest alternative's problems: the one with the fewest.
    problems.push(...fits.reduce((a, b) => (b.length < a.length ? b : a)));
  }
}

function conformOne(value, type, path, types, problems) {
  if (type.endsWith('[]')) {
    const item = type.slice(0, -2).replace(/^\((.*)\)$/, '$1');
    if (!Array.isArray(value)) {
      problems.push(`${path}: expected ${type}`);
      return;
    }
    value.forEach((v, i) => conform(v, item, `${path}[${i}]`, types, problems));
    return;
  }
  if (types.aliases.has(type)) {
    conform(value, types.aliases.get(type), path, types, problems);
    return;
  }
  const fields = types.interfaces.get(type);
  if (fields) {
    conformObject(value, type, fields, path, types, problems);
    return;
  }
  const literal = /^'(.*)'$/.exec(type);
  const ok = literal ? value === literal[1] : type === 'null' ? value === null : typeof value === type;
  if (!ok) {
    problems.push(`${path}: ${JSON.stringify(value)} is not ${type}`);
  }
}

function conformObject(value, type, fields, path, types, problems) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path}: expected ${type}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!fields.has(key)) {
      problems.push(`${path}.${key}: not declared in ${type}`);
    }
  }
  for (const [key, field] of fields) {
    if (key in value) {
      conform(value[key], field.type, `${path}.${key}`, types, problems);
    } else if (!field.optional) {
      problems.push(`${path}.${key}: declared in ${type} but missing`);
    }
  }
}
