// Shared set-up for the browser tests: serves www/ on a free port (scripts/serve.mjs) and
// drives the system Chromium through playwright-core, with a fresh profile and every
// background network feature off. Records console errors, page errors and every request.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { findChromium } from '../../scripts/setup.mjs';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts the server and the browser; call `close()` when done. */
export async function openBrowser() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('no Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH');
  }
  const server = await startServer(0);
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  return {
    server,
    context,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the page and waits until the checker is loaded. Returns the page with `log`:
 * `errors` (console errors and uncaught exceptions) and `requests` (every URL asked for).
 */
export async function openPage(env) {
  const page = await env.context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      log.errors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  page.log = log;
  return page;
}

/** Puts `text` into the text area as a paste would and waits for the report to show. */
export async function paste(page, text) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  await page.fill('#report-text', text);
  // The check runs 250 ms after the last input and counts itself in data-checks.
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
}

/** The report for `text`, computed by the page's own wasm module. */
export function reportFor(page, text) {
  return page.evaluate(
    (t) => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.check(t))),
    text,
  );
}
