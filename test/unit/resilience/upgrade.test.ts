import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryProgressStorage, LOG_SCHEMA, ProgressStore, type ProgressStorage } from '../../../src/core/review';
import { Calendar } from '../../../src/core/review/clock';
import { decodeSnapshot } from '../../../src/core/review/snapshot';
import { NodeProgressStorage } from '../../../src/node/nodeProgressStorage';
import { FIXTURE_CARDS as CARD, FIXTURE_DIR, FIXTURE_LOG, FIXTURE_OPTIONS, FIXTURE_SNAPSHOT } from '../../support/progressFixture';

// The fixture is a log written by log schema 1 (three weeks of study with reviews, undos, burials,
// suspensions and resets) and the snapshot written with it. They are committed, never regenerated:
// a later version that changes the format must still load them. The numbers below were counted
// from the log itself, not taken from the store.
const LOG = 'progress.jsonl';
const SNAPSHOT = 'progress.snapshot.json';
const NOW = Date.UTC(2025, 2, 24, 12);
const clock = { now: () => NOW };

/** Records which operations the store made, on top of the real Node storage. */
class Recorded implements ProgressStorage {
  readonly ops: string[] = [];
  constructor(private readonly inner: NodeProgressStorage) {}
  read(name: string) {
    this.ops.push(`read ${name}`);
    return this.inner.read(name);
  }
  readRange(name: string, start: number, end?: number) {
    this.ops.push(`readRange ${name}`);
    return this.inner.readRange(name, start, end);
  }
  append(name: string, bytes: Uint8Array) {
    this.ops.push(`append ${name}`);
    return this.inner.append(name, bytes);
  }
  write(name: string, bytes: Uint8Array) {
    this.ops.push(`write ${name}`);
    return this.inner.write(name, bytes);
  }
  rename(from: string, to: string) {
    this.ops.push(`rename ${from}`);
    return this.inner.rename(from, to);
  }
}

describe('resilience: a progress file from log schema 1 still loads', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashcards-upgrade-'));
    copyFileSync(join(FIXTURE_DIR, FIXTURE_LOG), join(dir, LOG));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a schema 1 log with every kind of entry', () => {
    const lines = readFileSync(join(FIXTURE_DIR, FIXTURE_LOG), 'utf8').split('\n');
    assert.deepEqual(JSON.parse(lines[0]), { schema: 1, kind: 'flashcards-review-log' });
    const kinds: Record<string, number> = {};
    for (const line of lines.slice(1)) {
      const t = (JSON.parse(line) as { t: string }).t;
      kinds[t] = (kinds[t] ?? 0) + 1;
    }
    assert.deepEqual(kinds, { review: 238, undo: 3, bury: 2, suspend: 2, reset: 2, unsuspend: 1 });
    assert.ok(LOG_SCHEMA >= 1);
  });

  it('derives the same card states as when it was written', async () => {
    const store = await ProgressStore.open(new NodeProgressStorage(dir), clock, FIXTURE_OPTIONS);
    assert.equal(store.recovered, undefined, 'nothing to repair');
    assert.equal((await store.history()).size, 248);
    assert.equal(store.cards().size, 11);
    // Reviews still in effect: undone answers and answers before a reset do not count.
    assert.equal(store.card(CARD.retention).reps, 28);
    assert.equal(store.card(CARD.capacityModes).reps, 20, 'reset on day 6, then 20 more answers');
    assert.equal(store.card(CARD.writeLimitCloze).reps, 26, 'two of its answers were undone');
    assert.equal(store.card(CARD.seedFirst).reps, 27, 'one of its answers was undone');
    assert.equal(store.card(CARD.teamA).reps, 6, 'its deck was reset on day 12');
    assert.equal(store.card(CARD.teamB).reps, 6);
    assert.equal(store.card(CARD.seedSecond).suspended, false, 'suspended, then unsuspended');
    assert.equal(store.card(CARD.examOnDemand).suspended, true);
    assert.equal(store.card(CARD.shardQuota).buriedUntil, 1741230000000);
    assert.equal(store.card(CARD.retention).buriedUntil, 1742895434734);
    for (const key of Object.values(CARD)) assert.equal(store.card(key).phase, 2, `${key} is in review`);
    await store.dispose();
    assert.deepEqual(readFileSync(join(dir, LOG)), readFileSync(join(FIXTURE_DIR, FIXTURE_LOG)), 'the old log is not rewritten');
  });

  it('keeps recording into it', async () => {
    const store = await ProgressStore.open(new NodeProgressStorage(dir), clock, FIXTURE_OPTIONS);
    await store.answer(CARD.teamA, 3, 1000);
    await store.dispose();
    const again = await ProgressStore.open(new NodeProgressStorage(dir), clock, FIXTURE_OPTIONS);
    assert.equal(again.card(CARD.teamA).reps, 7);
    assert.equal((await again.history()).size, 249);
    await again.dispose();
  });

  it('opens from the schema 1 snapshot, with the same states as a full replay', async () => {
    const snapshotBytes = readFileSync(join(FIXTURE_DIR, FIXTURE_SNAPSHOT));
    assert.ok(decodeSnapshot(snapshotBytes, new Calendar(4, FIXTURE_OPTIONS.utcOffset)), 'the snapshot format is still read');

    const replayed = await ProgressStore.open(new InMemoryProgressStorage(), clock, FIXTURE_OPTIONS);
    await replayed.import(readFileSync(join(FIXTURE_DIR, FIXTURE_LOG), 'utf8'));

    copyFileSync(join(FIXTURE_DIR, FIXTURE_SNAPSHOT), join(dir, SNAPSHOT));
    const storage = new Recorded(new NodeProgressStorage(dir));
    const store = await ProgressStore.open(storage, clock, FIXTURE_OPTIONS);
    // With the same scheduler settings the snapshot is used: the log is read only after it (a
    // change of default settings would make the store rebuild instead, which is fine too).
    assert.ok(!storage.ops.includes(`read ${LOG}`), `the whole log was read: ${storage.ops.join(', ')}`);
    assert.equal(store.cards().size, 11);
    for (const key of Object.values(CARD)) assert.deepEqual({ ...store.card(key) }, { ...replayed.card(key) }, key);
    await store.dispose();
  });
});
