// The page as a drafter uses it: open, paste a report, read the outline, tables and findings,
// click a finding. Expectations that depend on the core's judgement are read from the report
// the page's own wasm returns, not hard-coded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { openBrowser, openPage, paste, reportFor } from './harness.mjs';

const SEEDS = join(ROOT, 'tests', 'fixtures', 'seeds');

function seed(prefix) {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  assert.ok(name, `seed ${prefix}* exists`);
  return readFileSync(join(SEEDS, name), 'utf8');
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('loading', () => {
  test('loads without console errors and asks only its own server', async () => {
    const page = await openPage(env);
    await paste(page, seed('004_'));
    await page.click('#findings .finding-main, #outline .section-main');
    const origin = new URL(env.server.url).origin;
    const foreign = page.log.requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(page.log.errors, [], 'no console error');
    const text = await page.textContent('body');
    assert.match(text, /国办公开办函〔2021〕30号/);
    assert.match(text, /不会上传/);
    await page.close();
  });

  test('says so clearly when the WebAssembly module cannot load', async () => {
    const page = await env.context.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(env.server.url);
    await page.waitForSelector('#load-error:not([hidden])');
    const message = await page.textContent('#load-error');
    assert.match(message, /检查程序加载失败/);
    assert.match(await page.textContent('#status'), /未能加载/);
    await page.close();
  });

  test('shows the version and the rule count from the module', async () => {
    const page = await openPage(env);
    const footer = await page.textContent('#version');
    assert.match(footer, /^nianbao \d+\.\d+\.\d+ · 规则 \d+ 条$/);
    await page.close();
  });
});

for (const prefix of ['004_', '002_']) {
  describe(`pasting seed ${prefix}`, () => {
    let page;
    let text;
    let report;
    before(async () => {
      page = await openPage(env);
      text = seed(prefix);
      await paste(page, text);
      report = await reportFor(page, text);
    });
    after(async () => {
      await page.close();
    });

    test('the outline lists the six sections, found or missing as the report says', async () => {
      const items = await page.$$eval('#outline > li', (lis) =>
        lis.map((li) => ({ number: Number(li.dataset.number), missing: li.classList.contains('missing'), text: li.textContent })),
      );
      assert.equal(items.length, 6);
      assert.deepEqual(items.map((i) => i.number), [1, 2, 3, 4, 5, 6]);
      report.outline.sections.forEach((s, i) => {
        assert.equal(items[i].missing, !s.found, `section ${s.number}`);
        assert.ok(items[i].text.includes(s.title));
        assert.equal(items[i].text.includes('缺失'), !s.found);
      });
    });

    test('the three tables show the template rows and columns', async () => {
      const tables = await page.$$eval('#tables table', (ts) => ts.map((t) => t.className));
      assert.deepEqual(tables, ['data s2', 'data s3', 'data s4']);
      const s3Labels = await page.$$eval('table.s3 tbody th.row-label', (ths) => ths.map((th) => th.firstChild.textContent));
      assert.deepEqual(s3Labels, report.tables.s3.rows.map((r) => r.label));
      // The header as the template prints it: 申请人情况 over 自然人, 法人或其他组织 (over its five
      // kinds) and 总计, with the column note in the corner.
      const s3Head = await page.$$eval('table.s3 thead tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
      const columns = report.tables.s3.columns;
      assert.match(s3Head[0][0], /勾稽关系/);
      assert.equal(s3Head[0][1], '申请人情况');
      assert.deepEqual(s3Head[1], [columns[0], '法人或其他组织', columns[6]]);
      assert.deepEqual(s3Head[2], columns.slice(1, 6));
      const s4Head = await page.$$eval('table.s4 thead tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => [c.textContent, c.colSpan])));
      assert.deepEqual(s4Head[0], [['行政复议', 5], ['行政诉讼', 10]]);
      assert.deepEqual(s4Head[1].map((c) => c[0]), ['未经复议直接起诉', '复议后起诉']);
      assert.equal(s4Head[2].length, 15);
      const s4Cells = await page.$$eval('table.s4 tbody td', (tds) => tds.length);
      assert.equal(s4Cells, 15);
      const s2Labels = await page.$$eval('table.s2 th.row-label', (ths) => ths.map((th) => th.firstChild.textContent));
      assert.deepEqual(s2Labels, report.tables.s2.rows.map((r) => r.label));
    });

    test('every value the report read is shown in its cell', async () => {
      const shown = await page.$$eval('table.s3 tbody tr:not(.row-group)', (trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.querySelector('.cell-value') || td).textContent)),
      );
      report.tables.s3.rows.forEach((row, r) => {
        row.values.forEach((v, c) => {
          if (v !== null) {
            assert.equal(shown[r][c], String(v), `s3 ${row.key}[${c}]`);
          }
        });
      });
    });

    test('lists one finding per diagnostic, with Chinese severity labels', async () => {
      const items = await page.$$eval('#findings li.finding', (lis) => lis.map((li) => ({ fp: li.dataset.fingerprint, badge: li.querySelector('.badge').textContent })));
      assert.equal(items.length, report.diagnostics.length);
      const summary = await page.textContent('#summary');
      for (const label of ['错误', '警告', '提示']) {
        assert.ok(summary.includes(label), `summary shows ${label}`);
      }
      const zh = { error: '✕错误', warning: '!警告', info: 'i提示' };
      const want = new Map(report.diagnostics.map((d) => [d.fingerprint, zh[d.severity]]));
      for (const item of items) {
        assert.equal(item.badge, want.get(item.fp), item.fp);
      }
      assert.equal(new Set(items.map((i) => i.fp)).size, report.diagnostics.length, 'each finding once');
    });

    test('cells a finding points at are marked and show the expected value', async () => {
      const cells = [];
      const collect = (locs) => locs.forEach((loc) => loc && cells.push(`${loc.start}:${loc.end}`));
      report.tables.s2.rows.forEach((r) => collect(r.cells));
      report.tables.s3.rows.forEach((r) => collect(r.cells));
      collect(report.tables.s4.cells);
      const onCells = report.diagnostics.filter((d) => d.span && cells.includes(`${d.span.start}:${d.span.end}`));
      const marked = await page.$$eval('#tables td[class*="mark-"]', (tds) => tds.length);
      const distinct = new Set(onCells.map((d) => `${d.span.start}:${d.span.end}`));
      assert.equal(marked, distinct.size);
      const expectedShown = await page.$$eval('#tables .cell-expected', (es) => es.map((e) => e.textContent));
      for (const d of onCells.filter((x) => x.expected !== undefined)) {
        assert.ok(expectedShown.includes(`应为 ${d.expected}`), `cell shows 应为 ${d.expected}`);
      }
    });

    test('rows a finding is about are flagged at their label, and the flag selects its text', async () => {
      const flags = await page.$$eval('table.s3 tbody tr:not(.row-group)', (trs) =>
        trs.map((tr) => {
          const flag = tr.querySelector('.row-flag');
          return flag ? flag.textContent : null;
        }),
      );
      // The report's own findings about a row (not about one of its cells, not a missing row).
      const cellKeys = new Set();
      report.tables.s3.rows.forEach((r) => r.cells.forEach((c) => c && cellKeys.add(`${c.start}:${c.end}`)));
      const about = (row) =>
        report.diagnostics.filter(
          (d) =>
            d.span &&
            d.rule !== 'T001' &&
            !cellKeys.has(`${d.span.start}:${d.span.end}`) &&
            row.span &&
            d.span.start >= row.span.start &&
            d.span.start < Math.max(row.span.end, row.span.start + 1),
        );
      report.tables.s3.rows.forEach((row, i) => {
        assert.equal(flags[i] !== null, about(row).length > 0, `row ${row.key}`);
      });
      const flagged = report.tables.s3.rows.findIndex((row) => about(row).length > 0);
      if (flagged >= 0) {
        await page.click(`table.s3 tbody tr:not(.row-group) >> nth=${flagged} >> .row-flag`);
        const sel = await page.evaluate(() => {
          const ta = document.querySelector('#report-text');
          return [ta.selectionStart, ta.selectionEnd];
        });
        const spans = about(report.tables.s3.rows[flagged]).map((d) => [d.span.start16, d.span.end16]);
        assert.ok(spans.some((s) => s[0] === sel[0] && s[1] === sel[1]), `selection ${sel} is one of ${JSON.stringify(spans)}`);
      }
    });

    test('clicking the first finding selects its text in the text area', async (t) => {
      const index = report.diagnostics.findIndex((d) => d.span);
      if (index < 0) {
        t.skip('the core reports no finding with a place for this seed yet');
        return;
      }
      const diag = report.diagnostics[index];
      const span = diag.span;
      const item = `#findings li.finding[data-fingerprint="${diag.fingerprint}"]`;
      // A folded run of one rule opens first.
      const folded = await page.$(`li.cause:has(${item}) > details:not([open]) > summary`);
      if (folded) {
        await folded.click();
      }
      await page.click(`${item} button.finding-main`);
      const sel = await page.evaluate(() => {
        const ta = document.querySelector('#report-text');
        const current = document.querySelector('#backdrop mark.current');
        return {
          start: ta.selectionStart,
          end: ta.selectionEnd,
          // The reader keeps their place in the list.
          stays: document.activeElement.classList.contains('finding-main'),
          current: current ? current.dataset.rules.split(' ') : [],
        };
      });
      assert.deepEqual(
        { start: sel.start, end: sel.end, stays: sel.stays, current: sel.current.includes(diag.rule) },
        { start: span.start16, end: span.end16, stays: true, current: true },
      );
    });
  });
}

describe('seed 004', () => {
  test('section 六 (其他需要报告的事项) is shown missing', async () => {
    // 004 has no section 六; the template requires it. (The 002 tests above show found sections
    // as found, so this is not passing because everything is shown missing.)
    const page = await openPage(env);
    await paste(page, seed('004_'));
    const six = await page.$eval('#outline > li[data-number="6"]', (li) => ({
      missing: li.classList.contains('missing'),
      text: li.textContent,
    }));
    assert.ok(six.missing, 'section 6 marked missing');
    assert.match(six.text, /其他需要报告的事项/);
    assert.match(six.text, /缺失/);
    const one = await page.$eval('#outline > li[data-number="1"]', (li) => li.classList.contains('found'));
    assert.ok(one, 'section 1 (一、总体情况) is found: 004 has it');
    await page.close();
  });

  test('the page at work, for a person to look at', async () => {
    const page = await openPage(env);
    await paste(page, seed('004_'));
    const jump = await page.$('#findings button.finding-main');
    assert.ok(jump, 'seed 004 shows a finding to click');
    await jump.click();
    const shot = await page.screenshot({ path: '/tmp/nianbao-page.png', fullPage: true });
    assert.ok(shot.length > 0, 'a screenshot was taken');
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
});

describe('cell marking', () => {
  test('a finding whose span is a cell marks that cell with its severity and expected value', async () => {
    // The page's own table renderer, fed a real report plus two findings placed on cells, so
    // this holds whatever the core reports today.
    const page = await openPage(env);
    const text = seed('004_');
    await paste(page, text);
    const result = await page.evaluate(async (t) => {
      const m = await import('./pkg/nianbao.js');
      await m.default();
      const { renderTables } = await import('./tables.js');
      const report = m.check(t);
      const row = report.tables.s3.rows.find((r) => r.cells.every((c) => c));
      if (!row) {
        return null;
      }
      const error = { rule: 'A001', severity: 'error', message: '总计不等于各列之和', span: row.cells[6], expected: 3, actual: 0 };
      const info = { rule: 'T010', severity: 'info', message: '空白单元格', span: row.cells[0] };
      const marks = new Map([
        [`${error.span.start}:${error.span.end}`, [error]],
        [`${info.span.start}:${info.span.end}`, [info]],
      ]);
      const box = document.createElement('div');
      let jumped = null;
      renderTables(box, report, { text: t, marks, jump: (d) => { jumped = d.rule; } });
      const tr = Array.from(box.querySelectorAll('table.s3 tbody tr')).find((x) => x.querySelector('th').firstChild.textContent === row.label);
      const tds = tr.querySelectorAll('td');
      tds[6].querySelector('button').click();
      return {
        total: tds[6].className,
        expected: tds[6].querySelector('.cell-expected').textContent,
        first: tds[0].className,
        firstExpected: tds[0].querySelector('.cell-expected'),
        plain: tds[3].className,
        marked: box.querySelectorAll('td[class*="mark-"]').length,
        jumped,
      };
    }, text);
    assert.ok(result, 'seed 004 has a section 三 row with all seven cells');
    assert.match(result.total, /\bmark-error\b/);
    assert.equal(result.expected, '应为 3');
    assert.match(result.first, /\bmark-info\b/);
    assert.equal(result.firstExpected, null);
    assert.doesNotMatch(result.plain, /mark-/);
    assert.equal(result.marked, 2);
    assert.equal(result.jumped, 'A001');
    await page.close();
  });
});

describe('input handling', () => {
  test('text typed later is checked after a short pause; empty text shows the placeholder', async () => {
    const page = await openPage(env);
    assert.equal(await page.isVisible('#empty'), true);
    await page.type('#report-text', '一、总体情况', { delay: 20 });
    await page.waitForSelector('#results:not([hidden])');
    assert.equal(await page.$$eval('#outline > li', (l) => l.length), 6);
    await page.fill('#report-text', '');
    await page.waitForSelector('#empty:not([hidden])');
    await page.close();
  });

  test('pasted text never becomes markup', async () => {
    const page = await openPage(env);
    const evil = '<img src=x onerror="window.__pwned=1">一、总体情况<script>window.__pwned=2</script>\n' + seed('002_');
    await paste(page, evil);
    const pwned = await page.evaluate(() => window.__pwned);
    assert.equal(pwned, undefined);
    assert.equal(await page.$$eval('#results img, #results script', (n) => n.length), 0);
    await page.close();
  });
});
