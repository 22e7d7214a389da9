// Renders the three tables of the report as HTML tables.
//
// Values, labels and column names come from the report; the headers are laid out as the
// template prints them. Every cell read from the text is a button that selects where it was
// read; a value whose cell the core could not place (a row with more or fewer numbers than
// columns, resolved by its identity) selects its row and says so. A cell is marked when a diagnostic's span is exactly the cell's location; it then shows
// that diagnostic's `expected` value, which the core gives for the cell it points at. Nothing
// is added up or compared here.

import { el } from './dom.js';
import {
  S2_CONTENT_HEADER,
  S2_GROUPS_FALLBACK,
  S3_GROUP_HEADER,
  S3_LEGAL_HEADER,
  S3_NOTE,
  S4_GROUPS_FALLBACK,
  S4_LABELS_FALLBACK,
  SEVERITY_SYMBOL,
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
    return { text: formatValue(value), cls: 'num', said: formatValue(value) };
  }
  if (!loc) {
    return { text: '—', cls: 'blank', said: '未填写' };
  }
  // A cell was found but held no number: an empty cell is a blank, else show what is written.
  const written = ctx.text.slice(loc.start16, loc.end16).trim();
  if (written === '') {
    return { text: '—', cls: 'blank', said: '空白单元格（核对时按0计）' };
  }
  return { text: written, cls: 'raw', said: `未读出数字：${written}` };
}

/** Where a value was read, for the cell's tooltip. */
function readAt(loc, ctx) {
  if (!loc) {
    return '原文中没有这个单元格';
  }
  const written = ctx.text.slice(loc.start16, loc.end16).trim();
  return `第 ${loc.line} 行第 ${loc.column} 列读出${written ? `「${written}」` : '空白'}；点击在原文中选中`;
}

/**
 * One value cell: the number (or what is written). A cell read from the text is a button that
 * selects where it was read; a cell a finding points at is marked, and shows the expected
 * value that finding gives for this very cell.
 */
function valueCell(value, loc, ctx, extra) {
  const content = cellContent(value, loc, ctx);
  const diags = loc ? ctx.marks.get(locKey(loc)) || [] : [];
  const name = extra && extra.name ? `${extra.name}：` : '';
  const td = el('td', { class: `cell ${content.cls}`, colspan: extra && extra.colspan, 'data-loc': loc ? locKey(loc) : null });
  const row = extra && extra.row;
  if (!loc && content.cls === 'num' && row) {
    // The value is certain, its place among the row's numbers is not.
    const why = '本行读到的数字个数与模板列数不同，按勾稽关系读出了这一格的数，但不能确定它是原文中的哪一个数';
    td.append(
      el('button', {
        type: 'button',
        class: 'cell-jump nav-cell unplaced',
        tabindex: '-1',
        title: `${why}；点击在原文中选中整行（第 ${row.line} 行）`,
        'aria-label': `${name}${content.said}，原文中的位置不能确定，选中整行`,
        onclick: () => ctx.select(row),
      }, el('span', { class: 'cell-value', text: content.text })),
    );
    return td;
  }
  if (!loc) {
    td.textContent = content.text;
    td.title = content.said;
    return td;
  }
  const where = readAt(loc, ctx);
  if (diags.length === 0) {
    const related = ctx.related && ctx.related.has(locKey(loc));
    if (related) {
      td.classList.add('related');
    }
    td.append(
      el('button', {
        type: 'button',
        class: 'cell-jump nav-cell',
        tabindex: '-1',
        title: related ? `${where}\n与某条问题相关的单元格` : where,
        'aria-label': `${name}${content.said}${related ? '，与某条问题相关' : ''}`,
        onclick: () => ctx.select(loc),
      }, el('span', { class: 'cell-value', text: content.text })),
    );
    return td;
  }
  const worst = diags[0];
  td.classList.add(`mark-${worst.severity}`);
  const own = diags.find((d) => d.expected !== undefined && d.expected !== null);
  const messages = diags.map((d) => `${severityZh(d.severity)} ${d.rule}：${d.message}`);
  const values = own ? `，应为 ${formatValue(own.expected)}${own.actual !== undefined && own.actual !== null ? `，实为 ${formatValue(own.actual)}` : ''}` : '';
  td.append(
    el(
      'button',
      {
        type: 'button',
        class: 'cell-jump nav-cell',
        tabindex: '-1',
        title: `${messages.join('\n')}\n${where}`,
        'aria-label': `${name}${content.said}${values}；${messages.join('；')}`,
        onclick: () => ctx.jump(worst),
      },
      el('span', { class: 'cell-symbol', 'aria-hidden': 'true', text: SEVERITY_SYMBOL[worst.severity] || '' }),
      el('span', { class: 'cell-value', text: content.text }),
      own ? el('span', { class: 'cell-expected', text: `应为 ${formatValue(own.expected)}` }) : null,
    ),
  );
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
        class: `tag row-flag badge-${worst.severity} nav-cell`,
        tabindex: '-1',
        title: messages.join('\n'),
        'aria-label': messages.join('；'),
        text: `${SEVERITY_SYMBOL[worst.severity] || ''} ${findings.length > 1 ? `${severityZh(worst.severity)} ${findings.length}` : severityZh(worst.severity)}`,
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

let tableIds = 0;

function tableBlock(title, table, note) {
  const id = `table-title-${++tableIds}`;
  table.setAttribute('aria-labelledby', id);
  return el(
    'figure',
    { class: 'table-block' },
    el('figcaption', null, el('span', { class: 'table-title', id, text: title }), note || null),
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
        tr.append(valueCell(value, row.cells[i], ctx, { colspan: span > 1 ? span : null, name: `${row.label} ${group.columns[i] || ''}`, row: row.span }));
      });
      body.append(tr);
    }
    table.append(body);
  }
  return tableBlock(sectionTitle(report, 2), table);
}

