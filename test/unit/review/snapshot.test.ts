import assert from 'node:assert/strict';
import { InMemoryProgressStorage, ProgressStore, fixedUtcOffset, type ProgressStorage, type Rating } from '../../../src/core/review';
import { DAY, FakeClock, LOG, MINUTE, SNAPSHOT, T0, logLines, openStore, plainStates, seededRandom, testOptions } from './helpers';

async function answerRandomly(store: ProgressStore, clock: FakeClock, seed: number, count: number): Promise<void> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    clock.advance((1 + Math.floor(random() * 600)) * MINUTE);
    const card = `d/${Math.floor(random() * 15)}`;
    if (random() < 0.08) await store.undo();
    else await store.answer(card, (1 + Math.floor(random() * 4)) as Rating, 1000);
  }
}

/** States and tally, derived from nothing but the log. */
async function fullReplay(storage: InMemoryProgressStorage, clock: FakeClock) {
  const copy = new InMemoryProgressStorage();
  copy.setBytes(LOG, storage.bytes(LOG)!);
  return derived(await ProgressStore.open(copy, clock, testOptions()));
}

async function derived(store: ProgressStore) {
  return { states: plainStates(store.cards()), tally: (await store.tally()).toJSON() };
}

type SnapshotJson = { log: { offset: number; entries: number }; cards: unknown[][] };

function snapshotJson(storage: InMemoryProgressStorage): SnapshotJson {
  return JSON.parse(storage.text(SNAPSHOT)!);
}

/** The stored tuple of a card; index 7 is its review count. */
function tupleOf(snapshot: SnapshotJson, key: string): unknown[] {
  const tuple = snapshot.cards.find((t) => t[0] === key);
  assert.ok(tuple, `snapshot has ${key}`);
  return tuple;
}

const REPS = 7;

describe('snapshot', () => {
  it('is written every N entries and on dispose, covering the log up to then', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock, { snapshotEvery: 10 });
    await answerRandomly(store, clock, 1, 25);
    // The snapshot runs after the answer that crossed the threshold; any call queued behind it sees it.
    await store.refresh();
    const atTwenty = snapshotJson(storage);
    assert.equal(atTwenty.log.entries, 20);
    await store.dispose();
    const final = snapshotJson(storage);
    assert.equal(final.log.entries, 25);
    assert.equal(final.log.offset, storage.bytes(LOG)!.length);
  });

  it('plus the log tail after it gives the same states as replaying everything', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const { store } = await openStore(storage, clock, { snapshotEvery: 40 });
    await answerRandomly(store, clock, 2, 100);
    await store.refresh();
    const covered = snapshotJson(storage).log.entries;
    assert.ok(covered > 0 && covered < 100, `snapshot covers part of the log (${covered})`);

    // A second store writes more without snapshotting, as a crashed window would leave it.
    const tailWriter = await ProgressStore.open(storage, clock, testOptions({ snapshotEvery: 1_000_000 }, 'w'));
    await answerRandomly(tailWriter, clock, 3, 30);

    storage.operations.length = 0;
    const fromSnapshot = await ProgressStore.open(storage, clock, testOptions());
    assert.ok(
      !storage.operations.some((op) => op.op === 'write'),
      'a valid snapshot is used as is (a rebuild would write a new one)',
    );
    assert.deepEqual(await derived(fromSnapshot), await fullReplay(storage, clock));
  });

  it('is trusted for the part of the log it covers (the prefix is not replayed)', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    await store.dispose();
    const snapshot = snapshotJson(storage);
    tupleOf(snapshot, 'd/1')[REPS] = 99;
    storage.setText(SNAPSHOT, JSON.stringify(snapshot));
    const reopened = await ProgressStore.open(storage, clock, testOptions());
    assert.equal(reopened.card('d/1').reps, 99);
  });

  const invalidations: Array<[string, (storage: InMemoryProgressStorage) => void, Parameters<typeof testOptions>[0]?]> = [
    ['is not JSON', (s) => s.setText(SNAPSHOT, '{"schema":1,"kind":"flashcards-review-sn')],
    ['has a newer schema', (s) => s.setText(SNAPSHOT, s.text(SNAPSHOT)!.replace('"schema":1', '"schema":2'))],
    ['covers more bytes than the log has', (s) => s.setText(LOG, logLines(s).slice(0, 2).join('\n'))],
    [
      'was made from a log since rewritten',
      (s) => s.setText(LOG, s.text(LOG)!.replace('"ms":1000', '"ms":1001')),
    ],
    ['was made with other scheduler settings', () => undefined, { settings: { desiredRetention: 0.8 } }],
  ];
  for (const [why, tamper, options] of invalidations) {
    it(`is rebuilt from the log when it ${why}`, async () => {
      const clock = new FakeClock();
      const { store, storage } = await openStore(undefined, clock);
      await store.answer('d/1', 3, 1000);
      clock.advance(10 * MINUTE);
      await store.answer('d/1', 3, 1000);
      await store.answer('d/2', 4, 1000);
      await store.dispose();
      const honest = snapshotJson(storage);
      tupleOf(honest, 'd/1')[REPS] = 99; // a wrong value that would show if the snapshot were used
      storage.setText(SNAPSHOT, JSON.stringify(honest));
      tamper(storage);

      const reopened = await ProgressStore.open(storage, clock, testOptions(options));
      assert.notEqual(reopened.card('d/1').reps, 99);
      assert.deepEqual(plainStates(reopened.cards()), (await fullReplay2(storage, clock, options)).states);
      assert.notEqual(tupleOf(snapshotJson(storage), 'd/1')[REPS], 99, 'and replaced');
    });
  }
});

