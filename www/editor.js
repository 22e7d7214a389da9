// Marks findings in the text itself. The text area stays a plain <textarea> (the browser's own
// editing, undo and input methods, and the same UTF-16 offsets the report gives); behind it, a
// backdrop with the same font, padding and wrapping holds the same text with <mark>s at the
// findings' spans, and a gutter beside it holds one marker per marked line. The text area is
// transparent, so the marks show through under the letters.
//
// Hovering or focusing a gutter marker shows its findings; moving the caret into a mark shows
// them under the text area (`caret-note`). The backdrop never receives pointer events.
//
// The backdrop always holds the text the text area holds, one block per line (marks are dropped
// as soon as the text changes, the text is not): an edit redraws only the lines it touched, and
// each line's block tells where the line stands once wrapped, so the gutter numbers the lines
// the findings name (第 N 行) beside the rows in view, and no more. A spot shows the place the
// reader asked for (a table cell, a finding and the other cells it involves) while the focus
// stays where it was. Tabs are drawn as faint column rules, and the tab stop is set from the
// widest number standing between tabs, so the numbers of a pasted table row never run together.

import { clear, el } from './dom.js';
import { severityRank, severityZh, SEVERITY_SYMBOL } from './labels.js';

/** At most this many places are drawn; the note says when there were more. */
const MAX_MARKS = 2000;

/**
 * Cuts the spans of `diags` into segments that do not overlap: `[{start, end, diags}]` in text
 * order, each with every finding covering it. Empty spans (a missing section's place) are kept
 * as points. Linear in the number of boundaries.
 */
export function segments(diags) {
  const events = [];
  for (const d of diags) {
    const { start16: a, end16: b } = d.span;
    events.push({ at: a, open: d }, { at: Math.max(a, b), close: d });
  }
  events.sort((x, y) => x.at - y.at || (x.close ? -1 : 1));
  const out = [];
  const open = new Set();
  let from = 0;
  for (const e of events) {
    if (open.size > 0 && e.at > from) {
      out.push({ start: from, end: e.at, diags: Array.from(open) });
    }
    from = e.at;
    if (e.open) {
      if (e.open.span.start16 === e.open.span.end16) {
        out.push({ start: e.at, end: e.at, diags: [e.open] });
      } else {
        open.add(e.open);
      }
    } else if (e.close.span.start16 !== e.close.span.end16) {
      open.delete(e.close);
    }
  }
  return out;
}

function worst(diags) {
  return diags.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
}

function describe(diags) {
  return diags.map((d) => `${severityZh(d.severity)} ${d.rule}：${d.message}`).join('\n');
}

/** At most this many tabs are drawn as column rules; past that they stay plain text. */
const MAX_TAB_RULES = 50000;
/** Line numbers are drawn this far beyond the rows in view, so that a short scroll redraws none. */
const OVERSCAN_PX = 800;
/**
 * Lines are held in blocks of about this many, so that an edit lays out again its block and
 * not all the lines of a long text.
 */
const CHUNK_LINES = 64;
/** An edit that changes more lines than this draws the whole text again, in one go. */
const MAX_LINES_REDRAWN = 5000;
/**
 * The tab stop is set for numbers of up to this many characters; a longer one (a telephone
 * number in a table) takes two stops rather than widening every column.
 */
const MAX_CELL_CHARS = 6;

/** The UTF-16 offset where each line of `text` starts, the first at 0. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/**
 * The length in characters of the longest number that is a whole cell of a tab-separated row
 * (a tab on at least one side, a tab or a line end on the other), at most `MAX_CELL_CHARS`;
 * 0 when the text has none.
 */
export function widestCell(text) {
  const number = /(?<=^|[\t\n])[0-9０-９][0-9０-９.,，．]*(?=[\t\n]|$)/g;
  let widest = 0;
  for (const m of text.matchAll(number)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    const after = text[m.index + m[0].length];
    if ((before === '\t' || after === '\t') && m[0].length > widest) {
      widest = Math.min(m[0].length, MAX_CELL_CHARS);
    }
  }
  return widest;
}

