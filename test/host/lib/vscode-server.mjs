// Starts and stops the real VS Code server (server-main.js from the npm package code-server, see
// scripts/install-vscode-server.mjs). Shared by the test runner (test/host/run.mjs) and
// `npm start` (scripts/start.mjs).
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { nodeBin, serverMain } from '../../../scripts/install-vscode-server.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A quiet workbench: no welcome page, no AI, no telemetry, no update or experiment traffic. */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
};

/**
 * Writes `settings` into <userDataDir>/User/settings.json, keeping keys the user already set unless
 * `overwrite` is true (the test runner starts from a fresh directory; `npm start` keeps the user's).
 */
export function writeUserSettings(userDataDir, settings = quietSettings, { overwrite = true } = {}) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // settings.json may hold comments (JSONC); leave a file we cannot read as it is.
      if (!overwrite) return file;
    }
  }
  const merged = overwrite ? { ...current, ...settings } : { ...settings, ...current };
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
  return file;
}

/** Arguments every server-main.js invocation shares. */
function commonArgs({ userDataDir, extensionsDir }) {
  return ['--accept-server-license-terms', '--user-data-dir', userDataDir, '--server-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Runs the server's CLI once (e.g. `--install-extension x.vsix --force`) and returns its output. */
export async function serverCli(args, { userDataDir, extensionsDir }) {
  const { stdout, stderr } = await promisify(execFile)(nodeBin, [serverMain, ...args, ...commonArgs({ userDataDir, extensionsDir })], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${stdout}${stderr}`;
}

// Every live server, so Ctrl+C or a kill of the launcher still ends their process groups.
const live = new Set();
const interruptHandlers = new Set();

/** Runs `fn` (async allowed) on SIGINT/SIGTERM/SIGHUP before the servers stop; returns an unregister function. */
export function onInterrupt(fn) {
  hookSignals();
  interruptHandlers.add(fn);
  return () => interruptHandlers.delete(fn);
}

let signalsHooked = false;
let interruptedBy;
/** The signal being handled (the servers are stopping on purpose), or undefined. */
export function interrupted() {
  return interruptedBy;
}

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, async () => {
      interruptedBy = signal;
      process.stderr.write(`\n${signal}: stopping VS Code…\n`);
      await Promise.allSettled([...interruptHandlers].map((fn) => fn()));
      await Promise.allSettled([...live].map((server) => server.stop(3_000)));
      process.exit(code);
    });
  }
  process.on('exit', () => {
    for (const server of live) server.kill('SIGKILL');
  });
}

/**
 * Starts server-main.js in its own process group and resolves once it listens.
 * `port: 0` lets the OS pick a free port; the real one is read from the server's greeting.
 * `env` is added to the server's environment, which its extension hosts inherit.
 */
export async function startServer({
  userDataDir,
  extensionsDir = join(userDataDir, 'extensions'),
  host = '127.0.0.1',
  port = 0,
  env = {},
  startTimeoutMs = 60_000,
  echo = false,
} = {}) {
  hookSignals();
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    serverMain,
    '--host', host,
    '--port', String(port),
    '--without-connection-token',
    '--disable-telemetry',
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    ...commonArgs({ userDataDir, extensionsDir }),
  ];
  // detached: the server gets its own process group (setsid), so stop() also ends its extension
  // hosts, file watchers and pty host, which it spawns as children.
  const child = spawn(nodeBin, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });

  let output = '';
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  let dead = false;
  exited.then(() => {
    dead = true;
    live.delete(server);
  });

  const server = {
    child,
    host,
    port: 0,
    /** Resolves with { code, signal } when the server process exits. */
    exited,
    get dead() {
      return dead;
    },
    /** Everything the server printed so far. */
    output: () => output,
    kill(signal = 'SIGTERM') {
      if (dead) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    },
    /** Stops the whole process group: SIGTERM, then SIGKILL if it is still there after graceMs. */
    async stop(graceMs = 5_000) {
      if (dead) return;
      server.kill('SIGTERM');
      let timer;
      const forced = new Promise((res) => {
        timer = setTimeout(() => {
          server.kill('SIGKILL');
          res();
        }, graceMs);
      });
      await Promise.race([exited, forced]);
      clearTimeout(timer);
      // extension hosts may outlive the server's own process for a moment; make sure none stays.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    /** The workbench URL for `folder` with an optional `payload` (array of [key, value]). */
    url(folder, payload) {
      const query = [];
      if (folder) query.push(`folder=${encodeURI(folder)}`);
      if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `http://${host}:${server.port}/${query.length ? `?${query.join('&')}` : ''}`;
    },
    /** A path on the server's machine as the workbench addresses it (for payload entries). */
    remoteUri(path) {
      return `vscode-remote://${host}:${server.port}${path}`;
    },
  };
  live.add(server);

  const listening = new Promise((res, rej) => {
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (echo) process.stdout.write(text);
      const m = /Extension host agent listening on (\d+)/.exec(output);
      if (m && !server.port) {
        server.port = Number(m[1]);
        res();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', rej);
    exited.then(({ code, signal }) => rej(new Error(`VS Code server exited (code ${code}, signal ${signal}) before listening:\n${output}`)));
  });
  let timer;
  const timeout = new Promise((_, rej) => {
    timer = setTimeout(() => rej(new Error(`VS Code server did not listen within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return server;
}
