// The <nianbao-checker> web component in examples/cms.html, a CMS page served from the
// repository: typing and pasting a report into its rich editor, the findings it lists, the
// nianbao-result event that keeps 发布 disabled while errors remain, selecting a finding's text
// in a textarea, and no request to anything but the page's own origin.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '../../scripts/package.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const CLEAN = readFileSync(join(FIXTURES, 'seeds', '003_16e51b8a446c7100.txt'), 'utf8');
// The same report with 5 applications from 自然人 that its 总计 (0) leaves out: the row and the
// column both say the 5 should be 0 (A007).
const BROKEN = CLEAN.replace('一、本年新收政府信息公开申请数量\t\t0\t', '一、本年新收政府信息公开申请数量\t\t5\t');
const MISSING = readFileSync(join(FIXTURES, 'seeds', '004_b5a011f3d089b4ff.txt'), 'utf8');
const WPS = readFileSync(join(FIXTURES, 'html', 'wps.html'), 'utf8');

let env;
let site;
before(async () => {
  buildPackage();
  env = await openBrowser();
  site = await startServer(0, { root: ROOT });
});
after(async () => {
  await env.close();
  await site.close();
});

/** Opens the example with every nianbao-result recorded in window.results. */
async function openExample() {
  const page = await env.context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (msg) => msg.type() === 'error' && log.errors.push(msg.text()));
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  await page.addInitScript(() => {
    window.results = [];
    document.addEventListener('nianbao-result', (e) => {
      window.results.push({ editor: e.target.getAttribute('for'), ...e.detail });
    });
  });
  await page.goto(`${site.url}examples/cms.html`);
  await nextResult(page, 0);
  return { page, log };
}

/** Waits for the result after the first `seen` ones and returns it. */
async function nextResult(page, seen) {
  await page.waitForFunction((n) => window.results.length > n, seen, { timeout: 15000 });
  return page.evaluate(() => window.results[window.results.length - 1]);
}

const seen = (page) => page.evaluate(() => window.results.length);
const rulesOf = (result) => result.report.diagnostics.map((d) => d.rule);
const publishDisabled = (page) => page.isDisabled('#publish');

test('发布 stays disabled while the report in the editor has errors', async () => {
  const { page, log } = await openExample();
  const empty = await page.evaluate(() => window.results[0]);
  assert.equal(empty.report, null);
  assert.ok(await publishDisabled(page));

  await page.fill('#title', '××区人民政府2023年政府信息公开工作年度报告');
  let n = await seen(page);
  await page.fill('#editor', BROKEN);
  const broken = await nextResult(page, n);
  // One typed cell: one finding, at that cell, with the value it should hold.
  assert.ok(rulesOf(broken).includes('A007'), rulesOf(broken).join(' '));
  assert.ok(broken.counts.error >= 1);
  assert.ok(await publishDisabled(page));
  const a001 = broken.report.diagnostics.find((d) => d.rule === 'A007');
  assert.equal(a001.expected, 0);
  const shown = page.locator('nianbao-checker li', { hasText: a001.message });
  assert.equal(await shown.count(), 1);
  assert.match(await page.textContent('#publish-hint'), /还有 \d+ 处错误/);
  await page.screenshot({ path: '/tmp/cms.png', fullPage: true });

  n = await seen(page);
  await page.fill('#editor', CLEAN);
  const fixed = await nextResult(page, n);
  assert.equal(fixed.counts.error, 0, rulesOf(fixed).join(' '));
  assert.ok(!(await publishDisabled(page)));
  await page.click('#publish');
  assert.match(await page.textContent('#publish-hint'), /已发布/);

  // A paste from WPS holds tables: the component reads the editor's HTML by its grid.
  n = await seen(page);
  await page.evaluate((html) => {
    const editor = document.getElementById('editor');
    editor.focus();
    document.execCommand('selectAll');
    document.execCommand('insertHTML', false, html);
  }, WPS);
  const pasted = await nextResult(page, n);
  assert.equal(pasted.report.source.kind, 'html');
  assert.ok(rulesOf(pasted).includes('A007'), rulesOf(pasted).join(' '));
  assert.ok(await publishDisabled(page));

  assert.deepEqual(log.errors, []);
  const foreign = log.requests.filter((url) => !url.startsWith(site.url));
  assert.deepEqual(foreign, []);
  assert.ok(log.requests.some((url) => url.endsWith('/dist/nianbao_bg.wasm')));
  await page.close();
});

test('clicking a finding selects its text in a textarea', async () => {
  const { page, log } = await openExample();
  await page.evaluate(() => {
    const area = document.createElement('textarea');
    area.id = 'plain';
    const checker = document.createElement('nianbao-checker');
    checker.setAttribute('for', 'plain');
    document.body.append(area, checker);
  });
  const n = await seen(page);
  await page.fill('#plain', MISSING);
  const result = await nextResult(page, n);
  assert.equal(result.editor, 'plain');
  const first = result.report.diagnostics.findIndex((d) => d.span);
  const d = result.report.diagnostics[first];
  await page.locator('nianbao-checker[for="plain"] li').nth(first).locator('button').click();
  const selected = await page.$eval('#plain', (a) => [a.selectionStart, a.selectionEnd]);
  assert.deepEqual(selected, [d.span.start16, d.span.end16]);
  assert.deepEqual(log.errors, []);
  await page.close();
});

