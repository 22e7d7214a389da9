// Builds dist/nianbao.html: the whole page in one file that works when opened from disk
// (file://) with no server, for intranets and USB sticks. The stylesheet, the favicon, every ES
// module reachable from www/app.js, the worker and the .wasm are inlined; a Content-Security-
// Policy of its own allows nothing from the network.
//
// The bundler is generic over the page's modules but knows only a few module forms, and throws
// (with file:line:column) on anything else, so that a change to the page cannot silently break
// the single file. It follows static imports, `import('./x.js')` with a literal specifier and
// `new URL('./x', import.meta.url)`; every module becomes an async factory that awaits its
// imports in order, so evaluation order and top-level await are those of ES modules. Supported:
//
//   import './x.js'                          export function f / async function / class C
//   import a from './x.js'                   export const a = 1, b = 2  (let, var)
//   import { a, b as c } from './x.js'       export { a, b as c }   export { a } from './x.js'
//   import * as ns from './x.js'             export * from './x.js'
//   import a, * as ns / a, { b } from        export default <expression or declaration>
//   import('./x.js')                         new URL('./x.wasm', import.meta.url)  → its bytes
//   new Worker(new URL('./w.js', import.meta.url), …)  → a blob: URL of w.js bundled as a
//                                                        classic script
//
// Imports bind by value once the module they come from has run, so a module that reassigns an
// exported `let` is refused, and so are static import cycles. Specifiers must be relative and
// stay inside www/.
//
// In the page, `globalThis.NIANBAO_LOADER` (read by www/checker.js) is set before the app
// runs: `worker()` starts www/worker.js bundled as a classic script from a blob: URL,
// `module()` resolves to the bundled wasm-bindgen glue, `wasm()` gives the .wasm's bytes,
// decoded from base64 embedded in the file (a data block, not a script), which the worker gets
// by postMessage; `pdfModule()` and `pdfWasm()` do the same for the PDF module, whose bytes are
// decoded only when a PDF is opened. Inline script and style are allowed by their sha256 hashes.
//
// Usage: node scripts/single.mjs   (writes dist/nianbao.html and prints its size)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { runInNewContext, Script } from 'node:vm';
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
const PREFIX = '__nb_';

const MIME = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.wasm': 'application/wasm' };

/** A module or page form the bundler does not support; the message names file:line:column. */
export class BundleError extends StepError {}

// ---------------------------------------------------------------------------------------------
// Lexer: just enough JavaScript to find import/export statements, import() and import.meta
// outside strings, comments, templates and regular expressions.

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '**', '<<', '>>',
];
const REGEX_AFTER_WORD = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do',
  'else', 'yield', 'await', 'extends',
]);
const ID_START = /[A-Za-z_$\u0080-\uffff]/;
const ID_PART = /[\w$\u0080-\uffff]/;

/** Line and column (1-based) of offset `at` in `src`. */
function where(file, src, at) {
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `${shown(file)}:${line}:${column}`;
}

