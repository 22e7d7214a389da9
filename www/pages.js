// What the text in the text area was read from, kept beside the draft: for a document (a paste
// from Word or a web page, an opened .docx or PDF) its kind, and for a PDF its number of pages
// and the line each page begins on (`source.page_lines` of its report). The page lines go back
// to the checker with every check of the text, so findings keep saying their PDF page (第 3 页)
// after the text is edited or the page reloaded; they follow the edits here, line for line.

/** The source of a report read from a document, or null for plain text. */
export function sourceOf(report) {
  const s = report && report.source;
  if (!s) {
    return null;
  }
  return { kind: s.kind, pages: s.pages || 0, pageLines: Array.isArray(s.page_lines) ? s.page_lines.slice() : [] };
}

/** A saved source as `sourceOf` makes it, or null when it is not one (an older or damaged draft). */
export function validSource(saved) {
  if (!saved || typeof saved !== 'object' || typeof saved.kind !== 'string') {
    return null;
  }
  const lines = Array.isArray(saved.pageLines) ? saved.pageLines : [];
  if (!lines.every((n) => Number.isInteger(n) && n >= 1)) {
    return null;
  }
  return { kind: saved.kind, pages: Number.isInteger(saved.pages) ? saved.pages : 0, pageLines: lines.slice() };
}

/** The page lines to give the checker with the text, or undefined when there are none. */
export function pageLinesOf(source) {
  return source && source.pageLines && source.pageLines.length > 0 ? source.pageLines : undefined;
}

function newlines(text, from, to) {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    n += 1;
  }
  return n;
}

/**
 * The page lines of `before` moved to where the same lines stand in `after`: the text is
 * compared from both ends, and the pages that begin after the changed line move by the lines
 * the change added or removed (a page whose first line was removed begins after the change).
 */
export function followEdit(pageLines, before, after) {
  if (before === after || pageLines.length === 0) {
    return pageLines;
  }
  const shortest = Math.min(before.length, after.length);
  let head = 0;
  while (head < shortest && before.charCodeAt(head) === after.charCodeAt(head)) {
    head += 1;
  }
  let tail = 0;
  while (tail < shortest - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) {
    tail += 1;
  }
  const line = newlines(before, 0, head) + 1;
  const shift = newlines(after, head, after.length - tail) - newlines(before, head, before.length - tail);
  let floor = 1;
  return pageLines.map((first) => {
    const moved = first > line ? Math.max(line + 1, first + shift) : first;
    floor = Math.max(floor, moved);
    return floor;
  });
}
