import assert from 'node:assert/strict';
import { InMemoryProgressStorage, NEW_CARD, ProgressStore, type Rating } from '../../../src/core/review';
import { DAY, FakeClock, LOG, MINUTE, SNAPSHOT, T0, logLines, openStore, plainStates, seededRandom, testOptions } from './helpers';

describe('ProgressStore: recording', () => {
  it('creates the log with its header', async () => {
    const { storage } = await openStore();
    assert.deepEqual(logLines(storage), ['{"schema":1,"kind":"flashcards-review-log"}']);
  });

  it('records an answer as exactly one append, without rewriting anything', async () => {
    const { store, storage } = await openStore();
    storage.operations.length = 0;
    const entry = await store.answer('aws/k1', 3, 1500);
    assert.deepEqual(storage.operations, [{ op: 'append', name: LOG }]);
    assert.deepEqual(entry, { t: 'review', id: 'e1', card: 'aws/k1', at: T0, rating: 3, ms: 1500, phase: 0 });
    assert.equal(logLines(storage)[1], '{"t":"review","id":"e1","card":"aws/k1","at":1710072000000,"rating":3,"ms":1500,"phase":0}');
  });

  it('changes nothing when the append fails', async () => {
    const { store, storage } = await openStore();
    storage.tearNextAppend(10);
    await assert.rejects(store.answer('aws/k1', 3, 1500), /simulated crash/);
    assert.equal(store.card('aws/k1'), NEW_CARD);
  });

  it('rejects an invalid rating instead of writing it', async () => {
    const { store, storage } = await openStore();
    await assert.rejects(store.answer('aws/k1', 7 as Rating, 1500), TypeError);
    assert.equal(logLines(storage).length, 1);
  });

  it('tells listeners which cards changed', async () => {
    const { store } = await openStore();
    const seen: string[][] = [];
    store.onDidChange((cards) => seen.push([...cards]));
    await store.answer('aws/k1', 3, 1000);
    await store.suspend('aws/k2');
    assert.deepEqual(seen, [['aws/k1'], ['aws/k2']]);
  });
});

describe('ProgressStore: bury, suspend, reset', () => {
  it('buries until the next day start by default', async () => {
    const clock = new FakeClock();
    const { store } = await openStore(undefined, clock);
    await store.bury('d/1');
    assert.equal(store.card('d/1').buriedUntil, Date.UTC(2024, 2, 11, 4));
    assert.deepEqual(store.queue(['d/1', 'd/2']).items.map((i) => i.card), ['d/2']);
    clock.set(Date.UTC(2024, 2, 11, 4));
    assert.deepEqual(store.queue(['d/1', 'd/2']).items.map((i) => i.card), ['d/1', 'd/2']);
  });

  it('suspends and unsuspends without touching the schedule', async () => {
    const { store } = await openStore();
    await store.answer('d/1', 3, 1000);
    const scheduled = store.card('d/1');
    await store.suspend('d/1');
    assert.equal(store.card('d/1').suspended, true);
    assert.equal(store.card('d/1').due, scheduled.due);
    await store.unsuspend('d/1');
    assert.equal(store.card('d/1').suspended, false);
    assert.equal(store.card('d/1').stability, scheduled.stability);
  });

  it('resets every card under a deck key, and only those', async () => {
    const { store } = await openStore();
    await store.answer('aws/kinesis/1', 3, 1000);
    await store.answer('aws/kinesis/2', 3, 1000);
    await store.answer('aws/kinesisx/1', 3, 1000);
    await store.suspend('aws/kinesis/2');
    await store.reset('aws/kinesis');
    assert.equal(store.card('aws/kinesis/1').phase, 0);
    assert.equal(store.card('aws/kinesis/1').reps, 0);
    assert.equal(store.card('aws/kinesis/2').phase, 0);
    assert.equal(store.card('aws/kinesis/2').suspended, true, 'a reset keeps suspensions');
    assert.equal(store.card('aws/kinesisx/1').phase, 1);
  });
});

