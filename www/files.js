// Opening files: the “打开文件” and “选择文件夹” buttons and dropping files or folders anywhere
// on the page. One file opens in the single view, as before; several files, or a folder, go to
// the batch (`hooks.openMany`, see batch.js).
//
// A Word file goes to the wasm `checkDocx(bytes)`, which reads it in the core and returns the
// report together with the text it laid the document out as (`report.source.text`); that text
// goes into the text area, so every finding can be selected there as with pasted text. A saved
// web page (.html/.htm) goes to `checkHtml` the same way, and a PDF (by its `%PDF` mark or its
// name) to `checkPdf`, which loads the PDF reader on first use. A file that is not a readable .docx is
// refused by the core with a Chinese message, shown here as it comes. A plain-text file is
// decoded here (UTF-8, else GB18030; UTF-16 with a byte-order mark) and checked like pasted
// text. Nothing is uploaded: the file is read in the browser.

import { clear, el } from './dom.js';
import { extensionOf, fromDrop, fromFileList } from './gather.js';
import { MAX_PASTE_CHARS } from './paste.js';

/** Files larger than this are not even read into memory (the core refuses over 50 MiB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const $ = (id) => document.getElementById(id);

/** True when the first bytes are `magic`. */
function startsWith(bytes, magic) {
  return magic.every((b, i) => bytes[i] === b);
}

/** `%PDF`, which a PDF starts with (readers allow a little junk before it). */
const PDF_MARK = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** Whether the bytes are a PDF: the mark within the first KiB, as viewers accept. */
export function isPdf(name, bytes) {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + PDF_MARK.length <= head.length; i += 1) {
    if (PDF_MARK.every((b, k) => head[i + k] === b)) {
      return true;
    }
  }
  return extensionOf(name) === 'pdf' && !startsWith(bytes, [0x50, 0x4b]);
}

/**
 * Whether to hand the bytes to the .docx reader: zip archives, files named like Word
 * documents, and old Office files by their first bytes. The core names what they are.
 */
function isDocument(name, bytes) {
  const lower = name.toLowerCase();
  return (
    startsWith(bytes, [0x50, 0x4b]) ||
    startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]) ||
    /\.(docx?|wps|xlsx?|pptx?)$/.test(lower)
  );
}

/** Decodes a text file: UTF-16 by its byte-order mark, UTF-8, or GB18030 when UTF-8 fails. */
export function decodeText(bytes) {
  if (startsWith(bytes, [0xff, 0xfe])) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return new TextDecoder('utf-16be').decode(bytes);
  }
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\uFFFD')) {
    return utf8;
  }
  try {
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return utf8;
  }
}

/**
 * Wires the file buttons, the file inputs and dropping onto the page.
 * `hooks.checker()` returns the loaded checker (or null while loading);
 * `hooks.showReport(report)` shows a report that carries its text in `report.source.text`;
 * `hooks.showText(text)` puts text into the text area and checks it;
 * `hooks.openMany(items, unreadable)` checks several files (`{file, path}`) as a batch;
 * `hooks.showPrevious(text, laidOut)` puts last year's report into its box and checks both.
 */
export function wireFiles(hooks) {
  const input = $('file-input');
  const folder = $('folder-input');
  $('open-file').addEventListener('click', () => input.click());
  $('open-folder').addEventListener('click', () => folder.click());
  input.addEventListener('change', () => {
    const items = fromFileList(input.files);
    // Choosing the same file again must fire `change` again.
    input.value = '';
    openItems(items, [], false, hooks);
  });
  folder.addEventListener('change', () => {
    const items = fromFileList(folder.files);
    folder.value = '';
    openItems(items, [], true, hooks);
  });
  const previous = $('previous-input');
  $('open-previous').addEventListener('click', () => previous.click());
  previous.addEventListener('change', () => {
    const [file] = Array.from(previous.files || []);
    previous.value = '';
    if (file) {
      openPrevious(file, hooks);
    }
  });
  wireDrop(hooks);
}

/**
 * Reads last year's report from `file` into its box: a document's laid-out text (so its tables
 * are read by their columns), or a text file's text. Its own findings are not shown.
 */
async function openPrevious(file, hooks) {
  const box = $('previous-error');
  const checker = hooks.checker();
  const read = checker ? await readFile(file, checker) : { error: '检查程序还在加载，请稍后再试。' };
  if (read.error !== undefined) {
    clear(box);
    box.append(el('strong', { text: `无法读取「${file.name}」：` }), read.error);
    box.hidden = false;
    return;
  }
  box.hidden = true;
  const source = read.report && read.report.source;
  $('previous-name').textContent = `已打开上一年的${source ? KIND_NAMES[source.kind] || '文件' : '文本文件'}「${file.name}」`;
  hooks.showPrevious(source ? source.text : read.text, Boolean(source));
}

