#!/usr/bin/env node
// Runs the host test suite (out/host-suite, built by `node scripts/build.mjs --tests`) inside the
// real VS Code: the VS Code server from the npm package code-server, its workbench in Debian's
// Chromium driven by playwright-core (see test/host/lib/). Exit code 0 only if every test passed.
//
//   node test/host/run.mjs [--workspace DIR] [--grep PATTERN] [--timeout SECONDS] [--ui]
//                          [--screenshot [FILE]] [--user-data-dir DIR] [--keep-open] [--verbose]
//
//   --workspace DIR     folder to open (default test/host/fixtures/workspace)
//   --grep PATTERN      only the mocha tests whose full title matches
//   --timeout SECONDS   limit for the suite session (default 300)
//   --ui                then run the UI scenarios test/host/ui/*.mjs (Node + playwright)
//   --screenshot [FILE] then save a window with the Flashcards view shown (default test-results/workbench.png)
//   --user-data-dir DIR keep VS Code's user data and browser profile there instead of a temp dir
//   --keep-open         then leave VS Code running and print its URL (Ctrl+C stops it)
//   --verbose           also echo VS Code's own console and the server log
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultWorkspace, runSuite } from './lib/host.mjs';
import { root } from './lib/vscode-server.mjs';

const { values, positionals } = parseArgs({
  options: {
    workspace: { type: 'string', default: defaultWorkspace },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    ui: { type: 'boolean', default: false },
    screenshot: { type: 'boolean', default: false },
    'user-data-dir': { type: 'string' },
    'keep-open': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
// parseArgs has no optional option values: `--screenshot FILE` leaves FILE as a positional.
const screenshot = values.screenshot && (positionals[0] ?? true);

for (const [file, hint] of [
  [join(root, 'dist', 'extension.js'), 'node scripts/build.mjs'],
  [join(root, 'out', 'host-suite', 'index.js'), 'node scripts/build.mjs --tests'],
]) {
  if (!existsSync(file)) {
    console.error(`host: ${file} is missing; run \`${hint}\` first (npm run test:host does both).`);
    process.exit(2);
  }
}

const t0 = Date.now();
let result = { exitCode: 1, passed: 0, failed: 0 };
try {
  result = await runSuite({
    workspace: values.workspace,
    grep: values.grep,
    timeoutMs: Number(values.timeout) * 1000,
    ui: values.ui,
    screenshot,
    userDataDir: values['user-data-dir'],
    keepOpen: values['keep-open'],
    verbose: values.verbose,
  });
  if (result.reason) console.error(`host: ${result.reason}`);
} catch (err) {
  console.error(`host: ${err.stack ?? err}`);
}
console.log(`host: ${result.passed} passed, ${result.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(result.exitCode === 0 ? 0 : 1);
