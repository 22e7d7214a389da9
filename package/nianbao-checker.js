// <nianbao-checker for="editor-id">: checks the report in a page's editor as the user types
// and lists the findings, for a CMS that wants them before 发布.
//
// The editor is a textarea (or input), or a contenteditable element: its text as the user sees
// it (innerText), or its HTML when it holds tables (a paste from Word or WPS), which
// checkHtml() reads by their grid. Clicking a finding selects its text in the editor: in a
// textarea by its UTF-16 offsets, in a contenteditable element with a DOM Range over the text
// nodes those offsets fall in (see `rangeOf`). After every check the element fires `nianbao-result`
// (bubbling, composed) with `{report, counts}`; `report` is null while the editor is empty or
// the checker could not load. Everything is drawn in a shadow root with textContent only, so
// no style leaks in or out and no user text is ever parsed as HTML.
//
// Attributes: `for` (the editor's id). Properties: `report`, `counts`, `config` (rules or
// findings to leave out, see Config in index.d.ts; setting it checks again); `check()` checks
// now.

import { check, checkHtml, init } from './index.js';

const DELAY_MS = 300;
const QUOTE_CHARS = 30;
const LEVELS = [
  ['error', '错误'],
  ['warning', '警告'],
  ['info', '提示'],
];
const LEVEL_NAMES = Object.fromEntries(LEVELS);

const CSS = `
:host { display: block; font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
:host([hidden]) { display: none; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 12px;
  border-bottom: 1px solid #d0d7de; background: #f6f8fa; border-radius: 6px 6px 0 0; }
h2 { margin: 0 auto 0 0; font-size: 15px; }
.count { padding: 0 8px; border-radius: 10px; font-size: 13px; background: #eaeef2; }
.status { padding: 10px 12px; margin: 0; color: #57606a; }
.status.ok { color: #1a7f37; font-weight: 600; }
ol { list-style: none; margin: 0; padding: 0; max-height: 420px; overflow: auto; }
li { border-bottom: 1px solid #eaeef2; }
li:last-child { border-bottom: 0; }
.finding { display: block; width: 100%; box-sizing: border-box; padding: 8px 12px; border: 0;
  background: none; font: inherit; color: inherit; text-align: left; }
button.finding { cursor: pointer; }
button.finding:hover, button.finding:focus { background: #f3f8ff; outline: none; }
.meta { display: flex; gap: 8px; font-size: 12px; color: #57606a; }
.level { font-weight: 600; }
.error { color: #b42318; }
.warning { color: #9a6700; }
.info { color: #0969da; }
.count.error { background: #ffebe9; }
.count.warning { background: #fff8c5; }
.count.info { background: #ddf4ff; }
.message { display: block; }
.quote { display: block; font-size: 12px; color: #57606a; white-space: pre-wrap;
  overflow-wrap: anywhere; }
`;

/** An element with text content and attributes; children appended in order. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

/** Removes every child of `node`. */
function clear(node) {
  node.textContent = '';
}

/** How many findings of each severity `report` has. */
function countsOf(report) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report ? report.diagnostics : []) {
    counts[d.severity] += 1;
  }
  return counts;
}

/** The input to check from `editor`: its value, its HTML when it holds tables, or its text. */
function readEditor(editor) {
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    return { text: editor.value, selectable: true };
  }
  if (editor.querySelector('table')) {
    return { html: editor.innerHTML, blank: editor.textContent.trim() === '' };
  }
  return { text: editor.innerText };
}

/** White space, which the checked text may have collapsed, added or turned into another kind. */
const SPACE = /\s/;

/** How far ahead in the checked text a character of the editor is looked for. */
const LOOKAHEAD = 64;

