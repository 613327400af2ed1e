import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore, type ProgressStorage, type Rating } from '../../../src/core/review';
import { NodeProgressStorage } from '../../../src/node/nodeProgressStorage';
import { LOG, Writer, bundleCrashWriter, checkLog } from '../../support/crashHarness';
import { prng } from '../../support/deckFuzz';

const clock = { now: () => Date.now() };

/** Entry ids per line of the log file, to count duplicates the store itself would hide. */
function idsInFile(dir: string): string[] {
  return readFileSync(join(dir, LOG), 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => (JSON.parse(l) as { id: string }).id);
}

/** Holds back writes and creates of the log until `open()` is called: a window that is slow to create it. */
class SlowToCreate implements ProgressStorage {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  readonly read: ProgressStorage['read'];
  readonly readRange: ProgressStorage['readRange'];
  readonly append: ProgressStorage['append'];
  readonly rename: ProgressStorage['rename'];
  readonly create: ProgressStorage['create'];
  /** Whether it got as far as trying to create or replace the log. */
  reachedGate = false;

  constructor(private readonly inner: NodeProgressStorage) {
    this.read = (name) => inner.read(name);
    this.readRange = (name, start, end) => inner.readRange(name, start, end);
    this.append = (name, bytes) => inner.append(name, bytes);
    this.rename = (from, to) => inner.rename(from, to);
    const create = (inner as ProgressStorage).create;
    this.create = create && (async (name, bytes) => {
      await this.held(name);
      return create.call(inner, name, bytes);
    });
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    await this.held(name);
    return this.inner.write(name, bytes);
  }

  open(): void {
    this.release();
  }

  private async held(name: string): Promise<void> {
    if (name !== LOG) return;
    this.reachedGate = true;
    await this.gate;
  }
}

describe('resilience: two windows on the same progress files', function () {
  this.timeout(60_000);
  let base: string;
  let script: string;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'flashcards-two-windows-'));
    script = await bundleCrashWriter(base);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('two stores grading at once in one process lose nothing, and each sees the other’s after refresh', async () => {
    const dir = join(base, 'in-process');
    const n = 60;
    const [a, b] = await Promise.all([
      ProgressStore.open(new NodeProgressStorage(dir), clock, { snapshotEvery: 7 }),
      ProgressStore.open(new NodeProgressStorage(dir), clock, { snapshotEvery: 11 }),
    ]);
    const grade = async (store: ProgressStore, prefix: string, seed: number) => {
      const random = prng(seed);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        if (random() < 0.2) await store.refresh();
        ids.push((await store.answer(`${prefix}/c${Math.floor(random() * 9)}`, (1 + Math.floor(random() * 4)) as Rating, 1000)).id);
      }
      return ids;
    };
    const [idsA, idsB] = await Promise.all([grade(a, 'a', 1), grade(b, 'b', 2)]);

    await a.refresh();
    await b.refresh();
    for (const [store, name] of [[a, 'a'], [b, 'b']] as const) {
      const history = await store.history();
      assert.equal(history.size, 2 * n, `store ${name} sees ${history.size} entries`);
      for (const id of [...idsA, ...idsB]) assert.ok(history.has(id), `store ${name} misses ${id}`);
    }
    const repsOf = (store: ProgressStore, prefix: string) => [...store.cards()].filter(([k]) => k.startsWith(prefix)).reduce((sum, [, c]) => sum + c.reps, 0);
    assert.equal(repsOf(a, 'b/'), n, 'a counts every review b made');
    assert.equal(repsOf(b, 'a/'), n, 'b counts every review a made');
    await a.dispose();
    await b.dispose();

    const check = await checkLog(dir, [...idsA, ...idsB]);
    assert.equal(check.entries, 2 * n);
    assert.deepEqual(check.lost, []);
    assert.deepEqual(check.duplicated, []);
    assert.equal(new Set(idsInFile(dir)).size, idsInFile(dir).length, 'no line twice in the file');
  });

  it('two processes grading at once lose nothing, and each sees the other’s after refresh', async () => {
    const dir = join(base, 'two-processes');
    const n = 40;
    // Both start on an empty folder, so they also race to create the log.
    const writers = ['a', 'b'].map((prefix, i) => new Writer(script, { dir, prefix, count: n, seed: 10 + i, snapshotEvery: 9, thenRefresh: true }));
    await Promise.all(writers.map((w) => w.until(() => w.lines.includes('done'), 'done')));
    for (const w of writers) w.send('refresh');
    await Promise.all(writers.map((w) => w.until(() => w.lines.some((l) => l.startsWith('seen ')), 'what it saw after refresh')));
    for (const w of writers) {
      assert.equal((await w.closed).code, 0, w.stderr);
      const seen = JSON.parse(w.lines.find((l) => l.startsWith('seen '))!.slice(5)) as { entries: Record<string, number>; reps: Record<string, number> };
      assert.deepEqual(seen.entries, { a: n, b: n }, `after refresh, a writer saw ${JSON.stringify(seen.entries)}`);
      assert.deepEqual(seen.reps, { a: n, b: n });
    }
    const acked = writers.flatMap((w) => w.acks);
    assert.equal(acked.length, 2 * n);
    const check = await checkLog(dir, acked);
    assert.equal(check.entries, 2 * n);
    assert.deepEqual(check.lost, []);
    assert.deepEqual(check.duplicated, []);
  });

  it('a window creating the log late does not replace the log another window already graded into', async () => {
    const dir = join(base, 'creation-race');
    const late = new SlowToCreate(new NodeProgressStorage(dir));
    // The late window finds no log and sets out to create one, but is held back…
    const lateOpen = ProgressStore.open(late, clock);
    while (!late.reachedGate) await new Promise<void>((resolve) => setImmediate(resolve));
    // …while the other window creates it and records a grade.
    const early = await ProgressStore.open(new NodeProgressStorage(dir), clock);
    const graded = await early.answer('a/c1', 3, 1000);
    late.open();
    const second = await lateOpen;
    // The early window dies here, before it could notice anything.
    const fresh = await ProgressStore.open(new NodeProgressStorage(dir), clock);
    const history = await fresh.history();
    assert.ok(history.has(graded.id), 'the grade acknowledged to the early window survived');
    assert.equal(second.card('a/c1').reps, 1, 'the late window sees it too');
    await fresh.dispose();
    await second.dispose();
  });
});
