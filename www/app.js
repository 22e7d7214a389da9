// The page: loads the checker (WebAssembly), checks the pasted text as the user types, and
// shows the report. All analysis happens in the wasm `check()`; this file only wires events
// and draws what the report says.

import { clear, el } from './dom.js';
import { wireFiles } from './files.js';
import { badge, renderFindings } from './findings.js';
import { SEVERITIES, severityRank } from './labels.js';
import { checkPastedHtml, htmlOf, insertSourceText, wirePaste } from './paste.js';
import { locKey, renderTables } from './tables.js';

const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);

const state = {
  checker: null, // the wasm module's exports, once loaded
  rulesById: new Map(),
  checkedText: null, // the texts the shown report belongs to (see checkKey)
  report: null,
  timer: null,
  checks: 0,
  // True while the text area holds text the checker laid out from a pasted or opened document
  // (perhaps edited since): its tab-separated rows are then read by their columns.
  laidOut: false,
  // The same for the optional previous year's report.
  previousLaidOut: false,
};

function setStatus(text) {
  $('status').textContent = text;
}

function showLoadError(err) {
  const box = $('load-error');
  clear(box);
  box.append(
    el('strong', { text: '检查程序加载失败。' }),
    el('p', {
      text:
        '本页需要浏览器支持 WebAssembly：请使用较新版本的 Chrome、Edge 或 360/QQ 等浏览器的极速模式，' +
        '并通过网址（网页服务器）打开本页，而不是直接双击 HTML 文件。',
    }),
    el('p', { class: 'error-detail', text: `错误信息：${err && err.message ? err.message : String(err)}` }),
  );
  box.hidden = false;
  setStatus('未能加载');
}

/** Scrolls the text area so that UTF-16 offset `offset` is in view (a third from the top). */
function scrollTextareaTo(textarea, offset) {
  const style = getComputedStyle(textarea);
  const mirror = el('div', { 'aria-hidden': 'true' });
  const copied = [
    'boxSizing', 'width', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
    'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
    'fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize', 'wordSpacing',
  ];
  for (const prop of copied) {
    mirror.style[prop] = style[prop];
  }
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.overflowWrap = 'break-word';
  mirror.style.borderStyle = 'solid';
  mirror.textContent = textarea.value.slice(0, offset);
  const marker = el('span', { text: '\u200b' });
  mirror.append(marker);
  document.body.append(mirror);
  const top = marker.offsetTop;
  mirror.remove();
  textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
}

/** Selects a location of the checked text in the text area and brings it into view. */
function selectLocation(loc) {
  const textarea = $('report-text');
  if (!loc || loc.start16 === undefined || loc.end16 === undefined) {
    return;
  }
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(loc.start16, loc.end16);
  scrollTextareaTo(textarea, loc.start16);
  const rect = textarea.getBoundingClientRect();
  if (rect.top < 0 || rect.bottom > window.innerHeight) {
    textarea.scrollIntoView({ block: 'nearest' });
  }
}

/** What a report was made from: the report's text and the previous year's, if any. */
function checkKey() {
  return `${$('report-text').value}\u0000${$('previous-text').value}`;
}

/** Jumps to a diagnostic; when the text changed since the check, re-checks first. */
function jumpTo(diag) {
  const textarea = $('report-text');
  if (checkKey() !== state.checkedText) {
    runCheck();
    if (!state.report) {
      return;
    }
    const same = state.report.diagnostics.find((d) => d.rule === diag.rule && d.message === diag.message);
    if (!same) {
      return;
    }
    diag = same;
  }
  selectLocation(diag.span);
}

