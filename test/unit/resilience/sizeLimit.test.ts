import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { main } from '../../../src/cli/flashcards';
import { MAX_DECK_BYTES, parseDeck } from '../../../src/core/deck/parse';
import { ROOT } from '../../support/deckFuzz';

const FIFTY_MB = 50 * 1024 * 1024;
const REFUSED = /The deck file is 50\.0 MB, over the 10\.0 MB limit; split it into smaller decks\./;

describe('resilience: a 50 MB deck is refused with a clear message', function () {
  this.timeout(60_000);
  let dir: string;
  let big: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashcards-size-'));
    big = join(dir, 'huge.deck.md');
    // A real 50 MB deck: a valid card repeated, so only the size can be the reason to refuse it.
    const chunk = Buffer.from('## What is the write limit of a shard?\n1 MB/s or 1,000 records/s.\n\n'.repeat(16_384));
    const fd = openSync(big, 'w');
    writeSync(fd, '# Huge\n');
    for (let written = 7; written < FIFTY_MB; written += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, FIFTY_MB - written));
    closeSync(fd);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parseDeck refuses 50 MB of bytes or text at once, without parsing it', () => {
    const bytes = new Uint8Array(FIFTY_MB).fill(0x61);
    for (const content of [bytes, 'a'.repeat(FIFTY_MB)]) {
      const started = performance.now();
      const deck = parseDeck('huge.deck.md', content);
      assert.ok(performance.now() - started < 1000, 'refused without reading it');
      assert.equal(deck.cards.length, 0);
      assert.equal(deck.diagnostics.length, 1);
      assert.deepEqual({ ...deck.diagnostics[0], message: undefined }, { line: 1, column: 1, severity: 'error', code: 'too-large', message: undefined });
      assert.match(deck.diagnostics[0].message, REFUSED);
    }
  });

  it('the limit is exact: 10 MiB loads, one byte more is refused', () => {
    const atLimit = new Uint8Array(MAX_DECK_BYTES).fill(0x20);
    atLimit.set(new TextEncoder().encode('# T\n## Q\nA\n'));
    assert.equal(parseDeck('x.deck.md', atLimit).cards.length, 1);
    const over = new Uint8Array(MAX_DECK_BYTES + 1).fill(0x20);
    assert.equal(parseDeck('x.deck.md', over).diagnostics[0].code, 'too-large');
  });

  it('the CLI’s main() refuses the 50 MB file, exit code 1, file:line:column message', () => {
    const out: string[] = [];
    const code = main(['check', big], (s) => out.push(s), (s) => out.push(s));
    assert.equal(code, 1);
    assert.match(out[0], new RegExp(`^${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: error: ${REFUSED.source}$`));
    assert.match(out[1], /0 cards/);
  });

  it('the built CLI, run as `node cli.js check`, refuses it too', async () => {
    // The same bundle `npm run build` makes, built into the temp folder to keep dist/ alone.
    const cli = join(dir, 'cli.js');
    await esbuild.build({ entryPoints: [join(ROOT, 'src', 'cli', 'flashcards.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile: cli, logLevel: 'warning' });
    const run = spawnSync(process.execPath, [cli, 'check', big, '--json'], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as { files: Array<{ cards: number; diagnostics: Array<{ line: number; column: number; severity: string; message: string }> }> };
    assert.equal(doc.files[0].cards, 0);
    assert.equal(doc.files[0].diagnostics[0].severity, 'error');
    assert.match(doc.files[0].diagnostics[0].message, REFUSED);
  });
});
