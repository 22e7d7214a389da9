// `npm start`: set up what is missing, build the wasm, serve www/ on 127.0.0.1.

import { build } from './build.mjs';
import { requestedPort, startServer } from './serve.mjs';
import { setup } from './setup.mjs';
import { heading, runMain } from './util.mjs';

runMain(async () => {
  setup();
  build();
  heading('Serve');
  const { url } = await startServer(requestedPort());
  console.log(`\nnianbao 网页版已启动 / serving at: ${url}\n(Ctrl+C to stop)`);
});
