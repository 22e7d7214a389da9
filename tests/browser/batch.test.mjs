// Checking many reports at once, as a reviewer does with every subordinate body's report: the
// five seeds, a saved Word page and a .docx chosen together (with a broken PDF, named), a
// folder, a drop of several files. Every count the summary shows is held against what the
// page's own wasm gives for that file alone; nothing here is a hard-coded judgement.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { listedFindings, openBrowser, openPage } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SEEDS = readdirSync(join(FIXTURES, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, kind: 'text', buffer: readFileSync(join(FIXTURES, 'seeds', name)) }));
const HTML = { name: 'word-2016.html', kind: 'html', buffer: readFileSync(join(FIXTURES, 'html', 'word-2016.html')) };
const DOCX = { name: 'blanks-2021.docx', kind: 'docx', buffer: readFileSync(join(FIXTURES, 'grid', 'blanks-2021.docx')) };
const PDF = { name: '扫描件.pdf', buffer: Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1') };
// In the sorted path order the page checks them in: digits first, then letters.
const BATCH = [...SEEDS, DOCX, HTML];
const MIME = { text: 'text/plain', html: 'text/html', docx: 'application/octet-stream' };

/** The files as `setInputFiles` takes them. */
function payloads(files) {
  return files.map((f) => ({ name: f.name, mimeType: MIME[f.kind] || 'application/pdf', buffer: f.buffer }));
}

/** What the page's own wasm gives for each file alone, checked as the batch reads it. */
function reportsFor(page, files) {
  return page.evaluate(
    (files) =>
      import('./pkg/nianbao.js').then((m) =>
        m.default().then(() =>
          files.map((f) => {
            const bytes = new Uint8Array(f.bytes);
            if (f.kind === 'docx') {
              return m.checkDocx(bytes);
            }
            const text = new TextDecoder().decode(bytes);
            return f.kind === 'html' ? m.checkHtml(text) : m.check(text);
          }),
        ),
      ),
    files.map((f) => ({ kind: f.kind, bytes: Array.from(f.buffer) })),
  );
}

function counts(report) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) {
    c[d.severity] += 1;
  }
  return c;
}

/** The summary table's rows as the page shows them. */
function summaryRows(page) {
  return page.$$eval('#batch-table tbody tr', (trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.children).map((c) => c.textContent.trim());
      return { path: cells[0], title: cells[1], year: cells[2], sections: cells[3], error: cells[4], warning: cells[5], info: cells[6] };
    }),
  );
}

