// Opening the published PDF itself, as a reviewer does with the file the body put online:
// hongze-2023.pdf (made by WPS, with two real arithmetic errors in section 四) opened with the
// button and dropped on the page, a scan and a damaged file refused with the core's message,
// and a PDF in a batch. The PDF module (nianbao_pdf_bg.wasm) must not be fetched before a PDF
// is opened. Expectations come from the page's own wasm: the tables the page shows for the PDF
// are the tables it shows for the same report's `pdftotext -raw` text pasted in.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { clickFinding, listedFindings, openBrowser, openPage, paste } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const HONGZE = readFileSync(join(FIXTURES, 'pdf', 'hongze-2023.pdf'));
const HONGZE_RAW = readFileSync(join(FIXTURES, 'reports', 'hongze-2023-pdf-raw.txt'), 'utf8');
const PDF_MODULE = /nianbao_pdf_bg\.wasm$/;

/** A PDF of `objects` (object 1 is the catalog), with a correct cross-reference table. */
function pdfOf(objects) {
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (dict, data) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

/** One A4 page that shows one grey image and no text: what a scanner makes. */
const SCAN = pdfOf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  stream('', 'q 595 0 0 842 0 0 cm /Im1 Do Q'),
  stream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x80'),
]);

/** Runs `action` and waits until the page has shown one more report. */
async function afterCheck(page, action) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before, { timeout: 30000 });
}

async function choose(page, name, bytes) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: bytes });
}

/** Drops a file on `selector` as a drag from the desktop would. */
async function drop(page, selector, name, bytes) {
  const transfer = await page.evaluateHandle(
    ({ name, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
      return dt;
    },
    { name, bytes: Array.from(bytes) },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer: transfer });
  }
}

/** The report for `bytes`: the PDF module's document, checked by the first module, both loaded in the page on their own. */
function pdfReport(page, bytes) {
  return page.evaluate(async (b) => {
    const [reader, checker] = await Promise.all([import('./pkg/nianbao_pdf.js'), import('./pkg/nianbao.js')]);
    await Promise.all([reader.default(), checker.default()]);
    const { document, pages } = reader.readPdf(new Uint8Array(b));
    return checker.checkPdfDocument(document, pages);
  }, Array.from(bytes));
}

