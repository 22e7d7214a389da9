// The list of findings, grouped by the section they lie in. Findings of one rule that repeat
// within a section (the same cause met many times) fold into one entry that opens to show
// each. A filter by severity shows counts. The list is one Tab stop: arrow keys move within it,
// Enter selects a finding's text, and focus stays in the list, so the reader keeps their place.
//
// Each finding can be marked 已核实，忽略 with an optional reason; the page remembers it by the
// finding's fingerprint. A finding that determines what its place should hold has 改为 …,
// which writes it into the text (fix.js); one that cannot tell which cell is wrong has none.
// The rule's documentation is built only when the reader opens it. Its texts (what, why, the
// examples, how to fix) are not in the checker's module: they come from pkg/rule-docs.js
// (written by scripts/build.mjs from the catalogue), imported the first time a rule's
// explanation or the print view needs them.

import { clear, el } from './dom.js';
import { SEVERITIES, SEVERITY_SYMBOL, severityZh } from './labels.js';
import { sectionOf, SECTION_NAMES } from './sections.js';
import { formatValue } from './tables.js';

/** Findings of one rule in one section from this many on are folded into one entry. */
const FOLD_FROM = 4;

/**
 * "第 12 行第 3 列" (in a PDF's text "第 3 页，第 12 行第 3 列": the page of the PDF, then the
 * line of the text read from it), or "全文" for a finding without a place.
 */
export function placeText(loc) {
  if (!loc) {
    return '全文';
  }
  const page = loc.page ? `第 ${loc.page} 页，` : '';
  return `${page}第 ${loc.line} 行第 ${loc.column} 列`;
}

/** A severity badge: its symbol and its name, never colour alone. */
export function badge(severity) {
  return el('span', { class: `badge badge-${severity}` }, el('span', { class: 'badge-symbol', 'aria-hidden': 'true', text: SEVERITY_SYMBOL[severity] || '' }), severityZh(severity));
}

/** The rules' documentation texts by id (`{id, what, why, bad, good, fix}`), once loaded. */
let docs = null;
let loadingDocs = null;

/** Imports pkg/rule-docs.js once; resolves when the texts are there (a failure may be retried). */
export function loadRuleDocs() {
  if (!loadingDocs) {
    loadingDocs = import('./pkg/rule-docs.js').then(
      (module) => {
        docs = new Map(module.default.map((texts) => [texts.id, texts]));
      },
      (err) => {
        loadingDocs = null;
        throw err;
      },
    );
  }
  return loadingDocs;
}

/** Whether the documentation texts are loaded, so that `ruleDoc` shows them. */
export function ruleDocsLoaded() {
  return docs !== null;
}

function ruleDoc(rule) {
  const texts = (docs && docs.get(rule.id)) || {};
  const parts = [
    ['依据', rule.clause],
    ['检查什么', texts.what],
    ['为什么', texts.why],
    ['错误示例', texts.bad],
    ['正确写法', texts.good],
    ['怎么改', texts.fix],
  ];
  const dl = el('dl', { class: 'rule-doc' });
  for (const [term, text] of parts) {
    if (text) {
      const isExample = term === '错误示例' || term === '正确写法';
      dl.append(el('dt', { text: term }), el('dd', { class: isExample ? 'example' : null, text }));
    }
  }
  return dl;
}

/** The rule's documentation, for the list (built on opening) and the print view. */
export { ruleDoc };

function ruleDetails(rule) {
  const summary = el('summary', null, '规则说明', el('span', { class: 'rule-title', text: rule.title }));
  const details = el('details', { class: 'rule-details' }, summary);
  const fill = () => {
    if (details.childElementCount === 1) {
      details.append(ruleDoc(rule));
    }
  };
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) {
      // Without the texts (they could not be loaded) the clause still shows.
      loadRuleDocs().then(fill, fill);
    }
  });
  return details;
}

function extras(diag, ctx) {
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
  const fix = ctx.onApply && ctx.fixOf ? ctx.fixOf(diag) : null;
  if (fix !== null) {
    const shown = diag.suggestion ? `「${fix}」` : ` ${fix}`;
    out.append(
      el('button', {
        type: 'button',
        class: 'apply-fix',
        text: `改为${shown}`,
        title: `把原文${placeText(diag.span)}改为${shown.trim()}，并重新检查；在文本框中按 Ctrl+Z 可撤销`,
        onclick: () => ctx.onApply(diag),
      }),
    );
  }
  return out.childElementCount > 0 ? out : null;
}

