// Each report shown as it is: a 2019 web report in its own format, a whole web page pasted
// (navigation and metadata are not the title), the two-year check showing what it compared,
// a finding about many rows naming the count with the rows in an expandable list, and the
// 示例 report a first visit offers. Screenshots go to /tmp/nianbao-show-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser, openPage, paste } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

/** Dispatches a paste carrying `text/html` and waits for the check it causes. */
async function pasteHtml(page, html) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  await page.evaluate((h) => {
    const textarea = document.querySelector('#report-text');
    textarea.focus();
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', '（纯文本）');
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
}

/** The rows of a table of the page: label, then the cells' shown text. */
function shownRows(page, table) {
  return page.$$eval(`table.${table} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => (c.querySelector('.cell-value') || c).textContent.trim())),
  );
}

describe('a 2019 report in its own format', () => {
  test('section 二 in its 2019 columns, the single （六）其他处理 row with its values, the 2019 notice named', async () => {
    const page = await openPage(env);
    await pasteHtml(page, readFileSync(join(FIXTURES, 'grid', 'shanghai-2019.html'), 'utf8'));
    assert.match(await page.textContent('#summary .template'), /^国办公开办函〔2019〕60号（试行格式/);
    const s2Heads = await page.$$eval('table.s2 tr.col-head th', (ths) => ths.map((t) => t.textContent));
    for (const head of ['本年新制作数量', '上一年项目数量', '本年增/减', '采购项目数量', '采购总金额']) {
      assert.ok(s2Heads.includes(head), `${head} in ${s2Heads.join(' ')}`);
    }
    const rows = await shownRows(page, 's3');
    const other = rows.find((r) => r[0].startsWith('（六）其他处理'));
    // Its blanks are said on the row (T010), its values under their columns.
    assert.deepEqual(other.slice(1), ['—', '2', '—', '0', '—', '0', '—']);
    // The 2021 format's three rows are not shown as missing: the report has its single row.
    assert.equal(rows.filter((r) => /^(1\.申请人|2\.申请人|3\.其他$)/.test(r[0])).length, 0, rows.map((r) => r[0]).join('\n'));
    assert.equal(await page.$$eval('table.s3 .tag-missing', (n) => n.length), 0);
    await page.screenshot({ path: '/tmp/nianbao-show-2019.png', fullPage: true });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a whole web page pasted', () => {
  test('the title is the report’s heading, not the breadcrumb or the metadata; no heading is S008', async () => {
    const page = await openPage(env);
    await pasteHtml(page, readFileSync(join(FIXTURES, 'pages', 'portal-article.html'), 'utf8'));
    const title = () => page.textContent('#summary .summary-meta > span:first-child');
    assert.equal(await title(), '标题：卫滨区政务服务和大数据管理局 2023 年政府信息公开工作年度报告');
    await page.screenshot({ path: '/tmp/nianbao-show-page-paste.png', fullPage: false });
    await paste(page, readFileSync(join(FIXTURES, 'pages', 'department-menu.txt'), 'utf8'));
    assert.equal(await title(), '标题：经开区管委会2023年政府信息公开工作年度报告');
    await paste(page, readFileSync(join(FIXTURES, 'pages', 'no-heading.txt'), 'utf8'));
    assert.equal(await title(), '标题：未识别');
    const s008 = await page.$$eval('#findings li.finding[data-rule="S008"] .message', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(s008, ['没有找到报告标题（机关名称+年度+政府信息公开工作年度报告）']);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });

  test('in a batch, the titles are one line each', async () => {
    const page = await openPage(env);
    await page.setInputFiles('#file-input', ['portal-article.html', 'portal-article.txt', 'department-menu.txt', 'no-heading.txt'].map((name) => ({
      name,
      mimeType: name.endsWith('.html') ? 'text/html' : 'text/plain',
      buffer: readFileSync(join(FIXTURES, 'pages', name)),
    })));
    await page.waitForSelector('html[data-batch="done"]', { timeout: 60000 });
    const rows = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => [tr.children[0].textContent.trim(), tr.children[1].textContent]));
    assert.deepEqual(rows, [
      ['department-menu.txt', '经开区管委会2023年政府信息公开工作年度报告'],
      ['no-heading.txt', '未识别'],
      ['portal-article.html', '卫滨区政务服务和大数据管理局 2023 年政府信息公开工作年度报告'],
      ['portal-article.txt', '卫滨区政务服务和大数据管理局 2023 年政府信息公开工作年度报告'],
    ]);
    await page.screenshot({ path: '/tmp/nianbao-show-page-batch.png', fullPage: false });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('the two-year check', () => {
  const s2 = (row) => `二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t${row}\n`;
  const LAST = `某局2022年政府信息公开工作年度报告\n${s2('1\t0\t10')}三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n`;
  const THIS = (carried) => `某局2023年政府信息公开工作年度报告\n${s2('2\t1\t11')}三、收到和处理政府信息公开申请情况\n二、上年结转政府信息公开申请数量\t${carried}\t0\t0\t0\t0\t0\t${carried}\n`;

  /** The comparisons shown: `[key, status, text]`. */
  function shownChecks(page) {
    return page.$$eval('#year-checks li', (lis) => lis.map((li) => [li.dataset.key, li.dataset.status, li.textContent]));
  }

  test('shows what it compared and that it passed, not only its failures', async () => {
    const page = await openPage(env);
    await paste(page, THIS(2));
    assert.equal(await page.$('#year-checks'), null, 'no block without last year’s report');
    await page.click('#previous-box summary');
    const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
    await page.fill('#previous-text', LAST);
    await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
    assert.match(await page.textContent('#year-checks .year-title'), /两年衔接核对（上一年报告为 2022 年度）/);
    const checks = await shownChecks(page);
    assert.deepEqual(checks.map(([key, status]) => [key, status]), [
      ['carried_over', 'passed'],
      ['in_force', 'passed'],
      ['identical', 'not_checked'],
    ]);
    assert.match(checks[0][2], /^✓ 通过本年“上年结转”与上一年“结转下年度继续办理”7列逐列一致：本年上年结转2件，上一年结转下年度2件$/);
    assert.match(checks[1][2], /规章：上一年10件\+制发2件−废止1件=11件，本年11件/);
    assert.match(checks[2][2], /^– 未核对/);
    assert.equal(await page.$$eval('#findings li.finding[data-rule^="Y"]', (n) => n.length), 0);
    await (await page.$('#summary')).screenshot({ path: '/tmp/nianbao-show-year-passed.png' });

    // A carried-over count that is not last year's: the comparison fails, and Y001 says where.
    await paste(page, THIS(1));
    const failed = await shownChecks(page);
    assert.deepEqual(failed[0].slice(0, 2), ['carried_over', 'failed']);
    assert.match(failed[0][2], /2列不一致：「自然人」「总计」/);
    assert.equal(await page.$$eval('#findings li.finding[data-rule="Y001"]', (n) => n.length), 1);
    await (await page.$('#summary')).screenshot({ path: '/tmp/nianbao-show-year-failed.png' });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a finding about many rows', () => {
  test('names the count, and lists the rows in a folded list', async () => {
    const page = await openPage(env);
    await pasteHtml(page, readFileSync(join(FIXTURES, 'grid', 'shanghai-2019.html'), 'utf8'));
    const item = page.locator('#findings li.finding[data-rule="T010"]', { hasText: '第三部分表格有66个空白单元格' });
    assert.equal(await item.locator('.message').textContent(), '第三部分表格有66个空白单元格，分布在22行，核对时按0计');
    const list = item.locator('details.finding-items');
    assert.equal(await list.locator('summary').textContent(), '展开这 22 行');
    assert.equal(await list.evaluate((d) => d.open), false, 'folded at first');
    await list.locator('summary').click();
    const rows = await list.locator('li').allTextContents();
    assert.equal(rows.length, 22);
    assert.deepEqual(rows.slice(0, 2), ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量']);
    // The blank 总计 column: each row with the number it should hold.
    const a006 = page.locator('#findings li.finding[data-rule="A006"]');
    assert.match(await a006.locator('.message').textContent(), /^第三部分「总计」列有21行留空，而勾稽关系表明应有数字（[^）]+）$/);
    await a006.locator('details.finding-items summary').click();
    assert.equal(await a006.locator('details.finding-items li').first().textContent(), '一、本年新收政府信息公开申请数量：58');
    await item.screenshot({ path: '/tmp/nianbao-show-items.png' });
    // The CSV has them in a column of their own.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = readFileSync(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF规则,级别,部分,行,列,问题,应为,实为,页,涉及,指纹\r\n'), text.slice(0, 60));
    assert.ok(text.includes(',第三部分表格有66个空白单元格，分布在22行，核对时按0计,,,,一、本年新收政府信息公开申请数量；二、上年结转'), 'items joined by ；');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('the 示例 report', () => {
  test('a first visit offers it; one click loads it and shows its planted errors', async () => {
    const page = await openPage(env);
    assert.ok(await page.isVisible('#empty #try-sample'), 'offered on the empty page');
    await page.screenshot({ path: '/tmp/nianbao-show-empty.png', fullPage: false });
    const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
    await page.click('#try-sample');
    await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
    assert.match(await page.inputValue('#report-text'), /^示例县人力资源和社会保障局2023年政府信息公开工作年度报告/);
    assert.match(await page.textContent('#paste-note'), /示例报告（虚构），其中预设了 4 处错误/);
    const found = await page.$$eval('#findings li.finding', (lis) => lis.map((li) => li.dataset.rule).sort());
    assert.deepEqual(found, ['A007', 'A007', 'O001', 'T002']);
    // The two wrong totals are marked in the tables with the number they should hold.
    const expected = await page.$$eval('#tables .cell-expected', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(expected, ['应为 35', '应为 2']);
    assert.ok(await page.isHidden('#empty'));
    await page.screenshot({ path: '/tmp/nianbao-show-sample.png', fullPage: false });
    assert.deepEqual(page.log.errors, []);
    assert.ok(page.log.requests.every((u) => u.startsWith(env.server.url)), 'nothing asked of elsewhere');
    await page.close();
  });
});
