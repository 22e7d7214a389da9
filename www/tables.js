// Renders the three tables of the report as HTML tables.
//
// Values, labels and column names come from the report. A cell is marked when a diagnostic's
// span is exactly the cell's location; it then shows the diagnostic's `expected` value. Nothing
// is added up or compared here.

import { el } from './dom.js';
import {
  S2_CONTENT_HEADER,
  S2_GROUPS_FALLBACK,
  S3_GROUP_HEADER,
  S4_GROUPS_FALLBACK,
  S4_LABELS_FALLBACK,
  severityZh,
} from './labels.js';

/** The key under which a location is matched against diagnostic spans. */
export function locKey(loc) {
  return `${loc.start}:${loc.end}`;
}

/** Shows a value from the report as text. */
export function formatValue(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value);
}

function cellContent(value, loc, ctx) {
  if (value !== null && value !== undefined) {
    return { text: formatValue(value), cls: 'num' };
  }
  if (!loc) {
    return { text: '—', cls: 'blank', title: '未填写' };
  }
  // A cell was found but held no number: an empty cell is a blank, else show what is written.
  const written = ctx.text.slice(loc.start16, loc.end16).trim();
  if (written === '') {
    return { text: '—', cls: 'blank', title: '空白单元格（核对时按0计）' };
  }
  return { text: written, cls: 'raw', title: '未读出数字' };
}

/** One value cell: the number (or what is written), marked when a finding points at it. */
function valueCell(value, loc, ctx, extra) {
  const content = cellContent(value, loc, ctx);
  const diags = loc ? ctx.marks.get(locKey(loc)) || [] : [];
  const td = el('td', { class: `cell ${content.cls}`, title: content.title, ...extra });
  if (diags.length === 0) {
    td.textContent = content.text;
    if (loc && ctx.related && ctx.related.has(locKey(loc))) {
      td.classList.add('related');
      td.title = '与某条问题相关的单元格';
    }
    return td;
  }
  const worst = diags[0];
  td.classList.add(`mark-${worst.severity}`);
  const expected = diags.find((d) => d.expected !== undefined && d.expected !== null);
  const messages = diags.map((d) => `${severityZh(d.severity)} ${d.rule}：${d.message}`);
  const button = el(
    'button',
    {
      type: 'button',
      class: 'cell-jump',
      title: messages.join('\n'),
      'aria-label': `${content.text}，${messages.join('；')}`,
      onclick: () => ctx.jump(worst),
    },
    el('span', { class: 'cell-value', text: content.text }),
    expected ? el('span', { class: 'cell-expected', text: `应为 ${formatValue(expected.expected)}` }) : null,
  );
  td.append(button);
  return td;
}

function rowHeader(row, colspan, ctx) {
  const th = el('th', { scope: 'row', class: 'row-label', colspan: colspan > 1 ? colspan : null });
  th.append(el('span', { text: row.label }));
  if (!row.span) {
    th.append(el('span', { class: 'tag tag-missing', text: '缺失' }));
  }
  const findings = ctx && ctx.rowFindings ? ctx.rowFindings(row) : [];
  if (findings.length > 0) {
    const worst = findings[0];
    const messages = findings.map((d) => `${severityZh(d.severity)} ${d.rule}：${d.message}`);
    th.append(
      el('button', {
        type: 'button',
        class: `tag row-flag badge-${worst.severity}`,
        title: messages.join('\n'),
        'aria-label': messages.join('；'),
        text: findings.length > 1 ? `${severityZh(worst.severity)} ${findings.length}` : severityZh(worst.severity),
        onclick: () => ctx.jump(worst),
      }),
    );
  }
  return th;
}

/** The canonical title of section `number`, as the report names it. */
function sectionTitle(report, number) {
  const section = report.outline.sections.find((s) => s.number === number);
  return section ? section.title : '';
}

function tableBlock(title, table, note) {
  return el(
    'figure',
    { class: 'table-block' },
    el('figcaption', null, el('span', { class: 'table-title', text: title }), note || null),
    el('div', { class: 'table-scroll' }, table),
  );
}

/** The groups of section 二: from the report when it carries them, else the template's. */
function s2Groups(report) {
  const fromReport = report.tables.s2.groups;
  return Array.isArray(fromReport) && fromReport.length > 0 ? fromReport : S2_GROUPS_FALLBACK;
}

