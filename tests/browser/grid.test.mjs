// A table pasted from a web page or Word is read by its grid, in the page as in the CLI: the
// paste of `blanks-2021.html` shows the same tables as `nianbao check blanks-2021.docx` (the same
// document saved by LibreOffice), and after the drafter edits the laid-out text the tables are
// still read by their columns.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/util.mjs';
import { listedFindings, openBrowser, openPage } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'grid');

/** The CLI's JSON report on a fixture. */
function cliReport(name) {
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--bin', 'nianbao', '--', 'check', '--format', 'json', join(FIXTURES, name)],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).split('\n')[0];
  // Exit code 1 (error-level findings) is expected; execFileSync throws on it.
  return JSON.parse(out);
}

function cliReportAllowingFindings(name) {
  try {
    return cliReport(name);
  } catch (err) {
    if (err.status === 1 && err.stdout) {
      return JSON.parse(String(err.stdout).split('\n')[0]);
    }
    throw err;
  }
}

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

/** The values shown in a table of the page, row by row (`—` for a blank cell). */
async function shown(page, table) {
  const rows = await page.$$eval(`table.${table} tbody tr:not(.row-group)`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.querySelector('.cell-value') || td).textContent)),
  );
  // Section 二's caption and header rows hold no value cells.
  return rows.filter((r) => r.length > 0);
}

/** A report's values as the page shows them. */
function asShown(rows) {
  return rows.map((row) => row.values.map((v) => (v === null ? '—' : String(v))));
}

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

describe('a web page with blank cells at every position', () => {
  let page;
  let file;
  before(async () => {
    page = await openPage(env);
    await pasteHtml(page, readFileSync(join(FIXTURES, 'blanks-2021.html'), 'utf8'));
    file = cliReportAllowingFindings('blanks-2021.docx');
  });
  after(async () => {
    await page.close();
  });

  test('the paste shows the tables the CLI reads from the .docx', async () => {
    assert.equal(file.source.kind, 'docx');
    assert.deepEqual(await shown(page, 's3'), asShown(file.tables.s3.rows));
    assert.deepEqual(await shown(page, 's2'), asShown(file.tables.s2.rows));
    const first = (await shown(page, 's3'))[0];
    assert.deepEqual(first, ['20', '17', '9', '9', '8', '5', '68']);
  });

  test('the planted blank 总计 is one A006 at its cell, as in the CLI', async () => {
    const rules = (await listedFindings(page)).map((f) => f.rule);
    assert.equal(rules.filter((r) => r === 'A006').length, 1, rules.join('\n'));
    assert.ok(!rules.some((r) => ['A001', 'A002', 'A003', 'A007'].includes(r)), rules.join('\n'));
    const a006 = file.diagnostics.filter((d) => d.rule === 'A006');
    assert.equal(a006.length, 1);
    assert.equal(a006[0].expected, 4);
  });

  test('after an edit the laid-out text is still read by its columns', async () => {
    const textarea = '#report-text';
    const text = await page.inputValue(textarea);
    // Fill the planted blank: the （二）部分公开 row's last cell (its 总计) gets 4.
    const line = text.split('\n').find((l) => l.includes('（二）部分公开'));
    assert.ok(line && line.endsWith('\t'), JSON.stringify(line));
    const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
    await page.fill(textarea, text.replace(line, `${line}4`));
    await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
    const s3 = await shown(page, 's3');
    assert.deepEqual(s3[3], ['2', '—', '0', '—', '2', '—', '4']);
    assert.deepEqual(s3.slice(4), asShown(file.tables.s3.rows).slice(4));
    const rules = (await listedFindings(page)).map((f) => f.rule);
    assert.equal(rules.filter((r) => /A00[1-4]|T00[56]|T011/.test(r)).length, 0, rules.join('\n'));
    assert.deepEqual(page.log.errors, []);
  });
});