/**
 * Where each character of the editor's text nodes is in `text`, the text that was checked (the
 * editor's innerText, or the text the core laid its HTML out as): `[{node, at}]` in document
 * order, `at[i]` the offset in `text` of the node's UTF-16 unit `i`. The nodes' characters are
 * matched against `text` in order: what `text` has and the nodes do not (line breaks between
 * blocks, tabs between table cells) is skipped, white space the nodes have and `text` collapsed
 * is placed where it was collapsed. Text that does not show (display: none) is left out, as
 * innerText leaves it out.
 */
function placesOf(editor, text) {
  const shows = new Map();
  const showing = (element) => {
    if (!shows.has(element)) {
      shows.set(element, element.getClientRects().length > 0);
    }
    return shows.get(element);
  };
  const places = [];
  let p = 0;
  const walker = editor.ownerDocument.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !showing(node.parentElement)) {
      continue;
    }
    const data = node.data;
    const at = new Array(data.length);
    for (let i = 0; i < data.length; i += 1) {
      const c = data[i];
      if (SPACE.test(c)) {
        at[i] = p;
        if (p < text.length && SPACE.test(text[p])) {
          p += 1;
        }
        continue;
      }
      let q = p;
      while (q < text.length && q - p < LOOKAHEAD && text[q] !== c) {
        q += 1;
      }
      if (text[q] === c) {
        at[i] = q;
        p = q + 1;
      } else {
        at[i] = p;
      }
    }
    places.push({ node, at });
  }
  return places;
}

/**
 * A DOM Range over the editor's text for the UTF-16 offsets `start`–`end` of `text` (what was
 * checked), or null when the editor has no text. An empty span (a missing section's place)
 * gives a collapsed Range there.
 */
function rangeOf(editor, text, start, end) {
  const places = placesOf(editor, text);
  if (places.length === 0) {
    return null;
  }
  const last = places[places.length - 1];
  let from = null;
  let to = null;
  for (const { node, at } of places) {
    for (let i = 0; i < at.length; i += 1) {
      if (!from && at[i] >= start) {
        from = [node, i];
      }
      if (at[i] < end) {
        to = [node, i + 1];
      }
    }
  }
  const range = editor.ownerDocument.createRange();
  range.setStart(...(from || [last.node, last.node.data.length]));
  if (to && end > start) {
    range.setEnd(...to);
  }
  return range;
}

/** Scrolls `editor` (and the page, if need be) so that `range` shows a third from its top. */
function reveal(editor, range) {
  const rect = range.getBoundingClientRect();
  const box = editor.getBoundingClientRect();
  if (editor.scrollHeight > editor.clientHeight) {
    editor.scrollTop += rect.top - box.top - editor.clientHeight / 3;
  }
  const again = range.getBoundingClientRect();
  if (again.top < 0 || again.bottom > window.innerHeight) {
    window.scrollBy(0, again.top - window.innerHeight / 3);
  }
}

function quoteOf(text, span) {
  const quote = text.slice(span.start16, span.end16).trim();
  return quote.length > QUOTE_CHARS ? `${quote.slice(0, QUOTE_CHARS)}…` : quote;
}

class NianbaoChecker extends HTMLElement {
  static get observedAttributes() {
    return ['for'];
  }

