// `npm test`: set up what is missing, run the Rust tests, build the wasm, run the browser
// tests. Any failing step stops the run with a non-zero exit code.

import { build } from './build.mjs';
import { setup } from './setup.mjs';
import { heading, run, runMain } from './util.mjs';

runMain(() => {
  setup({ browser: true });
  heading('Test: cargo test');
  run('cargo', ['test']);
  build();
  heading('Test: browser (node --test tests/browser/)');
  run(process.execPath, ['--test', 'tests/browser/']);
  heading('All tests passed');
});