function renderSummary(report) {
  const box = $('summary');
  clear(box);
  const counts = new Map(SEVERITIES.map((s) => [s.id, 0]));
  for (const d of report.diagnostics) {
    counts.set(d.severity, (counts.get(d.severity) || 0) + 1);
  }
  const line = el('p', { class: 'summary-counts' });
  for (const s of SEVERITIES) {
    line.append(
      el('span', { class: `count-item${counts.get(s.id) ? '' : ' zero'}` }, badge(s.id), el('strong', { text: String(counts.get(s.id)) })),
    );
  }
  box.append(line);
  const outline = report.outline;
  const meta = el('p', { class: 'summary-meta' });
  meta.append(el('span', null, '标题：', el('span', { class: outline.title ? null : 'muted', text: outline.title || '未识别' })));
  meta.append(el('span', null, '年度：', el('span', { class: outline.year ? null : 'muted', text: outline.year ? `${outline.year} 年` : '未识别' })));
  meta.append(el('span', null, '对照格式：', el('span', { text: report.template })));
  box.append(meta);
}

function renderOutline(report) {
  const list = $('outline');
  clear(list);
  for (const section of report.outline.sections) {
    const status = section.found
      ? el('span', { class: 'tag tag-found', text: '已找到' })
      : el('span', { class: 'tag tag-missing', text: '缺失' });
    const body = [
      el('span', { class: 'section-title', text: section.title }),
      section.found && section.heading ? el('span', { class: 'section-heading', text: `原文：${section.heading}` }) : null,
    ];
    const item = el('li', { class: `section ${section.found ? 'found' : 'missing'}`, 'data-number': section.number });
    if (section.found && section.span) {
      item.append(el('button', { type: 'button', class: 'section-main', title: '在原文中选中', onclick: () => selectLocation(section.span) }, status, body));
    } else {
      item.append(el('div', { class: 'section-main' }, status, body));
    }
    list.append(item);
  }
}

/** Diagnostics by the location they point at, most serious first, for marking cells. */
function marksOf(report) {
  const marks = new Map();
  for (const d of report.diagnostics) {
    if (!d.span) {
      continue;
    }
    const key = locKey(d.span);
    if (!marks.has(key)) {
      marks.set(key, []);
    }
    marks.get(key).push(d);
  }
  for (const list of marks.values()) {
    list.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  }
  return marks;
}

/**
 * Findings about a whole row rather than one cell (a retyped label, a row whose cells did not
 * fit, blank cells): those whose span lies inside a row's span and is no cell's location.
 * Returns a function from a row to its findings, most serious first.
 */
function rowFindingsOf(report, marks) {
  const cellKeys = new Set();
  const t = report.tables;
  for (const row of t.s2.rows.concat(t.s3.rows, t.s3.extra_rows || [])) {
    for (const loc of row.cells) {
      if (loc) {
        cellKeys.add(locKey(loc));
      }
    }
  }
  // A missing row's finding points at the row before it; the missing row shows 缺失 itself.
  const loose = report.diagnostics.filter((d) => d.span && d.rule !== 'T001' && !cellKeys.has(locKey(d.span)));
  return (row) => {
    if (!row.span) {
      return [];
    }
    return loose
      .filter((d) => d.span.start >= row.span.start && d.span.start < Math.max(row.span.end, row.span.start + 1))
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  };
}

/** Locations other findings involve (the other terms of a sum, say), for a lighter mark. */
function relatedOf(report) {
  const related = new Set();
  for (const d of report.diagnostics) {
    for (const loc of d.related || []) {
      related.add(locKey(loc));
    }
  }
  return related;
}

function render(report, text) {
  renderSummary(report);
  renderOutline(report);
  const findings = $('findings');
  clear(findings);
  renderFindings(findings, report.diagnostics, state.rulesById, (diag) => jumpTo(diag));
  $('findings-count').textContent = `（${report.diagnostics.length}）`;
  $('no-findings').hidden = report.diagnostics.length > 0;
  const tables = $('tables');
  clear(tables);
  const marks = marksOf(report);
  renderTables(tables, report, {
    text,
    marks,
    related: relatedOf(report),
    rowFindings: rowFindingsOf(report, marks),
    jump: jumpTo,
  });
}

