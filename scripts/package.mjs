// Builds the npm package `nianbao` into dist/: the wasm-bindgen glue and modules and the rules'
// documentation texts (rule-docs.js) from www/pkg/ (built first when missing) and the entry files from package/ (index.js for browsers and
// bundlers, node.js, index.d.ts, the <nianbao-checker> web component). package.json's `files`
// and `exports` name what is published from dist/.
//
// Usage: node scripts/package.mjs           build dist/
//        node scripts/package.mjs --serve   build, then serve the repository on 127.0.0.1 and
//                                           print the address of examples/cms.html

import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build, PKG_DIR } from './build.mjs';
import { requestedPort, startServer } from './serve.mjs';
import { heading, isMain, ROOT, runMain } from './util.mjs';

/** The package's build output. */
export const DIST = join(ROOT, 'dist');
const SOURCES = join(ROOT, 'package');
const WASM_FILES = ['nianbao.js', 'nianbao_bg.wasm', 'nianbao_pdf.js', 'nianbao_pdf_bg.wasm', 'rule-docs.js'];

/** Fills dist/ from www/pkg/ and package/, building www/pkg/ first when it is missing. */
export function buildPackage() {
  heading('Package: dist/');
  if (!WASM_FILES.every((f) => existsSync(join(PKG_DIR, f)))) {
    build();
  }
  mkdirSync(DIST, { recursive: true });
  const files = [...WASM_FILES.map((f) => join(PKG_DIR, f)), ...readdirSync(SOURCES).map((f) => join(SOURCES, f))];
  for (const file of files) {
    // Through a temporary name, so tests running at the same time never read a half-copied file.
    const dest = join(DIST, basename(file));
    copyFileSync(file, `${dest}.${process.pid}`);
    renameSync(`${dest}.${process.pid}`, dest);
  }
  // The offline single file (scripts/single.mjs) is built into dist/ too, and stays.
  const wanted = new Set([...files.map((f) => basename(f)), 'nianbao.html']);
  for (const f of readdirSync(DIST).filter((f) => !wanted.has(f) && !/\.\d+$/.test(f))) {
    rmSync(join(DIST, f), { recursive: true, force: true });
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