/** A path as messages show it: from the repository root when inside it. */
function shown(file) {
  const rel = relative(ROOT, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

function fail(file, src, at, message) {
  throw new BundleError(`${where(file, src, at)}: ${message}`);
}

/** Fails at token `tok`, or at the end of the source when there is none. */
function failAt(file, src, tok, message) {
  fail(file, src, tok ? tok.start : src.length, message);
}

/** Whether a `/` after `prev` starts a regular expression (rather than dividing). */
function regexAllowed(prev) {
  if (!prev) return true;
  if (prev.type === 'name') return REGEX_AFTER_WORD.has(prev.value);
  if (prev.type === 'punct') return prev.value !== ')' && prev.value !== ']';
  if (prev.type === 'template') return prev.value.endsWith('${');
  return false;
}

/**
 * The tokens of `src`: `{type, value, start, end, depth, nl}`, type name, punct, string,
 * template (one piece, from ` or } to ` or ${), regex or number; `depth` counts the brackets
 * and template substitutions around the token, `nl` says a line break precedes it.
 */
export function tokenize(src, file = '<source>') {
  const tokens = [];
  const stack = []; // '(' '[' '{' or '${'
  let i = 0;
  let nl = false;
  const push = (type, start, end) => {
    tokens.push({ type, value: src.slice(start, end), start, end, depth: stack.length, nl });
    nl = false;
  };
  const template = (start) => {
    // `start` is at ` or at the } closing a substitution.
    let j = start + 1;
    while (j < src.length) {
      const c = src[j];
      if (c === '\\') j += 2;
      else if (c === '`') { push('template', start, j + 1); return j + 1; }
      else if (c === '$' && src[j + 1] === '{') {
        push('template', start, j + 2);
        stack.push('${');
        return j + 2;
      } else j += 1;
    }
    return fail(file, src, start, 'unterminated template literal');
  };
  if (src.startsWith('#!')) i = src.indexOf('\n') < 0 ? src.length : src.indexOf('\n');
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { nl = true; i += 1; continue; }
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) fail(file, src, i, 'unterminated comment');
      if (src.slice(i, end).includes('\n')) nl = true;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n') fail(file, src, i, 'unterminated string');
        j += src[j] === '\\' ? 2 : 1;
      }
      if (j >= src.length) fail(file, src, i, 'unterminated string');
      push('string', i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '`') { i = template(i); continue; }
    if (c === '}' && stack[stack.length - 1] === '${') {
      stack.pop();
      i = template(i);
      continue;
    }
    if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && (inClass || src[j] !== '/')) {
        if (src[j] === '\n') fail(file, src, i, 'unterminated regular expression');
        if (src[j] === '\\') j += 1;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j += 1;
      }
      j += 1;
      while (j < src.length && ID_PART.test(src[j])) j += 1;
      push('regex', i, j);
      i = j;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] || ''))) {
      let j = i + 1;
      while (j < src.length && /[\w.]/.test(src[j])) j += 1;
      push('number', i, j);
      i = j;
      continue;
    }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_PART.test(src[j])) j += 1;
      push('name', i, j);
      i = j;
      continue;
    }
    const punct = PUNCTUATORS.find((p) => src.startsWith(p, i)) || c;
    if (punct === '(' || punct === '[' || punct === '{') {
      push('punct', i, i + 1);
      stack.push(punct);
    } else if (punct === ')' || punct === ']' || punct === '}') {
      const open = stack.pop();
      if (open !== { ')': '(', ']': '[', '}': '{' }[punct]) fail(file, src, i, `unbalanced ${punct}`);
      push('punct', i, i + 1);
    } else {
      push('punct', i, i + punct.length);
    }
    i += punct.length;
  }
  if (stack.length) fail(file, src, src.length, `unclosed ${stack[stack.length - 1]}`);
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// One module: its imports, exports and the edits that turn it into a factory body.

const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
const STATEMENT_START = new Set([
  'export', 'import', 'const', 'let', 'var', 'function', 'class', 'async', 'if', 'for', 'while',
  'do', 'return', 'try', 'switch', 'throw',
]);

const is = (tok, type, value) => !!tok && tok.type === type && (value === undefined || tok.value === value);
const isPunct = (tok, value) => is(tok, 'punct', value);
/** The value of a string literal token (it is only a literal, so evaluating it is safe). */
const stringValue = (tok) => runInNewContext(tok.value);

/**
 * The module id (path under www/, with /) a relative specifier in `file` names; `url` allows
 * a relative URL without ./ (as in new URL('x.wasm', import.meta.url)).
 */
function resolveSpecifier(file, src, tok, root, url = false) {
  const spec = stringValue(tok);
  const relativeUrl = url && !/^[a-z][a-z\d+.-]*:|^\/|^$/i.test(spec);
  if (!relativeUrl && !spec.startsWith('./') && !spec.startsWith('../')) {
    fail(file, src, tok.start, `only relative specifiers are supported, not '${spec}'`);
  }
  const target = join(dirname(file), spec);
  const id = relative(root, target).split(sep).join('/');
  if (id.startsWith('../') || !existsSync(target)) {
    fail(file, src, tok.start, `'${spec}' is not a file inside www/`);
  }
  return id;
}

