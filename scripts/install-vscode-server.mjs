#!/usr/bin/env node
// Installs the real VS Code server (shipped inside the npm package `code-server`) and the Node 24
// it needs into .vscode-test/, the same cache folder @vscode/test-electron uses on machines with
// internet. Desktop VS Code cannot be downloaded here, but the registry is reachable.
// Idempotent: a finished install leaves a marker and is reused.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(root, '.vscode-test');
export const nodeDir = join(cacheDir, 'node24');
export const nodeBin = join(nodeDir, 'bin', 'node');
export const serverDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const serverMain = join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const marker = join(serverDir, '.installed');

function run(cmd, args, opts = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

export function installVsCodeServer() {
  if (existsSync(marker) && existsSync(nodeBin) && existsSync(serverMain)) return;
  mkdirSync(cacheDir, { recursive: true });

  if (!existsSync(nodeBin)) {
    // The `node` package fetches its platform binary as a nested dependency through a preinstall
    // script, which npm 11 only runs when asked to.
    const tmp = join(cacheDir, 'node24-pkg');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--dangerously-allow-all-scripts', 'node@24'], { cwd: tmp });
    const platformDir = join(tmp, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
    rmSync(nodeDir, { recursive: true, force: true });
    cpSync(platformDir, nodeDir, { recursive: true, dereference: true });
    rmSync(tmp, { recursive: true, force: true });
  }

  rmSync(serverDir, { recursive: true, force: true });
  mkdirSync(serverDir, { recursive: true });
  writeFileSync(join(serverDir, 'package.json'), '{"private":true}\n');
  // code-server's postinstall checks for Node 24 and builds native modules (kerberos needs
  // libkrb5-dev) against its headers. Run npm itself on Node 24, and drop the npm_* variables an
  // enclosing `npm test` sets, or the install scripts find that npm's Node 20 first.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
  env.PATH = `${join(nodeDir, 'bin')}:${process.env.PATH}`;
  const npmCli = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  run(nodeBin, [npmCli, 'install', '--no-audit', '--no-fund', '--no-save', '--dangerously-allow-all-scripts',
    `--nodedir=${nodeDir}`, `code-server@${CODE_SERVER_VERSION}`], { cwd: serverDir, env });
  if (!existsSync(serverMain)) throw new Error(`VS Code server not found at ${serverMain}`);
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) installVsCodeServer();
