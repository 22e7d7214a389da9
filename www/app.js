// The page: loads the checker, checks the text as the user types, and shows the report. All
// analysis happens in the wasm core, which runs in a Web Worker (checker.js) so the text box
// never waits on a check; this file wires events and draws what the report says.
//
// The draft (both texts and the findings ignored) is kept in this browser (store.js) and
// restored on reload. Nothing is sent anywhere.
//
// Several files at once are a batch (batch.js): the page then shows the batch summary, and a
// report opened from it is shown here read-only, in place of the draft, which is put back when
// the reader returns to the summary; only 编辑这份报告 makes that report the draft.

import { createBatch } from './batch.js';
import { startChecker } from './checker.js';
import { clear, el } from './dom.js';
import { createEditor } from './editor.js';
import { copyText, download, fileName, findingsCsv, reportJson, summaryText } from './export.js';
import { wireFiles } from './files.js';
import { applyFilter, badge, loadRuleDocs, renderFilter, renderFindings, ruleDoc, ruleDocsLoaded } from './findings.js';
import { applyEdits, editOf, editsOf, editText, fixOf } from './fix.js';
import { SEVERITIES, severityRank } from './labels.js';
import { checkPastedHtml, htmlOf, insertSourceText, tooLarge, wirePaste } from './paste.js';
import { followEdit, pageLinesOf, sourceOf } from './pages.js';
import { SAMPLE, SAMPLE_PLANTED } from './sample.js';
import { emptyDraft, loadDraft, removeDraft, saveDraft } from './store.js';
import { locKey, renderTables } from './tables.js';
import { renderYear } from './year.js';

const DEBOUNCE_MS = 250;
const SAVE_MS = 400;

const $ = (id) => document.getElementById(id);

const state = {
  checker: null, // {call, version, rules, inWorker}, once loaded
  rulesById: new Map(),
  checkedText: null, // the key (see checkKey) of the texts the shown report belongs to
  report: null,
  timer: null,
  saveTimer: null,
  checks: 0,
  running: false, // a check is in the worker
  again: false, // the text changed while it was
  // True while the text area holds text the checker laid out from a pasted or opened document
  // (perhaps edited since): its tab-separated rows are then read by their columns.
  laidOut: false,
  previousLaidOut: false,
  // What the laid-out text was read from (pages.js): its kind and, for a PDF, its pages and the
  // line each begins on, with `base`, the text those lines were last placed in. Null otherwise.
  source: null,
  ignored: {}, // fingerprint -> {reason, rule, severity, message, at}
  shown: new Set(SEVERITIES.map((s) => s.id)), // severities the list shows
  editor: null,
  batch: null, // the batch controller (batch.js)
  // A report of the batch shown in the single view: `{entry, order, draft}`, where `draft` is
  // the draft it stands in for (null once the reader chose to edit that report).
  view: null,
};

/** True while a batch report is shown read-only: nothing then goes to the saved draft. */
function viewingOnly() {
  return Boolean(state.view && state.view.draft);
}

function setStatus(text) {
  $('status').textContent = text;
}

function showLoadError(err) {
  const box = $('load-error');
  clear(box);
  box.append(
    el('strong', { text: '检查程序加载失败。' }),
    el('p', {
      text: '本页需要浏览器支持 WebAssembly：请使用较新版本的 Chrome、Edge 或 360/QQ 等浏览器的极速模式。',
    }),
    el('p', { class: 'error-detail', text: `错误信息：${err && err.message ? err.message : String(err)}` }),
  );
  box.hidden = false;
  setStatus('未能加载');
}

/**
 * Scrolls the text area so that UTF-16 offset `offset` is in view (a third from the top).
 * `mark`: the backdrop's element drawn over that place, when there is one.
 */
