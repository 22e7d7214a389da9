// Marks findings in the text itself. The text area stays a plain <textarea> (the browser's own
// editing, undo and input methods, and the same UTF-16 offsets the report gives); behind it, a
// backdrop with the same font, padding and wrapping holds the same text with <mark>s at the
// findings' spans, and a gutter beside it holds one marker per marked line. The text area is
// transparent, so the marks show through under the letters.
//
// Hovering or focusing a gutter marker shows its findings; moving the caret into a mark shows
// them under the text area (`caret-note`). The backdrop never receives pointer events.

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

/**
 * Wires the marks onto `textarea`, whose parent is the `.text-wrap` box. `onActivate(diag)` is
 * called when a gutter marker is activated. Returns `{show(diags, text), clear(), current(diag),
 * note(offset)}`.
 */
export function createEditor(textarea, { gutter, backdrop, note, onActivate }) {
  const layer = el('div', { class: 'highlights' });
  backdrop.append(layer);
  const markers = el('div', { class: 'gutter-inner' });
  gutter.append(markers);
  let shown = []; // the diagnostics drawn, with a place
  let markOf = new Map(); // diagnostic -> its first <mark>

  const sync = () => {
    const y = textarea.scrollTop;
    layer.style.transform = `translate(${-textarea.scrollLeft}px, ${-y}px)`;
    markers.style.transform = `translateY(${-y}px)`;
  };
  // The backdrop must wrap exactly as the text area does: same content width, so its right
  // padding also covers the text area's scroll bar.
  const fit = () => {
    const style = getComputedStyle(textarea);
    const bar = textarea.offsetWidth - textarea.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    backdrop.style.paddingRight = `${parseFloat(style.paddingRight) + Math.max(0, bar)}px`;
    sync();
  };
  textarea.addEventListener('scroll', sync);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      fit();
      placeMarkers();
    }).observe(textarea);
  }

  function placeMarkers() {
    clear(markers);
    const lines = new Map(); // top in px -> diagnostics on that line
    for (const d of shown) {
      const mark = markOf.get(d);
      if (!mark) {
        continue;
      }
      const top = mark.offsetTop;
      if (!lines.has(top)) {
        lines.set(top, []);
      }
      lines.get(top).push(d);
    }
    let first = true;
    for (const [top, diags] of lines) {
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
      // Through the style object: the page's CSP refuses style attributes.
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

  function show(diags, text) {
    clear(layer);
    markOf = new Map();
    const placed = diags.filter((d) => d.span && d.span.start16 !== undefined);
    shown = placed.slice(0, MAX_MARKS);
    let at = 0;
    const parts = [];
    for (const seg of segments(shown)) {
      if (seg.start > at) {
        parts.push(document.createTextNode(text.slice(at, seg.start)));
      }
      const w = worst(seg.diags);
      const point = seg.start === seg.end;
      const mark = el('mark', {
        class: `mark sev-${w.severity}${point ? ' point' : ''}`,
        'data-rules': seg.diags.map((d) => d.rule).join(' '),
        text: point ? '' : text.slice(seg.start, seg.end),
      });
      for (const d of seg.diags) {
        if (!markOf.has(d)) {
          markOf.set(d, mark);
        }
      }
      parts.push(mark);
      at = Math.max(at, seg.end);
    }
    parts.push(document.createTextNode(`${text.slice(at)}\n`));
    layer.append(...parts);
    fit();
    placeMarkers();
    note.textContent =
      placed.length > MAX_MARKS ? `问题较多，原文中只标出前 ${MAX_MARKS} 处（共 ${placed.length} 处），右侧列表列出全部。` : '';
  }

  return {
    show,
    clear() {
      clear(layer);
      clear(markers);
      shown = [];
      markOf = new Map();
      note.textContent = '';
    },
    /** Marks `diag` as the one the reader is looking at. */
    current(diag) {
      layer.querySelectorAll('mark.current').forEach((m) => m.classList.remove('current'));
      const mark = diag && markOf.get(diag);
      if (mark) {
        mark.classList.add('current');
      }
    },
    /** The findings whose span covers UTF-16 offset `offset`, most serious first. */
    at(offset) {
      return shown
        .filter((d) => d.span.start16 <= offset && offset <= d.span.end16)
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    },
    describe,
  };
}
