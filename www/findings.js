// Renders the list of findings. Each finding with a place is a button: activating it selects
// the finding's text in the text area. The rule's documentation comes from `rules()` and is
// built only when the reader opens it.

import { el } from './dom.js';
import { severityZh } from './labels.js';
import { formatValue } from './tables.js';

/** "第 12 行第 3 列", or "全文" for a finding without a place. */
export function placeText(loc) {
  return loc ? `第 ${loc.line} 行第 ${loc.column} 列` : '全文';
}

/** A severity badge. */
export function badge(severity) {
  return el('span', { class: `badge badge-${severity}`, text: severityZh(severity) });
}

function ruleDoc(rule) {
  const parts = [
    ['依据', rule.clause],
    ['检查什么', rule.what],
    ['为什么', rule.why],
    ['错误示例', rule.bad],
    ['正确写法', rule.good],
    ['怎么改', rule.fix],
  ];
  const dl = el('dl', { class: 'rule-doc' });
  for (const [term, text] of parts) {
    if (!text) {
      continue;
    }
    const isExample = term === '错误示例' || term === '正确写法';
    dl.append(el('dt', { text: term }), el('dd', { class: isExample ? 'example' : null, text }));
  }
  return dl;
}

function ruleDetails(rule) {
  const summary = el('summary', null, '规则说明', el('span', { class: 'rule-title', text: rule.title }));
  const details = el('details', { class: 'rule-details' }, summary);
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) {
      details.append(ruleDoc(rule));
    }
  });
  return details;
}

function extras(diag) {
  const out = el('div', { class: 'finding-extra' });
  const hasExpected = diag.expected !== undefined && diag.expected !== null;
  const hasActual = diag.actual !== undefined && diag.actual !== null;
  if (hasExpected || hasActual) {
    const values = el('span', { class: 'values' });
    if (hasExpected) {
      values.append('应为 ', el('strong', { text: formatValue(diag.expected) }));
    }
    if (hasExpected && hasActual) {
      values.append('，');
    }
    if (hasActual) {
      values.append('实为 ', el('strong', { text: formatValue(diag.actual) }));
    }
    out.append(values);
  }
  if (diag.suggestion) {
    out.append(el('span', { class: 'suggestion' }, '建议改为：', el('q', { text: diag.suggestion })));
  }
  return out.childElementCount > 0 ? out : null;
}

function headParts(diag) {
  return [
    badge(diag.severity),
    el('code', { class: 'rule-id', text: diag.rule }),
    el('span', { class: 'message', text: diag.message }),
    el('span', { class: 'place', text: placeText(diag.span) }),
  ];
}

/**
 * Renders `diagnostics` into the list `container`. `rulesById` maps ids to descriptors;
 * `onJump(diag, item)` is called when a finding is activated.
 */
export function renderFindings(container, diagnostics, rulesById, onJump) {
  diagnostics.forEach((diag, index) => {
    const rule = rulesById.get(diag.rule);
    const parts = headParts(diag);
    const item = el('li', { class: `finding sev-${diag.severity}`, 'data-index': index });
    const canJump = diag.span && diag.span.start16 !== undefined;
    const main = canJump
      ? el('button', { type: 'button', class: 'finding-main', title: '在原文中选中', onclick: () => onJump(diag, item) }, parts)
      : el('div', { class: 'finding-main' }, parts);
    item.append(main);
    const more = extras(diag);
    if (more) {
      item.append(more);
    }
    if (rule) {
      item.append(ruleDetails(rule));
    }
    container.append(item);
  });
}