async function fullReplay2(storage: InMemoryProgressStorage, clock: FakeClock, options?: Parameters<typeof testOptions>[0]) {
  const copy = new InMemoryProgressStorage();
  copy.setBytes(LOG, storage.bytes(LOG)!);
  return derived(await ProgressStore.open(copy, clock, testOptions(options)));
}

describe('opening from a snapshot', () => {
  async function closedWithEntries(count: number) {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await answerRandomly(store, clock, 5, count);
    await store.dispose();
    return { storage, clock };
  }

  it('reads only the header and the log after the snapshot', async () => {
    const { storage, clock } = await closedWithEntries(200);
    storage.operations.length = 0;
    await ProgressStore.open(storage, clock, testOptions());
    assert.deepEqual(storage.operations, [
      { op: 'read', name: SNAPSHOT },
      { op: 'readRange', name: LOG },
      { op: 'readRange', name: LOG },
    ]);
  });

  it('works the same with a storage that cannot read ranges', async () => {
    const { storage, clock } = await closedWithEntries(60);
    const plain: ProgressStorage = {
      read: (name) => storage.read(name),
      append: (name, bytes) => storage.append(name, bytes),
      write: (name, bytes) => storage.write(name, bytes),
      rename: (from, to) => storage.rename(from, to),
    };
    const store = await ProgressStore.open(plain, clock, testOptions());
    assert.deepEqual(await derived(store), await fullReplay(storage, clock));
    await store.answer('d/1', 3, 1000);
    assert.deepEqual(await store.refresh(), []);
  });

  it('is only a cache: failing to read or write it loses nothing', async () => {
    const storage = new InMemoryProgressStorage();
    const flaky: ProgressStorage = {
      read: (name) => (name === SNAPSHOT ? Promise.reject(new Error('EACCES')) : storage.read(name)),
      append: (name, bytes) => storage.append(name, bytes),
      write: (name, bytes) => (name === SNAPSHOT ? Promise.reject(new Error('ENOSPC')) : storage.write(name, bytes)),
      rename: (from, to) => storage.rename(from, to),
    };
    const clock = new FakeClock();
    const store = await ProgressStore.open(flaky, clock, testOptions({ snapshotEvery: 2 }));
    await answerRandomly(store, clock, 9, 5);
    const reopened = await ProgressStore.open(flaky, clock, testOptions());
    assert.deepEqual(await derived(reopened), await derived(store));
    await assert.rejects(store.dispose(), /ENOSPC/, 'an explicit save still reports the failure');
  });

  it('undoes a fresh answer without parsing the whole log', async () => {
    const { storage, clock } = await closedWithEntries(100);
    const store = await ProgressStore.open(storage, clock, testOptions({}, 'n'));
    const before = plainStates(store.cards());
    clock.advance(MINUTE);
    await store.answer('d/3', 1, 1000);
    storage.operations.length = 0;
    assert.equal((await store.undo())?.id, 'n1');
    assert.deepEqual(storage.operations, [{ op: 'append', name: LOG }]);
    assert.deepEqual(plainStates(store.cards()), before);
  });

  it('loads the whole log when asked to undo further back than the snapshot', async () => {
    const { storage, clock } = await closedWithEntries(30);
    const lastId = JSON.parse(logLines(storage).at(-1)!).id;
    const store = await ProgressStore.open(storage, clock, testOptions({}, 'n'));
    assert.equal((await store.undo())?.id, lastId);
    assert.deepEqual(await derived(store), await fullReplay(storage, clock));
  });

  it('looks past late-arriving old entries for the newest action to undo', async () => {
    const { storage, clock } = await closedWithEntries(20);
    const newest = JSON.parse(logLines(storage).at(-1)!);
    // Another machine's answer from long ago, merged in after the snapshot.
    const old = `{"t":"review","id":"far1","card":"d/far","at":${T0 - 30 * DAY},"rating":3,"ms":1000}`;
    await storage.append(LOG, new TextEncoder().encode('\n' + old));
    const store = await ProgressStore.open(storage, clock, testOptions({}, 'n'));
    assert.equal((await store.undo())?.id, newest.id);
  });

  it('keeps its card states but recounts statistics after a change of time zone', async () => {
    const { storage, clock } = await closedWithEntries(60);
    const moved = { utcOffset: fixedUtcOffset(9 * 60) };
    storage.operations.length = 0;
    const store = await ProgressStore.open(storage, clock, testOptions(moved));
    assert.ok(!storage.operations.some((op) => op.op === 'read' && op.name === LOG), 'opened from the snapshot');
    assert.deepEqual(await derived(store), await fullReplay2(storage, clock, moved));
    assert.equal((await store.tally()).calendar.key, store.calendar.key);
  });

  it('counts a duplicated line once, as a full replay would', async () => {
    const { storage, clock } = await closedWithEntries(20);
    // Two windows merging the same file can each append the same entry.
    const last = logLines(storage).at(-1)!;
    await storage.append(LOG, new TextEncoder().encode('\n' + last));
    const store = await ProgressStore.open(storage, clock, testOptions());
    assert.deepEqual(await derived(store), await fullReplay(storage, clock));
  });

  it('keeps walking back past the snapshot in time order', async () => {
    const { storage, clock } = await closedWithEntries(20);
    const newest = JSON.parse(logLines(storage).at(-1)!);
    assert.equal(newest.t, 'review');
    // Merged in after the snapshot, but older than its newest action.
    const late = `{"t":"review","id":"late1","card":"d/late","at":${newest.at - 1},"rating":3,"ms":1000}`;
    await storage.append(LOG, new TextEncoder().encode('\n' + late));
    const store = await ProgressStore.open(storage, clock, testOptions({}, 'n'));
    clock.advance(MINUTE);
    await store.answer(newest.card, 3, 1000);
    assert.equal((await store.undo())?.id, 'n1');
    assert.equal((await store.undo())?.id, newest.id, 'the snapshot’s newest action comes before the late entry');
    assert.equal((await store.undo())?.id, 'late1');
  });

  it('follows another window undoing an entry from before its snapshot', async () => {
    const { storage, clock } = await closedWithEntries(40);
    const a = await ProgressStore.open(storage, clock, testOptions({}, 'a'));
    const b = await ProgressStore.open(storage, clock, testOptions({}, 'b'));
    await a.undo();
    await a.undo();
    await b.refresh();
    assert.deepEqual(plainStates(b.cards()), plainStates(a.cards()));
    assert.deepEqual(await derived(b), await fullReplay(storage, clock));
  });

  it('repairs damage inside the covered part once the full history is read', async () => {
    const { storage, clock } = await closedWithEntries(150);
    const lines = logLines(storage);
    // Same length, far from the end: only a full read can notice.
    lines[5] = '#'.repeat(lines[5]!.length);
    storage.setText(LOG, lines.join('\n'));
    const store = await ProgressStore.open(storage, clock, testOptions());
    const report = () => store.recovered;
    assert.equal(report(), undefined, 'opening from the snapshot does not read that far');
    await store.history();
    assert.deepEqual(report()?.lines, [6]);
    assert.equal(logLines(storage).length, lines.length - 1);
    assert.deepEqual(await derived(store), await fullReplay(storage, clock));
  });
});
