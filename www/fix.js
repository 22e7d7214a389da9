// Fixing in place: a finding that determines what its place should hold (`expected`, which the
// core gives only when the identities leave one explanation, or a `suggestion` for a label or a
// heading) can be applied to the text. The edit goes through the browser's own editing
// (execCommand insertText), so Ctrl+Z in the text box takes it back; applying many at once is
// one edit over the stretch they span, so one Ctrl+Z takes them all back.
//
// Nothing is worked out here: the value comes from the report. The only check is that the text
// at the place still says what the check read there (`actual`), so a stale report never writes
// over something else.

import { placeText } from './findings.js';
import { formatValue } from './tables.js';

/** Spaces and zero-width characters, which normalisation drops or merges. */
const SPACE = /[\s\u200b-\u200d\u2060\ufeff]/g;
/** What a blank cell may hold: nothing, a dash, a slash, 无. */
const BLANK = /^[—–―\-/无]*$/;

/** The text `diag` proposes for its place, or null when it proposes none. */
export function fixOf(diag) {
  if (!diag.span || diag.span.start16 === undefined || diag.span.end16 === undefined) {
    return null;
  }
  if (typeof diag.suggestion === 'string' && diag.suggestion !== '') {
    return diag.suggestion;
  }
  if (diag.expected !== undefined && diag.expected !== null) {
    return formatValue(diag.expected);
  }
  return null;
}

function plain(text) {
  return String(text).normalize('NFKC').replace(SPACE, '');
}

/**
 * True when `written` (the text at a finding's place now) is what the check read there:
 * `actual`, as a number (full-width digits and thousands separators allowed; a blank cell is
 * 0) or as a text (up to full-width forms and spaces, which the check reads through).
 */
export function holds(written, actual) {
  if (actual === undefined || actual === null) {
    return true;
  }
  const w = plain(written);
  if (typeof actual === 'number') {
    const digits = w.replace(/[,，]/g, '');
    if (BLANK.test(digits)) {
      return actual === 0;
    }
    return Number(digits) === actual;
  }
  return w === plain(actual);
}

/**
 * The edit that applies `diag` to `text`: `{start, end, before, after, diag}` (UTF-16), or
 * `{problem}` in Chinese when the text at its place is no longer what was checked.
 */
export function editOf(diag, text) {
  const after = fixOf(diag);
  const { start16: start, end16: end } = diag.span;
  if (after === null || end > text.length || start > end) {
    return { problem: `${placeText(diag.span)}已不在原文中，未改动` };
  }
  const before = text.slice(start, end);
  if (!holds(before, diag.actual)) {
    return { problem: `${placeText(diag.span)}现在写作「${before}」，不是检查时读到的「${formatValue(diag.actual)}」，未改动` };
  }
  return { start, end, before, after, diag };
}

/**
 * The edits of every finding in `diags` that proposes a value, in text order, and the
 * problems of those that cannot be applied. Of edits whose places overlap, the first is kept
 * (the next check shows what is left); the same edit proposed twice is made once.
 */
export function editsOf(diags, text) {
  const edits = [];
  const problems = [];
  for (const d of diags) {
    if (fixOf(d) === null) {
      continue;
    }
    const e = editOf(d, text);
    if (e.problem) {
      problems.push(e.problem);
    } else {
      edits.push(e);
    }
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const kept = [];
  for (const e of edits) {
    const last = kept[kept.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.after === e.after) {
      continue;
    }
    if (last && (e.start < last.end || e.start === last.start)) {
      problems.push(`${placeText(e.diag.span)}与前一处改动重叠，未改动，请在重新检查后再改`);
      continue;
    }
    kept.push(e);
  }
  return { edits: kept, problems };
}

/**
 * Replaces `textarea.value[start, end)` with `text` as typing would, so the browser records it
 * for Ctrl+Z; the text area keeps its scroll position. Fires `input` like any edit. Where the
 * browser cannot (no insertText in text areas), the text is replaced all the same, not undoable.
 */
export function replaceText(textarea, start, end, text) {
  const top = textarea.scrollTop;
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  let done = false;
  try {
    done = document.execCommand('insertText', false, text);
  } catch {
    done = false;
  }
  if (!done) {
    textarea.setRangeText(text, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
  textarea.scrollTop = top;
}

/** Applies `edits` (from `editsOf`, in text order) to `textarea` as ONE edit. */
export function applyEdits(textarea, edits) {
  if (edits.length === 0) {
    return;
  }
  const text = textarea.value;
  const lo = edits[0].start;
  const hi = edits[edits.length - 1].end;
  let middle = '';
  let at = lo;
  for (const e of edits) {
    middle += text.slice(at, e.start) + e.after;
    at = e.end;
  }
  middle += text.slice(at, hi);
  replaceText(textarea, lo, hi, middle);
}

/** One edit, said in Chinese: 第 49 行第 18 列「3」改为「0」. */
export function editText(e) {
  return `${placeText(e.diag.span)}「${e.before}」改为「${e.after}」`;
}