/** The index of the last of the sorted `starts` at or before `offset`. */
function lastAtOrBefore(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** The ranges of the sorted, disjoint `ranges` ({start, end}) that touch [from, to]. */
function touching(ranges, from, to) {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end < from) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const out = [];
  for (let i = lo; i < ranges.length && ranges[i].start <= to; i += 1) {
    out.push(ranges[i]);
  }
  return out;
}

/**
 * Wires the marks onto `textarea`, whose parent is the `.text-wrap` box. `onActivate(diag)` is
 * called when a gutter marker is activated. Returns `{show(diags, text), clear(), current(diag),
 * spot(place, related), topOf(element), at(offset), describe(diags)}`.
 */
export function createEditor(textarea, { gutter, backdrop, note, onActivate }) {
  const layer = el('div', { class: 'highlights' });
  backdrop.append(layer);
  const numbers = el('div', { class: 'line-numbers', 'aria-hidden': 'true' });
  const markers = el('div', { class: 'gutter-inner' });
  gutter.append(numbers, markers);
  let shown = []; // the diagnostics drawn, with a place
  let segs = []; // their segments (see `segments`), in text order
  let segOf = new Map(); // diagnostic -> the first segment it covers
  let current = null; // the segment of the finding the reader is looking at
  let spots = []; // the places shown with `spot`: {start, end, kind}, in text order
  let mainSpot = null; // the element over the place asked for
  let painted = ''; // the text the layer holds
  let starts = [0]; // where each line of `painted` starts
  let lines = []; // one block per line of `painted`
  let rules = true; // tabs are drawn as column rules
  let drawn = null; // the stretch of the layer, in px, whose lines are numbered
  let frame = 0;

  /** The top of `node` (in the layer) in px from the top of the layer. */
  const topOf = (node) => {
    let y = 0;
    for (let n = node; n && n !== layer; n = n.offsetParent) {
      y += n.offsetTop;
    }
    return y;
  };
  const padTop = () => parseFloat(getComputedStyle(textarea).paddingTop) || 0;
  const sync = () => {
    const y = textarea.scrollTop;
    layer.style.transform = `translate(${-textarea.scrollLeft}px, ${-y}px)`;
    markers.style.transform = `translateY(${-y}px)`;
    numbers.style.transform = `translateY(${-y}px)`;
    const top = y - padTop();
    if (!drawn || top < drawn.top || top + textarea.clientHeight > drawn.bottom) {
      scheduleNumbers();
    }
  };
  // The backdrop must wrap exactly as the text area does: same content width, so its right
  // padding also covers the text area's scroll bar.
  const fit = () => {
    const style = getComputedStyle(textarea);
    const bar = textarea.offsetWidth - textarea.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    backdrop.style.paddingRight = `${parseFloat(style.paddingRight) + Math.max(0, bar)}px`;
    drawn = null;
    sync();
  };
  textarea.addEventListener('scroll', sync);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      fit();
      placeMarkers();
    }).observe(textarea);
  }

  /** Appends `painted[from, to)` to `parent`, each tab in a column rule. */
  function addText(parent, from, to) {
    let i = from;
    while (i < to) {
      const tab = rules ? painted.indexOf('\t', i) : -1;
      const stop = tab === -1 || tab >= to ? to : tab;
      if (stop > i) {
        parent.append(painted.slice(i, stop));
      }
      if (stop < to) {
        parent.append(el('span', { class: 'tab', text: '\t' }));
      }
      i = stop < to ? stop + 1 : to;
    }
  }

  function markOf(seg) {
    const w = worst(seg.diags);
    const point = seg.start === seg.end;
    return el('mark', {
      class: `mark sev-${w.severity}${point ? ' point' : ''}${seg === current ? ' current' : ''}`,
      'data-rules': seg.diags.map((d) => d.rule).join(' '),
    });
  }

  function spotOf(place) {
    const piece = el('span', { class: `spot ${place.kind}${place.start === place.end ? ' point' : ''}` });
    if (place.kind === 'spot-main' && !mainSpot) {
      mainSpot = piece;
    }
    return piece;
  }

  /** Line `i` of `painted` as a block: its text, the marks and spots on it, a line break. */
  function renderLine(i) {
    const from = starts[i];
    const to = i + 1 < starts.length ? starts[i + 1] - 1 : painted.length;
    const div = el('div', { class: 'line' });
    const ms = touching(segs, from, to).filter((r) => r.start < to || r.start === r.end);
    const ss = touching(spots, from, to).filter((r) => r.start < to || r.start === r.end);
    if (ms.length === 0 && ss.length === 0) {
      addText(div, from, to);
      div.append('\n');
      return div;
    }
    const cuts = new Set([from, to]);
    for (const r of ms.concat(ss)) {
      cuts.add(Math.max(from, r.start));
      cuts.add(Math.min(to, r.end));
    }
    const sorted = Array.from(cuts).sort((a, b) => a - b);
    sorted.forEach((a, k) => {
      for (const r of ms.filter((x) => x.start === x.end && x.start === a)) {
        div.append(claim(r, markOf(r), a));
      }
      for (const r of ss.filter((x) => x.start === x.end && x.start === a)) {
        div.append(spotOf(r));
      }
      const b = sorted[k + 1];
      if (b === undefined) {
        return;
      }
      const m = ms.find((r) => r.start < r.end && r.start <= a && b <= r.end);
      const s = ss.find((r) => r.start < r.end && r.start <= a && b <= r.end);
      let host = div;
      if (m) {
        host = claim(m, markOf(m), a);
        div.append(host);
      }
      if (s) {
        const piece = spotOf(s);
        host.append(piece);
        host = piece;
      }
      addText(host, a, b);
    });
    div.append('\n');
    return div;
  }

  /** Records `mark` as the first element of `seg` when it starts there (or has none yet). */
  function claim(seg, mark, at) {
    if (at === seg.start || !seg.el) {
      seg.el = mark;
    }
    return mark;
  }

  /** Draws again, once each, the lines `ranges` touch. */
  function redrawRanges(ranges) {
    const touched = new Set();
    for (const r of ranges) {
      const a = lastAtOrBefore(starts, Math.min(r.start, painted.length));
      const b = lastAtOrBefore(starts, Math.min(r.end, painted.length));
      for (let i = a; i <= b; i += 1) {
        touched.add(i);
      }
    }
    for (const i of touched) {
      const div = renderLine(i);
      lines[i].replaceWith(div);
      lines[i] = div;
    }
  }

  /** Puts all of `text` into the layer, as lines without marks. */
  function paintAll(text) {
    painted = text;
    starts = lineStarts(text);
    rules = countTabs(text) <= MAX_TAB_RULES;
    clear(layer);
    const parts = document.createDocumentFragment();
    lines = starts.map((_, i) => renderLine(i));
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      parts.append(el('div', { class: 'chunk' }, lines.slice(i, i + CHUNK_LINES)));
    }
    layer.append(parts);
    afterText();
  }

  /**
   * Brings the layer to `text`, drawing again only the lines between the first and the last
   * character that changed. Marks and spots must be gone (their places moved).
   */
  function update(text) {
    if (text === painted) {
      return;
    }
    if (lines.length === 0 || countTabs(text) <= MAX_TAB_RULES !== rules) {
      paintAll(text);
      return;
    }
    const n = Math.min(text.length, painted.length);
    let p = 0;
    while (p < n && text.charCodeAt(p) === painted.charCodeAt(p)) {
      p += 1;
    }
    let s = 0;
    while (s < n - p && text.charCodeAt(text.length - 1 - s) === painted.charCodeAt(painted.length - 1 - s)) {
      s += 1;
    }
    const first = lastAtOrBefore(starts, p);
    const lastOld = lastAtOrBefore(starts, painted.length - s);
    const newStarts = lineStarts(text);
    const lastNew = lastAtOrBefore(newStarts, text.length - s);
    if (lastNew - first > MAX_LINES_REDRAWN || lastOld - first > MAX_LINES_REDRAWN) {
      paintAll(text);
      return;
    }
    painted = text;
    starts = newStarts;
    const fresh = [];
    for (let i = first; i <= lastNew; i += 1) {
      fresh.push(renderLine(i));
    }
    const gone = lines.splice(first, lastOld - first + 1, ...fresh);
    const chunk = gone[0].parentNode;
    const parts = document.createDocumentFragment();
    for (const line of fresh) {
      parts.append(line);
    }
    chunk.insertBefore(parts, gone[0]);
    for (const g of gone) {
      const from = g.parentNode;
      g.remove();
      if (from !== chunk && from.childElementCount === 0) {
        from.remove();
      }
    }
    if (chunk.childElementCount > 4 * CHUNK_LINES) {
      split(chunk);
    }
    afterText();
  }

  /** Cuts a block that grew by many lines into blocks of the usual size. */
  function split(chunk) {
    const all = Array.from(chunk.children);
    const parts = document.createDocumentFragment();
    for (let i = 0; i < all.length; i += CHUNK_LINES) {
      parts.append(el('div', { class: 'chunk' }, all.slice(i, i + CHUNK_LINES)));
    }
    chunk.replaceWith(parts);
  }

  function afterText() {
    const digits = String(String(starts.length).length);
    if (gutter.style.getPropertyValue('--ln-digits') !== digits) {
      gutter.style.setProperty('--ln-digits', digits);
    }
    drawn = null;
    scheduleNumbers();
  }

  function countTabs(text) {
    let n = 0;
    for (let i = text.indexOf('\t'); i !== -1 && n <= MAX_TAB_RULES; i = text.indexOf('\t', i + 1)) {
      n += 1;
    }
    return n;
  }

  /**
   * Sets the tab stop from the widest number standing between tabs, plus a gap of one em, on
   * the text area and the backdrop alike; at least two em.
   */
  function setTabStop(text) {
    const style = getComputedStyle(textarea);
    const em = parseFloat(style.fontSize) || 15;
    const canvas = document.createElement('canvas').getContext('2d');
    let digit = 0.6 * em;
    if (canvas) {
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      digit = canvas.measureText('0').width || digit;
    }
    const stop = `${Math.ceil(Math.max(2 * em, widestCell(text) * digit + em))}px`;
    const wrap = textarea.parentElement;
    if (wrap.style.getPropertyValue('--tab-stop') !== stop) {
      wrap.style.setProperty('--tab-stop', stop);
    }
  }

  /**
   * Numbers the lines whose first row is in view or near it. Every position is read before
   * anything is written, so the page is laid out once.
   */
  function drawNumbers() {
    frame = 0;
    if (lines.length === 0 || layer.offsetParent === null) {
      clear(numbers);
      drawn = null;
      return;
    }
    const pad = padTop();
    const top = textarea.scrollTop - pad - OVERSCAN_PX;
    const bottom = textarea.scrollTop - pad + textarea.clientHeight + OVERSCAN_PX;
    const height = parseFloat(getComputedStyle(textarea).lineHeight) || 25;
    // The first line whose block starts below `top`: the blocks go down as the lines do.
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (topOf(lines[mid]) < top) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const tops = [];
    for (let i = Math.max(0, lo - 1); i < lines.length; i += 1) {
      const y = topOf(lines[i]);
      if (y > bottom) {
        break;
      }
      tops.push([i, y]);
    }
    const parts = document.createDocumentFragment();
    for (const [i, y] of tops) {
      const n = el('span', { class: 'line-number', text: String(i + 1) });
      // Through the style object: the page's CSP refuses style attributes.
      n.style.top = `${pad + y}px`;
      n.style.height = `${height}px`;
      n.style.lineHeight = `${height}px`;
      parts.append(n);
    }
    clear(numbers);
    numbers.append(parts);
    drawn = { top: top + OVERSCAN_PX / 2, bottom: bottom - OVERSCAN_PX / 2 };
  }

  function scheduleNumbers() {
    if (!frame) {
      frame = requestAnimationFrame(drawNumbers);
    }
  }

  function placeMarkers() {
    clear(markers);
    const byTop = new Map(); // top in px -> diagnostics on that line
    for (const d of shown) {
      const seg = segOf.get(d);
      const mark = seg && seg.el;
      if (!mark || !mark.isConnected) {
        continue;
      }
      const top = topOf(mark);
      if (!byTop.has(top)) {
        byTop.set(top, []);
      }
      byTop.get(top).push(d);
    }
    let first = true;
    for (const [top, diags] of byTop) {
      const w = worst(diags);
      const text = describe(diags);
      const button = el('button', {
        type: 'button',
        class: `gutter-mark sev-${w.severity}`,
        tabindex: first ? '0' : '-1',
        title: text,
        'aria-label': text,
        text: SEVERITY_SYMBOL[w.severity] || '•',
        onclick: () => onActivate(w),
      });
      button.style.top = `${top}px`;
      markers.append(button);
      first = false;
    }
  }

  // One Tab stop for the gutter; arrow keys move between its markers.
  markers.addEventListener('keydown', (event) => {
    const all = Array.from(markers.querySelectorAll('.gutter-mark'));
    const i = all.indexOf(document.activeElement);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[event.key];
    if (i < 0 || to === undefined || !all[to]) {
      return;
    }
    event.preventDefault();
    all.forEach((b) => b.setAttribute('tabindex', '-1'));
    all[to].setAttribute('tabindex', '0');
    all[to].focus();
  });

  /** Takes every mark and spot off the text; the lines they were on are drawn again. */
  function unmark() {
    const old = segs.concat(spots);
    shown = [];
    segs = [];
    segOf = new Map();
    current = null;
    spots = [];
    mainSpot = null;
    clear(markers);
    redrawRanges(old);
  }

  function show(diags, text) {
    unmark();
    update(text);
    const placed = diags.filter((d) => d.span && d.span.start16 !== undefined && d.span.end16 <= text.length);
    shown = placed.slice(0, MAX_MARKS);
    segs = segments(shown);
    for (const seg of segs) {
      for (const d of seg.diags) {
        if (!segOf.has(d)) {
          segOf.set(d, seg);
        }
      }
    }
    redrawRanges(segs);
    setTabStop(text);
    placeMarkers();
    note.textContent =
      placed.length > MAX_MARKS ? `问题较多，原文中只标出前 ${MAX_MARKS} 处（共 ${placed.length} 处），右侧列表列出全部。` : '';
  }

  /**
   * Shows `place` (a location with UTF-16 offsets) in the text, and `related` places beside
   * it more lightly, over whatever marks are there, until the text changes. Returns the
   * element over `place`, to scroll to, or null.
   */
  function spot(place, related = []) {
    const old = spots;
    const valid = (p) => p && p.start16 !== undefined && p.start16 <= p.end16 && p.end16 <= painted.length;
    const list = [];
    if (valid(place)) {
      list.push({ start: place.start16, end: place.end16, kind: 'spot-main' });
    }
    for (const p of related.filter(valid)) {
      list.push({ start: p.start16, end: p.end16, kind: 'spot-related' });
    }
    list.sort((a, b) => a.start - b.start || (a.kind === 'spot-main' ? -1 : 1));
    spots = [];
    for (const r of list) {
      const last = spots[spots.length - 1];
      if (!last || r.start >= last.end && !(r.start === last.start && r.start === r.end)) {
        spots.push(r);
      }
    }
    mainSpot = null;
    redrawRanges(old.concat(spots));
    return mainSpot;
  }

  paintAll(textarea.value);
  setTabStop(textarea.value);

  return {
    show,
    /** Drops every mark and spot: the text changed, or there is none. The layer keeps the text. */
    clear() {
      unmark();
      update(textarea.value);
      note.textContent = '';
    },
    /** Marks `diag` as the one the reader is looking at. */
    current(diag) {
      if (current && current.el) {
        current.el.classList.remove('current');
      }
      current = (diag && segOf.get(diag)) || null;
      if (current && current.el) {
        current.el.classList.add('current');
      }
    },
    spot,
    topOf,
    /** The findings whose span covers UTF-16 offset `offset`, most serious first. */
    at(offset) {
      return shown
        .filter((d) => d.span.start16 <= offset && offset <= d.span.end16)
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    },
    describe,
  };
}