/** Reads `{ a, b as c }` starting at tokens[j] = '{'; returns [pairs, index after '}']. */
function specifiers(tokens, j, file, src) {
  const pairs = [];
  j += 1;
  while (!isPunct(tokens[j], '}')) {
    const name = tokens[j];
    if (!is(name, 'name')) failAt(file, src, name, 'unsupported import/export specifier');
    let local = name.value;
    j += 1;
    if (is(tokens[j], 'name', 'as')) {
      if (!is(tokens[j + 1], 'name')) fail(file, src, tokens[j].start, 'unsupported specifier after as');
      local = tokens[j + 1].value;
      j += 2;
    }
    pairs.push([name.value, local]);
    if (isPunct(tokens[j], ',')) j += 1;
    else if (!isPunct(tokens[j], '}')) failAt(file, src, tokens[j], 'expected , or } in specifiers');
  }
  return [pairs, j + 1];
}

/** The end of a statement whose last token is tokens[j]: after a following ';', if any. */
function statementEnd(tokens, j) {
  return isPunct(tokens[j + 1], ';') ? tokens[j + 1].end : tokens[j].end;
}

/** Removes [start, end) but keeps its line breaks, so line numbers stay those of the source. */
const blank = (src, start, end) => ({ start, end, text: src.slice(start, end).replace(/[^\n]/g, '') });

/** Parses `import … from '…'` at tokens[i]; returns the index of its last token. */
function staticImport(m, tokens, i) {
  const { file, src } = m;
  let j = i + 1;
  const entry = { bindings: [], namespace: null };
  if (!is(tokens[j], 'string')) {
    if (is(tokens[j], 'name') && !is(tokens[j], 'name', 'from')) {
      entry.bindings.push(['default', tokens[j].value]);
      j += 1;
      if (isPunct(tokens[j], ',')) j += 1;
    }
    if (isPunct(tokens[j], '*')) {
      if (!is(tokens[j + 1], 'name', 'as') || !is(tokens[j + 2], 'name')) {
        fail(file, src, tokens[j].start, 'expected * as name');
      }
      entry.namespace = tokens[j + 2].value;
      j += 3;
    } else if (isPunct(tokens[j], '{')) {
      let pairs;
      [pairs, j] = specifiers(tokens, j, file, src);
      entry.bindings.push(...pairs);
    }
    if (!is(tokens[j], 'name', 'from') || !is(tokens[j + 1], 'string')) {
      fail(file, src, tokens[i].start, 'unsupported import form');
    }
    j += 1;
  }
  const next = tokens[j + 1];
  if (next && !next.nl && (is(next, 'name', 'with') || is(next, 'name', 'assert'))) {
    fail(file, src, next.start, 'import attributes are not supported');
  }
  entry.id = resolveSpecifier(file, src, tokens[j], m.root);
  entry.at = tokens[i].start;
  m.imports.push(entry);
  m.edits.push(blank(src, tokens[i].start, statementEnd(tokens, j)));
  return j;
}

/** The names declared by `const|let|var` at tokens[j]; returns [names, last index]. */
function declarators(tokens, j, file, src) {
  const names = [];
  const depth = tokens[j].depth;
  let k = j + 1;
  for (;;) {
    if (!is(tokens[k], 'name')) failAt(file, src, tokens[k], 'destructuring exports are not supported');
    names.push(tokens[k].value);
    k += 1;
    while (k < tokens.length) {
      const t = tokens[k];
      if (t.depth === depth && isPunct(t, ';')) return [names, k];
      if (t.depth === depth && t.nl && is(t, 'name') && STATEMENT_START.has(t.value)) return [names, k - 1];
      if (t.depth === depth && isPunct(t, ',')) break;
      k += 1;
    }
    if (k >= tokens.length) return [names, tokens.length - 1];
    k += 1;
  }
}

/** Refuses an exported `let`/`var` that the module assigns to: imports bind by value. */
function refuseReassigned(m, tokens, name, declaredAt) {
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (k === declaredAt || !is(t, 'name', name) || isPunct(tokens[k - 1], '.') || isPunct(tokens[k - 1], '?.')) continue;
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    if ((next && next.type === 'punct' && (ASSIGN.has(next.value) || next.value === '++' || next.value === '--'))
      || isPunct(prev, '++') || isPunct(prev, '--')) {
      fail(m.file, m.src, t.start, `exported '${name}' is assigned here; the single file binds imports by value`);
    }
  }
}

