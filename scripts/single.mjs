// Builds dist/nianbao.html: the whole page in one file that works when opened from disk
// (file://) with no server, for intranets and USB sticks. The stylesheet, the favicon, every ES
// module reachable from www/app.js, the worker and both .wasm modules are inlined; a
// Content-Security-Policy of its own allows nothing from the network, and the inline script and
// styles by their sha256 hashes.
//
// esbuild bundles the JavaScript and the CSS: a maintained bundler follows every module form the
// page may come to use (live bindings, cycles, re-exports, import() of a literal), and fails the
// build with file:line:column on what it cannot resolve; its warnings fail the build too. What
// it leaves to run time (import() of a computed specifier, new URL('./x', import.meta.url))
// would ask for a file beside the single file: the CSP blocks that, and the browser tests
// (tests/browser/single.test.mjs) fail on any request but the file itself. Two bundles:
//
//   - www/worker.js as a classic script (IIFE), started from a blob: URL: classic workers run
//     in browsers older than module workers (Chromium 80, Firefox 114);
//   - the page's module script, from an entry that first runs the loader below and then the
//     page's own entry (www/app.js), as an inline <script type="module">.
//
// The loader sets `globalThis.NIANBAO_LOADER` (read by www/checker.js) before the page runs:
// `worker()` starts the bundled worker, `module()` and `pdfModule()` resolve to the bundled
// wasm-bindgen glue, and `wasm()` and `pdfWasm()` give a .wasm's bytes, decoded from base64
// kept in a data block (a <script> of a non-JavaScript type, never run) the first time they are
// asked for: the PDF module's bytes only when a PDF is opened. The worker is posted the bytes.
//
// index.html itself is inlined by the small HTML pass at the end of this file, which refuses
// anything that would need a file beside the single file.
//
// Usage: node scripts/single.mjs   (writes dist/nianbao.html and prints its size)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import * as esbuild from 'esbuild';
import { build } from './build.mjs';
import { heading, isMain, ROOT, runMain, StepError } from './util.mjs';

/** Where `node scripts/single.mjs` writes the single file. */
export const SINGLE_OUT = join(ROOT, 'dist', 'nianbao.html');
const WWW = join(ROOT, 'www');
const GLUE = 'pkg/nianbao.js';
const WASM = 'pkg/nianbao_bg.wasm';
const PDF_GLUE = 'pkg/nianbao_pdf.js';
const PDF_WASM = 'pkg/nianbao_pdf_bg.wasm';
/** The rules' documentation texts (scripts/build.mjs writes them; the page imports them). */
const RULE_DOCS = 'pkg/rule-docs.js';
/** The .wasm files embedded as data blocks. */
const EMBEDDED = [WASM, PDF_WASM];
const WORKER = 'worker.js';
/** The specifier of the loader module, which exists only in the page's bundle. */
const LOADER = 'nianbao:loader';
/** The name of the page bundle's entry, which imports the loader and then the page. */
const ENTRY = '<entry>';

const MIME = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** A module or page form the single file cannot hold; the message names file:line:column. */
export class BundleError extends StepError {}

