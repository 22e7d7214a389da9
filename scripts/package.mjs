// Builds the npm package `nianbao` into dist/: the wasm-bindgen glue and module from www/pkg/
// (built first when missing) and the entry files from package/ (index.js for browsers and
// bundlers, node.js, index.d.ts, the <nianbao-checker> web component). package.json's `files`
// and `exports` name what is published from dist/.
//
// Usage: node scripts/package.mjs           build dist/
//        node scripts/package.mjs --serve   build, then serve the repository on 127.0.0.1 and
//                                           print the address of examples/cms.html

import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, PKG_DIR } from './build.mjs';
import { requestedPort, startServer } from './serve.mjs';
import { heading, isMain, ROOT, runMain } from './util.mjs';

/** The package's build output. */
export const DIST = join(ROOT, 'dist');
const SOURCES = join(ROOT, 'package');
const WASM_FILES = ['nianbao.js', 'nianbao_bg.wasm'];

/** Fills dist/ from www/pkg/ and package/, building www/pkg/ first when it is missing. */
export function buildPackage() {
  heading('Package: dist/');
  if (!WASM_FILES.every((f) => existsSync(join(PKG_DIR, f)))) {
    build();
  }
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST);
  for (const f of WASM_FILES) {
    copyFileSync(join(PKG_DIR, f), join(DIST, f));
  }
  for (const f of readdirSync(SOURCES)) {
    copyFileSync(join(SOURCES, f), join(DIST, f));
  }
  console.log(`dist/: ${readdirSync(DIST).sort().join(', ')}`);
}

if (isMain(import.meta.url)) {
  runMain(async () => {
    buildPackage();
    if (process.argv.includes('--serve')) {
      const { url } = await startServer(requestedPort(), { root: ROOT });
      console.log(`nianbao: the CMS example at ${url}examples/cms.html  (Ctrl+C to stop)`);
    }
  });
}