  constructor() {
    super();
    this.report = null;
    this.counts = countsOf(null);
    this._config = undefined;
    this._editor = null;
    this._timer = null;
    this._onInput = () => this._schedule();
    const root = this.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      // A constructed sheet is not an inline style, so a page's strict CSP does not block it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', { text: CSS }));
    }
    this._summary = el('div', { class: 'counts' });
    this._status = el('p', { class: 'status', role: 'status' });
    this._list = el('ol', { 'aria-label': '问题列表' });
    root.append(el('header', {}, el('h2', { text: '年报检查' }), this._summary), this._status, this._list);
  }

  get config() {
    return this._config;
  }

  set config(value) {
    this._config = value;
    this.check();
  }

  connectedCallback() {
    this._attach();
  }

  disconnectedCallback() {
    this._detach();
  }

  attributeChangedCallback() {
    if (this.isConnected) {
      this._attach();
    }
  }

  /** Checks the editor now. */
  async check() {
    clearTimeout(this._timer);
    const editor = this._editor;
    if (!editor) {
      return;
    }
    try {
      await init();
    } catch (err) {
      this._show(null, err.message);
      return;
    }
    if (editor !== this._editor) {
      return;
    }
    const input = readEditor(editor);
    if (input.html !== undefined ? input.blank : input.text.trim() === '') {
      this._show(null, '编辑区为空：输入或粘贴年报正文后自动检查');
      return;
    }
    let report;
    try {
      report = input.html !== undefined ? checkHtml(input.html) : check(input.text, { config: this._config });
    } catch (err) {
      // Only a malformed `config` gets here; the message says which field, in Chinese.
      this._show(null, `无法检查：${err.message}`);
      return;
    }
    this._show(report, report.diagnostics.length === 0 ? '未发现问题' : '', input);
  }

  _attach() {
    this._detach();
    const id = this.getAttribute('for');
    const root = this.getRootNode();
    this._editor = id && root.getElementById ? root.getElementById(id) : null;
    if (!this._editor) {
      this._show(null, `找不到要检查的编辑区（for="${id || ''}"）`);
      return;
    }
    this._editor.addEventListener('input', this._onInput);
    this.check();
  }

  _detach() {
    clearTimeout(this._timer);
    if (this._editor) {
      this._editor.removeEventListener('input', this._onInput);
      this._editor = null;
    }
  }

  _schedule() {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this.check(), DELAY_MS);
  }

  /** Draws `report` and `status`, then fires nianbao-result; `input` is what was checked. */
  _show(report, status, input = {}) {
    this.report = report;
    this.counts = countsOf(report);
    clear(this._summary);
    for (const [level, name] of LEVELS) {
      this._summary.append(el('span', { class: `count ${level}`, text: `${name} ${this.counts[level]}` }));
    }
    this._status.textContent = status;
    this._status.hidden = !status;
    this._status.classList.toggle('ok', Boolean(report) && Boolean(status));
    clear(this._list);
    if (report) {
      const text = report.source ? report.source.text : input.text;
      for (const d of report.diagnostics) {
        this._list.append(this._item(d, text, input.selectable));
      }
    }
    const detail = { report, counts: this.counts };
    this.dispatchEvent(new CustomEvent('nianbao-result', { detail, bubbles: true, composed: true }));
  }

  _item(d, text, selectable) {
    const meta = el(
      'span',
      { class: 'meta' },
      el('span', { class: `level ${d.severity}`, text: LEVEL_NAMES[d.severity] }),
      el('span', { text: d.rule }),
      el('span', { text: d.span ? `第 ${d.span.line} 行第 ${d.span.column} 列` : '全文' }),
    );
    const parts = [meta, el('span', { class: 'message', text: d.message })];
    const quote = d.span ? quoteOf(text, d.span) : '';
    if (quote) {
      parts.push(el('span', { class: 'quote', text: `原文：${quote}` }));
    }
    if (!d.span) {
      return el('li', {}, el('div', { class: 'finding' }, ...parts));
    }
    const button = el('button', { class: 'finding', type: 'button', title: '在编辑区中选中' }, ...parts);
    button.addEventListener('click', () => this._select(d.span, text, selectable));
    return el('li', {}, button);
  }

  /** Selects `span` of `text` (what was checked) in the editor and brings it into view. */
  _select(span, text, plain) {
    const editor = this._editor;
    if (!editor) {
      return;
    }
    if (plain) {
      editor.focus();
      editor.setSelectionRange(span.start16, span.end16);
      return;
    }
    const range = rangeOf(editor, text, span.start16, span.end16);
    if (!range) {
      return;
    }
    editor.focus({ preventScroll: true });
    const selection = editor.ownerDocument.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    reveal(editor, range);
  }
}

if (!customElements.get('nianbao-checker')) {
  customElements.define('nianbao-checker', NianbaoChecker);
}
