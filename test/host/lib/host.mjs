// One VS Code server plus one Chromium profile: a "host" in which test sessions run.
//
//   const host = await startHost();                       // fresh user data dir, random port
//   const r = await host.runSuite({ workspace, grep });   // mocha inside the extension host
//   await host.runUi({ workspace, files });               // Node-side UI scenarios with playwright
//   await host.close();
//
// Sessions on the same host share the server's user data dir and the browser's storage (same
// origin), so a later suite can check what survives a window reload or open a second workspace.
// `runSuite(options)` is the one-shot form: start, run, close.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as assert from 'node:assert/strict';
import { installVsCodeServer } from '../../../scripts/install-vscode-server.mjs';
import { interrupted, onInterrupt, quietSettings, root, startServer, writeUserSettings } from './vscode-server.mjs';
import { launchBrowser, openWorkbench, resultsDir } from './workbench.mjs';

export const defaultWorkspace = join(root, 'test', 'host', 'fixtures', 'workspace');
export const defaultTestsPath = join(root, 'out', 'host-suite', 'index.js');
export const uiDir = join(root, 'test', 'host', 'ui');

/** test/host/suite/index.ts starts each console message of the extension host under test with it. */
const CONSOLE_TAG = '\u2063flashcards\u2063';

/**
 * Starts the server and the browser. Options:
 * - userDataDir: server user data, extensions and browser profile; a fresh temp dir by default
 *   (removed by close() unless keepUserData).
 * - port: 0 (any free port) by default. Browser storage is per origin, so two hosts share it
 *   only when both the userDataDir and the port are the same.
 * - settings: extra user settings for this host.
 * - verbose: echo the whole workbench console and the server log.
 */
export async function startHost({ userDataDir, keepUserData = !!userDataDir, port = 0, settings = {}, verbose = false, out = process.stdout } = {}) {
  installVsCodeServer();
  const dir = userDataDir ? resolve(userDataDir) : mkdtempSync(join(tmpdir(), 'flashcards-host-'));
  mkdirSync(dir, { recursive: true });
  writeUserSettings(dir, { ...quietSettings, ...settings });
  const optionsFile = join(dir, 'host-test-options.json');
  writeFileSync(optionsFile, '{}\n');

  const t0 = Date.now();
  const server = await startServer({
    userDataDir: dir,
    port,
    echo: verbose,
    // Extension hosts inherit the server's environment: this is how a session's options reach the
    // suite's index.js.
    env: { FLASHCARDS_TEST_OPTIONS: optionsFile },
  });
  let context;
  try {
    context = await launchBrowser({ profileDir: join(dir, 'chromium-profile') });
  } catch (err) {
    await server.stop();
    throw err;
  }
  const host = new Host({ server, context, userDataDir: dir, keepUserData, optionsFile, verbose, out });
  host.log(`VS Code server ${server.url()} ready in ${Date.now() - t0} ms (user data ${dir})`);
  return host;
}

/**
 * The one-shot form: starts a host, runs one suite session, then optionally the UI scenarios
 * (`ui`: true for test/host/ui/*.mjs, or a list of files) and a screenshot (`screenshot`: true or
 * a file), and closes it; with `keepOpen` it first waits until Ctrl+C (or the server exits).
 * Resolves with { exitCode, passed, failed, pending, ms, reason }.
 */
export async function runSuite({ userDataDir, port, settings, verbose, out, ui, screenshot, keepOpen, ...session } = {}) {
  const host = await startHost({ userDataDir, port, settings, verbose, out });
  try {
    const result = await host.runSuite(session);
    const uiFiles = ui === true ? listUiScenarios() : ui || [];
    if (result.exitCode === 0 && uiFiles.length) {
      const uiResult = await host.runUi({ workspace: session.workspace, files: uiFiles });
      result.passed += uiResult.passed;
      result.failed += uiResult.failed;
      if (uiResult.failed) result.exitCode = 1;
    }
    if (screenshot) {
      try {
        await host.captureWorkbench({ workspace: session.workspace, file: screenshot === true ? undefined : resolve(screenshot) });
      } catch (err) {
        host.log(err.message);
        result.exitCode ||= 1;
      }
    }
    if (keepOpen) {
      host.log(`VS Code stays up (Ctrl+C to stop): ${host.windowUrl(session.workspace)}`);
      const { code, signal } = await host.server.exited; // Ctrl+C closes the host and exits the process
      if (!interrupted()) {
        host.log(`the VS Code server exited (code ${code}, signal ${signal})`);
        result.exitCode ||= 1;
      }
    }
    return result;
  } finally {
    await host.close();
  }
}