/**
 * Checks the text area now and shows the result. `given`: a report already made for this
 * text (an opened .docx carries its text in `source.text`), shown instead of checking again.
 */
function runCheck(given) {
  clearTimeout(state.timer);
  state.timer = null;
  if (!state.checker) {
    return;
  }
  const text = $('report-text').value;
  const previous = $('previous-text').value;
  const key = checkKey();
  if (key === state.checkedText) {
    return;
  }
  state.checkedText = key;
  const empty = text.trim() === '';
  $('empty').hidden = !empty;
  $('results').hidden = empty;
  if (empty) {
    state.report = null;
    state.laidOut = false;
    setStatus('就绪');
    return;
  }
  const started = performance.now();
  let report;
  try {
    if (previous.trim() !== '') {
      report = state.checker.checkWithPrevious(text, state.laidOut, previous, state.previousLaidOut);
    } else if (given && given.source && given.source.text === text) {
      report = given;
    } else {
      report = state.checker.check(text, state.laidOut);
    }
  } catch (err) {
    setStatus(`检查出错：${err && err.message ? err.message : err}`);
    console.error(err);
    return;
  }
  state.report = report;
  render(report, text);
  // Lets tests (and curious readers) see that a check finished.
  state.checks += 1;
  document.documentElement.dataset.checks = String(state.checks);
  setStatus(`已检查 ${text.length} 字 · ${Math.max(1, Math.round(performance.now() - started))} 毫秒`);
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, DEBOUNCE_MS);
}

function wire() {
  const textarea = $('report-text');
  textarea.addEventListener('input', scheduleCheck);
  // A paste is a whole report: check as soon as the text area holds it. A paste from Word, WPS
  // or a web page is read from its HTML tables (paste.js), and its report shown when it fits.
  wirePaste(textarea, {
    checker: () => state.checker,
    checked: (report) => {
      state.laidOut = true;
      runCheck(report);
    },
    plain: () => {
      state.laidOut = false;
      setTimeout(runCheck, 0);
    },
  });
  wirePrevious();
  wireFiles({
    checker: () => state.checker,
    showReport: (report) => {
      state.laidOut = true;
      showText(report.source.text, report);
    },
    showText: (text) => {
      state.laidOut = false;
      showText(text);
    },
  });
}

/**
 * The optional previous year's report: typing re-checks; a paste from Word, WPS or a web page is
 * read from its HTML tables like the report's own, and its laid-out text put in the box.
 */
function wirePrevious() {
  const box = $('previous-text');
  box.addEventListener('input', () => {
    if (box.value.trim() === '') {
      state.previousLaidOut = false;
    }
    scheduleCheck();
  });
  box.addEventListener('paste', (event) => {
    const pasted = state.checker && htmlOf(event);
    const report = pasted && checkPastedHtml(state.checker, pasted.html);
    if (!report) {
      state.previousLaidOut = false;
      setTimeout(runCheck, 0);
      return;
    }
    event.preventDefault();
    insertSourceText(box, report.source.text);
    state.previousLaidOut = true;
    runCheck();
  });
}

/** Replaces the text area's content with an opened file's text and shows its report. */
function showText(text, report) {
  const textarea = $('report-text');
  textarea.value = text;
  textarea.scrollTop = 0;
  state.checkedText = null;
  runCheck(report);
}

async function load() {
  let checker;
  try {
    checker = await import('./pkg/nianbao.js');
    await checker.default();
  } catch (err) {
    showLoadError(err);
    return;
  }
  state.checker = checker;
  for (const rule of checker.rules()) {
    state.rulesById.set(rule.id, rule);
  }
  $('version').textContent = `nianbao ${checker.version()} · 规则 ${state.rulesById.size} 条`;
  setStatus('就绪');
  document.documentElement.dataset.ready = 'true';
  runCheck();
}

wire();
load();
