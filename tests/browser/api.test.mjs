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
    const refusal = (config) => {
      try {
        m.check(text, false, config);
        return null;
      } catch (err) {
        return String(err.message || err);
      }
    };
    const refused = refusal({ severity: { T002: 'loud' } });
    // A rule id that names no rule is refused, naming it, in either place.
    const unknownIgnored = refusal({ ignore: ['S013', 't0003'] });
    const unknownSeverity = refusal({ severity: { Z999: 'error' } });
    const rules = (r) => r.diagnostics.map((d) => `${d.rule}:${d.severity}`);
    return { plain: rules(plain), set: rules(set), setIgnored: set.ignored, one: rules(one), refused, unknownIgnored, unknownSeverity };
  }, TEXT);
  assert.ok(got.plain.includes('A001:error') && got.plain.includes('T002:warning'), got.plain.join(' '));
  assert.ok(!got.set.some((r) => r.startsWith('A001')), got.set.join(' '));
  assert.ok(got.set.includes('T002:error'), got.set.join(' '));
  assert.ok(got.setIgnored >= 1);
  assert.ok(!got.one.some((r) => r.startsWith('T002')), got.one.join(' '));
  assert.match(got.refused, /级别/);
  assert.equal(got.unknownIgnored, 'config.ignore：未知的规则「T0003」，是否为「T003」？');
  assert.equal(got.unknownSeverity, 'config.severity：未知的规则「Z999」');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