function scrollTextareaTo(textarea, offset, mark) {
  let top;
  if (mark) {
    top = state.editor.topOf(mark);
  } else {
    const style = getComputedStyle(textarea);
    const mirror = el('div', { 'aria-hidden': 'true', class: 'mirror' });
    for (const prop of ['width', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontFamily', 'fontSize', 'lineHeight', 'letterSpacing', 'tabSize']) {
      mirror.style[prop] = style[prop];
    }
    mirror.textContent = textarea.value.slice(0, offset);
    const marker = el('span', { text: '\u200b' });
    mirror.append(marker);
    document.body.append(mirror);
    top = marker.offsetTop;
    mirror.remove();
  }
  textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
}

/**
 * Selects a place of the checked text in the text area, shows it there (the selection alone is
 * not seen while the focus is elsewhere) with `related` places beside it, and brings it into
 * view. `focus`: move the focus there too (else the reader stays where they are, in a list or a
 * table).
 */
function selectLocation(loc, focus, related = []) {
  const textarea = $('report-text');
  if (!loc || loc.start16 === undefined || loc.end16 === undefined) {
    return;
  }
  if (focus) {
    textarea.focus({ preventScroll: true });
  }
  textarea.setSelectionRange(loc.start16, loc.end16);
  const spot = checkKey() === state.checkedText ? state.editor.spot(loc, related) : null;
  scrollTextareaTo(textarea, loc.start16, spot);
  const rect = textarea.getBoundingClientRect();
  if (rect.bottom < 0 || rect.top > window.innerHeight) {
    textarea.scrollIntoView({ block: 'nearest' });
  }
  showCaretNote(loc.start16);
}

/** What a report was made from: the report's text and the previous year's, if any. */
function checkKey() {
  return `${$('report-text').value}\u0000${$('previous-text').value}`;
}

/** Shows a finding in the text: marks it as current and selects its text. */
async function jumpTo(diag) {
  if (checkKey() !== state.checkedText) {
    await runCheck();
    const same = state.report && state.report.diagnostics.find((d) => d.fingerprint === diag.fingerprint);
    if (!same) {
      return;
    }
    diag = same;
  }
  state.editor.current(diag);
  selectLocation(diag.span, false, diag.related || []);
  markCells([diag.span].concat(diag.related || []));
}

/** Marks the table cells read at `locs` (a finding's place and the others it involves). */
function markCells(locs) {
  const keys = new Set(locs.filter(Boolean).map(locKey));
  for (const td of document.querySelectorAll('#tables td[data-loc]')) {
    td.classList.toggle('together', keys.has(td.dataset.loc));
  }
}

/** Selects a place a table cell was read from, and shows it in the text. */
function selectCell(loc) {
  markCells([]);
  state.editor.current(null);
  selectLocation(loc, false);
}

function renderSummary(report) {
  const box = $('summary');
  clear(box);
  const counts = countsOf(report);
  const line = el('p', { class: 'summary-counts' });
  for (const s of SEVERITIES) {
    line.append(el('span', { class: `count-item${counts[s.id] ? '' : ' zero'}` }, badge(s.id), el('strong', { text: String(counts[s.id]) })));
  }
  if (report.ignored > 0) {
    line.append(el('span', { class: 'count-item ignored-count', text: `已核实忽略 ${report.ignored}` }));
  }
  box.append(line);
  const outline = report.outline;
  const meta = el('p', { class: 'summary-meta' });
  meta.append(el('span', null, '标题：', el('span', { class: outline.title ? null : 'muted', text: outline.title || '未识别' })));
  meta.append(el('span', null, '年度：', el('span', { class: outline.year ? null : 'muted', text: outline.year ? `${outline.year} 年` : '未识别' })));
  // The format applied: the 2021 one, or the 2019 trial format for a 2019 or 2020 report.
  const trial = report.template.includes('〔2019〕');
  meta.append(el('span', null, '对照格式：', el('span', { class: 'template', text: `${report.template}${trial ? '（试行格式，适用于 2019、2020 年度报告）' : ''}` })));
  // The text was read from a document: said by the report, or, once the text has been checked
  // again, by what the page kept of where it came from.
  const source = report.source ? sourceOf(report) : state.source;
  if (source) {
    const kinds = { html: 'Word/网页表格', docx: 'Word 文件', pdf: 'PDF 文件' };
    meta.append(el('span', null, '读取方式：', el('span', { class: 'source-kind', text: kinds[source.kind] || source.kind })));
  }
  box.append(meta);
  if (source && source.kind === 'pdf') {
    const pages = source.pages ? `（共 ${source.pages} 页）` : '';
    box.append(el('p', {
      class: 'summary-note pdf-note',
      text: `文字由 PDF 文件提取${pages}：页码、页眉页脚已略去，表格按 PDF 中画出的表格线读取，图片中的文字不会读取。每个问题注明所在的 PDF 页码，请在 PDF 原文件中核对。`,
    }));
  }
  const year = renderYear(report);
  if (year) {
    box.append(year);
  }
  $('print-meta').textContent = `${outline.title || '（标题未识别）'} · 检查时间 ${new Date().toLocaleString('zh-CN', { hour12: false })} · nianbao ${report.tool.version} · 对照${report.template}`;
}

function countsOf(report) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) {
    counts[d.severity] = (counts[d.severity] || 0) + 1;
  }
  return counts;
}

