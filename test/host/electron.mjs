#!/usr/bin/env node
// The same host suite under desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (this workplace cannot: use test/host/run.mjs, which runs it in the VS Code
// server instead). Build first: `node scripts/build.mjs --tests`.
//
//   node test/host/electron.mjs [--workspace DIR] [--grep PATTERN] [--version stable|insiders|1.x.y]
//
// On Linux without a display, run it under xvfb-run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    workspace: { type: 'string', default: join(root, 'test', 'host', 'fixtures', 'workspace') },
    grep: { type: 'string' },
    version: { type: 'string', default: 'stable' },
  },
});

const userDataDir = mkdtempSync(join(tmpdir(), 'flashcards-electron-'));
try {
  await runTests({
    version: values.version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'host-suite', 'index.js'),
    extensionTestsEnv: { FLASHCARDS_TEST_GREP: values.grep },
    launchArgs: [
      resolve(values.workspace),
      '--disable-extensions', // only the extension under development
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', userDataDir,
    ],
  });
} catch (err) {
  console.error(`host (electron): ${err.message ?? err}`);
  process.exitCode = 1;
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
