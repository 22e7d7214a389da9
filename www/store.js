// The draft, kept in this browser only (localStorage), so that a reload, a new tab or the back
// button never loses work: both texts, whether they were laid out from a document (and what
// the report's text was read from: `source`, see pages.js), and the findings the drafter
// marked as checked and ignored (by fingerprint, with a reason). Nothing here leaves the
// machine.

import { validSource } from './pages.js';

const KEY = 'nianbao:draft:v1';

/** An empty draft. */
export function emptyDraft() {
  return { text: '', laidOut: false, previous: '', previousLaidOut: false, ignored: {}, source: null };
}

/** The saved draft, or an empty one when there is none or it cannot be read. */
export function loadDraft() {
  try {
    const raw = globalThis.localStorage && localStorage.getItem(KEY);
    if (!raw) {
      return emptyDraft();
    }
    const saved = JSON.parse(raw);
    const draft = emptyDraft();
    for (const key of Object.keys(draft)) {
      if (typeof saved[key] === typeof draft[key] && saved[key] !== null) {
        draft[key] = saved[key];
      }
    }
    draft.source = draft.laidOut ? validSource(saved.source) : null;
    return draft;
  } catch {
    return emptyDraft();
  }
}

/**
 * Saves `draft`. Returns null when saved, else the reason in Chinese (storage full or turned
 * off); the page says so, since the draft is then not kept.
 */
export function saveDraft(draft) {
  let raw;
  try {
    raw = JSON.stringify(draft);
  } catch {
    return '草稿无法保存。';
  }
  try {
    if (!globalThis.localStorage) {
      return '此浏览器不允许本页在本机保存草稿，刷新或关闭页面后内容会丢失，请自行保存。';
    }
    if (draft.text === '' && draft.previous === '' && Object.keys(draft.ignored).length === 0) {
      localStorage.removeItem(KEY);
    } else {
      localStorage.setItem(KEY, raw);
    }
    return null;
  } catch {
    const mb = ((raw.length * 2) / 1024 / 1024).toFixed(1);
    return `草稿约 ${mb} MB，超出浏览器允许本页保存的空间，刷新或关闭页面后内容会丢失，请自行保存。`;
  }
}

/** Removes the saved draft. */
export function removeDraft() {
  try {
    if (globalThis.localStorage) {
      localStorage.removeItem(KEY);
    }
  } catch {
    // Storage turned off: nothing was saved.
  }
}

/** The storage key, for tests and for people looking in the browser's tools. */
export const DRAFT_KEY = KEY;
