// www/ served by a plain static server under a sub-path (/some/sub/path/), as an intranet site
// might put it: every URL the page asks for is relative, so it loads, checks a report, and
// asks only for files under its own folder, each found.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser } from './harness.mjs';

const SUB = '/some/sub/path/';
// Seed 004 lacks sections and table rows: S001 and T001 are errors its golden lists.
const SEED = readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', '004_b5a011f3d089b4ff.txt'), 'utf8');

let env;
let site;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-subpath-'));
  mkdirSync(join(dir, 'some', 'sub'), { recursive: true });
  symlinkSync(join(ROOT, 'www'), join(dir, 'some', 'sub', 'path'), 'dir');
  env = await openBrowser();
  site = await startServer(0, { root: dir });
});
after(async () => {
  await env?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const entry of ['', 'index.html']) {
  test(`the page works at ${SUB}${entry}`, async () => {
    const page = await env.context.newPage();
    // Each visit starts without the draft the one before saved.
    await page.addInitScript(() => window.localStorage.clear());
    const errors = [];
    const asked = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('response', (res) => asked.push({ url: res.url(), status: res.status() }));
    page.on('requestfailed', (req) => asked.push({ url: req.url(), status: 'failed' }));
    await page.goto(`${site.url.replace(/\/$/, '')}${SUB}${entry}`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
    const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
    await page.fill('#report-text', SEED);
    try {
      await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
      await page.waitForSelector('#findings li');
    } catch (err) {
      throw new Error(`no report shown (${err.message}); page errors: ${JSON.stringify(errors)}`);
    }
    assert.match(await page.textContent('#findings'), /S001/);
    const prefix = `${new URL(site.url).origin}${SUB}`;
    const outside = asked.filter((r) => !r.url.startsWith(prefix) && !/^(blob|data):/.test(r.url));
    assert.deepEqual(outside, [], `every request stays under ${SUB}`);
    assert.deepEqual(asked.filter((r) => r.status !== 200 && !/^(blob|data):/.test(r.url)), [], 'every file is found');
    assert.ok(asked.some((r) => r.url.endsWith('.wasm')), 'the wasm came from the sub-path');
    assert.deepEqual(errors, []);
    await page.close();
  });
}
