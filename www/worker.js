// The checker's thread. The page sends `{id, method, args}`; the worker answers
// `{id, value}` or `{id, error}`. The first message is `init` with where the .wasm is (a URL or
// its bytes). Checking here keeps the text box responsive while a long report is read.

import init, * as api from './pkg/nianbao.js';

const METHODS = new Set(['check', 'checkWithPrevious', 'checkHtml', 'checkDocx', 'rules', 'version']);

self.addEventListener('message', async (event) => {
  const { id, method, args } = event.data || {};
  try {
    if (method === 'init') {
      await init({ module_or_path: args[0] });
      self.postMessage({ id, value: { version: api.version(), rules: api.rules() } });
      return;
    }
    if (!METHODS.has(method)) {
      throw new Error(`unknown method ${method}`);
    }
    self.postMessage({ id, value: api[method](...args) });
  } catch (err) {
    self.postMessage({ id, error: err && err.message ? err.message : String(err) });
  }
});
