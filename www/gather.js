// Gathering the files of a batch: from the file picker (several files, or a folder through
// `<input webkitdirectory>`) and from a drop (several files, or folders read recursively through
// `DataTransferItem.webkitGetAsEntry()`).
//
// The result is every file in sorted path order, split into the files the checker reads (.txt,
// .html/.htm, .docx, .pdf) and the files left out, each named with the reason, so that nothing is
// dropped silently. Nothing is read here but the folder listings.

/** The extensions a batch checks, by the reader each goes to. */
const ACCEPTED = { txt: 'text', html: 'html', htm: 'html', docx: 'docx', pdf: 'pdf' };

/** Why a file of another kind is left out, by extension; the fallback is `OTHER_REASON`. */
const SKIP_REASONS = {
  doc: '旧版 Word（.doc）文件不支持，请另存为 .docx',
  wps: 'WPS 文字（.wps）文件不支持，请另存为 .docx',
};
const OTHER_REASON = '不是 .txt、.html、.docx 或 .pdf 文件';

/** Paths compare as a reader sorts them: numbers by value (2 before 10), Chinese by pinyin. */
const COLLATOR = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** The extension of `name`, lower case, without the dot ('' when there is none). */
export function extensionOf(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Where a file stands: its path inside a chosen or dropped folder, else its name. */
function pathOf(file, path) {
  if (path) {
    return path.replace(/^\/+/, '');
  }
  return file.webkitRelativePath || file.name;
}

/**
 * Splits `items` (`{file, path}`) into `{accepted: [{file, path, kind}], skipped: [{path,
 * reason}]}`, both in sorted path order.
 */
export function sortOut(items) {
  const all = items.map((item) => ({ file: item.file, path: pathOf(item.file, item.path) }));
  all.sort((a, b) => COLLATOR.compare(a.path, b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const accepted = [];
  const skipped = [];
  for (const item of all) {
    const ext = extensionOf(item.file.name);
    const kind = ACCEPTED[ext];
    if (kind) {
      accepted.push({ file: item.file, path: item.path, kind });
    } else {
      skipped.push({ path: item.path, reason: SKIP_REASONS[ext] || OTHER_REASON });
    }
  }
  return { accepted, skipped };
}

/** The files of an `<input type=file>`'s FileList, as items for `sortOut`. */
export function fromFileList(list) {
  return Array.from(list || []).map((file) => ({ file, path: '' }));
}

/** All entries of a directory: `readEntries` gives them in chunks until it gives none. */
function readAllEntries(directory) {
  const reader = directory.createReader();
  const out = [];
  return new Promise((resolve) => {
    const next = () =>
      reader.readEntries(
        (chunk) => {
          if (chunk.length === 0) {
            resolve({ entries: out, failed: false });
            return;
          }
          out.push(...chunk);
          next();
        },
        () => resolve({ entries: out, failed: true }),
      );
    next();
  });
}

/** The File of a file entry, or null when it cannot be read. */
function fileOf(entry) {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

/**
 * Walks `entry` depth first, pushing `{file, path}` for every file into `items` and
 * `{path, reason}` for what could not be read into `unreadable`.
 */
async function walk(entry, items, unreadable) {
  const path = entry.fullPath || entry.name;
  if (entry.isFile) {
    const file = await fileOf(entry);
    if (file) {
      items.push({ file, path });
    } else {
      unreadable.push({ path: path.replace(/^\/+/, ''), reason: '浏览器无法读取这个文件' });
    }
    return;
  }
  if (!entry.isDirectory) {
    return;
  }
  const { entries, failed } = await readAllEntries(entry);
  if (failed) {
    unreadable.push({ path: path.replace(/^\/+/, ''), reason: '文件夹未能读完，其中部分文件没有列出' });
  }
  for (const child of entries) {
    await walk(child, items, unreadable);
  }
}

/**
 * What a drop carries, read during the drop event (the items are gone after it): the entries of
 * dropped files and folders, or plain Files where the browser gives no entries. Returns a
 * function that resolves to `{items, unreadable, folders}` once the folders are walked.
 */
export function fromDrop(dataTransfer) {
  const entries = [];
  const plain = [];
  for (const item of Array.from(dataTransfer.items || [])) {
    if (item.kind !== 'file') {
      continue;
    }
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      entries.push(entry);
    } else {
      const file = item.getAsFile();
      if (file) {
        plain.push({ file, path: '' });
      }
    }
  }
  if (entries.length === 0 && plain.length === 0) {
    plain.push(...fromFileList(dataTransfer.files));
  }
  const folders = entries.some((e) => e.isDirectory);
  return async () => {
    const items = plain.slice();
    const unreadable = [];
    for (const entry of entries) {
      await walk(entry, items, unreadable);
    }
    return { items, unreadable, folders };
  };
}
