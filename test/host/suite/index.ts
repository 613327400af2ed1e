// Entry point VS Code loads as `extensionTestsPath`: it runs inside the extension host, with the
// extension under development already registered. Built by `node scripts/build.mjs --tests` into
// out/host-suite/index.js; every `*.test.js` beside it is a suite file.
//
// The same file serves both launchers: test/host/run.mjs (VS Code server + Chromium, here) and
// test/host/electron.mjs (@vscode/test-electron, on machines that can download desktop VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';

type MochaConstructor = typeof import('mocha');

/** mocha 12 is ESM; Node's require() of it returns the namespace, which also carries `Mocha`. */
function loadMocha(): MochaConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('mocha') as MochaConstructor & { Mocha?: MochaConstructor; default?: MochaConstructor };
  return mod.Mocha ?? mod.default ?? mod;
}

interface SessionOptions {
  grep?: string;
}

/**
 * test/host/lib/host.mjs writes each session's options to a file named by FLASHCARDS_TEST_OPTIONS
 * (one server serves several sessions, so its environment cannot carry them); launchers that start
 * VS Code per run can set FLASHCARDS_TEST_GREP instead.
 */
function sessionOptions(): SessionOptions {
  const file = process.env.FLASHCARDS_TEST_OPTIONS;
  const fromFile: SessionOptions = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  return { grep: fromFile.grep ?? (process.env.FLASHCARDS_TEST_GREP || undefined) };
}

/**
 * In the VS Code server the extension host's console reaches test/host/lib/host.mjs mixed with the
 * workbench's own log. Under host.mjs (FLASHCARDS_TEST_OPTIONS set) every console message of this
 * extension host (mocha's report, the tests' and the extension's logs) is prefixed with this tag
 * while the suite runs, so host.mjs can echo exactly those. Keep in sync with host.mjs.
 */
const CONSOLE_TAG = '\u2063flashcards\u2063';

function tagConsole(): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const restore = methods.map((m) => {
    const descriptor = Object.getOwnPropertyDescriptor(console, m);
    const original = console[m];
    // The extension host makes console.* accessors whose setter ignores plain assignment.
    Object.defineProperty(console, m, {
      value: (...args: unknown[]) => original.call(console, CONSOLE_TAG + format(...args)),
      configurable: true,
      writable: true,
    });
    return () => {
      if (descriptor) Object.defineProperty(console, m, descriptor);
    };
  });
  return () => restore.forEach((r) => r());
}

export function run(): Promise<void> {
  const untag = process.env.FLASHCARDS_TEST_OPTIONS ? tagConsole() : () => {};
  const Mocha = loadMocha();
  // mocha's reporters keep the console.log they saw when first loaded; give them the current one.
  (Mocha.reporters.Base as unknown as { consoleLog: typeof console.log }).consoleLog = console.log;
  const options = sessionOptions();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // The first test waits for activation and deck loading in a cold VS Code; keep it generous.
    timeout: Number(process.env.FLASHCARDS_TEST_TIMEOUT) || 60_000,
    grep: options.grep,
  });

  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }

  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} host test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  }).finally(untag);
}
