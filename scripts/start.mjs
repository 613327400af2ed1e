#!/usr/bin/env node
// `npm start`: packages the extension, installs it into a real VS Code (the VS Code server from the
// npm package code-server) and serves a workbench on the sample workspace. Open the printed URL in
// any browser; Ctrl+C stops the server.
//
//   node scripts/start.mjs [FOLDER]     FOLDER defaults to samples/
//   FLASHCARDS_PORT=8080                port to serve on (default 8080)
//   FLASHCARDS_HOST=127.0.0.1           address to bind; the server runs without a connection
//                                       token, so bind beyond localhost only on a trusted network
//
// VS Code's state (settings, review progress) persists in .vscode-test/user-data, the installed
// extension in .vscode-test/user-extensions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, installVsCodeServer } from './install-vscode-server.mjs';
import { interrupted, quietSettings, root, serverCli, startServer, writeUserSettings } from '../test/host/lib/vscode-server.mjs';

const folder = resolve(process.argv[2] ?? join(root, 'samples'));
const port = Number(process.env.FLASHCARDS_PORT ?? 8080);
const host = process.env.FLASHCARDS_HOST ?? '127.0.0.1';
const vsix = join(root, 'dist-vsix', 'data-engineering-flashcards.vsix');
const userDataDir = join(cacheDir, 'user-data');
const extensionsDir = join(cacheDir, 'user-extensions');

if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(`start: ${folder} is not a folder`);
  process.exit(2);
}

function step(title) {
  console.log(`\n▸ ${title}`);
}

step('Packaging the extension (npm run package)');
mkdirSync(join(root, 'dist-vsix'), { recursive: true }); // vsce does not create the -o folder
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });

step('Installing the VS Code server (first time only)');
installVsCodeServer();

step(`Installing ${vsix}`);
process.stdout.write(await serverCli(['--install-extension', vsix, '--force'], { userDataDir, extensionsDir }));

// Quiet defaults for a first start; settings the user changed since are kept.
writeUserSettings(userDataDir, quietSettings, { overwrite: false });

step(`Starting VS Code on ${host}:${port}`);
let server;
try {
  server = await startServer({ userDataDir, extensionsDir, host, port });
} catch (err) {
  console.error(`start: ${err.message}`);
  if (/EADDRINUSE/.test(err.message)) console.error(`start: port ${port} is taken; set FLASHCARDS_PORT to another one.`);
  process.exit(1);
}
// Echo the server's log from now on, so a crash or an extension host error is visible.
server.child.stdout.pipe(process.stdout);
server.child.stderr.pipe(process.stderr);

console.log(`\nData Engineering Flashcards is running in VS Code. Open:\n\n  ${server.url(folder)}\n\nCtrl+C stops it.\n`);

// Ctrl+C (or SIGTERM) stops the server's whole process group and exits; see vscode-server.mjs.
const { code, signal } = await server.exited;
if (!interrupted()) {
  console.error(`start: the VS Code server exited (code ${code}, signal ${signal})`);
  process.exit(1);
}
