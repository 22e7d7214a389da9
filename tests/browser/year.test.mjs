// The optional previous year's report: folded away by default; when filled, the page checks the
// report against it (上年结转 against last year's 结转下年度) and shows the finding.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openPage } from './harness.mjs';

const LAST = '某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n';
const THIS = '某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n';

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

/** Waits for the check that the action `act` causes. */
async function checked(page, act) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.checks || 0));
  await act();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.checks || 0) > n, before);
}

function rulesShown(page) {
  return page.$$eval('#findings li.finding', (lis) => lis.map((li) => li.dataset.rule));
}

test('last year\'s report is folded away and, once given, compared', async () => {
  const page = await openPage(env);
  assert.equal(await page.isVisible('#previous-text'), false, 'folded away by default');
  await checked(page, () => page.fill('#report-text', THIS));
  assert.equal((await rulesShown(page)).includes('Y001'), false);
  await page.click('#previous-box summary');
  await checked(page, () => page.fill('#previous-text', LAST));
  const rules = await rulesShown(page);
  assert.ok(rules.includes('Y001'), rules.join(' '));
  // Emptying it again checks the report alone.
  await checked(page, () => page.fill('#previous-text', ''));
  assert.equal((await rulesShown(page)).includes('Y001'), false);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
