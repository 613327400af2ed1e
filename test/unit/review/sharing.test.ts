import assert from 'node:assert/strict';
import { FutureSchemaError, InMemoryProgressStorage, ProgressStore, type Rating } from '../../../src/core/review';
import { FakeClock, LOG, MINUTE, SNAPSHOT, logLines, openStore, plainStates, seededRandom, testOptions } from './helpers';

describe('two windows on one log', () => {
  it('loses no entries and each sees the other’s after refresh', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const a = await ProgressStore.open(storage, clock, testOptions({ snapshotEvery: 7 }, 'a'));
    const b = await ProgressStore.open(storage, clock, testOptions({ snapshotEvery: 5 }, 'b'));
    const random = seededRandom(3);
    for (let i = 0; i < 40; i++) {
      clock.advance((1 + Math.floor(random() * 120)) * MINUTE);
      const store = random() < 0.5 ? a : b;
      if (random() < 0.3) await store.refresh();
      await store.answer(`d/${Math.floor(random() * 8)}`, (1 + Math.floor(random() * 4)) as Rating, 1000);
    }
    await a.refresh();
    await b.refresh();
    assert.equal(logLines(storage).length, 41, 'header + 40 entries');
    assert.deepEqual(plainStates(a.cards()), plainStates(b.cards()));

    await a.dispose();
    await b.dispose();
    const third = await ProgressStore.open(storage, clock, testOptions({}, 'c'));
    assert.deepEqual(plainStates(third.cards()), plainStates(a.cards()));
    const copy = new InMemoryProgressStorage();
    copy.setBytes(LOG, storage.bytes(LOG)!);
    const replayed = await ProgressStore.open(copy, clock, testOptions({}, 'c'));
    assert.deepEqual(plainStates(replayed.cards()), plainStates(a.cards()), 'the last snapshot matches a full replay');
  });

  it('tells a window what the other one recorded', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const a = await ProgressStore.open(storage, clock, testOptions({}, 'a'));
    const b = await ProgressStore.open(storage, clock, testOptions({}, 'b'));
    await a.answer('d/1', 3, 1000);
    await a.suspend('d/2');
    assert.deepEqual([...(await b.refresh())].sort(), ['d/1', 'd/2']);
    assert.equal(b.card('d/2').suspended, true);
    assert.deepEqual(await b.refresh(), [], 'nothing new the second time');
  });

  it('applies an undo made in the other window', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const a = await ProgressStore.open(storage, clock, testOptions({}, 'a'));
    const b = await ProgressStore.open(storage, clock, testOptions({}, 'b'));
    await a.answer('d/1', 3, 1000);
    await b.refresh();
    clock.advance(MINUTE);
    await a.undo();
    await b.refresh();
    assert.equal(b.card('d/1').phase, 0);
  });

  it('starts over, keeping its own entries, when the other window rewrote the log', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const a = await ProgressStore.open(storage, clock, testOptions({}, 'a'));
    await a.answer('d/1', 3, 1000);
    // Window b repairs damage and rewrites the log just before a's next answer lands...
    const text = storage.text(LOG)!;
    clock.advance(MINUTE);
    await a.answer('d/2', 3, 1000);
    storage.setText(LOG, text + '\n' + '{"t":"review","id":"b1","card":"d/3","at":1710072060000,"rating":3,"ms":1}');
    await a.refresh();
    // ...so a's second answer is missing from the new file: a puts it back.
    const ids = logLines(storage).slice(1).map((line) => JSON.parse(line).id);
    assert.deepEqual(ids, ['a1', 'b1', 'a2']);
    assert.deepEqual([...a.cards().keys()].sort(), ['d/1', 'd/2', 'd/3']);
  });
});

describe('a log replaced under a window', () => {
  it('is reloaded, and the window puts back its own entries the new file lacks', async () => {
    const clock = new FakeClock();
    const storage = new InMemoryProgressStorage();
    const a = await ProgressStore.open(storage, clock, testOptions({}, 'a'));
    await a.answer('d/1', 3, 1000);
    await a.refresh();
    const [header, a1] = logLines(storage);
    clock.advance(MINUTE);
    await a.answer('d/2', 3, 1000);
    // A sync tool brings back another machine's copy: same entries, written differently, plus
    // one of its own, and without a's latest answer.
    const b1 = '{"t":"review","id":"b1","card":"d/3","at":1710072000000,"rating":3,"ms":1}';
    storage.setText(LOG, [header, a1!.replace(/,/g, ', '), b1].join('\n'));
    const seen: string[][] = [];
    a.onDidChange((cards) => seen.push([...cards].sort()));
    await a.refresh();
    const ids = logLines(storage).slice(1).map((line) => JSON.parse(line).id);
    assert.deepEqual(ids, ['a1', 'b1', 'a2']);
    assert.deepEqual([...a.cards().keys()].sort(), ['d/1', 'd/2', 'd/3']);
    assert.ok(seen.some((cards) => cards.includes('d/3')));
  });
});

