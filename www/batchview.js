// The batch summary: a table with a row per report (file, title, year, sections found, counts
// by severity), sortable by any column, and a chart of the findings by rule across the batch.
//
// Every value shown comes from the entries batch.js keeps (`summary`, taken from each report)
// and from the rule catalogue; nothing is judged here. The table's headers are buttons with
// `aria-sort` on their cells; a file name is a button that opens that report. The chart is a
// list of plain CSS bars, each labelled with the rule's id, title and count, so neither the
// bar's length nor its colour is ever the only sign.

import { clear, el } from './dom.js';
import { SEVERITY_SYMBOL, severityZh } from './labels.js';

/** How many rules the chart shows. */
const CHART_TOP = 15;

/** The table's columns: sort key, header, whether numbers (right-aligned, larger first). */
const COLUMNS = [
  { key: 'path', label: '文件', numeric: false },
  { key: 'title', label: '标题', numeric: false },
  { key: 'year', label: '年度', numeric: true },
  { key: 'sections', label: '已找到部分', numeric: true },
  { key: 'error', label: '错误', numeric: true },
  { key: 'warning', label: '警告', numeric: true },
  { key: 'info', label: '提示', numeric: true },
];

/** The header of a column: a button that sorts by it, with `aria-sort` on the cell. */
function headerCell(column, ctx) {
  const active = ctx.sort.key === column.key;
  const dir = active ? ctx.sort.dir : 'none';
  // A first click sorts numbers from the largest (the worst report first), text from A.
  const first = column.numeric ? 'descending' : 'ascending';
  const nextDir = active ? (dir === 'ascending' ? 'descending' : 'ascending') : first;
  const mark = dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕';
  const button = el(
    'button',
    {
      type: 'button',
      class: 'sort-button',
      'data-focus-key': `sort:${column.key}`,
      title: `按“${column.label}”${nextDir === 'ascending' ? '升序' : '降序'}排列`,
      onclick: () => ctx.onSort(column.key, nextDir),
    },
    column.label,
    el('span', { class: `sort-mark${active ? ' active' : ''}`, 'aria-hidden': 'true', text: mark }),
  );
  return el('th', { scope: 'col', role: 'columnheader', class: `col-${column.key}${column.numeric ? ' numeric' : ''}`, 'aria-sort': dir }, button);
}

/** A count cell: the number, with the severity's symbol when it is not zero. */
function countCell(severity, n) {
  const label = severityZh(severity);
  if (n === 0) {
    return el('td', { role: 'cell', class: 'numeric zero', 'data-label': label, text: '0' });
  }
  return el(
    'td',
    { role: 'cell', class: `numeric has-${severity}`, 'data-label': label },
    el('span', { class: `count-symbol sym-${severity}`, 'aria-hidden': 'true', text: SEVERITY_SYMBOL[severity] }),
    el('span', { text: String(n) }),
  );
}

function row(entry, ctx) {
  const s = entry.summary;
  const open = el('button', {
    type: 'button',
    class: 'link-button batch-open',
    'data-focus-key': `open:${entry.path}`,
    title: '查看这份报告的原文、问题和表格',
    text: entry.path,
    onclick: () => ctx.onOpen(entry),
  });
  const missing = 6 - s.sections;
  return el(
    'tr',
    { role: 'row', 'data-path': entry.path },
    el('th', { scope: 'row', role: 'rowheader', class: 'col-path' }, open),
    el('td', { role: 'cell', class: `col-title${s.title ? '' : ' muted'}`, text: s.title || '未识别' }),
    el('td', { role: 'cell', class: `numeric${s.year ? '' : ' muted'}`, 'data-label': '年度', text: s.year ? String(s.year) : '未识别' }),
    el(
      'td',
      { role: 'cell', class: `numeric${missing > 0 ? ' short' : ''}`, 'data-label': '已找到部分' },
      `${s.sections} / 6`,
      missing > 0 ? el('span', { class: 'short-note', text: `缺 ${missing}` }) : null,
    ),
    countCell('error', s.counts.error),
    countCell('warning', s.counts.warning),
    countCell('info', s.counts.info),
  );
}

