// Pasting from Word, WPS or a web page. Their clipboard also carries `text/html` with real
// tables and merged cells, which the checker reads far better than the tab-separated plain
// text. The HTML goes to the wasm `checkHtml()` as a string: it is never put into the page,
// parsed by the browser or run. The checker lays the document out as text (`source.text`);
// that text goes into the text area, so every span of the report points into what the user
// sees there.

/**
 * Pastes longer than this many characters are refused before the browser inserts them: a
 * report is 10,000–100,000 characters, and inserting tens of megabytes freezes the page.
 */
export const MAX_PASTE_CHARS = 2000000;

/** HTML beyond this many characters is not read as a document (the core reads 64 MiB). */
const MAX_HTML_CHARS = 32 * 1024 * 1024;

/**
 * Refuses a paste far larger than any report: stops it before the text area takes it and says
 * why. Returns true when refused.
 */
export function tooLarge(event) {
  const data = event.clipboardData;
  const box = document.getElementById('paste-error');
  if (!data) {
    return false;
  }
  const text = data.getData('text/plain');
  if (text.length <= MAX_PASTE_CHARS) {
    if (box) {
      box.hidden = true;
    }
    return false;
  }
  event.preventDefault();
  if (box) {
    const wan = Math.round(text.length / 10000);
    box.textContent = `粘贴的内容有约 ${wan} 万字，远超一份年度报告（通常 1–10 万字），为免页面卡死没有粘贴，也没有检查。请只复制年报正文和三张表格后再粘贴；如需检查整个文件，请用“打开文件”。`;
    box.hidden = false;
  }
  return true;
}

/**
 * What a paste carries that the checker can read as a document: `{html, text}` when the
 * clipboard's `text/html` has a table, otherwise null and the browser's plain-text paste goes
 * ahead. Browsers put HTML on the clipboard for nearly every copy (a PDF viewer's text layer, a
 * code editor); without a table it offers nothing the plain text lacks.
 */
export function htmlOf(event) {
  const data = event.clipboardData;
  if (!data) {
    return null;
  }
  const html = data.getData('text/html');
  if (!html || html.length > MAX_HTML_CHARS || !/<table[\s>]/i.test(html)) {
    return null;
  }
  return { html, text: data.getData('text/plain') };
}

/**
 * Reads pasted HTML with the checker. Resolves to the report, whose `source.text` is the text
 * the document was read as, or null when nothing readable came out (then the plain text is
 * used).
 */
export async function checkPastedHtml(checker, html) {
  let report;
  try {
    report = await checker.call('checkHtml', html);
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
 * Wires the text area's paste: a paste far too large is refused (see `tooLarge`); HTML with
 * tables is read by the checker and its text inserted, then `checked(report)` is called with
 * its report; a plain-text paste goes ahead and `plain()` is called. `checker()` gives the
 * checker client, or null before it is loaded.
 */
export function wirePaste(textarea, { checker, checked, plain }) {
  const note = document.getElementById('paste-note');
  textarea.addEventListener('paste', (event) => {
    // A report of a batch is shown read-only: a paste must not change it (see app.js).
    if (textarea.readOnly || tooLarge(event)) {
      return;
    }
    const pasted = checker() && htmlOf(event);
    if (!pasted) {
      note.hidden = true;
      plain();
      return;
    }
    // The paste is taken over now, while the event lasts; the checker answers later.
    event.preventDefault();
    const at = { start: textarea.selectionStart, end: textarea.selectionEnd };
    checkPastedHtml(checker(), pasted.html).then((report) => {
      textarea.setSelectionRange(at.start, at.end);
      if (!report) {
        textarea.setRangeText(pasted.text, at.start, at.end, 'end');
        note.hidden = true;
        textarea.dispatchEvent(new Event('input'));
        plain();
        return;
      }
      insertSourceText(textarea, report.source.text);
      note.textContent = pasteNote(report);
      note.hidden = false;
      checked(report);
    });
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
