// Loads the checker and calls it off the main thread.
//
// The wasm runs in a module Web Worker (worker.js), so typing never waits on a check. Where a
// worker cannot start (a browser without module workers, a page opened in a way that forbids
// them), the same module runs on the page's own thread instead, and `inWorker` says so.
// Every call returns a Promise of the value the wasm function returns.
//
//
// `checkPdf` needs the PDF module (the PDF reader, which hands the document it reads to the
// checker already loaded): it is loaded on the first `checkPdf` call, never before, and the
// call waits for it.
//
// `globalThis.NIANBAO_LOADER` may replace how the pieces are found; the offline single file
// (scripts/single.mjs) sets it, since it has no files beside it. Its fields are those of
// `DEFAULT_LOADER`.

const DEFAULT_LOADER = {
  worker: () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
  module: () => import('./pkg/nianbao.js'),
  wasm: () => new URL('./pkg/nianbao_bg.wasm', import.meta.url),
  pdfModule: () => import('./pkg/nianbao_pdf.js'),
  pdfWasm: () => new URL('./pkg/nianbao_pdf_bg.wasm', import.meta.url),
};

/** How long a worker may take to load before the page checks on its own thread instead. */
const WORKER_START_MS = 15000;

function loader() {
  return globalThis.NIANBAO_LOADER || DEFAULT_LOADER;
}

/** Where a .wasm is, as a worker can be told: a URL's text, or the bytes themselves. */
function postable(where) {
  return where instanceof URL ? where.href : where;
}

/**
 * The client's `call` with `checkPdf` made to load the PDF module first, and `preloadPdf()`,
 * which starts that load early (when a PDF is dragged over the page). `loadPdf()` runs once
 * (again after a failure, so a PDF opened later may retry) and every `checkPdf` waits for it.
 */
function withPdf(call, loadPdf) {
  let loading = null;
  const ready = () => {
    if (!loading) {
      loading = loadPdf().catch((err) => {
        loading = null;
        throw new Error(`PDF 读取模块加载失败（${err && err.message ? err.message : err}），请刷新页面后再试。`);
      });
    }
    return loading;
  };
  return {
    call: (method, ...args) => (method === 'checkPdf' ? ready().then(() => call(method, ...args)) : call(method, ...args)),
    // A failed preload is retried, and reported, by the checkPdf that follows.
    preloadPdf: () => {
      ready().catch(() => {});
    },
  };
}

/** A client over a started worker. Resolves when the worker has loaded the wasm. */
function startWorker(load) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = load.worker();
    } catch (err) {
      reject(err);
      return;
    }
    const pending = new Map();
    let next = 1;
    let started = false;
    const call = (method, ...args) =>
      new Promise((ok, fail) => {
        const id = next++;
        pending.set(id, { ok, fail });
        worker.postMessage({ id, method, args });
      });
    const timer = setTimeout(() => {
      if (!started) {
        worker.terminate();
        reject(new Error('检查线程启动超时'));
      }
    }, WORKER_START_MS);
    worker.addEventListener('message', (event) => {
      const { id, value, error } = event.data || {};
      const waiting = pending.get(id);
      if (!waiting) {
        return;
      }
      pending.delete(id);
      if (error !== undefined) {
        waiting.fail(new Error(error));
      } else {
        waiting.ok(value);
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const err = new Error(event.message || '检查线程出错');
      for (const waiting of pending.values()) {
        waiting.fail(err);
      }
      pending.clear();
      if (!started) {
        clearTimeout(timer);
        worker.terminate();
        reject(err);
      }
    });
    // A URL object cannot be posted to a worker; its text can.
    call('init', postable(load.wasm()))
      .then(({ version, rules }) => {
        started = true;
        clearTimeout(timer);
        const client = withPdf(call, () => call('initPdf', postable(load.pdfWasm())));
        resolve({ ...client, version, rules, inWorker: true });
      })
      .catch((err) => {
        clearTimeout(timer);
        worker.terminate();
        reject(err);
      });
  });
}

/** A client that runs the module on this thread. */
async function startInline(load) {
  const api = await load.module();
  await api.default({ module_or_path: load.wasm() });
  let pdf = null;
  const checkPdf = (bytes) => {
    const { document, pages } = pdf.readPdf(bytes);
    return api.checkPdfDocument(document, pages);
  };
  const call = async (method, ...args) => (method === 'checkPdf' ? checkPdf(...args) : api[method](...args));
  const loadPdf = async () => {
    const module = await load.pdfModule();
    await module.default({ module_or_path: load.pdfWasm() });
    pdf = module;
  };
  return { ...withPdf(call, loadPdf), version: api.version(), rules: api.rules(), inWorker: false };
}

/**
 * Loads the checker: in a worker when possible, else on this thread. Resolves to
 * `{call(method, ...args), preloadPdf(), version, rules, inWorker}`; rejects when neither way
 * loads.
 */
export async function startChecker() {
  const load = loader();
  if (typeof Worker === 'function') {
    try {
      return await startWorker(load);
    } catch (err) {
      console.warn('nianbao: worker unavailable, checking on the page thread:', err);
    }
  }
  return startInline(load);
}
