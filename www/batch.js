// Checking many reports at once, as a reviewer at a 政务公开办 does with every subordinate body's
// report: the files go to the checker one after another (in the Web Worker, so the page never
// waits), with the progress shown and a way to stop and go on. Each checked report is kept with
// the few facts its summary row needs (`summary`); nothing is rendered for a report until it is
// opened, so a few hundred files keep the page light. The summary table and the chart of
// findings by rule are drawn by batchview.js from these entries.
//
// Files are read as when opened one by one (files.js `readFile`), but a plain-text file is
// checked on its own, without the page's draft settings (the previous year's report, the
// findings ignored), so a row says what `check()` says of that file alone.

import { clear, el } from './dom.js';
import { batchFindingsCsv, batchSummaryCsv, download } from './export.js';
import { readFile } from './files.js';
import { renderChart, renderTable } from './batchview.js';
import { sortOut } from './gather.js';

const $ = (id) => document.getElementById(id);

/** The table and chart are redrawn at most this often while a batch runs. */
const REDRAW_MS = 300;

/** The facts a summary row shows, taken from a report once, when it is checked. */
function summarize(report) {
  const counts = { error: 0, warning: 0, info: 0 };
  const rules = new Map();
  for (const d of report.diagnostics) {
    counts[d.severity] = (counts[d.severity] || 0) + 1;
    rules.set(d.rule, (rules.get(d.rule) || 0) + 1);
  }
  return {
    title: report.outline.title || null,
    year: report.outline.year || null,
    sections: report.outline.sections.filter((s) => s.found).length,
    counts,
    rules: Array.from(rules).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  };
}

/** Checks one gathered file: resolves to an entry, or to `{skipped}` saying why it was not read. */
async function checkOne(item, checker) {
  const read = await readFile(item.file, checker);
  if (read.error !== undefined) {
    return { skipped: { path: item.path, reason: `无法读取：${read.error}` } };
  }
  if (read.report) {
    const report = read.report;
    return { path: item.path, kind: item.kind, report, text: report.source.text, laidOut: true, summary: summarize(report) };
  }
  let report;
  try {
    report = await checker.call('check', read.text, false);
  } catch (err) {
    return { skipped: { path: item.path, reason: `检查出错：${err && err.message ? err.message : err}` } };
  }
  return { path: item.path, kind: item.kind, report, text: read.text, laidOut: false, summary: summarize(report) };
}

/** Lets the page draw between two files, also when the checker runs on the page's thread. */
function yieldToPage() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The batch controller. `hooks.checker()` gives the loaded checker; `hooks.rulesById` the
 * rule catalogue; `hooks.open(entry, order)` shows one report (`order`: the entries as the
 * table is sorted, for 上一份/下一份); `hooks.show()` switches the page to the summary,
 * `hooks.draft()` to the draft with the batch kept, `hooks.close()` to the draft without it.
 */
export function createBatch(hooks) {
  const batch = {
    run: 0, // counts the batches started; a replaced batch's loop ends at its next step
    items: [], // the files to check, in path order
    next: 0, // the index of the next file to check
    entries: [],
    skipped: [],
    stopping: false,
    running: false,
    started: 0,
    sort: { key: 'path', dir: 'ascending' },
    redrawTimer: null,
  };
  const view = {
    sorted: () => sortedEntries(batch),
    redraw: () => draw(batch, hooks, view),
  };

  $('batch-stop').addEventListener('click', () => {
    batch.stopping = true;
    $('batch-stop').disabled = true;
  });
  $('batch-resume').addEventListener('click', () => go(batch, hooks, view));
  $('batch-csv').addEventListener('click', () => {
    download(batchFileName('汇总'), batchSummaryCsv(view.sorted()), 'text/csv;charset=utf-8');
    $('batch-note').textContent = '已生成汇总 CSV 文件（可用 Excel、WPS 打开）';
  });
  $('batch-findings-csv').addEventListener('click', () => {
    download(batchFileName('全部问题'), batchFindingsCsv(batch.entries), 'text/csv;charset=utf-8');
    $('batch-note').textContent = '已生成全部问题 CSV 文件（可用 Excel、WPS 打开）';
  });
  $('batch-draft').addEventListener('click', () => hooks.draft());
  $('batch-close').addEventListener('click', () => {
    reset(batch, [], []);
    hooks.close();
  });

  return {
    /** Starts a new batch over `items` (`{file, path}`), replacing any other. */
    start(items, unreadable) {
      const { accepted, skipped } = sortOut(items);
      reset(batch, accepted, unreadable.concat(skipped));
      hooks.show();
      go(batch, hooks, view);
    },
    /** Whether a batch is there to go back to. */
    active: () => batch.items.length > 0 || batch.skipped.length > 0,
    /** The entries as the table is sorted. */
    sorted: view.sorted,
  };
}

function reset(batch, items, skipped) {
  batch.run += 1;
  batch.items = items;
  batch.next = 0;
  batch.entries = [];
  batch.skipped = skipped;
  batch.stopping = false;
  batch.running = false;
  batch.sort = { key: 'path', dir: 'ascending' };
  clearTimeout(batch.redrawTimer);
  batch.redrawTimer = null;
}

