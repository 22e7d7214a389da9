// Pasting from Word, WPS or a web page. Their clipboard also carries `text/html` with real
// tables and merged cells, which the checker reads far better than the tab-separated plain
// text. The HTML goes to the wasm `checkHtml()` as a string: it is never put into the page,
// parsed by the browser or run. The checker lays the document out as text (`source.text`);
// that text goes into the text area, so every span of the report points into what the user
// sees there.

/**
 * What a paste carries that the checker can read as a document: `{html}` when the clipboard's
 * `text/html` has a table, otherwise null and the browser's plain-text paste goes ahead.
 * Browsers put HTML on the clipboard for nearly every copy (a PDF viewer's text layer, a code
 * editor); without a table it offers nothing the plain text lacks.
 */
export function htmlOf(event) {
  const data = event.clipboardData;
  if (!data) {
    return null;
  }
  const html = data.getData('text/html');
  return html && /<table[\s>]/i.test(html) ? { html } : null;
}

/**
 * Reads pasted HTML with the checker. Returns the report, whose `source.text` is the text the
 * document was read as, or null when nothing readable came out (then the plain text is used).
 */
export function checkPastedHtml(checker, html) {
  let report;
  try {
    report = checker.checkHtml(html);
  } catch (err) {
    console.error(err);
    return null;
  }
  if (!report || !report.source || report.source.text.trim() === '') {
    return null;
  }
  return report;
}

/**
 * Puts the text the HTML was read as into the text area in place of the selection; when
 * nothing else is there, the text area holds exactly that text and the HTML report fits it.
 */
export function insertSourceText(textarea, text) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  if (value.slice(0, start).trim() === '' && value.slice(end).trim() === '') {
    textarea.value = text;
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
  } else {
    textarea.setRangeText(text, start, end, 'end');
  }
}

/**
 * Wires the text area's paste: HTML is read by the checker and its text inserted, then
 * `checked(report)` is called with the report for the text area's whole text if it has one
 * (else the report of the pasted part; the caller checks the text area again when they
 * differ); a plain-text paste goes ahead and `plain()` is called. `checker()` gives the wasm
 * exports, or null before they are loaded.
 */
export function wirePaste(textarea, { checker, checked, plain }) {
  const note = document.getElementById('paste-note');
  textarea.addEventListener('paste', (event) => {
    const pasted = checker() && htmlOf(event);
    const report = pasted && checkPastedHtml(checker(), pasted.html);
    if (!report) {
      note.hidden = true;
      plain();
      return;
    }
    event.preventDefault();
    insertSourceText(textarea, report.source.text);
    note.textContent = pasteNote(report);
    note.hidden = false;
    checked(report);
  });
  textarea.addEventListener('input', () => {
    if (textarea.value.trim() === '') {
      note.hidden = true;
    }
  });
}

/** The note saying the paste was read as a document with tables. */
export function pasteNote(report) {
  const tables = report.source.tables;
  return `已按 Word/网页表格读取（${tables} 张表）：文本框中是读出的文字，表格每行一行、单元格以制表符分隔。`;
}
