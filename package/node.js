// The nianbao package in Node: the same API as index.js, with the module loaded from the
// file next to this one as the package is imported, so check() works without init().

import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('nianbao_bg.wasm', import.meta.url)));

export * from './index.js';
export { default } from './index.js';