function renderOutline(report) {
  const list = $('outline');
  clear(list);
  for (const section of report.outline.sections) {
    const status = section.found
      ? el('span', { class: 'tag tag-found', text: '✓ 已找到' })
      : el('span', { class: 'tag tag-missing', text: '✕ 缺失' });
    const body = [
      el('span', { class: 'section-title', text: section.title }),
      section.found && section.heading ? el('span', { class: 'section-heading', text: `原文：${section.heading}` }) : null,
    ];
    const item = el('li', { class: `section ${section.found ? 'found' : 'missing'}`, 'data-number': section.number });
    // A missing section is placed where it belongs (its S001 finding's place).
    const missingAt = section.found
      ? null
      : report.diagnostics.find((d) => d.rule === 'S001' && d.span && d.message.includes(section.title));
    if (section.found && section.span) {
      item.append(el('button', { type: 'button', class: 'section-main', title: '在原文中选中', onclick: () => selectLocation(section.span, false) }, status, body));
    } else if (missingAt) {
      item.append(el('button', { type: 'button', class: 'section-main', title: '在原文中显示应在的位置', onclick: () => jumpTo(missingAt) }, status, body));
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
function rowFindingsOf(report) {
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

function renderList(report) {
  const counts = countsOf(report);
  const redraw = () => {
    renderFilter($('filter'), counts, state.shown, redraw);
    applyFilter($('findings'), state.shown);
  };
  renderFindings($('findings'), report, {
    rulesById: state.rulesById,
    onJump: (diag) => jumpTo(diag),
    // Ignoring and fixing are for one's own draft, not for a report of the batch being read.
    onIgnore: viewingOnly() ? null : ignoreFinding,
    fixOf,
    onApply: viewingOnly() ? null : applyFix,
    filter: state.shown,
  });
  const fixable = viewingOnly() ? 0 : report.diagnostics.filter((d) => fixOf(d) !== null).length;
  if (viewingOnly()) {
    fixNote('');
  }
  $('fix-bar').hidden = fixable === 0;
  $('fix-all').textContent = `全部改正（${fixable} 处）`;
  renderFilter($('filter'), counts, state.shown, redraw);
  $('findings-count').textContent = `（${report.diagnostics.length}）`;
  $('no-findings').hidden = report.diagnostics.length > 0;
  renderIgnored(report);
}

function renderIgnored(report) {
  const entries = Object.entries(state.ignored);
  $('ignored-box').hidden = entries.length === 0 || viewingOnly();
  $('ignored-title').textContent = `已核实忽略 ${report.ignored} 个问题（点击查看或恢复）`;
  const list = $('ignored');
  clear(list);
  for (const [fingerprint, entry] of entries) {
    list.append(
      el(
        'li',
        { 'data-fingerprint': fingerprint },
        el('code', { class: 'rule-id', text: entry.rule }),
        el('span', { class: 'message', text: entry.message }),
        el('span', { class: 'ignore-why', text: entry.reason ? `理由：${entry.reason}` : '未填写理由' }),
        el('button', { type: 'button', class: 'link-button', text: '恢复', onclick: () => restoreFinding(fingerprint) }),
      ),
    );
  }
}

/**
 * The print view's explanation of every rule found. The first result loads the rules'
 * documentation texts (after the checker, off the first load), and the view is drawn again when
 * they arrive, so a print started from the browser's menu has them.
 */
function renderPrintRules(report) {
  const box = $('print-rules');
  clear(box);
  const ids = Array.from(new Set(report.diagnostics.map((d) => d.rule)));
  for (const id of ids) {
    const rule = state.rulesById.get(id);
    if (rule) {
      box.append(el('h3', { text: `${rule.id} ${rule.title}` }), ruleDoc(rule));
    }
  }
  if (!ruleDocsLoaded()) {
    loadRuleDocs().then(
      () => {
        if (state.report === report) {
          renderPrintRules(report);
        }
      },
      (err) => console.warn('nianbao: the rules\' documentation did not load:', err),
    );
  }
}

function render(report, text) {
  renderSummary(report);
  renderOutline(report);
  renderList(report);
  const tables = $('tables');
  clear(tables);
  renderTables(tables, report, {
    text,
    marks: marksOf(report),
    related: relatedOf(report),
    rowFindings: rowFindingsOf(report),
    jump: jumpTo,
    select: selectCell,
  });
  state.editor.show(report.diagnostics, text);
  renderPrintRules(report);
  showCaretNote($('report-text').selectionStart);
}

/**
 * The configuration sent with every check: the findings ignored, by fingerprint. Never a rule
 * id: check() refuses ids that name no rule, and a draft saved by an older version may keep
 * findings of a rule retired since; their fingerprints match nothing and do no harm.
 */
function config() {
  const ignoreFindings = Object.keys(state.ignored);
  return ignoreFindings.length > 0 ? { ignoreFindings } : undefined;
}

/**
 * Checks the text area now and shows the result. `given`: a report already made for this
 * text (a pasted document or an opened .docx carries its text in `source.text`). One check
 * runs at a time; when the text changes meanwhile, the newest text is checked next and the
 * older result is not shown.
 */
async function runCheck(given) {
  clearTimeout(state.timer);
  state.timer = null;
  if (!state.checker) {
    return;
  }
  if (state.running) {
    state.again = true;
    return;
  }
  const text = $('report-text').value;
  const previous = $('previous-text').value;
  const key = checkKey();
  if (key === state.checkedText) {
    return;
  }
  placePages(text);
  const empty = text.trim() === '';
  if (empty) {
    state.checkedText = key;
    $('empty').hidden = false;
    $('results').hidden = true;
    state.report = null;
    state.laidOut = false;
    state.source = null;
    state.editor.clear();
    setStatus('就绪');
    return;
  }
  const started = performance.now();
  let report;
  state.running = true;
  try {
    if (previous.trim() !== '') {
      report = await state.checker.call('checkWithPrevious', text, state.laidOut, previous, state.previousLaidOut, config(), pageLinesOf(state.source));
    } else if (given && given.source && given.source.text === text && !config()) {
      report = given;
    } else {
      report = await state.checker.call('check', text, state.laidOut, config(), pageLinesOf(state.source));
    }
  } catch (err) {
    setStatus(`检查出错：${err && err.message ? err.message : err}`);
    console.error(err);
    report = null;
  } finally {
    state.running = false;
  }
  if (state.again || checkKey() !== key) {
    // The text changed while the check ran: check the newest text instead of showing this.
    state.again = false;
    return runCheck();
  }
  if (!report) {
    return;
  }
  state.checkedText = key;
  state.report = report;
  $('empty').hidden = true;
  $('results').hidden = false;
  render(report, text);
  // Lets tests (and curious readers) see that a check finished.
  state.checks += 1;
  document.documentElement.dataset.checks = String(state.checks);
  const where = state.checker.inWorker ? '' : '（在页面线程中）';
  setStatus(`已检查 ${text.length} 字 · ${Math.max(1, Math.round(performance.now() - started))} 毫秒${where}`);
}

/** The finding `diag` in a report of the text as it is now (checked again if need be), or null. */
async function freshFinding(diag) {
  if (checkKey() !== state.checkedText) {
    await runCheck();
  }
  if (checkKey() !== state.checkedText || !state.report) {
    return null;
  }
  return state.report.diagnostics.find((d) => d.fingerprint === diag.fingerprint) || null;
}

function fixNote(text) {
  $('fix-note').textContent = text;
}

/**
 * 改为 …: writes what `diag` proposes into its place (as an edit Ctrl+Z takes back), selects
 * it and checks again. Not when the text there is no longer what was checked.
 */
async function applyFix(diag) {
  if (viewingOnly()) {
    return;
  }
  const fresh = await freshFinding(diag);
  if (!fresh) {
    fixNote('原文已改动，这个问题已不存在，未改动。');
    return;
  }
  const textarea = $('report-text');
  const edit = editOf(fresh, textarea.value);
  if (edit.problem) {
    fixNote(`${edit.problem}。`);
    return;
  }
  applyEdits(textarea, [edit]);
  textarea.setSelectionRange(edit.start, edit.start + edit.after.length);
  scrollTextareaTo(textarea, edit.start, null);
  fixNote(`已改正${editText(edit)}（在文本框中按 Ctrl+Z 可撤销）。`);
  await runCheck();
}

/** 全部改正: every finding that proposes a value, applied as one edit, then checked again. */
async function applyAll() {
  if (viewingOnly()) {
    return;
  }
  if (checkKey() !== state.checkedText) {
    await runCheck();
  }
  if (checkKey() !== state.checkedText || !state.report) {
    fixNote('正在检查，请稍后再点“全部改正”。');
    return;
  }
  const textarea = $('report-text');
  const { edits, problems } = editsOf(state.report.diagnostics, textarea.value);
  const left = problems.length > 0 ? `另有 ${problems.length} 处未改：${problems.join('；')}。` : '';
  if (edits.length === 0) {
    fixNote(left || '没有能确定应填什么的问题。');
    return;
  }
  applyEdits(textarea, edits);
  fixNote(`已改正 ${edits.length} 处：${edits.map(editText).join('；')}（在文本框中按一次 Ctrl+Z 可全部撤销）。${left}`);
  await runCheck();
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, DEBOUNCE_MS);
}

/** Marks in the text belong to the text they were drawn for: drop them as soon as it changes. */
function textChanged() {
  placePages($('report-text').value);
  state.editor.clear();
  $('caret-note').textContent = '';
  fixNote('');
  scheduleCheck();
  scheduleSave();
}

/**
 * Keeps a PDF's page lines on their lines while the text is edited: they move with the lines
 * added or removed since the text they were placed in.
 */
function placePages(text) {
  const source = state.source;
  if (!source || source.pageLines.length === 0 || source.base === text) {
    return;
  }
  source.pageLines = followEdit(source.pageLines, source.base === undefined ? text : source.base, text);
  source.base = text;
}

/** Remembers what a report's text was read from, with the text its page lines are placed in. */
function setSource(report, text) {
  state.source = report ? sourceOf(report) : null;
  if (state.source) {
    state.source.base = text;
  }
}

/** The source as the draft keeps it (without the text, which the draft holds already). */
function savedSource() {
  const s = state.source;
  return s ? { kind: s.kind, pages: s.pages, pageLines: s.pageLines } : null;
}

function scheduleSave() {
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(save, SAVE_MS);
}

function save() {
  clearTimeout(state.saveTimer);
  if (viewingOnly()) {
    return;
  }
  const problem = saveDraft({
    text: $('report-text').value,
    laidOut: state.laidOut,
    previous: $('previous-text').value,
    previousLaidOut: state.previousLaidOut,
    ignored: state.ignored,
    source: state.laidOut ? savedSource() : null,
  });
  const note = $('draft-note');
  note.classList.toggle('warn', Boolean(problem));
  note.textContent = problem || '草稿只保存在本机浏览器中（刷新或重新打开本页会自动恢复），不会上传；点“清空”可删除。';
}

function ignoreFinding(diag, reason) {
  state.ignored[diag.fingerprint] = {
    reason,
    rule: diag.rule,
    severity: diag.severity,
    message: diag.message,
    at: new Date().toISOString(),
  };
  save();
  state.checkedText = null;
  runCheck();
}

function restoreFinding(fingerprint) {
  delete state.ignored[fingerprint];
  save();
  state.checkedText = null;
  runCheck();
}

/** Under the text area: the findings at the caret, when the caret is in a marked place. */
function showCaretNote(offset) {
  const note = $('caret-note');
  if (!state.report || checkKey() !== state.checkedText) {
    note.textContent = '';
    return;
  }
  const here = state.editor.at(offset);
  note.textContent = here.length > 0 ? `光标处：${state.editor.describe(here).replace(/\n/g, '；')}` : '';
}

/** 清空: asks once (the button changes to 确认清空), then removes the texts and the draft. */
function wireClear() {
  confirmTwice($('clear-draft'), '确认清空？（再点一次）', () => true, () => {
    $('report-text').value = '';
    $('previous-text').value = '';
    state.laidOut = false;
    state.previousLaidOut = false;
    state.source = null;
    state.ignored = {};
    clearTimeout(state.saveTimer);
    removeDraft();
    $('paste-note').hidden = true;
    $('draft-note').textContent = '已清空：本机不再保存任何草稿。';
    state.checkedText = null;
    state.editor.clear();
    runCheck();
    $('report-text').focus();
  });
}

/**
 * A button whose action may lose work: when `asks()` is true, the first click only changes its
 * text to `ask` for four seconds, and a second click within them runs `action`.
 */
function confirmTwice(button, ask, asks, action) {
  const label = button.textContent;
  let armed = null;
  const disarm = () => {
    clearTimeout(armed);
    armed = null;
    button.textContent = label;
    button.classList.remove('armed');
  };
  button.addEventListener('click', () => {
    if (!armed && asks()) {
      button.textContent = ask;
      button.classList.add('armed');
      armed = setTimeout(disarm, 4000);
      return;
    }
    disarm();
    action();
  });
}

function wireActions() {
  const note = (text) => {
    $('action-note').textContent = text;
  };
  $('export-json').addEventListener('click', () => {
    if (state.report) {
      download(fileName(state.report, 'json'), reportJson(state.report, state.ignored), 'application/json');
      note('已生成 JSON 文件。');
    }
  });
  $('export-csv').addEventListener('click', () => {
    if (state.report) {
      download(fileName(state.report, 'csv'), findingsCsv(state.report), 'text/csv;charset=utf-8');
      note('已生成 CSV 文件（可用 Excel、WPS 打开）。');
    }
  });
  $('copy-summary').addEventListener('click', async () => {
    if (state.report) {
      note((await copyText(summaryText(state.report))) ? '摘要已复制，可粘贴到审核意见中。' : '复制失败：浏览器不允许，请改用下载。');
    }
  });
  $('print').addEventListener('click', () => window.print());
  // A folded run of findings prints in full: open the folds for printing, close them after.
  let opened = [];
  window.addEventListener('beforeprint', () => {
    opened = Array.from(document.querySelectorAll('#findings details:not([open])'));
    opened.forEach((d) => {
      d.open = true;
    });
  });
  window.addEventListener('afterprint', () => {
    opened.forEach((d) => {
      d.open = false;
    });
    opened = [];
  });
}

function wire() {
  const textarea = $('report-text');
  state.editor = createEditor(textarea, {
    gutter: $('gutter'),
    backdrop: $('backdrop'),
    note: $('marks-note'),
    onActivate: (diag) => jumpTo(diag),
  });
  textarea.addEventListener('input', textChanged);
  for (const type of ['keyup', 'click', 'select']) {
    textarea.addEventListener(type, () => showCaretNote(textarea.selectionStart));
  }
  // A paste is a whole report: check as soon as the text area holds it. A paste from Word, WPS
  // or a web page is read from its HTML tables (paste.js), and its report shown when it fits.
  wirePaste(textarea, {
    checker: () => state.checker,
    checked: (report) => {
      state.laidOut = true;
      setSource(report, $('report-text').value);
      state.checkedText = null;
      textChanged();
      runCheck(report);
    },
    plain: () => {
      state.laidOut = false;
      state.source = null;
      setTimeout(runCheck, 0);
    },
  });
  wirePrevious();
  wireFiles({
    checker: () => state.checker,
    showReport: (report) => {
      openSingle();
      state.laidOut = true;
      setSource(report, report.source.text);
      showText(report.source.text, report);
    },
    showText: (text) => {
      openSingle();
      state.laidOut = false;
      state.source = null;
      showText(text);
    },
    openMany: (items, unreadable) => {
      leaveView();
      state.batch.start(items, unreadable);
    },
    showPrevious: (text, laidOut) => {
      const box = $('previous-text');
      box.value = text;
      $('previous-box').open = true;
      state.previousLaidOut = laidOut;
      scheduleSave();
      runCheck();
    },
  });
  state.batch = createBatch({
    checker: () => state.checker,
    rulesById: state.rulesById,
    open: openEntry,
    show: showBatch,
    draft: showSingleView,
    close: () => {
      leaveView();
      showSingleView();
    },
  });
  wireView();
  wireClear();
  wireActions();
  $('fix-all').addEventListener('click', applyAll);
  wireSample();
  // A last save when the page goes away, so the newest keystrokes are kept.
  window.addEventListener('pagehide', save);
}

/** 试用示例报告: the sample report (sample.js) becomes the text, checked at once. */
function wireSample() {
  $('try-sample').addEventListener('click', () => {
    openSingle();
    state.laidOut = false;
    state.source = null;
    showText(SAMPLE);
    const note = $('paste-note');
    note.textContent = `已载入示例报告（虚构），其中预设了 ${SAMPLE_PLANTED} 处错误，见“发现的问题”；可直接修改试试，点“清空”可删除。`;
    note.hidden = false;
    $('report-text').focus({ preventScroll: true });
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
    scheduleSave();
  });
  box.addEventListener('paste', (event) => {
    if (tooLarge(event)) {
      return;
    }
    const pasted = state.checker && htmlOf(event);
    if (!pasted) {
      state.previousLaidOut = false;
      setTimeout(runCheck, 0);
      return;
    }
    event.preventDefault();
    checkPastedHtml(state.checker, pasted.html).then((report) => {
      insertSourceText(box, report ? report.source.text : pasted.text);
      state.previousLaidOut = Boolean(report);
      scheduleSave();
      runCheck();
    });
  });
}

/** Replaces the text area's content with an opened file's text and shows its report. */
function showText(text, report) {
  const textarea = $('report-text');
  textarea.value = text;
  textarea.scrollTop = 0;
  state.checkedText = null;
  state.editor.clear();
  scheduleSave();
  runCheck(report);
}

/** Shows the batch summary in place of the single view. */
function showBatch() {
  $('single').hidden = true;
  $('view-bar').hidden = true;
  $('batch').hidden = false;
  window.scrollTo(0, 0);
}

/** Shows the single view, with the bar back to the batch when there is one. */
function showSingleView() {
  $('batch').hidden = true;
  $('single').hidden = false;
  updateViewBar();
}

/** Leaves the batch for the single view before a file is opened into the draft. */
function openSingle() {
  leaveView();
  showSingleView();
}

/** The bar above the single view: back to the batch, and which report is shown. */
function updateViewBar() {
  const active = Boolean(state.batch && state.batch.active());
  $('view-bar').hidden = !active;
  const v = state.view;
  $('view-prev').hidden = !v;
  $('view-next').hidden = !v;
  $('view-edit').hidden = !viewingOnly();
  if (!active) {
    return;
  }
  if (!v) {
    $('view-title').textContent = '正在编辑本机草稿';
    return;
  }
  const i = v.order.indexOf(v.entry);
  $('view-prev').disabled = i <= 0;
  $('view-next').disabled = i < 0 || i >= v.order.length - 1;
  const how = viewingOnly() ? '只读查看，不改动本机草稿' : '已作为本机草稿编辑';
  $('view-title').textContent = `第 ${i + 1} / ${v.order.length} 份：${v.entry.path}（${how}）`;
}

/** What the text areas hold now, to be put back when a batch report is no longer shown. */
function takeDraft() {
  save();
  return {
    text: $('report-text').value,
    previous: $('previous-text').value,
    laidOut: state.laidOut,
    previousLaidOut: state.previousLaidOut,
    source: state.source,
  };
}

/**
 * Shows a report of the batch in the single view, read-only, with the draft kept aside.
 * `order`: the batch's reports as its table is sorted, for 上一份 and 下一份.
 */
function openEntry(entry, order) {
  const draft = viewingOnly() ? state.view.draft : takeDraft();
  state.view = { entry, order, draft };
  clearTimeout(state.timer);
  const textarea = $('report-text');
  textarea.value = entry.text;
  textarea.scrollTop = 0;
  $('previous-text').value = '';
  $('paste-note').hidden = true;
  syncViewMode();
  state.laidOut = entry.laidOut;
  state.previousLaidOut = false;
  setSource(entry.report, entry.text);
  showSingleView();
  showChecked(entry.report, entry.text);
  window.scrollTo(0, 0);
  $('view-back').focus();
}

/** Shows a report made earlier for exactly the text in the text area. */
function showChecked(report, text) {
  state.checkedText = checkKey();
  state.report = report;
  state.editor.clear();
  $('empty').hidden = true;
  $('results').hidden = false;
  render(report, text);
  state.checks += 1;
  document.documentElement.dataset.checks = String(state.checks);
  setStatus(`批量检查的结果 · ${text.length} 字`);
}

/** Stops showing a batch report: a report only read gives the text areas back to the draft. */
function leaveView() {
  const v = state.view;
  state.view = null;
  syncViewMode();
  if (!v || !v.draft) {
    return;
  }
  $('report-text').value = v.draft.text;
  $('previous-text').value = v.draft.previous;
  state.laidOut = v.draft.laidOut;
  state.previousLaidOut = v.draft.previousLaidOut;
  state.source = v.draft.source;
  state.checkedText = null;
  state.editor.clear();
  save();
  runCheck();
}

/**
 * A report of the batch only being read cannot be typed into, has no previous year's box and
 * no 清空 (which would remove the draft out of sight), and says the draft is untouched.
 */
function syncViewMode() {
  const only = viewingOnly();
  $('report-text').readOnly = only;
  $('previous-box').hidden = only;
  $('clear-draft').hidden = only;
  if (only) {
    $('draft-note').classList.remove('warn');
    $('draft-note').textContent = '正在只读查看批量检查中的一份报告，本机草稿未改动；点“编辑这份报告”才会替换草稿。';
  }
}

/** 编辑这份报告: the shown report becomes the draft, asking once when a draft would be lost. */
function wireEdit() {
  const loses = () => {
    const draft = viewingOnly() && state.view.draft;
    return Boolean(draft) && (draft.text.trim() !== '' || draft.previous.trim() !== '');
  };
  confirmTwice($('view-edit'), '确认替换本机草稿？（再点一次）', loses, () => {
    if (!viewingOnly()) {
      return;
    }
    state.view.draft = null;
    syncViewMode();
    save();
    updateViewBar();
    // Redraws the list with 已核实，忽略, which now belongs to this draft.
    render(state.report, $('report-text').value);
    $('report-text').focus();
  });
}

function wireView() {
  $('view-back').addEventListener('click', () => {
    const v = state.view;
    leaveView();
    showBatch();
    const key = v ? `open:${v.entry.path}` : null;
    const again = key && Array.from(document.querySelectorAll('#batch-table [data-focus-key]')).find((n) => n.getAttribute('data-focus-key') === key);
    if (again) {
      again.focus();
    }
  });
  const step = (by) => {
    const v = state.view;
    const i = v ? v.order.indexOf(v.entry) : -1;
    if (i >= 0 && v.order[i + by]) {
      openEntry(v.order[i + by], v.order);
    }
  };
  $('view-prev').addEventListener('click', () => step(-1));
  $('view-next').addEventListener('click', () => step(1));
  wireEdit();
}

/** Puts the saved draft back, before the checker has even loaded. */
function restore() {
  const draft = loadDraft();
  if (draft.text === emptyDraft().text && draft.previous === '' && Object.keys(draft.ignored).length === 0) {
    return;
  }
  $('report-text').value = draft.text;
  $('previous-text').value = draft.previous;
  if (draft.previous !== '') {
    $('previous-box').open = true;
  }
  state.laidOut = draft.laidOut;
  state.previousLaidOut = draft.previousLaidOut;
  state.source = draft.source ? { ...draft.source, base: draft.text } : null;
  state.ignored = draft.ignored;
  $('draft-note').textContent = '已恢复上次保存在本机的草稿。草稿只保存在本机浏览器中，不会上传；点“清空”可删除。';
}

async function load() {
  let checker;
  try {
    checker = await startChecker();
  } catch (err) {
    showLoadError(err);
    return;
  }
  state.checker = checker;
  for (const rule of checker.rules) {
    state.rulesById.set(rule.id, rule);
  }
  $('version').textContent = `nianbao ${checker.version} · 规则 ${state.rulesById.size} 条`;
  setStatus('就绪');
  document.documentElement.dataset.worker = String(checker.inWorker);
  document.documentElement.dataset.ready = 'true';
  runCheck();
}

restore();
wire();
load();
