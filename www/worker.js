// The checker's thread. The page sends `{id, method, args}`; the worker answers
// `{id, value}` or `{id, error}`. The first message is `init` with where the .wasm is (a URL or
// its bytes). Checking here keeps the text box responsive while a long report is read.
//
// `checkPdf` reads the PDF with a second module, the PDF reader, and checks the document it
// returns with the first: the reader is fetched and compiled only when the page first sends
// `initPdf` (with where its .wasm is), that is when a PDF is opened, so the page's first load
// does not carry it.

import init, * as api from './pkg/nianbao.js';

const METHODS = new Set(['check', 'checkWithPrevious', 'checkHtml', 'checkDocx', 'rules', 'version']);

/** The PDF module once `initPdf` has loaded it (a Promise, so two calls load it once). */
let pdf = null;

function loadPdf(where) {
  if (!pdf) {
    pdf = import('./pkg/nianbao_pdf.js').then(async (module) => {
      await module.default({ module_or_path: where });
      return module;
    });
    // A failed load may be retried by the next PDF.
    pdf.catch(() => {
      pdf = null;
    });
  }
  return pdf;
}

self.addEventListener('message', async (event) => {
  const { id, method, args } = event.data || {};
  try {
    if (method === 'init') {
      await init({ module_or_path: args[0] });
      self.postMessage({ id, value: { version: api.version(), rules: api.rules() } });
      return;
    }
    if (method === 'initPdf') {
      await loadPdf(args[0]);
      self.postMessage({ id, value: true });
      return;
    }
    if (method === 'checkPdf') {
      if (!pdf) {
        throw new Error('PDF 读取模块尚未加载');
      }
      const module = await pdf;
      const { document, pages } = module.readPdf(args[0]);
      self.postMessage({ id, value: api.checkPdfDocument(document, pages) });
      return;
    }
    if (!METHODS.has(method)) {
      throw new Error(`unknown method ${method}`);
    }
    self.postMessage({ id, value: api[method](...args) });
  } catch (err) {
    self.postMessage({ id, error: err && err.message ? err.message : String(err) });
  }
});