class Host {
  constructor({ server, context, userDataDir, keepUserData, optionsFile, verbose, out }) {
    Object.assign(this, { server, context, userDataDir, keepUserData, optionsFile, verbose, out });
    this.sessions = 0;
    this.forgetInterrupt = onInterrupt(() => this.close());
  }

  log(line) {
    this.out.write(`[host] ${line}\n`);
  }

  /**
   * Opens `workspace` in a new window whose extension host runs the mocha suite at
   * `extensionTestsPath`, and resolves when VS Code reports the result:
   * { exitCode, passed, failed, pending, ms, output }. Never rejects for a test failure, a timeout,
   * a dead server or a crashed page: those give exitCode 1 and a `reason`.
   */
  async runSuite({
    workspace = defaultWorkspace,
    grep,
    timeoutMs = 5 * 60_000,
    extensionDevelopmentPath = root,
    extensionTestsPath = defaultTestsPath,
    name = `suite-${++this.sessions}`,
  } = {}) {
    workspace = resolve(workspace);
    if (!existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run \`node scripts/build.mjs --tests\` first`);
    if (!existsSync(workspace)) throw new Error(`workspace ${workspace} does not exist`);
    writeFileSync(this.optionsFile, JSON.stringify({ grep: grep || undefined }) + '\n');
    rmSync(evidenceDir(name), { recursive: true, force: true }); // no stale evidence from an earlier run

    const t0 = Date.now();
    const consoleLines = [];
    const echoed = [];
    let resolveExit;
    const exited = new Promise((res) => (resolveExit = res));
    const onLog = (level, text) => {
      const fromSuite = text.startsWith(CONSOLE_TAG);
      if (fromSuite) text = text.slice(CONSOLE_TAG.length);
      consoleLines.push(`[${fromSuite ? 'suite' : 'workbench'} ${level}] ${text}`);
      if (fromSuite) echoed.push(text);
      if (fromSuite || this.verbose) this.out.write(`${text}\n`);
    };
    const onExit = (code, logs) => resolveExit({ code: Number(code), logs });

    const server = this.server;
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(resolve(extensionDevelopmentPath))],
      ['extensionTestsPath', server.remoteUri(resolve(extensionTestsPath))],
    ]);
    this.log(`${name}: opening ${workspace}`);

    let workbench;
    let reason;
    let exitCode = 1;
    let logs;
    const cleanups = [];
    const after = (ms, failure) =>
      new Promise((res) => {
        const timer = setTimeout(() => res({ failure }), ms);
        cleanups.push(() => clearTimeout(timer));
      });
    try {
      workbench = await openWorkbench(this.context, url, { onLog, onExit });
      const page = workbench.page;
      // Whatever comes first: VS Code's verdict, or one of the ways it can never come.
      const outcome = await Promise.race([
        exited,
        server.exited.then(({ code, signal }) => ({ failure: `the VS Code server died (code ${code}, signal ${signal})` })),
        new Promise((res) => page.once('crash', () => res({ failure: 'the workbench page crashed' }))),
        new Promise((res) => page.once('close', () => res({ failure: 'the workbench page was closed' }))),
        after(timeoutMs, `no test result after ${Math.round(timeoutMs / 1000)} s (timeout)`),
        this.#extensionHostGone(cleanups, after),
      ]);
      if (outcome.failure) reason = outcome.failure;
      else ({ code: exitCode, logs } = outcome);
    } catch (err) {
      reason = `could not drive the workbench: ${err.message}`;
    } finally {
      for (const cleanup of cleanups) cleanup();
    }

    const text = echoed.join('\n');
    const count = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}`, 'm').exec(text)?.[1] ?? 0);
    const result = { exitCode, passed: count('passing'), failed: count('failing'), pending: count('pending'), ms: Date.now() - t0, reason, output: text };
    if (exitCode !== 0 && !result.failed) result.failed = 1; // a failure outside mocha still counts
    if (reason) this.log(`${name}: FAILED: ${reason}`);
    if (exitCode !== 0) await this.#saveEvidence(name, workbench, consoleLines, logs);
    await workbench?.page.close().catch(() => {});
    this.log(`${name}: exit code ${exitCode} after ${result.ms} ms`);
    return result;
  }

  /** Resolves with a failure if the extension host exits and no verdict follows within 30 s. */
  #extensionHostGone(cleanups, after) {
    const { stdout, stderr } = this.server.child;
    const seen = this.server.output().length;
    return new Promise((res) => {
      const onData = () => {
        if (!/Extension Host Process exited/.test(this.server.output().slice(seen))) return;
        stop();
        res(after(30_000, 'the extension host exited but VS Code reported no test result'));
      };
      const stop = () => {
        stdout.off('data', onData);
        stderr.off('data', onData);
      };
      stdout.on('data', onData);
      stderr.on('data', onData);
      cleanups.push(stop);
    });
  }

  /** Screenshot, workbench console, VS Code's logs and the server log in test-results/. */
  async #saveEvidence(name, workbench, consoleLines, logs) {
    const dir = evidenceDir(name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'workbench-console.log'), consoleLines.join('\n') + '\n');
    writeFileSync(join(dir, 'server.log'), this.server.output());
    for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
      const file = join(dir, 'vscode-logs', relativePath);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, contents);
    }
    if (workbench && !workbench.page.isClosed()) {
      await workbench.screenshot(join(dir, 'failure.png')).catch(() => {});
    }
    this.log(`${name}: evidence saved in ${dir}`);
  }

  /** The URL of a normal window on `workspace` with the extension under development loaded. */
  windowUrl(workspace = defaultWorkspace, extensionDevelopmentPath = root) {
    return this.server.url(resolve(workspace), [['extensionDevelopmentPath', this.server.remoteUri(resolve(extensionDevelopmentPath))]]);
  }

  /**
   * Opens `workspace` in a normal window (the extension under development loaded, no test runner)
   * and waits until the workbench is restored. For UI scenarios and screenshots.
   */
  async openWindow({ workspace, extensionDevelopmentPath } = {}) {
    const workbench = await openWorkbench(this.context, this.windowUrl(workspace, extensionDevelopmentPath), {
      onLog: (level, text) => {
        if (this.verbose) this.out.write(`[workbench ${level}] ${text}\n`);
      },
    });
    await workbench.whenRestored();
    return workbench;
  }

  /**
   * Runs UI scenario modules in Node against one window. Each file's default export is
   * `async ({ workbench, page, workspace, host, assert }) => void`; a throw fails it and saves a
   * screenshot to test-results/ui/<name>.png.
   */
  async runUi({ workspace = defaultWorkspace, files = listUiScenarios() } = {}) {
    let passed = 0;
    let failed = 0;
    if (!files.length) return { passed, failed };
    const workbench = await this.openWindow({ workspace });
    try {
      this.out.write('\n  ui\n');
      for (const file of files) {
        const name = basename(file).replace(/\.m?js$/, '');
        const t0 = Date.now();
        try {
          const scenario = (await import(pathToFileURL(resolve(file)).href)).default;
          await scenario({ workbench, page: workbench.page, workspace: resolve(workspace), host: this, assert });
          passed++;
          this.out.write(`    ✔ ${name} (${Date.now() - t0}ms)\n`);
        } catch (err) {
          failed++;
          this.out.write(`    ✖ ${name}: ${err?.stack ?? err}\n`);
          await workbench.screenshot(join(resultsDir, 'ui', `${name}.png`)).catch(() => {});
        }
      }
    } finally {
      await workbench.page.close().catch(() => {});
    }
    return { passed, failed };
  }

  /** Saves a screenshot of a window on `workspace` with the Flashcards view container shown. */
  async captureWorkbench({ workspace = defaultWorkspace, file = join(resultsDir, 'workbench.png') } = {}) {
    const workbench = await this.openWindow({ workspace });
    try {
      await workbench.showViewContainer('Flashcards');
      // Wait for the deck tree to have content rather than for a fixed time.
      await workbench.view('Decks').locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      await workbench.screenshot(file);
      this.log(`screenshot: ${file}`);
    } catch (err) {
      await workbench.screenshot(file).catch(() => {});
      throw new Error(`could not show the Flashcards view (screenshot anyway in ${file}): ${err.message}`);
    } finally {
      await workbench.page.close().catch(() => {});
    }
    return file;
  }

  /** Closes the browser, stops the server and removes a temporary user data dir; safe to call twice. */
  close() {
    this.closing ??= (async () => {
      this.forgetInterrupt();
      await this.context.close().catch(() => {});
      await this.server.stop();
      if (!this.keepUserData) rmSync(this.userDataDir, { recursive: true, force: true });
    })();
    return this.closing;
  }
}

function evidenceDir(sessionName) {
  return join(resultsDir, 'host', sessionName);
}

/** The UI scenarios in test/host/ui/, in name order. */
export function listUiScenarios() {
  if (!existsSync(uiDir)) return [];
  return readdirSync(uiDir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .map((f) => join(uiDir, f));
}
