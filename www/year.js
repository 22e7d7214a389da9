// What the two-year check compared, when last year's report is given: each comparison the core
// made (`report.previous_year.checks`) with how it came out — passed, failed (the findings say
// where) or not made (and why) — so the reader sees that it ran, not only its failures.

import { el } from './dom.js';

const STATUS = {
  passed: { symbol: '✓', text: '通过' },
  failed: { symbol: '✕', text: '不符' },
  not_checked: { symbol: '–', text: '未核对' },
};

/** The block for `report.previous_year`, or null when no previous year's report was given. */
export function renderYear(report) {
  const year = report.previous_year;
  if (!year) {
    return null;
  }
  const of = year.year ? `（上一年报告为 ${year.year} 年度）` : '';
  const box = el('div', { class: 'year-checks', id: 'year-checks' }, el('p', { class: 'year-title', text: `两年衔接核对${of}` }));
  if (!year.compared) {
    box.append(el('p', { class: 'year-none', text: '两份报告的年度不相邻，未做衔接核对（见 Y004）。' }));
    return box;
  }
  const list = el('ul', { class: 'year-list' });
  for (const check of year.checks) {
    const status = STATUS[check.status] || STATUS.not_checked;
    list.append(
      el(
        'li',
        { class: `year-check year-${check.status}`, 'data-key': check.key, 'data-status': check.status },
        el('span', { class: 'year-status' }, el('span', { 'aria-hidden': 'true', text: status.symbol }), ` ${status.text}`),
        el('span', { class: 'year-what', text: check.title }),
        el('span', { class: 'year-detail', text: check.detail }),
      ),
    );
  }
  box.append(list);
  return box;
}
