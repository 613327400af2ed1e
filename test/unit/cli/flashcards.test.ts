import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/flashcards';

const root = join(__dirname, '..', '..', '..');

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('flashcards CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flashcards-cli-'));
  const good = join(dir, 'good.deck.md');
  const bad = join(dir, 'bad.deck.md');
  writeFileSync(good, '# Good\n## Q1\n<!-- id: a -->\nAnswer\n');
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(bad, '# Bad\n## Q1\n<!-- id: a -->\nAnswer\n## Q2\n<!-- id: a -->\nOther\n');

  it('exits 0 for the shipped decks', () => {
    const r = run(['check', join(root, 'decks', 'data-engineering-flashcards.txt'), join(root, 'decks', 'kinesis-limits.deck.md')]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /16 cards in "Data Engineering Flashcards"/);
  });

  it('exits 1 and prints file:line:column for an error', () => {
    const r = run(['check', good, bad]);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:10: error: Duplicate id`));
  });

  it('prints one JSON document with --json', () => {
    const r = run(['check', good, bad, '--json']);
    const doc = JSON.parse(r.out);
    assert.deepEqual(Object.keys(doc), ['files']);
    assert.deepEqual(doc.files[0], { file: good, title: 'Good', cards: 1, diagnostics: [] });
    assert.equal(doc.files[1].cards, 1);
    assert.deepEqual(doc.files[1].diagnostics[0], { line: 6, column: 10, severity: 'error', message: doc.files[1].diagnostics[0].message });
    assert.equal(r.code, 1);
  });

  it('reports a missing file as an error instead of crashing', () => {
    const r = run(['check', join(dir, 'nope.deck.md'), '--json']);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.out).files[0].diagnostics[0].message, 'File not found.');
  });

  it('refuses a file over the size limit without reading it', () => {
    const big = join(dir, 'big.deck.md');
    writeFileSync(big, Buffer.alloc(11 * 1024 * 1024, 0x61));
    const r = run(['check', big]);
    assert.equal(r.code, 1);
    assert.match(r.out, /over the 10\.0 MB limit/);
  });

  it('shows usage and exits 2 on wrong arguments', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['check']).code, 2);
    assert.match(run(['lint', 'x']).err, /usage: flashcards check/);
  });

  it('works as the built bin with a shebang', function () {
    this.timeout(60_000);
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
    const r = spawnSync(join(root, 'dist', 'cli.js'), ['check', good, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).files[0].cards, 1);
  });
});