/** Parses `export …` at tokens[i]; returns the index of its last token. */
function exportStatement(m, tokens, i) {
  const { file, src } = m;
  const t = tokens[i + 1];
  const dropKeyword = (upTo) => m.edits.push({ start: tokens[i].start, end: upTo.start, text: '' });
  const declName = (j) => {
    // tokens[j] is function, async or class: the declared name, or null when anonymous.
    let k = j;
    if (is(tokens[k], 'name', 'async')) k += 1;
    k += 1;
    if (isPunct(tokens[k], '*')) k += 1;
    return is(tokens[k], 'name') && tokens[k].value !== 'extends' ? tokens[k] : null;
  };
  const isDecl = (j) => is(tokens[j], 'name', 'function') || is(tokens[j], 'name', 'class')
    || (is(tokens[j], 'name', 'async') && is(tokens[j + 1], 'name', 'function') && !tokens[j + 1].nl);
  if (is(t, 'name', 'default')) {
    const named = isDecl(i + 2) && declName(i + 2);
    if (named) {
      dropKeyword(tokens[i + 2]);
      m.exports.set('default', named.value);
    } else {
      m.edits.push({ start: tokens[i].start, end: t.end, text: `const ${PREFIX}default =` });
      m.exports.set('default', `${PREFIX}default`);
    }
    return i + 1;
  }
  if (isDecl(i + 1)) {
    const name = declName(i + 1);
    if (!name) fail(file, src, t.start, 'an exported declaration needs a name');
    dropKeyword(t);
    m.exports.set(name.value, name.value);
    return i + 1;
  }
  if (is(t, 'name', 'const') || is(t, 'name', 'let') || is(t, 'name', 'var')) {
    dropKeyword(t);
    const [names, last] = declarators(tokens, i + 1, file, src);
    for (const name of names) {
      m.exports.set(name, name);
      if (t.value !== 'const') {
        refuseReassigned(m, tokens, name, tokens.findIndex((x, k) => k > i && is(x, 'name', name)));
      }
    }
    return last;
  }
  if (isPunct(t, '{') || isPunct(t, '*')) {
    let j = i + 1;
    let pairs = null;
    let star = null;
    if (isPunct(t, '{')) {
      [pairs, j] = specifiers(tokens, j, file, src);
    } else {
      star = '*';
      j += 1;
      if (is(tokens[j], 'name', 'as')) {
        if (!is(tokens[j + 1], 'name')) fail(file, src, tokens[j].start, 'expected a name after as');
        star = tokens[j + 1].value;
        j += 2;
      }
    }
    if (is(tokens[j], 'name', 'from') && is(tokens[j + 1], 'string')) {
      const id = resolveSpecifier(file, src, tokens[j + 1], m.root);
      m.reexports.push({ id, pairs, star, at: t.start });
      m.edits.push(blank(src, tokens[i].start, statementEnd(tokens, j + 1)));
      return j + 1;
    }
    if (star) fail(file, src, t.start, 'export * needs from');
    for (const [local, exported] of pairs) m.exports.set(exported, local);
    m.edits.push(blank(src, tokens[i].start, statementEnd(tokens, j - 1)));
    return j - 1;
  }
  return fail(file, src, tokens[i].start, 'unsupported export form');
}

/** `new URL('…', import.meta.url)` around tokens[i] = import: the replacement, or a failure. */
function metaUrl(m, tokens, i) {
  const { file, src } = m;
  const [n, u, open, lit, comma] = [i - 5, i - 4, i - 3, i - 2, i - 1].map((k) => tokens[k]);
  const close = tokens[i + 5];
  if (!(is(n, 'name', 'new') && is(u, 'name', 'URL') && isPunct(open, '(') && is(lit, 'string')
    && isPunct(comma, ',') && isPunct(close, ')'))) {
    fail(file, src, tokens[i].start, "import.meta.url is supported only as new URL('./literal', import.meta.url)");
  }
  const id = resolveSpecifier(file, src, lit, m.root, true);
  const inWorker = isPunct(tokens[i - 6], '(') && is(tokens[i - 8], 'name', 'new')
    && (is(tokens[i - 7], 'name', 'Worker') || is(tokens[i - 7], 'name', 'SharedWorker'));
  let text;
  if (inWorker && id.endsWith('.js')) {
    m.workers.push(id);
    text = `new URL(${PREFIX}workerUrl(${JSON.stringify(id)}))`;
  } else if (id.endsWith('.wasm')) {
    m.assets.push(id);
    text = `${PREFIX}asset(${JSON.stringify(id)})`;
  } else {
    fail(file, src, lit.start, `new URL('${stringValue(lit)}', import.meta.url) names neither a .wasm nor a worker script`);
  }
  m.edits.push({ start: n.start, end: close.end, text });
}

