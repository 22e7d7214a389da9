// Opening a Word file as a drafter does: with the “打开 .docx 文件” button, or by dropping it on
// the page. The .docx is written here (zip by hand, parts deflated with node:zlib) from the
// template text with one wrong number, so the report has a finding to click. Expectations
// come from the page's own wasm `checkDocx`, not from hard-coded judgements.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ROOT } from '../../scripts/util.mjs';
import { clickFinding, listedFindings, openBrowser, openPage } from './harness.mjs';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A zip archive of `[name, Buffer]` entries, each deflated. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const fields = Buffer.alloc(26);
    fields.writeUInt16LE(20, 0); // version needed
    fields.writeUInt16LE(0x0800, 2); // flags: UTF-8 names
    fields.writeUInt16LE(8, 4); // deflate
    fields.writeUInt32LE(0, 6); // time, date
    fields.writeUInt32LE(crc32(data), 10);
    fields.writeUInt32LE(packed.length, 14);
    fields.writeUInt32LE(data.length, 18);
    fields.writeUInt16LE(nameBytes.length, 22);
    fields.writeUInt16LE(0, 24); // extra length
    const local = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), fields, nameBytes, packed]);
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10); // after comment length, disk, attributes
    centrals.push(Buffer.concat([Buffer.from('PK\x01\x02', 'latin1'), Buffer.from([20, 3]), fields, tail, nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1');
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const para = (text) => `<w:p><w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;

/** document.xml for `text`: lines with tabs become table rows, the others paragraphs. */
function documentXml(text) {
  const body = [];
  let rows = [];
  const flush = () => {
    if (rows.length) {
      body.push(`<w:tbl>${rows.join('')}</w:tbl>`);
      rows = [];
    }
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      rows.push(`<w:tr>${line.split('\t').map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`);
    } else {
      flush();
      body.push(para(line));
    }
  }
  flush();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body.join('')}</w:body></w:document>`
  );
}

function docx(text) {
  return zip([
    ['[Content_Types].xml', Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ['word/document.xml', Buffer.from(documentXml(text), 'utf8')],
  ]);
}

/** The template with one application received but counted nowhere: an arithmetic finding. */
function reportText() {
  const template = readFileSync(join(ROOT, 'tests', 'fixtures', 'template-2021.txt'), 'utf8');
  return template.replace(/^(一、本年新收政府信息公开申请数量)\t0/m, '$1\t1');
}

/** Runs `action` and waits until the page has shown one more report. */
async function afterCheck(page, action) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
}

/** Drops a file with `bytes` on `selector` as a drag from the desktop would. */
async function drop(page, selector, name, type, bytes) {
  const transfer = await page.evaluateHandle(
    ({ name, type, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { name, type, bytes: Array.from(bytes) },
  );
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

/** The report the page's own wasm gives for `bytes`. */
function docxReport(page, bytes) {
  return page.evaluate(
    (b) => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.checkDocx(new Uint8Array(b)))),
    Array.from(bytes),
  );
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('opening a .docx', () => {
  const bytes = docx(reportText());

  test('with the button: text, outline, tables and findings appear; a finding selects its text', async () => {
    const page = await openPage(env);
    const report = await docxReport(page, bytes);
    assert.equal(report.source.kind, 'docx');
    assert.ok(report.diagnostics.some((d) => d.span && d.severity === 'error'), 'the wrong number is found');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
    await afterCheck(page, () => chooser.setFiles({ name: '年报.docx', mimeType: DOCX_TYPE, buffer: bytes }));
    assert.equal(await page.inputValue('#report-text'), report.source.text);
    assert.match(await page.textContent('#file-name'), /年报\.docx/);
    assert.ok(await page.isHidden('#file-error'));
    const found = await page.$$eval('#outline > li', (lis) => lis.map((li) => li.classList.contains('found')));
    assert.deepEqual(found, report.outline.sections.map((s) => s.found));
    assert.deepEqual(found, [true, true, true, true, true, true]);
    const tables = await page.$$eval('#tables table', (ts) => ts.map((t) => t.className));
    assert.deepEqual(tables, ['data s2', 'data s3', 'data s4']);
    assert.equal((await listedFindings(page)).length, report.diagnostics.length);
    const diag = report.diagnostics.find((d) => d.span);
    const sel = await clickFinding(page, diag);
    assert.deepEqual([sel.start, sel.end, sel.stays], [diag.span.start16, diag.span.end16, true]);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });

  test('by dropping it on the page', async () => {
    const page = await openPage(env);
    const report = await docxReport(page, bytes);
    await afterCheck(page, () => drop(page, '#report-text', '报告.docx', DOCX_TYPE, bytes));
    assert.equal(await page.inputValue('#report-text'), report.source.text);
    assert.equal((await listedFindings(page)).length, report.diagnostics.length);
    assert.equal(await page.$$eval('#outline > li.found', (lis) => lis.length), 6);
    assert.equal(await page.evaluate(() => document.body.classList.contains('dragging-file')), false);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('files that are not a .docx', () => {
  test('an Excel file and a broken .docx show the checker’s message and leave the text alone', async () => {
    const page = await openPage(env);
    await page.fill('#report-text', '原有内容');
    const xlsx = zip([['xl/workbook.xml', Buffer.from('<workbook/>')]]);
    await drop(page, 'body', '表格.xlsx', 'application/octet-stream', xlsx);
    await page.waitForSelector('#file-error:not([hidden])');
    assert.match(await page.textContent('#file-error'), /无法读取「表格\.xlsx」.*Excel/);
    const broken = docx(reportText()).subarray(0, 2000);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
    await chooser.setFiles({ name: '坏.docx', mimeType: DOCX_TYPE, buffer: broken });
    await page.waitForFunction(() => document.querySelector('#file-error').textContent.includes('坏.docx'));
    assert.match(await page.textContent('#file-error'), /文件不完整/);
    assert.equal(await page.inputValue('#report-text'), '原有内容');
    await page.close();
  });

  test('a plain-text file in GB18030 is decoded and checked', async () => {
    const page = await openPage(env);
    // 一、总体情况 in GB18030, then a line break.
    const gb = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, 0x0a]);
    await afterCheck(page, () => drop(page, 'body', '年报.txt', 'text/plain', gb));
    assert.equal(await page.inputValue('#report-text'), '一、总体情况\n');
    assert.match(await page.textContent('#file-name'), /文本文件「年报\.txt」/);
    const one = await page.$eval('#outline > li[data-number="1"]', (li) => li.classList.contains('found'));
    assert.ok(one, 'section 一 is found in the decoded text');
    await page.close();
  });
});