/** The text selected in the page, and whether the selection lies in the element `id`. */
function selected(page, id) {
  return page.evaluate((id) => {
    const sel = document.getSelection();
    const editor = document.getElementById(id);
    return {
      text: sel.toString(),
      inside: sel.rangeCount > 0 && editor.contains(sel.getRangeAt(0).commonAncestorContainer),
      focused: document.activeElement === editor,
    };
  }, id);
}

const squeeze = (s) => s.replace(/\s+/g, '');

/**
 * Puts `text` in the example's editor as a rich editor holds it: a <div> per line (an empty
 * line holds a <br>), some words in bold. Returns the result of the check that follows.
 */
async function fillRich(page, text) {
  const n = await seen(page);
  await page.evaluate((text) => {
    const editor = document.getElementById('editor');
    editor.replaceChildren();
    text.split('\n').forEach((line, i) => {
      const div = document.createElement('div');
      if (line === '') {
        div.append(document.createElement('br'));
      } else if (i % 3 === 0 && line.length > 6) {
        const b = document.createElement('b');
        b.textContent = line.slice(2, 5);
        div.append(line.slice(0, 2), b, line.slice(5));
      } else {
        div.textContent = line;
      }
      editor.append(div);
    });
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  return nextResult(page, n);
}

test('clicking a finding selects its text in a contenteditable editor, with a DOM Range', async () => {
  const { page, log } = await openExample();
  // Seed 004 has several findings with a place; the component checks the editor's innerText.
  const result = await fillRich(page, MISSING);
  const text = await page.$eval('#editor', (e) => e.innerText);
  const placed = result.report.diagnostics.map((d, i) => ({ d, i })).filter(({ d }) => d.span && d.span.end16 > d.span.start16);
  assert.ok(placed.length >= 3, `${placed.length} findings with a place`);
  for (const { d, i } of placed) {
    await page.locator('nianbao-checker[for="editor"] li').nth(i).locator('button').click();
    const sel = await selected(page, 'editor');
    const want = text.slice(d.span.start16, d.span.end16);
    assert.ok(sel.inside && sel.focused, `${d.rule}: the selection is in the editor`);
    assert.equal(squeeze(sel.text), squeeze(want), `${d.rule} selects 「${want}」`);
  }
  // The changed cell: exactly its digit.
  const broken = await fillRich(page, BROKEN);
  const a007 = broken.report.diagnostics.findIndex((d) => d.rule === 'A007');
  await page.locator('nianbao-checker[for="editor"] li').nth(a007).locator('button').click();
  assert.equal((await selected(page, 'editor')).text, '5');
  await page.screenshot({ path: '/tmp/cms-range.png' });

  // A paste from WPS is checked as HTML: the finding's offsets are in the text the core laid it
  // out as, and still select the cell in the editor's table.
  const n = await seen(page);
  await page.evaluate((html) => {
    const editor = document.getElementById('editor');
    editor.focus();
    document.execCommand('selectAll');
    document.execCommand('insertHTML', false, html);
  }, WPS);
  const pasted = await nextResult(page, n);
  const source = pasted.report.source.text;
  const cells = pasted.report.diagnostics.map((d, i) => ({ d, i })).filter(({ d }) => d.span && d.span.end16 > d.span.start16);
  assert.ok(cells.some(({ d }) => d.rule === 'A007'));
  for (const { d, i } of cells) {
    await page.locator('nianbao-checker[for="editor"] li').nth(i).locator('button').click();
    const sel = await selected(page, 'editor');
    assert.ok(sel.inside, `${d.rule}: the selection is in the editor`);
    assert.equal(squeeze(sel.text), squeeze(source.slice(d.span.start16, d.span.end16)), `${d.rule}`);
  }
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the CMS example and the component fit a 390 px phone, with a Word table in the editor', async () => {
  const { page, log } = await openExample();
  await page.setViewportSize({ width: 390, height: 844 });
  const n = await seen(page);
  await page.evaluate((html) => {
    const editor = document.getElementById('editor');
    editor.focus();
    document.execCommand('selectAll');
    document.execCommand('insertHTML', false, html);
  }, WPS);
  await nextResult(page, n);
  const fit = await page.evaluate(() => {
    const se = document.scrollingElement;
    const checker = document.querySelector('nianbao-checker').getBoundingClientRect();
    return { scroll: se.scrollWidth, client: se.clientWidth, checker: [checker.left, checker.right] };
  });
  await page.screenshot({ path: '/tmp/cms-390.png', fullPage: true });
  assert.ok(fit.scroll <= fit.client, `the page is ${fit.scroll} px wide in ${fit.client} px`);
  assert.ok(fit.checker[0] >= 0 && fit.checker[1] <= fit.client, `the component spans ${fit.checker}`);
  assert.deepEqual(log.errors, []);
  await page.close();
});