function renderS2(report, ctx) {
  const rows = report.tables.s2.rows;
  const width = 1 + Math.max(...s2Groups(report).map((g) => g.columns.length));
  const table = el('table', { class: 'data s2' });
  for (const group of s2Groups(report)) {
    const body = el('tbody');
    body.append(
      el('tr', { class: 'group-caption' }, el('th', { colspan: width, scope: 'colgroup', text: group.caption })),
    );
    const head = el('tr', { class: 'col-head' }, el('th', { scope: 'col', text: S2_CONTENT_HEADER }));
    group.columns.forEach((name, i) => {
      const span = i === group.columns.length - 1 ? width - group.columns.length : 1;
      head.append(el('th', { scope: 'col', colspan: span > 1 ? span : null, text: name }));
    });
    body.append(head);
    for (const key of group.rows) {
      const row = rows.find((r) => r.key === key);
      if (!row) {
        continue;
      }
      const tr = el('tr', { class: row.span ? null : 'missing' }, rowHeader(row, 1, ctx));
      row.values.forEach((value, i) => {
        const span = i === row.values.length - 1 ? width - row.values.length : 1;
        tr.append(valueCell(value, row.cells[i], ctx, { colspan: span > 1 ? span : null }));
      });
      body.append(tr);
    }
    table.append(body);
  }
  return tableBlock(sectionTitle(report, 2), table);
}

function renderS3(report, ctx) {
  const { columns, rows } = report.tables.s3;
  const table = el('table', { class: 'data s3' });
  table.append(
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('td', { rowspan: 2, class: 'corner' }),
        el('th', { colspan: columns.length, scope: 'colgroup', text: S3_GROUP_HEADER }),
      ),
      el('tr', null, columns.map((name) => el('th', { scope: 'col', text: name }))),
    ),
  );
  const body = el('tbody');
  const seenGroups = new Set();
  for (const row of rows) {
    // Merged labels (三、本年度办理结果, （三）不予公开 …) when the report names them.
    if (row.group && !seenGroups.has(row.group)) {
      seenGroups.add(row.group);
      body.append(
        el('tr', { class: 'row-group' }, el('th', { colspan: columns.length + 1, scope: 'rowgroup', text: row.group })),
      );
    }
    const tr = el('tr', { class: row.span ? null : 'missing' }, rowHeader(row, 1, ctx));
    row.values.forEach((value, i) => tr.append(valueCell(value, row.cells[i], ctx)));
    body.append(tr);
  }
  table.append(body);
  return tableBlock(sectionTitle(report, 3), table);
}

/**
 * Section 四's 15 column headers as {group, label}: from the report when its `columns` carry
 * them, else the template's headers in template order (the order the contract fixes).
 */
function s4Columns(report) {
  const fromReport = report.tables.s4.columns;
  const labelled =
    Array.isArray(fromReport) &&
    fromReport.length === report.tables.s4.values.length &&
    fromReport.every((c) => c && typeof c === 'object' && c.group && c.label);
  if (labelled) {
    return fromReport;
  }
  const out = [];
  for (const group of S4_GROUPS_FALLBACK) {
    for (const label of S4_LABELS_FALLBACK) {
      out.push({ group, label });
    }
  }
  return out;
}

function renderS4(report, ctx) {
  const s4 = report.tables.s4;
  const columns = s4Columns(report);
  const groupRow = el('tr');
  for (let i = 0; i < columns.length; ) {
    let n = 1;
    while (i + n < columns.length && columns[i + n].group === columns[i].group) {
      n += 1;
    }
    groupRow.append(el('th', { scope: 'colgroup', colspan: n, text: columns[i].group }));
    i += n;
  }
  const labelRow = el('tr', null, columns.map((c) => el('th', { scope: 'col', text: c.label })));
  const valueRow = el('tr', { class: s4.span ? null : 'missing' });
  s4.values.forEach((value, i) => valueRow.append(valueCell(value, s4.cells[i], ctx)));
  const table = el('table', { class: 'data s4' }, el('thead', null, groupRow, labelRow), el('tbody', null, valueRow));
  const note = s4.span ? null : el('span', { class: 'tag tag-missing', text: '缺失' });
  return tableBlock(sectionTitle(report, 4), table, note);
}

/**
 * Renders the three tables into `container`. `ctx`: `text` (the checked text), `marks` (Map
 * from location key to the diagnostics there, most serious first), `related` (Set of location
 * keys other findings involve), `rowFindings(row)` (findings about a whole row, most serious
 * first) and `jump(diag)` (select a finding's text).
 */
export function renderTables(container, report, ctx) {
  container.append(renderS2(report, ctx), renderS3(report, ctx), renderS4(report, ctx));
}