/** Checks the files from `batch.next` on, one after another, until done or stopped. */
async function go(batch, hooks, view) {
  const run = batch.run;
  const checker = hooks.checker();
  if (batch.running) {
    return;
  }
  if (!checker) {
    $('batch-status').textContent = '检查程序还在加载，请稍后点“继续检查”';
    $('batch-resume').hidden = false;
    return;
  }
  batch.running = true;
  batch.stopping = false;
  batch.started = performance.now();
  setState('running');
  view.redraw();
  while (batch.next < batch.items.length && !batch.stopping) {
    const item = batch.items[batch.next];
    showProgress(batch, item.path);
    const result = await checkOne(item, checker);
    if (run !== batch.run) {
      return;
    }
    // The file is read: only its path is kept, so its bytes can be let go.
    batch.items[batch.next] = { path: item.path, kind: item.kind };
    batch.next += 1;
    if (result.skipped) {
      batch.skipped.push(result.skipped);
    } else {
      batch.entries.push(result);
    }
    scheduleRedraw(batch, view);
    await yieldToPage();
    if (run !== batch.run) {
      return;
    }
  }
  batch.running = false;
  clearTimeout(batch.redrawTimer);
  batch.redrawTimer = null;
  setState(batch.next < batch.items.length ? 'stopped' : 'done');
  view.redraw();
}

/** Tests (and curious readers) see the batch's state on the root element. */
function setState(value) {
  document.documentElement.dataset.batch = value;
}

function scheduleRedraw(batch, view) {
  if (batch.redrawTimer === null) {
    batch.redrawTimer = setTimeout(() => {
      batch.redrawTimer = null;
      view.redraw();
    }, REDRAW_MS);
  }
}

function showProgress(batch, path) {
  const total = batch.items.length;
  const bar = $('batch-bar');
  bar.max = Math.max(1, total);
  bar.value = batch.next;
  $('batch-status').textContent = `正在检查第 ${batch.next + 1} / ${total} 份：${path}`;
}

/** The status line once the batch has stopped or finished. */
function showOutcome(batch) {
  const total = batch.items.length;
  const bar = $('batch-bar');
  bar.max = Math.max(1, total);
  bar.value = batch.next;
  $('batch-stop').hidden = !batch.running;
  $('batch-stop').disabled = batch.stopping;
  $('batch-resume').hidden = batch.running || batch.next >= total;
  if (batch.running) {
    return;
  }
  if (batch.next < total) {
    $('batch-status').textContent = `已停止：检查了 ${batch.next} / ${total} 份，其余 ${total - batch.next} 份未检查`;
    return;
  }
  const seconds = ((performance.now() - batch.started) / 1000).toFixed(1);
  $('batch-status').textContent = total === 0 ? '没有可检查的文件' : `已检查全部 ${total} 份 · 用时 ${seconds} 秒`;
}

/** Redraws the batch section: status, totals, what was skipped, the table and the chart. */
function draw(batch, hooks, view) {
  showOutcome(batch);
  renderTotals(batch);
  renderSkipped(batch.skipped);
  const sorted = view.sorted();
  renderTable($('batch-table'), sorted, {
    sort: batch.sort,
    onSort: (key, dir) => {
      batch.sort = { key, dir };
      view.redraw();
    },
    onOpen: (entry) => hooks.open(entry, view.sorted()),
  });
  renderChart($('batch-chart'), batch.entries, hooks.rulesById);
  const none = batch.entries.length === 0;
  $('batch-csv').disabled = none;
  $('batch-findings-csv').disabled = none;
}

function renderTotals(batch) {
  const totals = { error: 0, warning: 0, info: 0 };
  for (const e of batch.entries) {
    for (const key of Object.keys(totals)) {
      totals[key] += e.summary.counts[key];
    }
  }
  const clean = batch.entries.filter((e) => e.summary.counts.error === 0 && e.summary.counts.warning === 0).length;
  $('batch-totals').textContent =
    `已检查 ${batch.entries.length} 份报告：错误 ${totals.error} 个，警告 ${totals.warning} 个，提示 ${totals.info} 个；` +
    `无错误和警告的 ${clean} 份` +
    (batch.skipped.length > 0 ? `；跳过 ${batch.skipped.length} 个文件` : '');
}

function renderSkipped(skipped) {
  const box = $('batch-skipped');
  clear(box);
  box.hidden = skipped.length === 0;
  if (skipped.length === 0) {
    return;
  }
  const list = el('ul', { class: 'skipped-list' });
  for (const s of skipped) {
    list.append(el('li', null, el('span', { class: 'skipped-path', text: s.path }), el('span', { class: 'skipped-reason', text: s.reason })));
  }
  box.append(el('details', { open: skipped.length <= 5 }, el('summary', { text: `跳过了 ${skipped.length} 个文件（未检查）` }), list));
}

/** Compares two summary values: numbers by value, text by the reader's collation; unknown last. */
const COLLATOR = new Intl.Collator('zh-CN', { numeric: true });
const SORT_VALUE = {
  path: (e) => e.path,
  title: (e) => e.summary.title,
  year: (e) => e.summary.year,
  sections: (e) => e.summary.sections,
  error: (e) => e.summary.counts.error,
  warning: (e) => e.summary.counts.warning,
  info: (e) => e.summary.counts.info,
};

function sortedEntries(batch) {
  const value = SORT_VALUE[batch.sort.key] || SORT_VALUE.path;
  const sign = batch.sort.dir === 'descending' ? -1 : 1;
  // Entries arrive in path order, so equal values stay in path order (the sort is stable).
  return batch.entries.slice().sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) {
      return x === y ? 0 : x === null ? 1 : -1;
    }
    return sign * (typeof x === 'number' ? x - y : COLLATOR.compare(x, y));
  });
}

/** A name for a batch download: what it holds and today's date. */
function batchFileName(what) {
  return `年报批量检查-${what}-${new Date().toISOString().slice(0, 10)}.csv`;
}