describe('import and export', () => {
  async function studied(idPrefix: string, cards: string[]) {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock, {}, idPrefix);
    for (const card of cards) {
      clock.advance(MINUTE);
      await store.answer(card, 3, 1000);
    }
    return { store, storage, clock };
  }

  it('round-trips: an export imported into an empty store gives the same states', async () => {
    const { store, clock } = await studied('h', ['d/1', 'd/2', 'd/1']);
    await store.undo();
    const exported = await store.export();
    assert.match(exported, /^\{"schema":1,"kind":"flashcards-review-export"/);
    const { store: fresh } = await openStore(undefined, clock, {}, 'z');
    assert.deepEqual(await fresh.import(exported), { added: 4, duplicates: 0, invalid: 0 });
    assert.deepEqual(plainStates(fresh.cards()), plainStates(store.cards()));
  });

  it('merges by entry id: no duplicates, and importing again adds nothing', async () => {
    const laptop = await studied('l', ['d/1', 'd/2']);
    const desktop = await studied('p', ['d/2', 'd/3']);
    const laptopLog = laptop.storage.text(LOG)!;

    assert.deepEqual(await desktop.store.import(laptopLog), { added: 2, duplicates: 0, invalid: 0 });
    const linesAfterFirst = logLines(desktop.storage);
    assert.deepEqual(await desktop.store.import(laptopLog), { added: 0, duplicates: 2, invalid: 0 });
    assert.deepEqual(logLines(desktop.storage), linesAfterFirst, 'idempotent');
    assert.deepEqual(await desktop.store.import(await desktop.store.export()), { added: 0, duplicates: 4, invalid: 0 });
    assert.equal(desktop.store.card('d/2').reps, 2, 'both machines’ answers to d/2 count');
    assert.deepEqual([...desktop.store.cards().keys()].sort(), ['d/1', 'd/2', 'd/3']);
  });

  it('does not bring back an undone answer when an older copy is imported', async () => {
    const { store, storage } = await studied('u', ['d/1']);
    const beforeUndo = storage.text(LOG)!;
    await store.undo();
    assert.deepEqual(await store.import(beforeUndo), { added: 0, duplicates: 1, invalid: 0 });
    assert.equal(store.card('d/1').phase, 0);
  });

  it('undoes the newest action, not the last imported line', async () => {
    const old = await studied('o', ['d/old']);
    const clock = new FakeClock(old.clock.now() + 60 * MINUTE);
    const { store } = await openStore(undefined, clock, {}, 'n');
    const newest = await store.answer('d/new', 3, 1000);
    clock.advance(MINUTE);
    await store.import(old.storage.text(LOG)!);
    assert.equal((await store.undo())?.id, newest.id);
  });

  it('counts invalid lines and refuses a newer schema', async () => {
    const { store } = await studied('i', []);
    const text = [
      '{"schema":1,"kind":"flashcards-review-log"}',
      '{"t":"review","id":"q1","card":"d/1","at":1,"rating":3,"ms":5}',
      'garbage',
      '{"t":"review","id":"q2","card":"d/2","at":2,"rating":3,"ms":5}',
    ].join('\n');
    assert.deepEqual(await store.import(text), { added: 2, duplicates: 0, invalid: 1 });
    await assert.rejects(store.import('{"schema":9,"kind":"flashcards-review-export","entries":[]}'), FutureSchemaError);
    await assert.rejects(store.import('hello'), /neither a flashcards review log nor an export/);
  });

  it('appends imported entries in one write and keeps the snapshot honest', async () => {
    const laptop = await studied('l', ['d/1', 'd/2', 'd/3']);
    const desktop = await studied('p', ['d/4']);
    desktop.storage.operations.length = 0;
    await desktop.store.import(laptop.storage.text(LOG)!);
    assert.equal(desktop.storage.operations.filter((op) => op.op === 'append').length, 1);
    await desktop.store.dispose();
    desktop.storage.operations.length = 0;
    const reopened = await ProgressStore.open(desktop.storage, desktop.clock, testOptions({}, 'r'));
    assert.ok(!desktop.storage.operations.some((op) => op.op === 'write' && op.name === SNAPSHOT));
    assert.deepEqual(plainStates(reopened.cards()), plainStates(desktop.store.cards()));
  });
});
