#!/usr/bin/env node
// One esbuild run for every bundle: the extension host (node, cjs, `vscode` external), the webview
// (browser, iife), the deck CLI, and with --tests the suite that runs inside the real VS Code.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  target: 'es2022',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/flashcards.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (args.has('--tests')) {
  const suiteDir = join(root, 'test', 'host', 'suite');
  const entries = readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => join('test/host/suite', f));
  builds.push({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: entries,
    outdir: 'out/host-suite',
    platform: 'node',
    format: 'cjs',
    // mocha stays a real require so the suite and the runner share one instance.
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync(join(root, 'dist', 'cli.js'), 0o755);
}