/**
 * The rows a finding counts rather than names (`items`: its message says how many), as a list
 * folded under the finding; null when the message names them itself.
 */
function itemsList(diag) {
  const items = Array.isArray(diag.items) ? diag.items : [];
  if (items.length === 0) {
    return null;
  }
  return el(
    'details',
    { class: 'finding-items' },
    el('summary', { text: `展开这 ${items.length} 行` }),
    el('ul', null, items.map((item) => el('li', { text: item }))),
  );
}

/** The 已核实，忽略 control: a button that opens a short form asking for the reason. */
function ignoreControl(diag, onIgnore) {
  const box = el('div', { class: 'ignore' });
  const open = el('button', { type: 'button', class: 'link-button', text: '已核实，忽略' });
  const reason = el('input', { type: 'text', class: 'ignore-reason', maxlength: '200', placeholder: '理由（可选），如：经核实，本单位未设该类事项', 'aria-label': '忽略理由（可选）' });
  const confirm = el('button', { type: 'button', class: 'small-button', text: '确认忽略' });
  const cancel = el('button', { type: 'button', class: 'link-button', text: '取消' });
  const form = el('div', { class: 'ignore-form', hidden: true }, reason, confirm, cancel);
  open.addEventListener('click', () => {
    form.hidden = false;
    open.hidden = true;
    reason.focus();
  });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    open.hidden = false;
    open.focus();
  });
  const done = () => onIgnore(diag, reason.value.trim());
  confirm.addEventListener('click', done);
  reason.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      done();
    } else if (event.key === 'Escape') {
      cancel.click();
    }
  });
  box.append(open, form);
  return box;
}

function findingItem(diag, ctx) {
  const rule = ctx.rulesById.get(diag.rule);
  const parts = [
    badge(diag.severity),
    el('code', { class: 'rule-id', text: diag.rule }),
    el('span', { class: 'message', text: diag.message }),
    el('span', { class: 'place', text: placeText(diag.span) }),
  ];
  const item = el('li', { class: `finding sev-${diag.severity}`, 'data-rule': diag.rule, 'data-severity': diag.severity, 'data-fingerprint': diag.fingerprint });
  const canJump = diag.span && diag.span.start16 !== undefined;
  const main = canJump
    ? el('button', { type: 'button', class: 'finding-main nav', tabindex: '-1', title: '在原文中选中', onclick: () => ctx.onJump(diag, item) }, parts)
    : el('div', { class: 'finding-main nav', tabindex: '-1' }, parts);
  item.append(main);
  const more = extras(diag, ctx);
  if (more) {
    item.append(more);
  }
  const listed = itemsList(diag);
  if (listed) {
    item.append(listed);
  }
  const tools = el('div', { class: 'finding-tools' });
  if (rule) {
    tools.append(ruleDetails(rule));
  }
  if (ctx.onIgnore && diag.fingerprint) {
    tools.append(ignoreControl(diag, ctx.onIgnore));
  }
  item.append(tools);
  return item;
}

/** Splits one section's findings into single findings and folded runs of one rule. */
function causes(diags) {
  const byRule = new Map();
  for (const d of diags) {
    byRule.set(d.rule, (byRule.get(d.rule) || 0) + 1);
  }
  const out = [];
  const folded = new Map();
  for (const d of diags) {
    if (byRule.get(d.rule) < FOLD_FROM) {
      out.push(d);
      continue;
    }
    if (!folded.has(d.rule)) {
      const run = { rule: d.rule, diags: [] };
      folded.set(d.rule, run);
      out.push(run);
    }
    folded.get(d.rule).diags.push(d);
  }
  return out;
}

function foldedItem(run, ctx) {
  const first = run.diags[0];
  const rule = ctx.rulesById.get(run.rule);
  const severities = new Set(run.diags.map((d) => d.severity));
  const summary = el(
    'summary',
    { class: 'nav', tabindex: '-1' },
    badge(first.severity),
    el('code', { class: 'rule-id', text: run.rule }),
    el('span', { class: 'message', text: rule ? rule.title : first.message }),
    el('span', { class: 'cause-count', text: `同类 ${run.diags.length} 处` }),
  );
  const list = el('ol', { class: 'findings nested' }, run.diags.map((d) => findingItem(d, ctx)));
  return el(
    'li',
    { class: `cause sev-${first.severity}`, 'data-rule': run.rule, 'data-severities': Array.from(severities).join(' ') },
    el('details', null, summary, list),
  );
}

