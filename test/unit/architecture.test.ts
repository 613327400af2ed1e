import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

const IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]);
}

describe('architecture', () => {
  const core = tsFiles(join(root, 'src', 'core'));

  it('finds the core sources', () => {
    assert.ok(core.length >= 5, `only ${core.length} files under src/core`);
  });

  it('src/core never imports vscode', () => {
    const offenders = core.filter((f) => importsOf(f).includes('vscode')).map((f) => relative(root, f));
    assert.deepEqual(offenders, []);
  });

  it('src/core uses no Node-only module, so it also runs in a browser', () => {
    const offenders = core.flatMap((f) => importsOf(f).filter((m) => m.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto'].includes(m)).map((m) => `${relative(root, f)}: ${m}`));
    assert.deepEqual(offenders, []);
  });

  it('the detector sees an import of vscode', () => {
    const sample = "import * as vscode from 'vscode';\nconst x = require('vscode');";
    assert.equal([...sample.matchAll(IMPORT)].filter((m) => m[1] === 'vscode').length, 2);
  });
});