/** Reads one module file and records what the factory needs. */
function readModule(root, id) {
  const file = join(root, id);
  const src = readFileSync(file, 'utf8');
  const m = {
    id, file, src, root,
    imports: [], // {id, bindings: [[imported, local]], namespace, at}
    exports: new Map(), // exported name → local expression
    reexports: [], // {id, pairs: [[local, exported]] | null, star: '*' | name | null, at}
    dynamic: [], workers: [], assets: [], // ids named by import(), new Worker(new URL…), new URL…
    edits: [], // {start, end, text} on src
  };
  const tokens = tokenize(src, file);
  const own = tokens.find((t) => t.type === 'name' && t.value.startsWith(PREFIX));
  if (own) fail(file, src, own.start, `names starting with ${PREFIX} are reserved for the single-file bundler`);
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t.type !== 'name' || (t.value !== 'import' && t.value !== 'export')) continue;
    if (isPunct(tokens[i - 1], '.') || isPunct(tokens[i - 1], '?.') || isPunct(tokens[i + 1], ':')) continue;
    if (t.value === 'import' && isPunct(tokens[i + 1], '(')) {
      if (!is(tokens[i + 2], 'string') || !isPunct(tokens[i + 3], ')')) {
        fail(file, src, t.start, "import() is supported only with one literal specifier: import('./x.js')");
      }
      const dep = resolveSpecifier(file, src, tokens[i + 2], root);
      m.dynamic.push(dep);
      m.edits.push({ start: t.start, end: tokens[i + 3].end, text: `${PREFIX}req(${JSON.stringify(dep)})` });
      i += 3;
    } else if (t.value === 'import' && isPunct(tokens[i + 1], '.')) {
      if (!is(tokens[i + 2], 'name', 'meta') || !isPunct(tokens[i + 3], '.') || !is(tokens[i + 4], 'name', 'url')) {
        fail(file, src, t.start, 'import.meta is supported only as import.meta.url');
      }
      metaUrl(m, tokens, i);
      i += 5;
    } else if (t.depth !== 0) {
      fail(file, src, t.start, `${t.value} inside a block`);
    } else {
      i = t.value === 'import' ? staticImport(m, tokens, i) : exportStatement(m, tokens, i);
    }
  }
  return m;
}