/** Every table cell the page shows, table by table, as text. */
function shownTables(page) {
  return page.$$eval('#tables table', (ts) =>
    ts.map((t) => ({
      kind: t.className,
      rows: Array.from(t.querySelectorAll('tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent.trim())),
    })),
  );
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('hongze-2023.pdf opened on the page', () => {
  test('the PDF module is loaded only when a PDF is opened', async () => {
    const page = await openPage(env);
    await paste(page, HONGZE_RAW);
    assert.deepEqual(page.log.requests.filter((u) => PDF_MODULE.test(u)), [], 'not fetched for pasted text');
    await afterCheck(page, () => choose(page, '洪泽区2023年政府信息公开工作年度报告.pdf', HONGZE));
    assert.equal(page.log.requests.filter((u) => PDF_MODULE.test(u)).length, 1, 'fetched once, when the PDF was opened');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });

  test('with the button: the tables of its raw text, its two section 四 errors, a note on where the text came from', async () => {
    const raw = await openPage(env);
    await paste(raw, HONGZE_RAW);
    const rawTables = await shownTables(raw);
    await raw.close();

    const page = await openPage(env);
    await afterCheck(page, () => choose(page, '年报.pdf', HONGZE));
    const report = await pdfReport(page, HONGZE);
    assert.equal(report.source.kind, 'pdf');
    assert.equal(report.source.pages, 5);
    assert.equal(await page.inputValue('#report-text'), report.source.text);
    assert.ok(await page.isHidden('#file-error'));
    assert.match(await page.textContent('#file-name'), /已打开 PDF 文件「年报\.pdf」，共 5 页/);
    assert.match(await page.textContent('#summary'), /读取方式：PDF 文件/);
    assert.match(await page.textContent('.pdf-note'), /文字由 PDF 文件提取（共 5 页）/);

    const tables = await shownTables(page);
    assert.deepEqual(tables.map((t) => t.kind), ['data s2', 'data s3', 'data s4']);
    // A real file chooser offers PDFs.
    assert.match(await page.getAttribute('#file-input', 'accept'), /\.pdf/);
    assert.deepEqual(tables, rawTables, 'the same tables as the pasted -raw text');

    const listed = await listedFindings(page);
    assert.equal(listed.length, report.diagnostics.length);
    // 行政复议: only its 总计 can be wrong (11, not 0); 复议后起诉: its 5 or its 总计, not told.
    const a004 = report.diagnostics.filter((d) => d.rule === 'A007' || d.rule === 'A004');
    assert.deepEqual(a004.map((d) => [d.rule, d.expected, d.actual]), [['A007', 11, 0], ['A004', undefined, undefined]]);
    assert.equal(listed.filter((f) => f.rule === 'A007' || f.rule === 'A004').length, 2);
    // A finding selects the number it is about in the extracted text.
    const sel = await clickFinding(page, a004[0]);
    assert.deepEqual([sel.start, sel.end], [a004[0].span.start16, a004[0].span.end16]);
    assert.equal(sel.text, report.source.text.slice(a004[0].span.start16, a004[0].span.end16));
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });

  test('a PDF dragged over the page starts loading the PDF module before it is dropped', async () => {
    const page = await openPage(env);
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], '年报.pdf', { type: 'application/pdf' }));
      return dt;
    });
    const fetched = page.waitForRequest(PDF_MODULE, { timeout: 15000 });
    await page.dispatchEvent('#report-text', 'dragenter', { dataTransfer: transfer });
    await fetched;
    // A text file dragged over another page does not.
    const other = await openPage(env);
    const text = await other.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['一、总体情况'], '年报.txt', { type: 'text/plain' }));
      return dt;
    });
    await other.dispatchEvent('#report-text', 'dragenter', { dataTransfer: text });
    await other.waitForTimeout(300);
    assert.deepEqual(other.log.requests.filter((u) => PDF_MODULE.test(u)), []);
    assert.deepEqual([...page.log.errors, ...other.log.errors], []);
    await page.close();
    await other.close();
  });

  test('dropped on the page, then edited: the edit is checked by its columns', async () => {
    const page = await openPage(env);
    await afterCheck(page, () => drop(page, '#report-text', '年报.pdf', HONGZE));
    const sectionFour = (f) => f.rule === 'A004' || f.rule === 'A007';
    const before = (await listedFindings(page)).filter(sectionFour).length;
    assert.equal(before, 2);
    assert.equal(await page.$$eval('#outline > li.found', (lis) => lis.length), 6);
    // Appending a line leaves the tables as they were: still the two findings, now from check().
    const text = await page.inputValue('#report-text');
    await paste(page, `${text}\n（已核对）`);
    assert.equal((await listedFindings(page)).filter(sectionFour).length, 2);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('findings in a PDF say their page', () => {
  test('in the list, the CSV and the JSON, after an edit and after a reload', async () => {
    const page = await openPage(env);
    await afterCheck(page, () => choose(page, '年报.pdf', HONGZE));
    const report = await pdfReport(page, HONGZE);
    // Section 四 stands on page 4 of the PDF (its `pdftotext -raw` text has "- 4 -" above it).
    const a007 = report.diagnostics.find((d) => d.rule === 'A007');
    assert.equal(a007.span.page, 4);
    const place = (rule) => page.$eval(`#findings li.finding[data-rule="${rule}"] .place`, (n) => n.textContent);
    assert.equal(await place('A007'), `第 4 页，第 ${a007.span.line} 行第 ${a007.span.column} 列`);
    assert.match(await place('S015'), /^第 1 页，第 \d+ 行/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
    assert.ok(lines[0].startsWith('规则,级别,部分,行,列,问题,应为,实为,页,'), lines[0]);
    assert.ok(lines.some((l) => l.startsWith(`A007,错误,四、政府信息公开行政复议、行政诉讼情况,${a007.span.line},`) && l.includes(',11,0,4,')), lines.join('\n'));
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const saved = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(saved.diagnostics.find((d) => d.rule === 'A007').span.page, 4);

    // Two lines added at the top: the text is checked again with check(), and section 四 is still
    // on page 4, two lines further down.
    const text = await page.inputValue('#report-text');
    await paste(page, `（送审稿）\n（2024年1月）\n${text}`);
    assert.equal(await place('A007'), `第 4 页，第 ${a007.span.line + 2} 行第 ${a007.span.column} 列`);
    assert.match(await page.textContent('#summary'), /读取方式：PDF 文件/);
    await page.screenshot({ path: '/tmp/nianbao-pdf-pages.png', fullPage: false });
    assert.deepEqual(page.log.errors, []);
    await page.close();

    // Reloaded: the draft kept where the text came from and its pages.
    const again = await openPage(env, { keepDraft: true });
    await again.waitForFunction(() => Number(document.documentElement.dataset.checks || 0) > 0);
    assert.match(await again.textContent('#summary'), /读取方式：PDF 文件/);
    assert.match(await again.textContent('.pdf-note'), /共 5 页/);
    assert.equal(await again.$eval('#findings li.finding[data-rule="A007"] .place', (n) => n.textContent), `第 4 页，第 ${a007.span.line + 2} 行第 ${a007.span.column} 列`);
    // A plain text pasted in place of it is plain text again: no pages. (A synthetic paste
    // event inserts nothing: the event, then the text.)
    await again.evaluate(() => {
      const textarea = document.querySelector('#report-text');
      textarea.select();
      const data = new DataTransfer();
      data.setData('text/plain', '（纯文本）');
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await paste(again, HONGZE_RAW);
    assert.doesNotMatch(await again.textContent('#summary'), /读取方式/);
    assert.doesNotMatch(await again.$eval('#findings li.finding[data-rule="A007"] .place', (n) => n.textContent), /页/);
    assert.deepEqual(again.log.errors, []);
    await again.close();
  });
});

describe('last year’s report as a PDF', () => {
  test('opened with its button or dropped on its box, it is read laid out and checked against this year’s', async () => {
    const page = await openPage(env);
    await paste(page, HONGZE_RAW);
    const pdf = await pdfReport(page, HONGZE);
    const expected = await page.evaluate(
      ([text, previous]) => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.checkWithPrevious(text, false, previous, true))),
      [HONGZE_RAW, pdf.source.text],
    );
    await page.click('#previous-box summary');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-previous')]);
    await afterCheck(page, () => chooser.setFiles({ name: '去年.pdf', mimeType: 'application/pdf', buffer: HONGZE }));
    assert.equal(await page.inputValue('#previous-text'), pdf.source.text);
    assert.match(await page.textContent('#previous-name'), /已打开上一年的 PDF 文件「去年\.pdf」/);
    const fingerprints = async () => (await listedFindings(page)).map((f) => f.fingerprint).sort();
    assert.deepEqual(await fingerprints(), expected.diagnostics.map((d) => d.fingerprint).sort());
    // The main report is unchanged: the text area still holds this year's text.
    assert.equal(await page.inputValue('#report-text'), HONGZE_RAW);
    assert.deepEqual(page.log.errors, []);
    // Closed first: an open page would save its draft into the next page's storage.
    await page.close();

    const dropped = await openPage(env);
    await paste(dropped, HONGZE_RAW);
    await dropped.click('#previous-box summary');
    await afterCheck(dropped, () => drop(dropped, '#previous-text', '去年.pdf', HONGZE));
    assert.equal(await dropped.inputValue('#previous-text'), pdf.source.text);
    assert.equal(await dropped.inputValue('#report-text'), HONGZE_RAW);
    assert.deepEqual(dropped.log.errors, []);
    await dropped.close();
  });
});

describe('PDFs that cannot be read faithfully', () => {
  test('a scan and a damaged file show the core’s message and leave the text alone', async () => {
    const page = await openPage(env);
    await page.fill('#report-text', '原有内容');
    await choose(page, '扫描件.pdf', SCAN);
    await page.waitForFunction(() => document.querySelector('#file-error').textContent.includes('扫描件.pdf'), null, { timeout: 30000 });
    assert.match(await page.textContent('#file-error'), /无法读取「扫描件\.pdf」：.*只有图片.*扫描件/);
    await drop(page, 'body', '坏.pdf', HONGZE.subarray(0, 3000));
    await page.waitForFunction(() => document.querySelector('#file-error').textContent.includes('坏.pdf'), null, { timeout: 30000 });
    assert.match(await page.textContent('#file-error'), /PDF 文件不完整或已损坏/);
    assert.equal(await page.inputValue('#report-text'), '原有内容');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a PDF in a batch', () => {
  test('is checked like the other kinds, with the counts the PDF module gives', async () => {
    const page = await openPage(env);
    const report = await pdfReport(page, HONGZE);
    const seed = readFileSync(join(FIXTURES, 'seeds', '001_f25b27e041e62a7d.txt'));
    await page.setInputFiles('#file-input', [
      { name: 'a-洪泽.pdf', mimeType: 'application/pdf', buffer: HONGZE },
      { name: 'b-种子.txt', mimeType: 'text/plain', buffer: seed },
    ]);
    await page.waitForSelector('html[data-batch="done"]', { timeout: 60000 });
    const rows = await page.$$eval('#batch-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent.trim())),
    );
    assert.deepEqual(rows.map((r) => r[0]), ['a-洪泽.pdf', 'b-种子.txt']);
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    assert.ok(errors >= 2, 'the two section 四 findings at least');
    assert.equal(Number(rows[0][4].replace(/\D/g, '')), errors);
    assert.ok(rows[0][3].startsWith('6 / 6'), rows[0][3]);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});