/** A path as messages show it: from the repository root when inside it. */
function shown(file) {
  const rel = relative(ROOT, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/** Line and column (1-based) of offset `at` in `src`. */
function where(file, src, at) {
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `${shown(file)}:${line}:${column}`;
}

function fail(file, src, at, message) {
  throw new BundleError(`${where(file, src, at)}: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// The bundles.

/** The file a message of esbuild's points into: one under `root`, or the entry or the loader. */
function located(root, { file, namespace }) {
  return namespace === '' && file !== ENTRY ? shown(join(root, file)) : file;
}

/** esbuild's messages as one BundleError, each as file:line:column: text. */
function bundleError(root, messages) {
  const lines = messages.map(({ text, location }) => {
    if (!location) return text;
    return `${located(root, location)}:${location.line}:${location.column + 1}: ${text}`;
  });
  return new BundleError(lines.join('\n'));
}

/** The one output of an esbuild bundle over files in `root`; errors and warnings fail. */
async function bundle(root, options) {
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      bundle: true,
      write: false,
      // Chinese text stays as it is, not as \u escapes three times its size.
      charset: 'utf8',
      logLevel: 'silent',
      ...options,
    });
  } catch (err) {
    if (!err.errors) throw err;
    throw bundleError(root, err.errors);
  }
  if (result.warnings.length) throw bundleError(root, result.warnings);
  return result.outputFiles[0].text;
}

/**
 * www/worker.js and what it imports as one classic script. It has no import.meta: the glue
 * reads import.meta.url only to find its .wasm when not given one, and the worker is always
 * posted the bytes.
 */
function workerScript(root) {
  return bundle(root, { entryPoints: [WORKER], format: 'iife', define: { 'import.meta.url': 'undefined' } });
}

/** The loader module's code; `worker` is the worker's bundled code. */
function loaderModule(worker) {
  return `
const workerSource = ${JSON.stringify(worker)};
let workerUrl = null;
const assets = new Map();

/** The bytes of an embedded .wasm, decoded from its data block the first time they are asked for. */
function asset(id) {
  let bytes = assets.get(id);
  if (!bytes) {
    const block = [...document.querySelectorAll('script[data-asset]')].find((s) => s.dataset.asset === id);
    const binary = atob(block.textContent.trim());
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    assets.set(id, bytes);
  }
  return bytes;
}

globalThis.NIANBAO_LOADER = {
  worker: () => {
    if (!workerUrl) workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    return new Worker(workerUrl);
  },
  module: () => import(${JSON.stringify(`./${GLUE}`)}),
  wasm: () => asset(${JSON.stringify(WASM)}),
  pdfModule: () => import(${JSON.stringify(`./${PDF_GLUE}`)}),
  pdfWasm: () => asset(${JSON.stringify(PDF_WASM)}),
};
`;
}

/** Serves the loader module, resolving its imports in `root` as if it were there. */
function loaderPlugin(root, worker) {
  return {
    name: 'nianbao-loader',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${LOADER}$`) }, () => ({ path: 'loader', namespace: 'nianbao' }));
      b.onLoad({ filter: /.*/, namespace: 'nianbao' }, () => ({
        contents: loaderModule(worker),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/** The page's inline module script: the loader, then `entry` (a module under `root`). */
async function pageScript(root, entry) {
  const worker = await workerScript(root);
  // Imports run in order: the loader is set before the page's first module runs.
  const contents = `import ${JSON.stringify(LOADER)};\nimport ${JSON.stringify(`./${entry}`)};\n`;
  const code = await bundle(root, {
    stdin: { contents, resolveDir: root, sourcefile: ENTRY },
    format: 'esm',
    plugins: [loaderPlugin(root, worker)],
  });
  // esbuild writes every </script as <\/script, but leaves <!--, after which the HTML parser
  // could read past the script's end.
  if (code.includes('<!--')) {
    throw new BundleError(`the bundle of ${shown(join(root, entry))} contains <!--, which an inline script cannot hold`);
  }
  return code;
}

/**
 * A stylesheet with what it imports and its relative url(…) inlined (esbuild writes every
 * </style as <\/style, so it cannot end the <style> element early).
 */
function stylesheet(root, href) {
  const loader = Object.fromEntries(Object.keys(MIME).map((ext) => [ext, 'dataurl']));
  return bundle(root, { entryPoints: [href], loader });
}

// ---------------------------------------------------------------------------------------------
// The page: index.html with its stylesheets, icon, script and wasm inlined and its own CSP.

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function attributes(tag) {
  const attrs = new Map();
  const re = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
  let m;
  re.exec(tag); // the tag name
  while ((m = re.exec(tag.slice(0, -1)))) {
    attrs.set(m[1].toLowerCase(), m[2] === undefined ? '' : m[2].replace(/^["']|["']$/g, ''));
  }
  return attrs;
}

function dataUrl(file) {
  const mime = MIME[extname(file).toLowerCase()];
  if (!mime) throw new BundleError(`${shown(file)}: no known type to inline it as a data: URL`);
  return `data:${mime};base64,${readFileSync(file).toString('base64')}`;
}

/** A start or end tag; a <script>'s body and end tag come with its start tag. */
const TAG = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*>(?:(?<=<script\b[^>]*>)([\s\S]*?)<\/script\s*>)?/g;

const URL_ATTRS = ['src', 'href', 'srcset', 'poster', 'action', 'formaction', 'data', 'background', 'manifest'];

/**
 * What a <link> becomes: a stylesheet its <style> (its CSS recorded in `page.styles`), an icon
 * a data: URL, a preload nothing (everything it could fetch is in the file).
 */
function inlineLink(page, tag, attrs, at) {
  const { root, file, html } = page;
  const rel = (attrs.get('rel') || '').toLowerCase().split(/\s+/);
  const href = attrs.get('href') || '';
  if (/^[a-z]+:|^\/|^#/i.test(href)) fail(file, html, at, `<link href="${href}"> is not a relative file`);
  if (rel.includes('stylesheet')) {
    const media = attrs.has('media') ? ` media="${attrs.get('media')}"` : '';
    const k = page.styles.push(null) - 1;
    return page.later(async () => {
      page.styles[k] = await stylesheet(root, href);
      return `<style${media}>${page.styles[k]}</style>`;
    });
  }
  if (rel.includes('modulepreload') || rel.includes('preload')) return '';
  if (rel.includes('icon')) {
    return tag.replace(/href\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/, `href="${dataUrl(join(root, href))}"`);
  }
  return fail(file, html, at, `<link rel="${attrs.get('rel')}"> is not supported in the single file`);
}

/** What one tag of index.html becomes in the single file. */
function inlineTag(page, tag, closing, rawName, body, at) {
  const { root, file, html } = page;
  const name = rawName.toLowerCase();
  if (closing) return tag;
  const attrs = attributes(tag.replace(/>[\s\S]*$/, '>'));
  if (name === 'meta' && (attrs.get('http-equiv') || '').toLowerCase() === 'content-security-policy') {
    page.hasCsp = true;
    return '%%CSP%%';
  }
  if (name === 'link') return inlineLink(page, tag, attrs, at);
  if (name === 'script') {
    if (page.entry || attrs.get('type') !== 'module' || !attrs.get('src') || (body || '').trim()) {
      fail(file, html, at, 'only one <script type="module" src="…"></script> is supported');
    }
    page.entry = attrs.get('src').replace(/^\.\//, '');
    return page.later(async () => {
      page.script = await pageScript(root, page.entry);
      return `<script type="module">${page.script}</script>`;
    });
  }
  if (attrs.has('style')) fail(file, html, at, 'a style attribute would be blocked by the CSP; use style.css');
  for (const attr of URL_ATTRS) {
    const value = attrs.get(attr);
    if (value === undefined) continue;
    const fine = /^(#|data:)/i.test(value) || (name === 'a' && attr === 'href' && /^(https?:|mailto:)/i.test(value));
    if (!fine) fail(file, html, at, `<${name} ${attr}="${value}"> would need a file beside the single file`);
  }
  return tag;
}

/** The single file's own CSP: its inline script and styles by hash, no network at all. */
function cspMeta(script, styles) {
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval' 'unsafe-eval'`,
    `style-src ${styles.length ? styles.map(sha256).join(' ') : "'none'"}`,
    'img-src data:',
    'worker-src blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
}

/** index.html under `root` made self-contained; `embedded` maps each .wasm's id to its base64. */
async function inlinePage(root, embedded) {
  const file = join(root, 'index.html');
  // Comments go, keeping their line breaks so errors point at the right line.
  const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  // A tag whose text esbuild builds leaves a placeholder and a job; the jobs run once the whole
  // page is known to be fine.
  const jobs = [];
  const page = { root, file, html, entry: null, script: null, styles: [], hasCsp: false };
  page.later = (job) => `\0${jobs.push(job) - 1}\0`;
  let out = html.replace(TAG, (...match) => inlineTag(page, ...match.slice(0, 5)));
  if (!page.entry) fail(file, html, 0, 'no <script type="module" src="…"> found');
  const parts = await Promise.all(jobs.map((job) => job()));
  out = out.replace(/\0(\d+)\0/g, (_, k) => parts[Number(k)]);
  const meta = cspMeta(page.script, page.styles);
  out = page.hasCsp ? out.replace('%%CSP%%', meta) : out.replace(/<meta charset[^>]*>/i, (c) => `${c}\n  ${meta}`);
  const block = Object.entries(embedded)
    .map(([id, base64]) => `<script type="application/octet-stream" data-asset="${id}">${base64}</script>\n`)
    .join('');
  if (!/<\/body>/i.test(out)) throw new BundleError(`${shown(file)} has no </body>`);
  return out.replace(/<\/body>/i, (end) => `${block}${end}`);
}

/**
 * Builds the single file from `root` (www/) into `out` (dist/nianbao.html by default),
 * building www/pkg/ first when it is missing. Resolves to `{file, size}`.
 */
export async function buildSingle({ out = SINGLE_OUT, root = WWW } = {}) {
  heading(`Single file: ${shown(out)}`);
  if (root === WWW && ![GLUE, ...EMBEDDED, PDF_GLUE, RULE_DOCS].every((f) => existsSync(join(root, f)))) {
    build();
  }
  for (const f of [GLUE, ...EMBEDDED, PDF_GLUE, WORKER]) {
    if (!existsSync(join(root, f))) throw new BundleError(`www/${f} is missing; the single file needs it`);
  }
  const embedded = Object.fromEntries(EMBEDDED.map((id) => [id, readFileSync(join(root, id)).toString('base64')]));
  const html = await inlinePage(root, embedded);
  mkdirSync(dirname(out), { recursive: true });
  // Through a temporary name, so a test opening the file never reads half of it.
  writeFileSync(`${out}.${process.pid}`, html);
  renameSync(`${out}.${process.pid}`, out);
  const size = statSync(out).size;
  console.log(`${shown(out)}: ${size} bytes (${(size / 1024).toFixed(1)} KiB)`);
  return { file: out, size };
}

if (isMain(import.meta.url)) {
  runMain(() => buildSingle());
}
