// The nianbao package for browsers and bundlers: a thin layer over the wasm-bindgen glue
// (nianbao.js, copied from www/pkg/ by scripts/package.mjs) that loads the module once and
// takes check()'s options as one object. Nothing here computes anything: every value comes
// from the wasm core, shaped as documented in index.d.ts.
//
// init() fetches nianbao_bg.wasm next to this file (new URL(..., import.meta.url), which
// bundlers understand); node.js instead loads it synchronously, so there init() is a no-op.
// checkPdf() loads the second module, the PDF reader (nianbao_pdf.js and nianbao_pdf_bg.wasm),
// on its first call only: pages that never see a PDF never fetch it. The reader turns the PDF
// into a document, which the checker already loaded checks.

import initWasm, * as wasm from './nianbao.js';

let ready = false;
let loading = null;

/** Loads the checker from `source` (a URL, a Response, bytes or a WebAssembly.Module). */
export function init(source) {
  if (ready) {
    return Promise.resolve();
  }
  if (!loading) {
    const given = source === undefined ? undefined : { module_or_path: source };
    loading = initWasm(given).then(
      () => {
        ready = true;
      },
      (err) => {
        loading = null;
        throw new Error(`nianbao：检查程序（nianbao_bg.wasm）加载失败：${err.message}`, { cause: err });
      },
    );
  }
  return loading;
}

/** Loads the checker at once from bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  if (!ready) {
    wasm.initSync({ module });
    ready = true;
  }
}

function loaded() {
  if (!ready) {
    throw new Error('nianbao：检查程序尚未加载，请先 await init()');
  }
}

/** Checks a report's text: `{laidOut, config, previous: text | {text, laidOut}, pages}`. */
export function check(text, { laidOut = false, config, previous, pages } = {}) {
  loaded();
  if (previous === undefined || previous === null) {
    return wasm.check(text, laidOut, config, pages);
  }
  const last = typeof previous === 'string' ? { text: previous } : previous;
  return wasm.checkWithPrevious(text, laidOut, last.text, Boolean(last.laidOut), config, pages);
}

/** Checks a report given as HTML (clipboard text/html, a saved page, a rich editor). */
export function checkHtml(html) {
  loaded();
  return wasm.checkHtml(html);
}

/** Checks a Word .docx file given as bytes; throws with a Chinese message when unreadable. */
export function checkDocx(bytes) {
  loaded();
  return wasm.checkDocx(bytes);
}

let pdf = null;

/** The PDF module, loaded from `source` (or next to its glue) on first use. */
function loadPdf(source) {
  if (!pdf) {
    pdf = import('./nianbao_pdf.js').then(async (module) => {
      await module.default(source === undefined ? undefined : { module_or_path: source });
      return module;
    });
    pdf.catch(() => {
      pdf = null;
    });
  }
  return pdf.catch((err) => {
    throw new Error(`nianbao：PDF 读取模块（nianbao_pdf_bg.wasm）加载失败：${err.message}`, { cause: err });
  });
}

/**
 * Checks a published PDF given as bytes. `wasm`: where the PDF module is (by default
 * nianbao_pdf_bg.wasm next to this file). Rejects with a Chinese message when unreadable.
 */
export async function checkPdf(bytes, { wasm: source } = {}) {
  const [module] = await Promise.all([loadPdf(source), init()]);
  const { document, pages } = module.readPdf(bytes);
  return wasm.checkPdfDocument(document, pages);
}

/** The rule catalogue. */
export function rules() {
  loaded();
  return wasm.rules();
}

/**
 * The rules' documentation texts, in catalogue order. They are not in the checker's module:
 * rule-docs.js, next to this file, is imported on the first call.
 */
export async function ruleDocs() {
  return (await import('./rule-docs.js')).default;
}

/** The checker's version. */
export function version() {
  loaded();
  return wasm.version();
}

export default init;