/** Keeps the focus on the same control across a redraw (the table redraws while it fills). */
function keepFocus(container, draw) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  draw();
  if (key) {
    const again = Array.from(container.querySelectorAll('[data-focus-key]')).find((n) => n.getAttribute('data-focus-key') === key);
    if (again) {
      again.focus();
    }
  }
}

/**
 * Renders the summary table of `entries` (already sorted) into `container`. `ctx`: `sort`
 * (`{key, dir}`), `onSort(key, dir)`, `onOpen(entry)`.
 */
export function renderTable(container, entries, ctx) {
  keepFocus(container, () => {
    clear(container);
    const caption = el('caption', null, '各份报告的检查结果', el('span', { class: 'caption-note', text: `共 ${entries.length} 份 · 点击文件名查看详情，点击列名排序` }));
    const head = el('tr', { role: 'row' }, COLUMNS.map((c) => headerCell(c, ctx)));
    const body = el('tbody', { role: 'rowgroup' }, entries.map((e) => row(e, ctx)));
    container.append(el('table', { class: 'batch-table', role: 'table' }, caption, el('thead', { role: 'rowgroup' }, head), body));
  });
}

/** Findings per rule across the batch: `[{id, count, files}]`, most findings first. */
export function ruleCounts(entries) {
  const byRule = new Map();
  for (const entry of entries) {
    for (const [id, n] of entry.summary.rules) {
      const c = byRule.get(id) || { id, count: 0, files: 0 };
      c.count += n;
      c.files += 1;
      byRule.set(id, c);
    }
  }
  return Array.from(byRule.values()).sort((a, b) => b.count - a.count || b.files - a.files || (a.id < b.id ? -1 : 1));
}

function chartRow(c, max, rule) {
  const severity = rule ? rule.severity : 'info';
  const bar = el('span', { class: `chart-bar bar-${severity}` });
  // A CSSOM width, which the page's CSP allows (a style attribute it would not).
  bar.style.width = `${Math.max(1, (c.count / max) * 100)}%`;
  return el(
    'li',
    { class: 'chart-row', 'data-rule': c.id },
    el(
      'span',
      { class: 'chart-label' },
      el('span', { class: `count-symbol sym-${severity}`, title: severityZh(severity), 'aria-label': severityZh(severity), text: SEVERITY_SYMBOL[severity] }),
      el('code', { class: 'rule-id', text: c.id }),
      el('span', { class: 'chart-title', text: rule ? rule.title : '' }),
    ),
    el('span', { class: 'chart-track', 'aria-hidden': 'true' }, bar),
    el('span', { class: 'chart-count' }, el('strong', { text: String(c.count) }), ` 处 · ${c.files} 份`),
  );
}

/** Renders the chart of findings by rule (top 15) into `container`. */
export function renderChart(container, entries, rulesById) {
  clear(container);
  const counts = ruleCounts(entries);
  if (counts.length === 0) {
    container.append(el('p', { class: 'hint', text: entries.length === 0 ? '检查完的报告会在这里按规则统计问题' : '这些报告都未发现问题' }));
    return;
  }
  const shown = counts.slice(0, CHART_TOP);
  const max = shown[0].count;
  container.append(el('ol', { class: 'rule-chart' }, shown.map((c) => chartRow(c, max, rulesById.get(c.id)))));
  const rest = counts.length - shown.length;
  const note = rest > 0 ? `共 ${counts.length} 条规则发现问题，另有 ${rest} 条未列出；全部问题见“下载全部问题 CSV”` : `共 ${counts.length} 条规则发现问题`;
  container.append(el('p', { class: 'hint', text: `${note}。“处”是问题个数，“份”是涉及的报告数` }));
}