/**
 * Section 三's header as the template prints it: 申请人情况 over 自然人, 法人或其他组织 (over
 * its five kinds) and 总计, with the column note (本列数据的勾稽关系……) in the corner.
 */
function s3Head(columns) {
  const corner = el('td', { rowspan: 3, class: 'corner', text: S3_NOTE });
  const top = el('tr', null, corner, el('th', { colspan: columns.length, scope: 'colgroup', text: S3_GROUP_HEADER }));
  const middle = el('tr');
  const bottom = el('tr');
  const firstKind = 1;
  const lastKind = columns.length - 2;
  columns.forEach((name, i) => {
    if (i < firstKind || i > lastKind) {
      middle.append(el('th', { scope: 'col', rowspan: 2, text: name }));
    } else {
      if (i === firstKind) {
        middle.append(el('th', { scope: 'colgroup', colspan: lastKind - firstKind + 1, text: S3_LEGAL_HEADER }));
      }
      bottom.append(el('th', { scope: 'col', text: name }));
    }
  });
  return el('thead', null, top, middle, bottom);
}

/**
 * Section 三's rows as the report is written: a 2019-format report's single （六）其他处理 row
 * (in `extra_rows`) stands in place of the three rows the 2021 format splits it into, when
 * none of them was found; otherwise it stands before them.
 */
function s3Rows(report) {
  const { rows, extra_rows: extra = [] } = report.tables.s3;
  const old = extra.find((r) => r.key === 'other');
  if (!old) {
    return rows;
  }
  const split = rows.filter((r) => /^other_/.test(r.key));
  const replace = split.every((r) => !r.span);
  const out = [];
  for (const row of rows) {
    if (row === split[0]) {
      out.push(old);
    }
    if (!(replace && split.includes(row))) {
      out.push(row);
    }
  }
  return out;
}