/** One file opens as before; several, or any folder, are a batch. */
function openItems(items, unreadable, folders, hooks) {
  if (items.length === 1 && unreadable.length === 0 && !folders) {
    openFile(items[0].file, hooks);
  } else if (items.length > 0 || unreadable.length > 0 || folders) {
    $('file-error').hidden = true;
    hooks.openMany(items, unreadable);
  }
}

/** Whether a dragged file is a PDF by its type (the only thing a drag tells before the drop). */
function draggingPdf(event) {
  return Array.from(event.dataTransfer.items || []).some((item) => item.kind === 'file' && item.type === 'application/pdf');
}

function wireDrop(hooks) {
  const hasFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files');
  let depth = 0;
  document.addEventListener('dragenter', (event) => {
    if (hasFiles(event)) {
      depth += 1;
      document.body.classList.add('dragging-file');
      // A PDF on its way: load the PDF module while the user moves it to the page.
      const checker = hooks.checker();
      if (checker && draggingPdf(event)) {
        checker.preloadPdf();
      }
    }
  });
  document.addEventListener('dragleave', (event) => {
    if (hasFiles(event) && --depth <= 0) {
      depth = 0;
      document.body.classList.remove('dragging-file');
    }
  });
  document.addEventListener('dragover', (event) => {
    if (hasFiles(event)) {
      // Allows the drop; otherwise the browser would open the file instead of the page.
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  document.addEventListener('drop', (event) => {
    depth = 0;
    document.body.classList.remove('dragging-file');
    const transfer = event.dataTransfer;
    if (!transfer || !transfer.files || transfer.files.length === 0) {
      // Dragged text: the text area takes it as usual.
      return;
    }
    event.preventDefault();
    // One file dropped on last year's box is last year's report.
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest('#previous-box') && transfer.files.length === 1) {
      openPrevious(transfer.files[0], hooks);
      return;
    }
    // The items can be read only during the event; the folders are walked after it.
    const gathered = fromDrop(transfer);
    gathered().then(({ items, unreadable, folders }) => openItems(items, unreadable, folders, hooks));
  });
}

function showFileError(name, message) {
  const box = $('file-error');
  clear(box);
  box.append(el('strong', { text: `无法读取「${name}」：` }), message);
  box.hidden = false;
}

function showFileName(text) {
  $('file-error').hidden = true;
  $('file-name').textContent = text;
}

/** Why the checker call failed, as its message says. */
function messageOf(err) {
  return err && err.message ? err.message : String(err);
}

/**
 * Reads `file` for the checker. Resolves to `{text}` for a plain-text file (to be checked as
 * pasted text), `{report}` for a document the core has read (its text in `report.source.text`),
 * or `{error}` with a Chinese message saying why it was not read.
 */
export async function readFile(file, checker) {
  if (file.size > MAX_FILE_BYTES) {
    return { error: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MiB，不像是一份年度报告，请确认选对了文件。` };
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    return { error: `读取文件失败（${messageOf(err)}）。` };
  }
  if (isPdf(file.name, bytes)) {
    return callChecker(checker, 'checkPdf', bytes);
  }
  if (!isDocument(file.name, bytes)) {
    const text = decodeText(bytes);
    const ext = extensionOf(file.name);
    // A saved page is mostly markup; the text it is laid out as is what the text area holds.
    if (ext === 'html' || ext === 'htm') {
      return callChecker(checker, 'checkHtml', text);
    }
    if (text.length > MAX_PASTE_CHARS) {
      return { error: `文件有约 ${Math.round(text.length / 10000)} 万字，远超一份年度报告，为免页面卡死没有打开。请确认选对了文件。` };
    }
    if (!text.includes('\0')) {
      return { text };
    }
  }
  return callChecker(checker, 'checkDocx', bytes);
}

async function callChecker(checker, method, input) {
  try {
    return { report: await checker.call(method, input) };
  } catch (err) {
    return { error: messageOf(err) };
  }
}

/** What an opened file is called in the note beside the buttons. */
// A space sets a Latin word off from the Chinese before it.
const KIND_NAMES = { html: '网页文件', docx: ' Word 文件', pdf: ' PDF 文件' };

/** Reads `file` and shows its report, or says why it cannot be read. */
export async function openFile(file, hooks) {
  const checker = hooks.checker();
  if (!checker) {
    showFileError(file.name, '检查程序还在加载，请稍后再试。');
    return;
  }
  const read = await readFile(file, checker);
  if (read.error !== undefined) {
    showFileError(file.name, read.error);
  } else if (read.text !== undefined) {
    showFileName(`已打开文本文件「${file.name}」`);
    hooks.showText(read.text);
  } else {
    const source = read.report.source;
    const pages = source.pages ? `，共 ${source.pages} 页` : '';
    showFileName(`已打开${KIND_NAMES[source.kind] || '文件'}「${file.name}」${pages}`);
    hooks.showReport(read.report);
  }
}