/** Moves focus among the list's visible entries with the arrow keys, Home and End. */
function wireKeys(container) {
  container.addEventListener('keydown', (event) => {
    const keys = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in keys) || !event.target.classList.contains('nav')) {
      return;
    }
    const all = Array.from(container.querySelectorAll('.nav')).filter((n) => n.offsetParent !== null);
    const i = all.indexOf(event.target);
    const step = keys[event.key];
    const to = step === -Infinity ? 0 : step === Infinity ? all.length - 1 : i + step;
    if (!all[to]) {
      return;
    }
    event.preventDefault();
    focusEntry(container, all[to]);
  });
  container.addEventListener('focusin', (event) => {
    if (event.target.classList.contains('nav')) {
      rove(container, event.target);
    }
  });
}

function rove(container, entry) {
  container.querySelectorAll('.nav[tabindex="0"]').forEach((n) => n.setAttribute('tabindex', '-1'));
  entry.setAttribute('tabindex', '0');
}

function focusEntry(container, entry) {
  rove(container, entry);
  entry.focus();
}

/**
 * Renders `report.diagnostics` into `container`. `ctx`: `rulesById`, `onJump(diag, item)`,
 * `onIgnore(diag, reason)`, `fixOf(diag)` (the text a finding proposes, or null) and
 * `onApply(diag)` (null where nothing may be changed), `filter` (a Set of severities shown).
 * Returns the counts per severity.
 */
export function renderFindings(container, report, ctx) {
  clear(container);
  if (!container.dataset.wired) {
    wireKeys(container);
    container.dataset.wired = 'true';
  }
  const bySection = new Map();
  for (const d of report.diagnostics) {
    const n = sectionOf(report, d);
    if (!bySection.has(n)) {
      bySection.set(n, []);
    }
    bySection.get(n).push(d);
  }
  for (const n of Array.from(bySection.keys()).sort((a, b) => a - b)) {
    const diags = bySection.get(n);
    const title = n === 0 ? '全文与标题' : SECTION_NAMES[n - 1];
    const list = el('ol', { class: 'findings' });
    for (const entry of causes(diags)) {
      list.append(entry.diags ? foldedItem(entry, ctx) : findingItem(entry, ctx));
    }
    container.append(
      el('section', { class: 'finding-group', 'data-section': String(n) }, el('h3', { class: 'group-title' }, title, el('span', { class: 'count', text: `（${diags.length}）` })), list),
    );
  }
  applyFilter(container, ctx.filter);
  const first = container.querySelector('.nav');
  if (first) {
    first.setAttribute('tabindex', '0');
  }
}

/** Shows only the findings whose severity is in `shown` (a Set); hides groups left empty. */
export function applyFilter(container, shown) {
  for (const item of container.querySelectorAll('li.finding')) {
    item.hidden = !shown.has(item.dataset.severity);
  }
  for (const cause of container.querySelectorAll('li.cause')) {
    cause.hidden = !cause.querySelector('li.finding:not([hidden])');
  }
  for (const group of container.querySelectorAll('.finding-group')) {
    group.hidden = !group.querySelector('li.finding:not([hidden])');
  }
  const focusable = Array.from(container.querySelectorAll('.nav')).filter((n) => n.offsetParent !== null);
  if (focusable.length > 0 && !focusable.some((n) => n.getAttribute('tabindex') === '0')) {
    rove(container, focusable[0]);
  }
}

/** The severity filter: a toggle per severity with its count. */
export function renderFilter(box, counts, shown, onChange) {
  clear(box);
  box.append(el('span', { class: 'filter-label', text: '显示：' }));
  for (const s of SEVERITIES) {
    const on = shown.has(s.id);
    box.append(
      el(
        'button',
        {
          type: 'button',
          class: `filter-toggle sev-${s.id}`,
          'aria-pressed': on ? 'true' : 'false',
          'data-severity': s.id,
          onclick: () => {
            if (shown.has(s.id)) {
              shown.delete(s.id);
            } else {
              shown.add(s.id);
            }
            onChange();
          },
        },
        badge(s.id),
        el('strong', { text: String(counts[s.id] || 0) }),
      ),
    );
  }
}