/** Chooses `files` in the file picker at once and waits until the batch has finished. */
async function chooseAll(page, files) {
  await page.setInputFiles('#file-input', payloads(files));
  await page.waitForSelector('html[data-batch="done"]');
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('seven reports and a PDF chosen at once', () => {
  let page;
  let reports;
  before(async () => {
    page = await openPage(env);
    // The drafter's own draft, which the batch must leave alone.
    await page.fill('#report-text', '我的草稿');
    await page.waitForFunction(() => (localStorage.getItem('nianbao:draft:v1') || '').includes('我的草稿'));
    reports = await reportsFor(page, BATCH);
    await chooseAll(page, [PDF, HTML, ...SEEDS, DOCX]);
  });
  after(async () => {
    await page.close();
  });

  test('the summary has a row per report, in path order, with the counts check() gives', async () => {
    assert.ok(await page.isVisible('#batch'));
    assert.ok(await page.isHidden('#single'));
    const rows = await summaryRows(page);
    assert.deepEqual(rows.map((r) => r.path), BATCH.map((f) => f.name));
    rows.forEach((row, i) => {
      const report = reports[i];
      const c = counts(report);
      const found = report.outline.sections.filter((s) => s.found).length;
      assert.deepEqual(
        [row.error, row.warning, row.info].map((t) => Number(t.replace(/\D/g, ''))),
        [c.error, c.warning, c.info],
        `${row.path}: errors, warnings, infos`,
      );
      assert.ok(row.sections.startsWith(`${found} / 6`), `${row.path}: sections ${row.sections}`);
      assert.equal(row.title, report.outline.title || '未识别');
      assert.equal(row.year, report.outline.year ? String(report.outline.year) : '未识别');
    });
    // The seeds differ: some reports have errors, some none.
    assert.ok(reports.some((r) => counts(r).error > 0) && reports.some((r) => counts(r).error === 0));
    const totals = await page.textContent('#batch-totals');
    const all = reports.reduce((n, r) => n + counts(r).error, 0);
    assert.match(totals, new RegExp(`已检查 7 份报告：错误 ${all} 个`));
    // The broken PDF was read too: it counts among the files checked, not among the reports.
    assert.match(await page.textContent('#batch-status'), /已检查全部 8 份/);
    assert.deepEqual(page.log.errors, []);
  });

  test('a PDF the core cannot read is named with the core’s message', async () => {
    const skipped = await page.textContent('#batch-skipped');
    assert.match(skipped, /跳过了 1 个文件/);
    // The file is a PDF's first line and an object, no pages: the PDF module says it is damaged.
    assert.match(skipped, /扫描件\.pdf无法读取：PDF 文件不完整或已损坏/);
  });

  test('the chart shows the top rule with its count, labelled with its title', async () => {
    const byRule = new Map();
    for (const r of reports) {
      for (const d of r.diagnostics) {
        byRule.set(d.rule, (byRule.get(d.rule) || 0) + 1);
      }
    }
    const max = Math.max(...byRule.values());
    const bars = await page.$$eval('#batch-chart li.chart-row', (lis) =>
      lis.map((li) => ({ rule: li.dataset.rule, label: li.querySelector('.chart-label').textContent, count: li.querySelector('.chart-count').textContent })),
    );
    assert.equal(bars.length, Math.min(15, byRule.size));
    assert.equal(byRule.get(bars[0].rule), max, 'the first bar is a rule with the most findings');
    const rules = await page.evaluate(() => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.rules())));
    const title = rules.find((r) => r.id === bars[0].rule).title;
    assert.ok(bars[0].label.includes(bars[0].rule) && bars[0].label.includes(title));
    for (const bar of bars) {
      assert.match(bar.count, new RegExp(`^${byRule.get(bar.rule)} 处`), `${bar.rule}: ${bar.count}`);
    }
    const widths = await page.$$eval('#batch-chart .chart-bar', (bs) => bs.map((b) => b.getBoundingClientRect().width));
    assert.ok(widths[0] >= widths[widths.length - 1] && widths[widths.length - 1] > 0);
  });

  test('a click on a header sorts by it, and aria-sort says how', async () => {
    await page.click('#batch-table th.col-error button');
    assert.equal(await page.getAttribute('#batch-table th.col-error', 'aria-sort'), 'descending');
    assert.equal(await page.getAttribute('#batch-table th.col-path', 'aria-sort'), 'none');
    const errors = (await summaryRows(page)).map((r) => Number(r.error.replace(/\D/g, '')));
    assert.deepEqual(errors, errors.slice().sort((a, b) => b - a));
    assert.equal(await page.evaluate(() => document.activeElement.closest('th').className), 'col-error numeric', 'focus stays on the header');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#batch-table th.col-error', 'aria-sort'), 'ascending');
    await page.click('#batch-table th.col-path button');
    assert.deepEqual((await summaryRows(page)).map((r) => r.path), BATCH.map((f) => f.name));
    assert.ok(await page.$eval('#batch-table table', (t) => t.querySelector('caption').textContent.includes('各份报告的检查结果')));
  });

  test('a row opens the report read-only; the draft is untouched; back returns to the summary', async () => {
    const i = BATCH.indexOf(SEEDS[4]);
    const report = reports[i];
    await page.click(`#batch-table tbody tr:nth-child(${i + 1}) button.batch-open`);
    await page.waitForSelector('#single:not([hidden])');
    assert.ok(await page.isHidden('#batch'));
    const text = SEEDS[4].buffer.toString('utf8');
    assert.equal(await page.inputValue('#report-text'), text);
    assert.equal(await page.$eval('#report-text', (t) => t.readOnly), true);
    assert.equal((await listedFindings(page)).length, report.diagnostics.length);
    assert.equal(await page.$$eval('#outline > li.found', (lis) => lis.length), report.outline.sections.filter((s) => s.found).length);
    assert.ok((await page.$$('#tables table')).length >= 1);
    assert.match(await page.textContent('#view-title'), new RegExp(`第 ${i + 1} / 7 份：${SEEDS[4].name}`));
    assert.equal(await page.$$eval('#findings .ignore', (xs) => xs.length), 0, 'no 已核实，忽略 on a report only read');
    await page.click('#view-next');
    assert.equal(await page.inputValue('#report-text'), reports[i + 1].source.text);
    await page.waitForTimeout(600);
    assert.match(await page.evaluate(() => localStorage.getItem('nianbao:draft:v1')), /我的草稿/);
    await page.click('#view-back');
    assert.ok(await page.isVisible('#batch'));
    assert.equal(await page.inputValue('#report-text'), '我的草稿');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), DOCX.name, 'focus returns to the row');
    assert.deepEqual(page.log.errors, []);
  });

  test('编辑这份报告 makes the opened report the draft, after asking once', async () => {
    await page.click('#batch-table tbody tr:nth-child(1) button.batch-open');
    await page.click('#view-edit');
    assert.match(await page.textContent('#view-edit'), /确认替换本机草稿/);
    assert.match(await page.evaluate(() => localStorage.getItem('nianbao:draft:v1')), /我的草稿/);
    await page.click('#view-edit');
    assert.equal(await page.$eval('#report-text', (t) => t.readOnly), false);
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('nianbao:draft:v1')));
    assert.equal(saved.text, SEEDS[0].buffer.toString('utf8'));
    await page.click('#view-back');
    assert.equal(await page.inputValue('#report-text'), saved.text, 'the edited report stays the draft');
  });

  test('the summary CSV has a BOM, CRLF and a row per report; the findings CSV a row per finding', async () => {
    const [summary] = await Promise.all([page.waitForEvent('download'), page.click('#batch-csv')]);
    const csv = readFileSync(await summary.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF文件,标题,年度,'));
    assert.ok(csv.endsWith('\r\n'));
    const lines = csv.slice(1).split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length, 1 + 7);
    assert.ok(!csv.replace(/\r\n/g, '').includes('\n'), 'no bare line feed');
    const first = lines[1].split(',');
    const c = counts(reports[0]);
    assert.deepEqual(first.slice(0, 1).concat(first.slice(4, 7)), [SEEDS[0].name, String(c.error), String(c.warning), String(c.info)]);
    const [findings] = await Promise.all([page.waitForEvent('download'), page.click('#batch-findings-csv')]);
    const all = readFileSync(await findings.path(), 'utf8');
    assert.ok(all.startsWith('\uFEFF文件,规则,级别,部分,行,列,问题,应为,实为,页,涉及\r\n'));
    // A message may hold a comma or a quote: count records, not lines, by parsing RFC 4180.
    const records = parseCsv(all.slice(1));
    assert.equal(records.length - 1, reports.reduce((n, r) => n + r.diagnostics.length, 0));
    assert.ok(records.slice(1).every((r) => r.length === 11));
  });

  test('screenshots of the summary at 1280 px and 390 px; nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: '/tmp/page-batch-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `page is ${scroll} px wide in a ${width} px window`);
    await page.screenshot({ path: '/tmp/page-batch-390.png', fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into records. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return records;
}

describe('stopping a batch', () => {
  test('停止 halfway leaves the rest unchecked and says how many; 继续检查 finishes', async () => {
    const page = await openPage(env);
    const files = [];
    for (let i = 0; i < 30; i++) {
      const seed = SEEDS[i % SEEDS.length];
      files.push({ name: `${String(i + 1).padStart(2, '0')}-${seed.name}`, kind: 'text', buffer: seed.buffer });
    }
    // Clicks 停止 as soon as the third file is being checked, as a reader watching would.
    await page.evaluate(() => {
      const status = document.querySelector('#batch-status');
      const watch = new MutationObserver(() => {
        if (/第 3 \/ 30 份/.test(status.textContent)) {
          watch.disconnect();
          document.querySelector('#batch-stop').click();
        }
      });
      watch.observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.setInputFiles('#file-input', payloads(files));
    await page.waitForSelector('html[data-batch="stopped"]');
    const rows = (await summaryRows(page)).length;
    assert.ok(rows >= 3 && rows < 30, `${rows} checked before stopping`);
    assert.match(await page.textContent('#batch-status'), new RegExp(`已停止：检查了 ${rows} / 30 份，其余 ${30 - rows} 份未检查`));
    assert.ok(await page.isHidden('#batch-stop'));
    await page.click('#batch-resume');
    await page.waitForSelector('html[data-batch="done"]');
    const all = await summaryRows(page);
    assert.deepEqual(all.map((r) => r.path), files.map((f) => f.name));
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a folder and a drop', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
    mkdirSync(join(dir, '甲局'));
    mkdirSync(join(dir, '乙局', '附件'), { recursive: true });
    writeFileSync(join(dir, '甲局', '10.txt'), SEEDS[0].buffer);
    writeFileSync(join(dir, '甲局', '2.txt'), SEEDS[1].buffer);
    writeFileSync(join(dir, '乙局', '年报.docx'), DOCX.buffer);
    writeFileSync(join(dir, '乙局', '附件', '扫描件.pdf'), PDF.buffer);
    writeFileSync(join(dir, '乙局', '附件', '说明.xlsx'), Buffer.from('PK'));
    writeFileSync(join(dir, '乙局', '坏.docx'), DOCX.buffer.subarray(0, 2000));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('选择文件夹 checks every report in it, in path order, and names what it skipped', async () => {
    const page = await openPage(env);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-folder')]);
    assert.ok(chooser.isMultiple());
    await chooser.setFiles(dir);
    await page.waitForSelector('html[data-batch="done"]');
    const paths = (await summaryRows(page)).map((r) => r.path.replace(/^[^/]+\//, ''));
    // 甲 before 乙 by pinyin; 2 before 10 by value.
    assert.deepEqual(paths, ['甲局/2.txt', '甲局/10.txt', '乙局/年报.docx']);
    const skipped = await page.textContent('#batch-skipped');
    assert.match(skipped, /跳过了 3 个文件/);
    assert.match(skipped, /附件\/扫描件\.pdf无法读取：PDF 文件不完整或已损坏/);
    assert.match(skipped, /附件\/说明\.xlsx/);
    // A .docx the core cannot read is named with the core's own message.
    assert.match(skipped, /乙局\/坏\.docx无法读取：.*文件不完整/);
    // The draft is one click away, and the batch one click back.
    await page.click('#batch-draft');
    assert.ok(await page.isVisible('#single'));
    assert.match(await page.textContent('#view-title'), /正在编辑本机草稿/);
    await page.click('#view-back');
    assert.ok(await page.isVisible('#batch'));
    await page.close();
  });

  test('dropping several files starts a batch; one dropped file still opens directly', async () => {
    const page = await openPage(env);
    const drop = (files) =>
      page.evaluateHandle(
        (files) => {
          const dt = new DataTransfer();
          for (const f of files) {
            dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/plain' }));
          }
          return dt;
        },
        files.map((f) => ({ name: f.name, bytes: Array.from(f.buffer) })),
      );
    const two = await drop([SEEDS[3], SEEDS[2]]);
    await page.dispatchEvent('body', 'dragover', { dataTransfer: two });
    await page.dispatchEvent('body', 'drop', { dataTransfer: two });
    await page.waitForSelector('html[data-batch="done"]');
    assert.deepEqual((await summaryRows(page)).map((r) => r.path), [SEEDS[2].name, SEEDS[3].name]);
    const one = await drop([SEEDS[1]]);
    await page.dispatchEvent('body', 'drop', { dataTransfer: one });
    await page.waitForFunction((t) => document.querySelector('#report-text').value === t, SEEDS[1].buffer.toString('utf8'));
    assert.ok(await page.isVisible('#single'));
    assert.ok(await page.isHidden('#batch'));
    assert.match(await page.textContent('#view-title'), /正在编辑本机草稿/);
    assert.equal(await page.$eval('#report-text', (t) => t.readOnly), false);
    await page.close();
  });
});
