// The page a drafter can trust: marks in the text, cells that tell the truth, nothing lost on
// reload, results to take away, a phone-sized screen, a paste far too large, the keyboard.
// Expected values come from the report the page's own wasm returns.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser, openPage, paste, reportFor } from './harness.mjs';

const SEED_003 = readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', '003_16e51b8a446c7100.txt'), 'utf8');
// Seed 003 with two cells changed: 本年新收 自然人 0 → 3 (its row and its column say which cell:
// one finding, proposing 0), and 行政复议 结果维持 0 → 1 (the group's one identity cannot say
// whether the 1 or the 总计 is wrong: one finding, proposing nothing).
const CHANGED = SEED_003.replace('一、本年新收政府信息公开申请数量\t\t0\t', '一、本年新收政府信息公开申请数量\t\t3\t').replace(
  '\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0',
  '\n1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0',
);

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

function checks(page) {
  return page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
}

describe('seed 003 with one changed cell', () => {
  let page;
  let report;
  before(async () => {
    assert.notEqual(CHANGED, SEED_003);
    page = await openPage(env);
    await paste(page, CHANGED);
    report = await reportFor(page, CHANGED);
  });
  after(async () => {
    await page.close();
  });

  test('the check ran in a worker and the findings are marked in the text and the gutter', async () => {
    assert.equal(await page.evaluate(() => document.documentElement.dataset.worker), 'true');
    const marks = await page.$$eval('#backdrop mark', (ms) => ms.map((m) => ({ rules: m.dataset.rules, text: m.textContent })));
    const placed = report.diagnostics.filter((d) => d.span);
    assert.ok(placed.length >= 2);
    for (const d of placed) {
      assert.ok(marks.some((m) => m.rules.split(' ').includes(d.rule)), `${d.rule} is marked`);
    }
    // The marks hold the very text of the spans: the backdrop lines up with the text area.
    const changedCell = placed.find((d) => d.rule === 'A007');
    assert.equal(CHANGED.slice(changedCell.span.start16, changedCell.span.end16), '3');
    assert.ok(marks.some((m) => m.rules.includes('A007') && m.text === '3'));
    const gutter = await page.$$eval('.gutter-mark', (bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.ok(gutter.some((g) => g.includes('A007')) && gutter.some((g) => g.includes('A004')), gutter.join(' | '));
  });

  test('one 应为 per determined finding, at its cell; none for a cause the identities leave open', async () => {
    const expected = await page.$$eval('#tables td', (tds) =>
      tds.filter((td) => td.querySelector('.cell-expected')).map((td) => td.querySelector('.cell-expected').textContent),
    );
    const onCells = report.diagnostics.filter((d) => d.expected !== undefined && d.span);
    assert.deepEqual(expected.sort(), onCells.map((d) => `应为 ${d.expected}`).sort());
    // 本年新收 自然人 reads 3: its row and its column both say 0. The row's 总计 (0) is right
    // and is not asked to change.
    const arithmetic = report.diagnostics.filter((d) => d.rule.startsWith('A'));
    assert.deepEqual(arithmetic.map((d) => d.rule), ['A007', 'A004']);
    const [a007, a004] = arithmetic;
    assert.deepEqual([a007.expected, a007.actual], [0, 3]);
    assert.equal(a004.expected, undefined);
    const first = await page.$eval('table.s3 tbody tr:not(.row-group)', (tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => (td.querySelector('.cell-expected') || { textContent: '' }).textContent),
    );
    assert.deepEqual(first, ['应为 0', '', '', '', '', '', '']);
    assert.equal(await page.$$eval('table.s4 .cell-expected', (e) => e.length), 0);
    // The open cause marks its cells without a value: the 1 and the group's 总计.
    assert.ok(await page.$$eval('table.s4 td.related, table.s4 td[class*="mark-"]', (e) => e.length) >= 2);
  });

  test('clicking any cell selects the number it was read from', async () => {
    const row = report.tables.s3.rows.find((r) => r.key === 'carried_over');
    const loc = row.cells[2];
    await page.click('table.s3 tbody tr:not(.row-group) >> nth=1 >> td >> nth=2 >> button');
    const sel = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      return [ta.selectionStart, ta.selectionEnd];
    });
    assert.deepEqual(sel, [loc.start16, loc.end16]);
    const title = await page.getAttribute('table.s3 tbody tr:not(.row-group) >> nth=1 >> td >> nth=2 >> button', 'title');
    assert.match(title, new RegExp(`第 ${loc.line} 行第 ${loc.column} 列读出「0」`));
  });

  test('arrow keys move within the findings list and within a table', async () => {
    await page.focus('#findings .nav[tabindex="0"]');
    const first = await page.evaluate(() => document.activeElement.textContent);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement.textContent);
    assert.notEqual(first, second);
    await page.keyboard.press('Enter');
    assert.ok(await page.evaluate(() => document.activeElement.classList.contains('nav')), 'focus stays in the list');
    await page.focus('table.s3 .nav-cell[tabindex="0"]');
    const a = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    await page.keyboard.press('ArrowRight');
    const b = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    await page.keyboard.press('ArrowDown');
    const c = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.notEqual(a, b);
    assert.notEqual(b, c);
    assert.match(b, /商业企业/);
  });

  test('at 390 × 844 nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `page is ${scroll} px wide in a ${width} px window`);
    await page.screenshot({ path: '/tmp/nianbao-390.png', fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('the JSON and CSV downloads hold the findings', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const saved = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.deepEqual(saved.diagnostics.map((d) => d.fingerprint), report.diagnostics.map((d) => d.fingerprint));
    assert.match(json.suggestedFilename(), /\.json$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = readFileSync(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF规则,级别,部分,行,列,问题,应为,实为'), text.slice(0, 40));
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, report.diagnostics.length + 1);
    const a007 = report.diagnostics.find((d) => d.rule === 'A007');
    assert.ok(lines.some((l) => l.startsWith(`A007,错误,三、收到和处理政府信息公开申请情况,${a007.span.line},${a007.span.column},`) && l.includes(',0,3,')), lines.join('\n'));
  });

  test('a rule explanation holds its texts from pkg/rule-docs.js, which the module leaves out', async () => {
    const docs = await page.evaluate(() => import('./pkg/rule-docs.js').then((m) => m.default));
    const a007 = docs.find((d) => d.id === 'A007');
    const rules = await page.evaluate(() => import('./pkg/nianbao.js').then((m) => m.default().then(() => m.rules())));
    assert.deepEqual(Object.keys(rules.find((r) => r.id === 'A007')).sort(), ['clause', 'family', 'id', 'severity', 'title']);
    const item = '#findings li.finding[data-rule="A007"]';
    await page.click(`${item} .rule-details summary`);
    await page.waitForSelector(`${item} .rule-details dl.rule-doc`);
    const shown = await page.$eval(`${item} .rule-details dl.rule-doc`, (dl) =>
      Array.from(dl.querySelectorAll('dt')).map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
    );
    assert.deepEqual(shown.map(([term]) => term), ['依据', '检查什么', '为什么', '错误示例', '正确写法', '怎么改']);
    assert.deepEqual(shown.slice(1).map(([, text]) => text), [a007.what, a007.why, a007.bad, a007.good, a007.fix]);
    // The print view, drawn again when the texts arrived, explains the rule too.
    await page.waitForFunction((what) => document.getElementById('print-rules').textContent.includes(what), a007.what);
    await page.click(`${item} .rule-details summary`);
  });

  test('the print view fits A4 and names the title, the date and the rules', async () => {
    await page.emulateMedia({ media: 'print' });
    // A4 at 96 dpi with 12 mm margins leaves about 703 px.
    await page.setViewportSize({ width: 703, height: 1000 });
    const fit = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inputShown: getComputedStyle(document.querySelector('.input-pane')).display !== 'none',
      meta: document.getElementById('print-meta').textContent,
      rules: document.getElementById('print-rules').textContent,
    }));
    assert.ok(fit.scroll <= 703, `print layout is ${fit.scroll} px wide`);
    assert.equal(fit.inputShown, false);
    assert.match(fit.meta, /卫滨区/);
    assert.match(fit.meta, /检查时间 \d{4}/);
    assert.match(fit.rules, /A007/);
    await page.screenshot({ path: '/tmp/nianbao-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('nothing lost', () => {
  test('reload keeps the draft and an ignored finding; 清空 leaves nothing stored', async () => {
    const page = await openPage(env, { keepDraft: true });
    // Start from nothing saved: earlier pages of this browser saved their drafts, and a page
    // saves its text when it goes away, so clear with the page's own 清空.
    await page.click('#clear-draft');
    await page.click('#clear-draft');
    assert.equal(await page.inputValue('#report-text'), '');
    await paste(page, CHANGED);
    const report = await reportFor(page, CHANGED);
    const a001 = report.diagnostics.find((d) => d.rule === 'A007');
    // Ignore A007 with a reason.
    const item = `#findings li.finding[data-fingerprint="${a001.fingerprint}"]`;
    await page.click(`${item} .ignore .link-button`);
    await page.fill(`${item} .ignore-reason`, '经核实无误');
    let n = await checks(page);
    await page.click(`${item} .small-button`);
    await page.waitForFunction((k) => Number(document.documentElement.dataset.checks) > k, n, { timeout: 5000 }).catch(async (e) => {
      throw new Error(`after ignoring: ${e.message} ${await page.textContent('#status')} ${JSON.stringify(page.log.errors)}`);
    });
    assert.equal(await page.$$eval(item, (l) => l.length), 0, 'the ignored finding is gone from the list');
    assert.match(await page.textContent('#summary'), /已核实忽略 1/);
    // Reload: the text and the ignored finding are back.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForFunction(() => Number(document.documentElement.dataset.checks || 0) > 0);
    assert.equal(await page.inputValue('#report-text'), CHANGED);
    assert.equal(await page.$$eval(item, (l) => l.length), 0, 'still ignored after reload');
    assert.match(await page.textContent('#ignored-box'), /经核实无误/);
    // Undo the ignore.
    n = await checks(page);
    await page.click('#ignored-box summary');
    await page.click('#ignored .link-button');
    await page.waitForFunction((k) => Number(document.documentElement.dataset.checks) > k, n);
    assert.equal(await page.$$eval(item, (l) => l.length), 1, 'restored');
    // 清空 asks once, then removes everything.
    await page.click('#clear-draft');
    assert.match(await page.textContent('#clear-draft'), /确认/);
    await page.click('#clear-draft');
    assert.equal(await page.inputValue('#report-text'), '');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.inputValue('#report-text'), '');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a draft saved by an older version', () => {
  test('an ignored finding of a rule that no longer exists does not stop the check', async () => {
    // The page sends only fingerprints to the checker, never the rule ids it keeps beside
    // them, so a rule retired since (Z999 here) cannot make check() refuse the settings.
    const draft = {
      text: CHANGED,
      laidOut: false,
      previous: '',
      previousLaidOut: false,
      ignored: { '00000000deadbeef': { reason: '旧版本忽略的', rule: 'Z999', severity: 'warning', message: '已停用的规则', at: '2024-01-01T00:00:00.000Z' } },
    };
    const page = await openPage(env, { draft: JSON.stringify(draft) });
    await page.waitForFunction(() => Number(document.documentElement.dataset.checks || 0) > 0);
    assert.equal(await page.inputValue('#report-text'), CHANGED);
    const rules = await page.$$eval('#findings li.finding', (ls) => ls.map((l) => l.textContent));
    assert.ok(rules.some((r) => r.includes('A007')), rules.join(' | '));
    assert.doesNotMatch(await page.textContent('#status'), /检查出错/);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('a paste far larger than a report', () => {
  test('20 MB is refused before the text area takes it, the page says why and stays responsive', async () => {
    const page = await openPage(env);
    const result = await page.evaluate(() => {
      const big = '某某局政府信息公开工作年度报告正文。'.repeat(20 * 1024 * 1024 / 54);
      const textarea = document.querySelector('#report-text');
      textarea.focus();
      const data = new DataTransfer();
      data.setData('text/plain', big);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      textarea.dispatchEvent(event);
      return { prevented: event.defaultPrevented, value: textarea.value.length };
    });
    assert.equal(result.prevented, true);
    assert.equal(result.value, 0);
    assert.match(await page.textContent('#paste-error'), /远超一份年度报告/);
    // Still responsive: typing is checked as usual.
    await page.type('#report-text', '一、总体情况');
    await page.waitForSelector('#results:not([hidden])');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});
