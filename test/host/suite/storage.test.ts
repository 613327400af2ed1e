// The progress storage for folders that are not on a local disk (vscode.dev, remote file systems)
// against the real vscode.workspace.fs. workspace.fs has no append and no exclusive create, so
// unlike NodeProgressStorage it is safe for windows that take turns, not for simultaneous writes
// (see the class comment).
import * as assert from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ProgressStore, type Rating } from '../../../src/core/review';
import { WorkspaceFsProgressStorage } from '../../../src/vscode/review/workspaceFsProgressStorage';

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('progress storage on vscode.workspace.fs', () => {
  let dir: string;
  let storage: WorkspaceFsProgressStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashcards-wsfs-'));
    storage = new WorkspaceFsProgressStorage(vscode.Uri.file(join(dir, 'progress')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a file only once: a second window that saw no log does not replace the one made meanwhile', async () => {
    const other = new WorkspaceFsProgressStorage(vscode.Uri.file(join(dir, 'progress')));
    assert.strictEqual(await storage.create('log.jsonl', bytes('first\n')), true);
    assert.strictEqual(await other.create('log.jsonl', bytes('second\n')), false);
    assert.strictEqual(text(await storage.read('log.jsonl')), 'first\n');
    assert.deepStrictEqual(readdirSync(join(dir, 'progress')), ['log.jsonl'], 'no temporary file is left behind');
  });

  it('appends, replaces and reads', async () => {
    assert.strictEqual(await storage.read('x'), undefined);
    await storage.append('x', bytes('a\n'));
    await storage.append('x', bytes('b\n'));
    assert.strictEqual(text(await storage.read('x')), 'a\nb\n');
    await storage.write('x', bytes('c\n'));
    assert.strictEqual(text(await storage.read('x')), 'c\n');
    await storage.rename('x', 'y');
    assert.strictEqual(await storage.read('x'), undefined);
    await storage.delete('y');
    assert.strictEqual(await storage.read('y'), undefined);
  });

  it('keeps every review of two stores taking turns on one log, and a fresh store reads them all', async () => {
    const clock = { now: () => Date.now() };
    const a = await ProgressStore.open(storage, clock, { settings: { fuzz: false } });
    const b = await ProgressStore.open(new WorkspaceFsProgressStorage(vscode.Uri.file(join(dir, 'progress'))), clock, { settings: { fuzz: false } });
    for (let i = 0; i < 20; i++) {
      const store = i % 2 ? b : a;
      await store.refresh();
      await store.answer(`deck/card-${i % 7}`, ((i % 4) + 1) as Rating, 1000);
    }
    await a.dispose();
    await b.dispose();
    const fresh = await ProgressStore.open(storage, clock, { settings: { fuzz: false } });
    const reps = [...fresh.cards().values()].reduce((n, s) => n + s.reps, 0);
    assert.strictEqual(reps, 20, 'all 20 reviews from both stores');
    await fresh.dispose();
  });
});