function renderS3(report, ctx) {
  const { columns } = report.tables.s3;
  const rows = s3Rows(report);
  const table = el('table', { class: 'data s3' }, s3Head(columns));
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
    row.values.forEach((value, i) => tr.append(valueCell(value, row.cells[i], ctx, { name: `${row.label} ${columns[i]}`, row: row.span })));
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

/** Runs of equal `key(item)` in `items`: `[{value, count}]`. */
function runs(items, key) {
  const out = [];
  for (const item of items) {
    const value = key(item);
    if (out.length > 0 && out[out.length - 1].value === value) {
      out[out.length - 1].count += 1;
    } else {
      out.push({ value, count: 1 });
    }
  }
  return out;
}

/**
 * Section 四's header as the template prints it: 行政复议, and 行政诉讼 over its two kinds
 * (未经复议直接起诉, 复议后起诉), then the five result columns of each.
 */
function s4Head(columns) {
  // The two 行政诉讼 groups: by their keys (litigation_*) or their names.
  const parent = (column) => {
    const m = /^行政诉讼（(.+)）$/.exec(column.group);
    const litigation = m || /^litigation/.test(column.key || '') || /起诉/.test(column.group);
    return litigation ? { top: '行政诉讼', sub: m ? m[1] : column.group } : { top: column.group, sub: null };
  };
  const top = el('tr');
  const middle = el('tr');
  for (const run of runs(columns, (c) => parent(c).top)) {
    const subs = runs(columns.filter((c) => parent(c).top === run.value), (c) => parent(c).sub);
    const hasSubs = subs.some((x) => x.value);
    top.append(el('th', { scope: 'colgroup', colspan: run.count, rowspan: hasSubs ? null : 2, text: run.value }));
    if (hasSubs) {
      for (const sub of subs) {
        middle.append(el('th', { scope: 'colgroup', colspan: sub.count, text: sub.value }));
      }
    }
  }
  const labels = el('tr', null, columns.map((c) => el('th', { scope: 'col', text: c.label })));
  return el('thead', null, top, middle, labels);
}

function renderS4(report, ctx) {
  const s4 = report.tables.s4;
  const columns = s4Columns(report);
  const valueRow = el('tr', { class: s4.span ? null : 'missing' });
  s4.values.forEach((value, i) => valueRow.append(valueCell(value, s4.cells[i], ctx, { name: columns[i] ? `${columns[i].group} ${columns[i].label}` : '', row: s4.span })));
  const table = el('table', { class: 'data s4' }, s4Head(columns), el('tbody', null, valueRow));
  const note = s4.span ? null : el('span', { class: 'tag tag-missing', text: '缺失' });
  return tableBlock(sectionTitle(report, 4), table, note);
}

/**
 * Arrow keys move between a table's buttons, by row and column as the eye sees them; each
 * table is one Tab stop.
 */
function wireKeys(table) {
  const buttons = () => Array.from(table.querySelectorAll('.nav-cell'));
  const first = buttons()[0];
  if (first) {
    first.setAttribute('tabindex', '0');
  }
  table.addEventListener('keydown', (event) => {
    const moves = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
    if (!moves.includes(event.key) || !event.target.classList.contains('nav-cell')) {
      return;
    }
    const all = buttons();
    const here = event.target.getBoundingClientRect();
    const centre = (r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const c = centre(here);
    let best = null;
    let bestScore = Infinity;
    for (const b of all) {
      if (b === event.target) {
        continue;
      }
      const p = centre(b.getBoundingClientRect());
      const dx = p.x - c.x;
      const dy = p.y - c.y;
      const ok = {
        ArrowLeft: dx < -1 && Math.abs(dy) < here.height / 2 + 2,
        ArrowRight: dx > 1 && Math.abs(dy) < here.height / 2 + 2,
        ArrowUp: dy < -1,
        ArrowDown: dy > 1,
        Home: true,
        End: true,
      }[event.key];
      if (!ok) {
        continue;
      }
      let score = Math.abs(dx);
      if (event.key === 'Home') {
        score = all.indexOf(b);
      } else if (event.key === 'End') {
        score = -all.indexOf(b);
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        score = Math.abs(dy) * 4 + Math.abs(dx);
      }
      if (score < bestScore) {
        best = b;
        bestScore = score;
      }
    }
    if (!best) {
      return;
    }
    event.preventDefault();
    all.forEach((b) => b.setAttribute('tabindex', '-1'));
    best.setAttribute('tabindex', '0');
    best.focus();
  });
}

/**
 * Renders the three tables into `container`. `ctx`: `text` (the checked text), `marks` (Map
 * from location key to the diagnostics there, most serious first), `related` (Set of location
 * keys other findings involve), `rowFindings(row)` (findings about a whole row, most serious
 * first), `jump(diag)` (select a finding's text) and `select(loc)` (select a place).
 */
export function renderTables(container, report, ctx) {
  const full = { select: () => {}, ...ctx };
  const blocks = [renderS2(report, full), renderS3(report, full), renderS4(report, full)];
  container.append(...blocks);
  for (const block of blocks) {
    wireKeys(block.querySelector('table'));
  }
}
