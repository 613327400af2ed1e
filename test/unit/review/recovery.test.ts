import assert from 'node:assert/strict';
import { FutureSchemaError, InMemoryProgressStorage, ProgressStore } from '../../../src/core/review';
import { FakeClock, LOG, MINUTE, SNAPSHOT, logLines, openStore, testOptions } from './helpers';

const HEADER = '{"schema":1,"kind":"flashcards-review-log"}';
const entry = (id: string, card: string, at: number, rating = 3) =>
  `{"t":"review","id":"${id}","card":"${card}","at":${at},"rating":${rating},"ms":1000}`;
const T = 1710072000000;

function storageWith(text: string): InMemoryProgressStorage {
  const storage = new InMemoryProgressStorage();
  storage.setText(LOG, text);
  return storage;
}

async function open(storage: InMemoryProgressStorage, clock = new FakeClock()) {
  return ProgressStore.open(storage, clock, testOptions());
}

describe('recovery: torn writes', () => {
  it('ignores a torn last line silently', async () => {
    const storage = storageWith([HEADER, entry('a', 'd/1', T), '{"t":"review","id":"b","ca'].join('\n'));
    const store = await open(storage);
    assert.equal(store.recovered, undefined);
    assert.equal(store.card('d/1').reps, 1);
    assert.deepEqual(storage.names(), [LOG, SNAPSHOT], 'no backup');
  });

  it('keeps recording after a crash mid-append, and reopens cleanly', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    storage.tearNextAppend(25);
    clock.advance(MINUTE);
    await assert.rejects(store.answer('d/2', 3, 1000));
    clock.advance(MINUTE);
    await store.answer('d/3', 3, 1000);
    assert.equal(logLines(storage)[2], '{"t":"review","id":"e2",', 'the torn bytes are still there');

    await storage.delete(SNAPSHOT);
    const reopened = await open(storage, clock);
    assert.equal(reopened.recovered, undefined);
    assert.deepEqual([...reopened.cards().keys()].sort(), ['d/1', 'd/3']);
    assert.deepEqual(storage.names(), [LOG, SNAPSHOT]);
  });

  it('treats zero bytes left by a crash like a torn line', async () => {
    const storage = storageWith([HEADER, entry('a', 'd/1', T), '\0\0\0\0', entry('b', 'd/2', T + 1)].join('\n'));
    const store = await open(storage);
    assert.equal(store.recovered, undefined);
    assert.deepEqual([...store.cards().keys()].sort(), ['d/1', 'd/2']);
  });

  it('starts over when the log was torn while being created', async () => {
    const storage = storageWith('{"schema":1,"ki');
    const store = await open(storage);
    assert.equal(store.recovered, undefined);
    assert.deepEqual(logLines(storage), [HEADER]);
  });
});

describe('recovery: damage', () => {
  const damaged = [HEADER, entry('a', 'd/1', T), 'garbage here', entry('b', 'd/2', T + 1), '{"t":"review","id":"c"}', entry('d', 'd/3', T + 2)].join('\n');

  it('keeps the good entries, backs up the damaged file and reports it', async () => {
    const clock = new FakeClock(Date.UTC(2024, 4, 1, 9, 30));
    const storage = storageWith(damaged);
    const store = await open(storage, clock);

    assert.deepEqual(store.recovered, {
      backup: 'progress.jsonl.corrupt-2024-05-01T09-30-00-000Z',
      droppedLines: 2,
      lines: [3, 5],
      headerRepaired: false,
    });
    assert.equal(storage.text(store.recovered!.backup), damaged, 'the backup is the damaged file as it was');
    assert.deepEqual(logLines(storage), [HEADER, entry('a', 'd/1', T), entry('b', 'd/2', T + 1), entry('d', 'd/3', T + 2)]);
    assert.deepEqual([...store.cards().keys()].sort(), ['d/1', 'd/2', 'd/3']);

    const again = await open(storage, clock);
    assert.equal(again.recovered, undefined, 'reported once: the log is clean now');
  });

  it('repairs a missing header and says so', async () => {
    const storage = storageWith([entry('a', 'd/1', T), entry('b', 'd/2', T + 1)].join('\n'));
    const store = await open(storage);
    assert.equal(store.recovered?.headerRepaired, true);
    assert.equal(store.recovered?.droppedLines, 0);
    assert.deepEqual(logLines(storage), [HEADER, entry('a', 'd/1', T), entry('b', 'd/2', T + 1)]);
  });

  it('replaces a garbage header, keeping what follows', async () => {
    const storage = storageWith(['#!garbage', entry('a', 'd/1', T)].join('\n'));
    const store = await open(storage);
    assert.deepEqual(store.recovered?.lines, [1]);
    assert.equal(store.card('d/1').reps, 1);
  });

  it('keeps lines of entry kinds from a newer version through the repair', async () => {
    const future = '{"t":"tag","id":"x","card":"d/1","at":1,"tag":"hard"}';
    const storage = storageWith([HEADER, future, 'garbage', entry('a', 'd/1', T)].join('\n'));
    await open(storage);
    assert.deepEqual(logLines(storage), [HEADER, future, entry('a', 'd/1', T)]);
  });

  it('notices damage appended after opening when refreshing', async () => {
    const clock = new FakeClock();
    const { store, storage } = await openStore(undefined, clock);
    await store.answer('d/1', 3, 1000);
    await storage.append(LOG, new TextEncoder().encode('\nnonsense\n' + entry('z', 'd/9', T)));
    await store.refresh();
    assert.equal(store.recovered?.droppedLines, 1);
    assert.deepEqual([...store.cards().keys()].sort(), ['d/1', 'd/9']);
  });
});

describe('recovery: newer schema', () => {
  it('refuses a log from a newer version and leaves it untouched', async () => {
    const text = ['{"schema":2,"kind":"flashcards-review-log"}', '{"t":"review2","id":"a"}'].join('\n');
    const storage = storageWith(text);
    storage.operations.length = 0;
    await assert.rejects(open(storage), (error: unknown) => {
      assert.ok(error instanceof FutureSchemaError);
      assert.equal(error.schema, 2);
      assert.match(error.message, /newer version/);
      return true;
    });
    assert.equal(storage.text(LOG), text);
    assert.deepEqual(
      storage.operations.filter((op) => op.op !== 'read'),
      [],
      'nothing written, no backup',
    );
  });
});