/** Applies the recorded edits to the source. */
function edited(m) {
  let out = m.src;
  for (const e of [...m.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The graph and the bundle.

/** Every module reachable from `roots`, read once; static cycles and missing exports refused. */
function collect(root, roots) {
  const modules = new Map();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.shift();
    if (modules.has(id)) continue;
    const m = readModule(root, id);
    modules.set(id, m);
    queue.push(...m.imports.map((x) => x.id), ...m.reexports.map((x) => x.id), ...m.dynamic);
  }
  const state = new Map();
  const visit = (id, path) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') throw new BundleError(`static import cycle: ${[...path, id].join(' → ')}`);
    state.set(id, 'open');
    const m = modules.get(id);
    for (const dep of [...m.imports, ...m.reexports]) visit(dep.id, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of modules.keys()) visit(id, []);
  const names = (id) => {
    const m = modules.get(id);
    const all = new Set(m.exports.keys());
    for (const r of m.reexports) {
      if (r.pairs) r.pairs.forEach(([, exported]) => all.add(exported));
      else if (r.star !== '*') all.add(r.star);
      else names(r.id).forEach((n) => n !== 'default' && all.add(n));
    }
    return all;
  };
  for (const m of modules.values()) {
    for (const dep of [...m.imports, ...m.reexports.filter((r) => r.pairs)]) {
      const offered = names(dep.id);
      for (const [imported] of dep.bindings || dep.pairs) {
        if (!offered.has(imported)) fail(m.file, m.src, dep.at, `'${dep.id}' does not export '${imported}'`);
      }
    }
  }
  return modules;
}

const q = JSON.stringify;

/**
 * The factory of one module: its export getters (live, so hoisted functions and later
 * assignments show), its imports awaited in order, then its code. All on the first line, so
 * the code keeps its own line numbers after the `// ---- www/…` marker.
 */
function factory(m) {
  const getters = [...m.exports].map(([exported, local]) => `${q(exported)}: () => ${local}`);
  m.reexports.forEach((r, k) => {
    const ns = `${PREFIX}r${k}`;
    if (r.pairs) {
      for (const [local, exported] of r.pairs) getters.push(`${q(exported)}: () => ${ns}[${q(local)}]`);
    } else if (r.star !== '*') {
      getters.push(`${q(r.star)}: () => ${ns}`);
    }
  });
  const lines = [`${PREFIX}export(${PREFIX}exports, { ${getters.join(', ')} });`];
  m.imports.forEach((x, k) => {
    const ns = `${PREFIX}m${k}`;
    lines.push(`const ${ns} = await ${PREFIX}req(${q(x.id)});`);
    if (x.namespace) lines.push(`const ${x.namespace} = ${ns};`);
    const names = x.bindings.map(([imported, local]) => (imported === local ? local : `${q(imported)}: ${local}`));
    if (names.length) lines.push(`const { ${names.join(', ')} } = ${ns};`);
  });
  m.reexports.forEach((r, k) => {
    lines.push(`const ${PREFIX}r${k} = await ${PREFIX}req(${q(r.id)});`);
    if (r.star === '*') lines.push(`${PREFIX}exportStar(${PREFIX}exports, ${PREFIX}r${k});`);
  });
  const head = `${PREFIX}defs[${q(m.id)}] = async function (${PREFIX}req, ${PREFIX}exports) {`;
  return `${head} ${lines.join(' ')}\n// ---- www/${m.id}\n${edited(m)}\n};\n`;
}

const RUNTIME = `
const ${PREFIX}cache = new Map();
function ${PREFIX}req(id) {
  let done = ${PREFIX}cache.get(id);
  if (!done) {
    const exports = Object.create(null);
    Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
    done = ${PREFIX}defs[id].call(undefined, ${PREFIX}req, exports).then(() => exports);
    ${PREFIX}cache.set(id, done);
  }
  return done;
}
function ${PREFIX}export(exports, getters) {
  for (const name of Object.keys(getters)) {
    Object.defineProperty(exports, name, { enumerable: true, get: getters[name] });
  }
}
function ${PREFIX}exportStar(exports, from) {
  for (const name of Object.keys(from)) {
    if (name !== 'default' && !(name in exports)) {
      Object.defineProperty(exports, name, { enumerable: true, get: () => from[name] });
    }
  }
}
`;

/** Escapes what would end or confuse an inline <script> element, keeping the JS the same. */
const scriptSafe = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * One classic script that runs `entry` and every module it reaches (plus `extra` roots, and
 * `prelude`, a code string run first). Returns {code, modules}.
 */
function bundle(root, entry, { extra = [], prelude = '', assets = '' } = {}) {
  const modules = collect(root, [entry, ...extra]);
  const parts = ["(async () => {\n'use strict';\n", `const ${PREFIX}defs = Object.create(null);\n`];
  for (const m of modules.values()) parts.push(factory(m));
  parts.push(RUNTIME, assets, prelude);
  parts.push(`await ${PREFIX}req(${JSON.stringify(entry)});\n})().catch((err) => { setTimeout(() => { throw err; }); });\n`);
  const code = scriptSafe(parts.join(''));
  try {
    new Script(code, { filename: `single:${entry}` });
  } catch (err) {
    throw new BundleError(`the bundle of www/${entry} does not parse (a bundler bug): ${err.message}`);
  }
  const left = tokenize(code).find((t, k, all) => is(t, 'name', 'import') && !isPunct(all[k - 1], '.'));
  if (left) throw new BundleError(`the bundle of www/${entry} still contains import at ${left.start}`);
  return { code, modules };
}

const WORKER_ASSETS = `
function ${PREFIX}asset(id) {
  throw new Error(\`\${id} is not in the worker: post its bytes with init\`);
}
function ${PREFIX}workerUrl(id) {
  throw new Error(\`\${id}: no nested workers in the single file\`);
}
`;

function pageRuntime(workers) {
  return `
const ${PREFIX}workerSources = ${JSON.stringify(workers)};
const ${PREFIX}workerUrls = new Map();
function ${PREFIX}workerUrl(id) {
  let url = ${PREFIX}workerUrls.get(id);
  if (!url) {
    url = URL.createObjectURL(new Blob([${PREFIX}workerSources[id]], { type: 'text/javascript' }));
    ${PREFIX}workerUrls.set(id, url);
  }
  return url;
}
const ${PREFIX}assets = new Map();
function ${PREFIX}asset(id) {
  let bytes = ${PREFIX}assets.get(id);
  if (!bytes) {
    const block = [...document.querySelectorAll('script[data-asset]')].find((s) => s.dataset.asset === id);
    const binary = atob(block.textContent.trim());
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    ${PREFIX}assets.set(id, bytes);
  }
  return bytes;
}
`;
}

const LOADER = `
globalThis.NIANBAO_LOADER = {
  worker: () => new Worker(${PREFIX}workerUrl(${JSON.stringify(WORKER)})),
  module: () => ${PREFIX}req(${JSON.stringify(GLUE)}),
  wasm: () => ${PREFIX}asset(${JSON.stringify(WASM)}),
  pdfModule: () => ${PREFIX}req(${JSON.stringify(PDF_GLUE)}),
  pdfWasm: () => ${PREFIX}asset(${JSON.stringify(PDF_WASM)}),
};
`;

// ---------------------------------------------------------------------------------------------
// The page: index.html with its stylesheet, icon, script and wasm inlined and its own CSP.

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

/** A stylesheet's text with its relative url(…) inlined; @import is refused. */
function stylesheet(root, id) {
  const file = join(root, id);
  let css = readFileSync(file, 'utf8');
  const bad = css.search(/@import|<\/style/i);
  if (bad >= 0) fail(file, css, bad, '@import and </style are not supported in the single file');
  css = css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, q, url) => {
    if (/^(data:|#)/.test(url)) return whole;
    if (/^[a-z]+:|^\//i.test(url)) fail(file, css, css.indexOf(whole), `url(${url}) is not relative`);
    return `url("${dataUrl(join(dirname(file), url))}")`;
  });
  return css;
}

/** A start or end tag; a <script>'s body and end tag come with its start tag. */
const TAG = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*>(?:(?<=<script\b[^>]*>)([\s\S]*?)<\/script\s*>)?/g;

const URL_ATTRS = ['src', 'href', 'srcset', 'poster', 'action', 'formaction', 'data', 'background', 'manifest'];

/**
 * index.html made self-contained. `scriptFor(entry)` returns the bundled code of the module
 * entry; `embedded` maps each embedded .wasm's id to its base64.
 */
function inlinePage(root, scriptFor, embedded) {
  const file = join(root, 'index.html');
  // Comments go, keeping their line breaks so errors point at the right line.
  const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  let script = null;
  const styles = [];
  let hasCsp = false;
  let out = html.replace(TAG, (tag, closing, rawName, body, at) => {
    const name = rawName.toLowerCase();
    if (closing) return tag;
    const attrs = attributes(tag.replace(/>[\s\S]*$/, '>'));
    if (name === 'meta' && (attrs.get('http-equiv') || '').toLowerCase() === 'content-security-policy') {
      hasCsp = true;
      return '%%CSP%%';
    }
    if (name === 'link') {
      const rel = (attrs.get('rel') || '').toLowerCase().split(/\s+/);
      const href = attrs.get('href') || '';
      if (/^[a-z]+:|^\/|^#/i.test(href)) fail(file, html, at, `<link href="${href}"> is not a relative file`);
      if (rel.includes('stylesheet')) {
        const css = stylesheet(root, href);
        styles.push(css);
        const media = attrs.has('media') ? ` media="${attrs.get('media')}"` : '';
        return `<style${media}>${css}</style>`;
      }
      // Everything a preload could fetch is already in the file.
      if (rel.includes('modulepreload') || rel.includes('preload')) return '';
      if (rel.includes('icon')) {
        return tag.replace(/href\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/, `href="${dataUrl(join(root, href))}"`);
      }
      fail(file, html, at, `<link rel="${attrs.get('rel')}"> is not supported in the single file`);
    }
    if (name === 'script') {
      if (script !== null || attrs.get('type') !== 'module' || !attrs.get('src') || (body || '').trim()) {
        fail(file, html, at, 'only one <script type="module" src="…"></script> is supported');
      }
      script = scriptFor(attrs.get('src').replace(/^\.\//, ''));
      return `<script type="module">${script}</script>`;
    }
    if (attrs.has('style')) fail(file, html, at, 'a style attribute would be blocked by the CSP; use style.css');
    for (const attr of URL_ATTRS) {
      const value = attrs.get(attr);
      if (value === undefined) continue;
      const fine = /^(#|data:)/i.test(value) || (name === 'a' && attr === 'href' && /^(https?:|mailto:)/i.test(value));
      if (!fine) fail(file, html, at, `<${name} ${attr}="${value}"> would need a file beside the single file`);
    }
    return tag;
  });
  if (script === null) fail(file, html, 0, 'no <script type="module" src="…"> found');
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
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  out = hasCsp ? out.replace('%%CSP%%', meta) : out.replace(/<meta charset[^>]*>/i, (c) => `${c}\n  ${meta}`);
  const block = Object.entries(embedded)
    .map(([id, base64]) => `<script type="application/octet-stream" data-asset="${id}">${base64}</script>\n`)
    .join('');
  if (!/<\/body>/i.test(out)) throw new BundleError('www/index.html has no </body>');
  return out.replace(/<\/body>/i, (end) => `${block}${end}`);
}

/**
 * Builds the single file from `root` (www/) into `out` (dist/nianbao.html by default),
 * building www/pkg/ first when it is missing. Returns `{file, size}`.
 */
export function buildSingle({ out = SINGLE_OUT, root = WWW } = {}) {
  heading(`Single file: ${shown(out)}`);
  if (root === WWW && ![GLUE, ...EMBEDDED, PDF_GLUE, RULE_DOCS].every((f) => existsSync(join(root, f)))) {
    build();
  }
  for (const f of [GLUE, ...EMBEDDED, PDF_GLUE, WORKER]) {
    if (!existsSync(join(root, f))) throw new BundleError(`www/${f} is missing; the single file needs it`);
  }
  const worker = bundle(root, WORKER, { assets: WORKER_ASSETS });
  const scriptFor = (entry) => {
    const { modules } = bundle(root, entry, { extra: [GLUE, PDF_GLUE] });
    const workerIds = new Set([WORKER, ...[...modules.values()].flatMap((m) => m.workers)]);
    const sources = {};
    for (const id of workerIds) {
      sources[id] = id === WORKER ? worker.code : bundle(root, id, { assets: WORKER_ASSETS }).code;
    }
    const assets = [...modules.values()].flatMap((m) => m.assets).filter((id) => !EMBEDDED.includes(id));
    if (assets.length) throw new BundleError(`only ${EMBEDDED.join(' and ')} can be embedded, not ${assets.join(', ')}`);
    return bundle(root, entry, { extra: [GLUE, PDF_GLUE], assets: pageRuntime(sources), prelude: LOADER }).code;
  };
  const embedded = Object.fromEntries(EMBEDDED.map((id) => [id, readFileSync(join(root, id)).toString('base64')]));
  const html = inlinePage(root, scriptFor, embedded);
  mkdirSync(dirname(out), { recursive: true });
  // Through a temporary name, so a test opening the file never reads half of it.
  writeFileSync(`${out}.${process.pid}`, html);
  renameSync(`${out}.${process.pid}`, out);
  const size = statSync(out).size;
  console.log(`${shown(out)}: ${size} bytes (${(size / 1024).toFixed(1)} KiB)`);
  return { file: out, size };
}

if (isMain(import.meta.url)) {
  runMain(() => {
    buildSingle();
  });
}
