// The nianbao package in Node: the same API as index.js, with the module loaded from the
// file next to this one as the package is imported, so check() works without init().

import { readFileSync } from 'node:fs';
import { checkPdf as checkPdfFrom, initSync } from './index.js';

initSync(readFileSync(new URL('nianbao_bg.wasm', import.meta.url)));

/** Checks a PDF; the PDF module is read from the package's file on the first call. */
export function checkPdf(bytes, { wasm } = {}) {
  return checkPdfFrom(bytes, { wasm: wasm ?? readFileSync(new URL('nianbao_pdf_bg.wasm', import.meta.url)) });
}

export * from './index.js';
export { default } from './index.js';
