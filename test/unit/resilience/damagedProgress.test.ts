import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InMemoryProgressStorage, ProgressStore, type ProgressStoreOptions } from '../../../src/core/review';
import { NodeProgressStorage } from '../../../src/node/nodeProgressStorage';
import { FIXTURE_DIR, FIXTURE_LOG, FIXTURE_OPTIONS } from '../../support/progressFixture';

const LOG = 'progress.jsonl';
const SNAPSHOT = 'progress.snapshot.json';
const NOW = Date.UTC(2025, 3, 1, 12);
const clock = { now: () => NOW };
const options: ProgressStoreOptions = { ...FIXTURE_OPTIONS };

/** A real log to damage: the schema 1 fixture (248 entries). */
const good = new Uint8Array(readFileSync(join(FIXTURE_DIR, FIXTURE_LOG)));
const goodLines = new TextDecoder().decode(good).split('\n');
const goodIds = goodLines.slice(1).map((l) => (JSON.parse(l) as { id: string }).id);

/** Byte range of each line, `[start, end)` without its `\n`. */
const lineRanges: Array<[number, number]> = [];
for (let start = 0; start <= good.length; ) {
  let end = good.indexOf(0x0a, start);
  if (end < 0) end = good.length;
  lineRanges.push([start, end]);
  start = end + 1;
}

/** Ids of entry lines that lie wholly outside `[from, to)`, newlines on both sides included. */
function untouchedIds(from: number, to: number): string[] {
  return goodIds.filter((_, i) => {
    const [start, end] = lineRanges[i + 1];
    return end < from || start - 1 >= to;
  });
}

/** Ids of the entry lines complete in the first `length` bytes. */
function completeIds(length: number): string[] {
  if (length <= lineRanges[0][1]) return [];
  return goodIds.filter((_, i) => lineRanges[i + 1][1] <= length);
}

async function idsOf(store: ProgressStore): Promise<Set<string>> {
  return new Set((await store.history()).all().map((e) => e.id));
}

describe('resilience: a damaged progress file', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'flashcards-damaged-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => ProgressStore.open(new NodeProgressStorage(dir), clock, options);

  it('with garbage inside: the good entries load, the damaged file is kept next to it, and it is reported once', async () => {
    const lines = [...goodLines];
    lines.splice(100, 0, 'garbage here', '\u0000\u00ff{]');
    lines[200] = '#' + lines[200].slice(1); // was entry 198
    const damaged = lines.join('\n');
    writeFileSync(join(dir, LOG), damaged);

    const store = await open();
    assert.ok(store.recovered, 'reported');
    assert.equal(store.recovered.droppedLines, 3);
    assert.deepEqual(store.recovered.lines, [101, 102, 201]);
    assert.equal(readFileSync(join(dir, store.recovered.backup), 'utf8'), damaged, 'the backup is the damaged file as it was');
    const ids = await idsOf(store);
    assert.equal(ids.size, 247, 'every entry but the damaged one');
    for (const id of goodIds.filter((_, i) => i !== 197)) assert.ok(ids.has(id), id);
    await store.dispose();

    const again = await open();
    assert.equal(again.recovered, undefined, 'a second open reports nothing');
    assert.equal((await idsOf(again)).size, 247);
    await again.dispose();
    assert.equal(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length, 1, 'one backup');
  });

  it('filled with garbage: opens with no progress, keeps the file, reports it, and records again', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    writeFileSync(join(dir, LOG), garbage);
    const store = await open();
    assert.ok(store.recovered, 'reported');
    assert.equal(store.recovered.headerRepaired, true);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, store.recovered.backup))), garbage);
    assert.equal(store.cards().size, 0);
    await store.answer('d/1', 3, 1000);
    await store.dispose();

    const again = await open();
    assert.equal(again.recovered, undefined);
    assert.equal(again.card('d/1').reps, 1);
    await again.dispose();
  });

  it('cut in the middle of a line: the complete entries load, and the torn line, never acknowledged, is dropped', async () => {
    for (const cut of [good.length - 5, lineRanges[120][0] + 40, lineRanges[0][1] - 3]) {
      writeFileSync(join(dir, LOG), good);
      truncateSync(join(dir, LOG), cut);
      rmSync(join(dir, SNAPSHOT), { force: true });
      const store = await open();
      assert.equal(store.recovered, undefined, `cut at ${cut}: a torn tail is not damage`);
      assert.deepEqual([...(await idsOf(store))].sort(), completeIds(cut).sort(), `cut at ${cut}`);
      // The next grade starts on a line of its own and the file stays readable.
      const entry = await store.answer('d/after-cut', 3, 1000);
      await store.dispose();
      const again = await open();
      assert.equal(again.recovered, undefined);
      const ids = await idsOf(again);
      assert.ok(ids.has(entry.id));
      assert.equal(ids.size, completeIds(cut).length + 1);
      await again.dispose();
    }
  });

  it('cut at any byte: never throws, loads every complete entry, reports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length }), async (cut) => {
        const storage = new InMemoryProgressStorage();
        storage.setBytes(LOG, good.subarray(0, cut));
        const store = await ProgressStore.open(storage, clock, options);
        assert.equal(store.recovered, undefined);
        assert.deepEqual([...(await idsOf(store))].sort(), completeIds(cut).sort());
        const entry = await store.answer('d/x', 2, 1000);
        const again = await ProgressStore.open(storage, clock, options);
        assert.equal(again.recovered, undefined);
        assert.equal((await idsOf(again)).size, completeIds(cut).length + 1);
        assert.ok((await idsOf(again)).has(entry.id));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('overwritten with random bytes anywhere, with or without a snapshot: never throws, keeps every untouched entry, backs up and reports at most once', async () => {
    // A snapshot covering the whole log, as a window that had it open leaves behind.
    const base = new InMemoryProgressStorage();
    base.setBytes(LOG, good);
    await (await ProgressStore.open(base, clock, options)).saveSnapshot();
    const snapshot = base.bytes(SNAPSHOT)!;

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.boolean(),
        async (at, noise, withSnapshot) => {
          const damaged = good.slice();
          damaged.set(noise.subarray(0, damaged.length - at), at);
          const storage = new InMemoryProgressStorage();
          storage.setBytes(LOG, damaged);
          if (withSnapshot) storage.setBytes(SNAPSHOT, snapshot);
          const store = await ProgressStore.open(storage, clock, options);
          const ids = await idsOf(store); // with a snapshot, damage shows only when the full log is read
          for (const id of untouchedIds(at, at + noise.length)) assert.ok(ids.has(id), `lost untouched entry ${id}`);
          const report = store.recovered;
          if (report) {
            assert.deepEqual(storage.bytes(report.backup), damaged, 'the backup is the damaged file');
            assert.ok(report.droppedLines > 0 || report.headerRepaired);
          }
          const again = await ProgressStore.open(storage, clock, options);
          await again.history();
          assert.equal(again.recovered, undefined, 'reported once');
          assert.deepEqual([...(await idsOf(again))].sort(), [...ids].sort(), 'the second open loads the same entries');
          assert.ok(storage.names().filter((n) => n.includes('.corrupt-')).length <= 1, 'at most one backup');
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it('the tests above see the real files: no backup is left when nothing was damaged', async () => {
    writeFileSync(join(dir, LOG), good);
    const store = await open();
    assert.equal(store.recovered, undefined);
    await store.dispose();
    assert.deepEqual(readdirSync(dir).sort(), [LOG, SNAPSHOT]);
    assert.ok(existsSync(join(dir, SNAPSHOT)));
  });
});
