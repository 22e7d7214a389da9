// The wasm API a CMS page calls: settings passed to check() leave rules or single findings out
// and change severities, exactly as the CLI's flags do.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openPage } from './harness.mjs';

const TEXT = '三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0\n2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n';

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env.close();
});

test('check(text, laidOut, config) applies the settings', async () => {
  const page = await openPage(env);
  const got = await page.evaluate(async (text) => {
    const m = await import('./pkg/nianbao.js');
    await m.default();
    const plain = m.check(text);
    const t002 = plain.diagnostics.find((d) => d.rule === 'T002');
    const set = m.check(text, false, { ignore: ['a001'], severity: { T002: 'error' } });
    const one = m.check(text, false, { ignoreFindings: [t002.fingerprint] });
    let refused = null;
    try {
      m.check(text, false, { severity: { T002: 'loud' } });
    } catch (err) {
      refused = String(err.message || err);
    }
    const rules = (r) => r.diagnostics.map((d) => `${d.rule}:${d.severity}`);
    return { plain: rules(plain), set: rules(set), setIgnored: set.ignored, one: rules(one), refused };
  }, TEXT);
  assert.ok(got.plain.includes('A001:error') && got.plain.includes('T002:warning'), got.plain.join(' '));
  assert.ok(!got.set.some((r) => r.startsWith('A001')), got.set.join(' '));
  assert.ok(got.set.includes('T002:error'), got.set.join(' '));
  assert.ok(got.setIgnored >= 1);
  assert.ok(!got.one.some((r) => r.startsWith('T002')), got.one.join(' '));
  assert.match(got.refused, /级别/);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
