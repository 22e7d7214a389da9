// The batch benchmark: N generated reports (10,000 by default) checked by the release CLI
// with `--jobs J` (2 by default), JSON output thrown away; prints one line:
//
//   batch: 10000 reports, --jobs 2: 12.3 s, 813 reports/s
//
// `node scripts/bench-batch.mjs [N] [JOBS]`. The reports are written once by
// `examples/batch.rs` (the test generator's layouts: text, HTML and .docx) into a folder under
// the system's temporary directory, and kept for the next run; the time covers only the check.
// Honours CARGO_TARGET_DIR.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runMain, StepError } from './util.mjs';

await runMain(async () => {
  const count = Number(process.argv[2] ?? 10000);
  const jobs = Number(process.argv[3] ?? 2);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(jobs) || jobs < 1) {
    throw new StepError('usage: node scripts/bench-batch.mjs [N] [JOBS]');
  }
  const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
  quietly('cargo', ['build', '--release', '--quiet', '--bin', 'nianbao', '--example', 'batch']);
  const dir = join(tmpdir(), `nianbao-batch-${count}`);
  const done = `${dir}.complete`;
  if (!existsSync(done)) {
    quietly(join(target, 'release', 'examples', 'batch'), [dir, String(count)]);
    closeSync(openSync(done, 'w'));
  }
  const bin = join(target, 'release', 'nianbao');
  const started = process.hrtime.bigint();
  const code = await exitCode(bin, ['check', dir, '--jobs', String(jobs), '--format', 'json']);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code > 1) {
    throw new StepError(`nianbao check ${dir} failed (exit code ${code})`);
  }
  const rate = Math.round(count / seconds);
  console.log(`batch: ${count} reports, --jobs ${jobs}: ${seconds.toFixed(1)} s, ${rate} reports/s`);
});

/** Runs `cmd` with stdout discarded and stderr shown; throws when it fails. */
function quietly(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status}`;
    throw new StepError(`${cmd} ${args.join(' ')} failed (${why})`);
  }
}

/** Runs `cmd` with stdout discarded (like `> /dev/null`) and resolves to its exit code. */
function exitCode(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 2));
  });
}
