// Taking the result away: the report as JSON, the findings as CSV (opens in Excel and WPS), a
// plain-text summary for the clipboard, and the print view; for a batch, the summary table and
// every finding of the batch as CSV. Files are made in the browser
// (Blob) and saved by the browser; nothing is sent anywhere.

import { placeText } from './findings.js';
import { severityZh } from './labels.js';
import { sectionOf, SECTION_NAMES } from './sections.js';

/** The CSV columns, in order, with their Chinese headers. */
const CSV_COLUMNS = [
  ['rule', '规则'],
  ['severity', '级别'],
  ['section', '部分'],
  ['line', '行'],
  ['column', '列'],
  ['message', '问题'],
  ['expected', '应为'],
  ['actual', '实为'],
  ['page', '页'],
  ['items', '涉及'],
  ['fingerprint', '指纹'],
];

function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text (RFC 4180): UTF-8 with a byte-order mark and CRLF, as Excel and WPS expect. */
function csvText(rows) {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * One finding as the CSV's cells: rule, severity, section, line, column, message, values, the
 * PDF page (empty for other input) and the rows the message counts (its `items`).
 */
function findingCells(report, d) {
  const section = sectionOf(report, d);
  return [
    d.rule,
    severityZh(d.severity),
    section ? SECTION_NAMES[section - 1] : '全文',
    d.span ? d.span.line : '',
    d.span ? d.span.column : '',
    d.message,
    d.expected,
    d.actual,
    d.span && d.span.page ? d.span.page : '',
    (d.items || []).join('；'),
  ];
}

/** The findings as CSV text. */
export function findingsCsv(report) {
  const rows = [CSV_COLUMNS.map(([, zh]) => zh)];
  for (const d of report.diagnostics) {
    rows.push(findingCells(report, d).concat([d.fingerprint]));
  }
  return csvText(rows);
}

/** How many rules the batch summary names per report, most frequent first. */
const TOP_RULES = 5;

/**
 * The batch summary as CSV: a row per report (`entries` as batch.js keeps them: `path`,
 * `summary` with `title`, `year`, `sections`, `counts` and `rules` as `[id, count]`, most
 * frequent first).
 */
export function batchSummaryCsv(entries) {
  const rows = [['文件', '标题', '年度', '已找到部分（共6）', '错误', '警告', '提示', '主要问题（规则×处数）']];
  for (const { path, summary: s } of entries) {
    const top = s.rules.slice(0, TOP_RULES).map(([id, n]) => `${id}×${n}`).join('；');
    rows.push([path, s.title || '', s.year || '', s.sections, s.counts.error, s.counts.warning, s.counts.info, top]);
  }
  return csvText(rows);
}

/** Every finding of a batch as CSV, a row per finding, led by the file it is in. */
export function batchFindingsCsv(entries) {
  const rows = [['文件'].concat(CSV_COLUMNS.slice(0, -1).map(([, zh]) => zh))];
  for (const { path, report } of entries) {
    for (const d of report.diagnostics) {
      rows.push([path].concat(findingCells(report, d)));
    }
  }
  return csvText(rows);
}

/** The report as JSON, with when it was exported and the findings ignored by the drafter. */
export function reportJson(report, ignored) {
  return `${JSON.stringify({ exported_at: new Date().toISOString(), ignored_findings: ignored, ...report }, null, 2)}\n`;
}

/** A plain-text summary: title, counts, and one line per finding. */
export function summaryText(report) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) {
    counts[d.severity] = (counts[d.severity] || 0) + 1;
  }
  const lines = [
    `年报检查结果（nianbao ${report.tool.version}，对照${report.template}）`,
    `标题：${report.outline.title || '未识别'}`,
    `检查时间：${new Date().toLocaleString('zh-CN', { hour12: false })}`,
    `错误 ${counts.error} 个，警告 ${counts.warning} 个，提示 ${counts.info} 个${report.ignored ? `；已核实忽略 ${report.ignored} 个` : ''}`,
    '',
  ];
  report.diagnostics.forEach((d, i) => {
    const values = [];
    if (d.expected !== undefined && d.expected !== null) {
      values.push(`应为 ${d.expected}`);
    }
    if (d.actual !== undefined && d.actual !== null) {
      values.push(`实为 ${d.actual}`);
    }
    lines.push(`${i + 1}. [${severityZh(d.severity)}] ${d.rule} ${placeText(d.span)}：${d.message}${values.length ? `（${values.join('，')}）` : ''}`);
    if (d.items && d.items.length > 0) {
      lines.push(`   涉及：${d.items.join('；')}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** A file name for the report: its title (or 年报) and today's date. */
export function fileName(report, ext) {
  const title = (report.outline.title || '年报').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '年报';
  const day = new Date().toISOString().slice(0, 10);
  return `${title}-检查结果-${day}.${ext}`;
}

/** Saves `text` as a file named `name` through the browser's download. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Copies `text` to the clipboard; resolves to true when it was copied. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Falls back to the older way below (a page opened from disk, an old browser).
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
