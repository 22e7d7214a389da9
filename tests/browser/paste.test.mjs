// Pasting from Word, WPS or a web page: the clipboard carries `text/html` with real tables as
// well as `text/plain`. The page must read the HTML (through the wasm `checkHtml`), put the text
// it was read as into the text area, show that report, and never put the HTML into the page.
// Expectations come from the report the page's own wasm returns for the same HTML, plus the
// numbers the fixtures were written with.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { clickFinding, listedFindings, openBrowser, openPage } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'html');

function fixture(name) {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The plain text a word processor puts next to the HTML: rows flattened, nothing aligned. */
const PLAIN = '青山县统计局2024年政府信息公开工作年度报告\n一、总体情况\n（纯文本，表格已丢失）';

/**
 * Dispatches a real `paste` event carrying `text/html` (when given) and `text/plain` on the text
 * area, and waits for the check it causes. Returns whether the page took over the paste.
 */
async function pasteClipboard(page, { html, plain }) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  const prevented = await page.evaluate(
    ({ html, plain }) => {
      const textarea = document.querySelector('#report-text');
      textarea.focus();
      const data = new DataTransfer();
      if (html !== undefined) {
        data.setData('text/html', html);
      }
      data.setData('text/plain', plain);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      textarea.dispatchEvent(event);
      return event.defaultPrevented;
    },
    { html, plain },
  );
  if (prevented) {
    await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
  }
  return prevented;
}

/** The report the page's wasm gives for `html`. */
function htmlReportFor(page, html) {
  return page.evaluate(
    (h) => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.checkHtml(h))),
    html,
  );
}

/** The values shown in section 三's table, row by row. */
function shownS3(page) {
  return page.$$eval('table.s3 tbody tr:not(.row-group)', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.querySelector('.cell-value') || td).textContent)),
  );
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('pasting from Word (text/html with merged cells)', () => {
  let page;
  let html;
  let report;
  before(async () => {
    page = await openPage(env);
    html = fixture('word-2016.html');
    assert.equal(await pasteClipboard(page, { html, plain: PLAIN }), true, 'the page reads the HTML');
    report = await htmlReportFor(page, html);
  });
  after(async () => {
    await page.close();
  });

  test('the text area holds the text the HTML was read as, not the plain text', async () => {
    const value = await page.inputValue('#report-text');
    assert.equal(report.source.kind, 'html');
    assert.equal(value, report.source.text);
    assert.doesNotMatch(value, /纯文本/);
    assert.match(value, /\n一、本年新收政府信息公开申请数量\t\t\t62\t12\t1\t2\t7\t1\t85\n/);
  });

  test('a note says the paste was read as tables', async () => {
    assert.equal(await page.isVisible('#paste-note'), true);
    assert.match(await page.textContent('#paste-note'), /^已按 Word\/网页表格读取（3 张表）/);
  });

  test('the outline shows all six sections found', async () => {
    const items = await page.$$eval('#outline > li', (lis) => lis.map((li) => li.classList.contains('found')));
    assert.deepEqual(items, [true, true, true, true, true, true]);
    assert.equal(report.outline.sections.every((s) => s.found), true);
  });

  test('the tables show the numbers the document was written with', async () => {
    const shown = await shownS3(page);
    assert.equal(shown.length, 25);
    assert.deepEqual(shown[0], ['62', '12', '1', '2', '7', '1', '85']);
    assert.deepEqual(shown[23], ['61', '11', '2', '2', '6', '1', '83']);
    report.tables.s3.rows.forEach((row, r) => {
      assert.deepEqual(shown[r], row.values.map(String), row.key);
    });
    const s4 = await page.$$eval('table.s4 tbody td', (tds) => tds.map((td) => (td.querySelector('.cell-value') || td).textContent));
    assert.deepEqual(s4, ['2', '1', '0', '1', '4', '1', '0', '0', '1', '2', '0', '1', '0', '0', '1']);
  });

  test('the findings are the HTML report\'s, with no table or arithmetic finding', async () => {
    const count = (await listedFindings(page)).length;
    assert.equal(count, report.diagnostics.length);
    assert.deepEqual(report.diagnostics.filter((d) => /^[TA]/.test(d.rule)), []);
    assert.equal(await page.isVisible('#no-findings'), report.diagnostics.length === 0);
  });

  test('nothing of the pasted HTML became markup, and nothing went wrong', async () => {
    assert.equal(await page.$$eval('#results o\\:p, #results span[lang], .MsoNormal, .MsoTableGrid', (n) => n.length), 0);
    assert.deepEqual(page.log.errors, []);
  });
});

describe('pasting from WPS (a deliberate error in section 四)', () => {
  test('the finding shows, and clicking it selects its cell in the text area', async () => {
    const page = await openPage(env);
    const html = fixture('wps.html');
    assert.equal(await pasteClipboard(page, { html, plain: PLAIN }), true);
    const report = await htmlReportFor(page, html);
    assert.equal(await page.inputValue('#report-text'), report.source.text);
    const index = report.diagnostics.findIndex((d) => d.rule === 'A007');
    assert.ok(index >= 0, 'A007: 行政复议 总计 is 5, its results and the prose say 4');
    const diag = report.diagnostics[index];
    assert.equal(diag.expected, 4);
    assert.equal(diag.actual, 5);
    assert.equal((await listedFindings(page)).length, report.diagnostics.length);
    const sel = await clickFinding(page, diag);
    assert.deepEqual(sel, { start: diag.span.start16, end: diag.span.end16, text: '5', stays: true });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('pasting from a web page, and plain text', () => {
  test('a CMS page with six tables is read the same way', async () => {
    const page = await openPage(env);
    const html = fixture('web-cms.html');
    assert.equal(await pasteClipboard(page, { html, plain: PLAIN }), true);
    const report = await htmlReportFor(page, html);
    assert.equal(await page.inputValue('#report-text'), report.source.text);
    assert.match(await page.textContent('#paste-note'), /（6 张表）/);
    const shown = await shownS3(page);
    assert.deepEqual(shown[1], ['3', '0', '1', '0', '0', '0', '4']);
    await page.close();
  });

  test('a paste without HTML, or with HTML but no table, is left to the browser', async () => {
    const page = await openPage(env);
    assert.equal(await pasteClipboard(page, { plain: PLAIN }), false);
    const noTable = '<html><body><p>一、总体情况</p><div><span>本局……</span></div></body></html>';
    assert.equal(await pasteClipboard(page, { html: noTable, plain: PLAIN }), false);
    assert.equal(await page.isVisible('#paste-note'), false);
    await page.close();
  });

  test('HTML pasted into other text is inserted at the cursor and the whole text checked', async () => {
    const page = await openPage(env);
    const prose = '前言：以下为年报正文。\n';
    await page.fill('#report-text', prose);
    await page.waitForFunction(() => Number(document.documentElement.dataset.checks || 0) > 0);
    await page.evaluate((n) => document.querySelector('#report-text').setSelectionRange(n, n), prose.length);
    const html = fixture('web-cms.html');
    assert.equal(await pasteClipboard(page, { html, plain: PLAIN }), true);
    const report = await htmlReportFor(page, html);
    const value = await page.inputValue('#report-text');
    assert.equal(value, prose + report.source.text);
    const found = await page.$$eval('#outline > li', (lis) => lis.filter((li) => li.classList.contains('found')).length);
    assert.equal(found, 6);
    await page.close();
  });
});