describe('ProgressStore: undo', () => {
  it('undoes the last answer by appending an undo entry', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    const afterFirst = store.card('d/1');
    clock.advance(10 * MINUTE);
    await store.answer('d/1', 3, 1000);
    assert.equal(store.card('d/1').phase, 2);

    const before = logLines(storage);
    const undone = await store.undo();
    assert.equal(undone?.id, 'e2');
    assert.deepEqual(store.card('d/1'), afterFirst);
    const after = logLines(storage);
    assert.deepEqual(after.slice(0, before.length), before, 'nothing rewritten');
    assert.equal(after[after.length - 1], `{"t":"undo","id":"e3","target":"e2","at":${clock.now()}}`);
  });

  it('walks back through earlier actions when repeated, then runs out', async () => {
    const clock = new FakeClock();
    const { store } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    clock.advance(MINUTE);
    await store.answer('d/2', 4, 1000);
    clock.advance(MINUTE);
    await store.suspend('d/1');
    clock.advance(MINUTE);

    assert.equal((await store.undo())?.t, 'suspend');
    assert.equal(store.card('d/1').suspended, false);
    assert.equal((await store.undo())?.id, 'e2');
    assert.equal(store.card('d/2'), NEW_CARD);
    assert.equal((await store.undo())?.id, 'e1');
    assert.equal(store.card('d/1'), NEW_CARD);
    assert.equal(await store.undo(), undefined);
  });

  it('survives reopening: undone answers stay undone', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    clock.advance(MINUTE);
    await store.answer('d/1', 1, 1000);
    await store.undo();
    const live = plainStates(store.cards());
    await storage.delete(SNAPSHOT);
    const reopened = await ProgressStore.open(storage, clock, testOptions());
    assert.deepEqual(plainStates(reopened.cards()), live);
    assert.equal((await reopened.undo())?.id, 'e1', 'the next undo continues where the last one stopped');
  });
});

/** A month of random study over a few cards, with every kind of entry. */
async function randomSession(store: ProgressStore, clock: FakeClock, seed: number, steps: number): Promise<void> {
  const random = seededRandom(seed);
  const cards = Array.from({ length: 12 }, (_, i) => `deck${i % 3}/card${i}`);
  for (let i = 0; i < steps; i++) {
    clock.advance((1 + Math.floor(random() * 6 * 60)) * MINUTE);
    const card = cards[Math.floor(random() * cards.length)]!;
    const roll = random();
    if (roll < 0.8) await store.answer(card, (1 + Math.floor(random() * 4)) as Rating, 1000 + Math.floor(random() * 9000));
    else if (roll < 0.85) await store.undo();
    else if (roll < 0.9) await store.bury(card);
    else if (roll < 0.94) await store.suspend(card);
    else if (roll < 0.98) await store.unsuspend(card);
    else await store.reset(`deck${Math.floor(random() * 3)}`);
  }
}

describe('ProgressStore: replay', () => {
  for (const fuzz of [false, true]) {
    it(`derives the same states from the log as were built live (fuzz ${fuzz})`, async () => {
      const clock = new FakeClock();
      const storage = new InMemoryProgressStorage();
      const { store } = await openStore(storage, clock, { settings: { fuzz }, snapshotEvery: 1_000_000 });
      await randomSession(store, clock, 7, 300);
      const live = plainStates(store.cards());
      assert.ok(live.length >= 10);

      await storage.delete(SNAPSHOT);
      const replayed = await ProgressStore.open(storage, clock, testOptions({ settings: { fuzz } }));
      assert.deepEqual(plainStates(replayed.cards()), live);
      assert.deepEqual((await replayed.tally()).toJSON(), (await store.tally()).toJSON());
    });
  }

  it('gives the same states whatever order the log lines are in', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await randomSession(store, clock, 11, 120);
    const lines = logLines(storage);
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const other = new InMemoryProgressStorage();
    other.setText(LOG, shuffled);
    const reopened = await ProgressStore.open(other, clock, testOptions());
    assert.deepEqual(plainStates(reopened.cards()), plainStates(store.cards()));
  });

  it('replays a card whose older entry arrives after newer ones', async () => {
    const clock = new FakeClock(T0 + DAY);
    const { store } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    clock.set(T0);
    await store.answer('d/1', 1, 1000);

    const inOrderClock = new FakeClock(T0);
    const { store: inOrder } = await openStore(undefined, inOrderClock);
    await inOrder.answer('d/1', 1, 1000);
    inOrderClock.set(T0 + DAY);
    await inOrder.answer('d/1', 3, 1000);

    // Only the id of the last entry differs: the two stores numbered their entries differently.
    assert.deepEqual({ ...store.card('d/1'), lastId: '' }, { ...inOrder.card('d/1'), lastId: '' });
    assert.equal(store.card('d/1').reps, 2);
  });
});
