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
 * Opens the page and waits until the checker is loaded. `keepDraft`: keep the draft an earlier
 * page saved (else storage is cleared before every load of this page). `draft`: the draft to
 * find saved (the stored JSON), as an earlier version of the page may have left it. Returns the
 * page with `log`: `errors` (console errors and uncaught exceptions) and `requests` (every URL
 * asked for).
 */
export async function openPage(env, { keepDraft = false, draft } = {}) {
  const page = await env.context.newPage();
  // The page keeps its draft in localStorage, shared by every page of the browser profile:
  // each test starts from an empty page unless it asks to keep what an earlier page saved.
  if (!keepDraft) {
    await page.addInitScript(() => window.localStorage.clear());
  }
  if (draft !== undefined) {
    await page.addInitScript((raw) => window.localStorage.setItem('nianbao:draft:v1', raw), draft);
  }
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

/** The findings the page lists, as `{rule, fingerprint, text}`, in list order. */
export function listedFindings(page) {
  return page.$$eval('#findings li.finding', (lis) =>
    lis.map((li) => ({ rule: li.dataset.rule, fingerprint: li.dataset.fingerprint, text: li.textContent })),
  );
}

/**
 * Clicks the finding `diag` in the list (opening its fold first when it is in one) and returns
 * the text area's selection then, and whether the focus stayed in the list.
 */
export async function clickFinding(page, diag) {
  const item = `#findings li.finding[data-fingerprint="${diag.fingerprint}"]`;
  const folded = await page.$(`li.cause:has(${item}) > details:not([open]) > summary`);
  if (folded) {
    await folded.click();
  }
  await page.click(`${item} button.finding-main`);
  return page.evaluate(() => {
    const ta = document.querySelector('#report-text');
    return {
      start: ta.selectionStart,
      end: ta.selectionEnd,
      text: ta.value.slice(ta.selectionStart, ta.selectionEnd),
      stays: document.activeElement.classList.contains('finding-main'),
    };
  });
}
