import assert from 'node:assert/strict';
import {
  Calendar,
  NEW_CARD,
  buildQueue,
  fixedUtcOffset,
  queueCounts,
  studyAhead,
  type CardState,
  type QueueInput,
} from '../../../src/core/review';
import { DAY, FakeClock, HOUR, MINUTE, T0, openStore } from './helpers';

const calendar = new Calendar(4, fixedUtcOffset(0));
/** 04:00 UTC on T0's day and the next: the study-day boundaries around T0. */
const TODAY = Date.UTC(2024, 2, 10, 4);
const TOMORROW = TODAY + DAY;

function review(due: number, extra: Partial<CardState> = {}): CardState {
  return { ...NEW_CARD, phase: 2, due, stability: 10, scheduledDays: 5, reps: 3, lastReview: due - 5 * DAY, ...extra };
}

function learning(due: number, extra: Partial<CardState> = {}): CardState {
  return { ...NEW_CARD, phase: 1, due, stability: 1, reps: 1, lastReview: due - 10 * MINUTE, ...extra };
}

function input(cards: Record<string, CardState | undefined>, extra: Partial<QueueInput> = {}): QueueInput {
  const states = new Map<string, CardState>();
  for (const [key, state] of Object.entries(cards)) if (state) states.set(key, state);
  return {
    cards: Object.keys(cards),
    states,
    settings: { newPerDay: 20, maxReviewsPerDay: 200 },
    calendar,
    now: T0,
    ...extra,
  };
}

describe('buildQueue', () => {
  it('puts due learning cards first, then spreads new cards evenly among reviews', () => {
    const queue = buildQueue(
      input({
        'd/n1': undefined,
        'd/r1': review(T0 - 2 * DAY),
        'd/r2': review(T0 - DAY),
        'd/n2': undefined,
        'd/r3': review(T0 - HOUR),
        'd/r4': review(TODAY + 18 * HOUR),
        'd/l1': learning(T0 - MINUTE),
        'd/l2': learning(T0 + 30 * MINUTE),
      }),
    );
    assert.deepEqual(
      queue.items.map((item) => item.card),
      ['d/l1', 'd/r1', 'd/n1', 'd/r2', 'd/r3', 'd/n2', 'd/r4'],
    );
    assert.deepEqual(queue.counts, { new: 2, learning: 1, due: 4 });
    assert.deepEqual(queueCounts(queue.items), queue.counts);
    assert.equal(queue.nextDueAt, T0 + 30 * MINUTE, 'the learning card that is not due yet');
  });

  it('treats reviews as due for the whole study day and learning steps by the minute', () => {
    const queue = buildQueue(
      input({
        'd/late-today': review(TOMORROW - MINUTE),
        'd/tomorrow': review(TOMORROW + HOUR),
        'd/step-later': learning(T0 + 2 * HOUR),
      }),
    );
    assert.deepEqual(queue.items.map((item) => item.card), ['d/late-today']);
    assert.equal(queue.nextDueAt, T0 + 2 * HOUR);
  });

  it('limits new cards per day, counting those introduced since the day started', () => {
    const cards: Record<string, CardState | undefined> = {};
    for (let i = 0; i < 5; i++) cards[`d/seen${i}`] = learning(T0 + DAY, { introducedAt: T0 - HOUR });
    // Introduced at 03:00, before today's 04:00 start: that was yesterday's allowance.
    cards['d/yesterday'] = learning(T0 + DAY, { introducedAt: TODAY - HOUR });
    for (let i = 0; i < 25; i++) cards[`d/new${i}`] = undefined;

    const today = buildQueue(input(cards));
    assert.equal(today.counts.new, 15);
    assert.deepEqual(today.today, { newIntroduced: 5, reviewed: 0 });
    assert.deepEqual(today.items.slice(0, 2).map((item) => item.card), ['d/new0', 'd/new1'], 'deck order');

    const tomorrow = buildQueue(input(cards, { now: TOMORROW }));
    assert.equal(tomorrow.counts.new, 20);
  });

  it('lets the review limit cap new cards too, and points to tomorrow', () => {
    const queue = buildQueue(
      input(
        {
          'd/done1': review(T0 + 5 * DAY, { reviewedAt: T0 - HOUR }),
          'd/done2': review(T0 + 5 * DAY, { reviewedAt: T0 - 2 * HOUR }),
          'd/r1': review(T0 - DAY),
          'd/r2': review(T0 - DAY),
          'd/new': undefined,
        },
        { settings: { newPerDay: 20, maxReviewsPerDay: 3 } },
      ),
    );
    assert.deepEqual(queue.counts, { new: 0, learning: 0, due: 1 });
    assert.equal(queue.nextDueAt, TOMORROW);
  });

  it('skips suspended cards and buried cards until the bury ends', () => {
    const cards = {
      'd/suspended': review(T0 - DAY, { suspended: true }),
      'd/buried': review(T0 - DAY, { buriedUntil: TOMORROW }),
      'd/buried-new': { ...NEW_CARD, buriedUntil: TOMORROW },
      'd/ok': review(T0 - DAY),
    };
    const now = buildQueue(input(cards));
    assert.deepEqual(now.items.map((item) => item.card), ['d/ok']);
    const next = buildQueue(input(cards, { now: TOMORROW }));
    assert.deepEqual(next.items.map((item) => item.card).sort(), ['d/buried', 'd/buried-new', 'd/ok']);
  });

  it('shows a learning card a few minutes early once nothing else is left', () => {
    const soon = buildQueue(input({ 'd/l': learning(T0 + 5 * MINUTE) }));
    assert.deepEqual(soon.items.map((item) => item.card), ['d/l']);
    const notYet = buildQueue(input({ 'd/l': learning(T0 + 5 * MINUTE), 'd/r': review(T0 - DAY) }));
    assert.deepEqual(notYet.items.map((item) => item.card), ['d/r']);
    assert.equal(notYet.nextDueAt, T0 + 5 * MINUTE);
  });
});

describe('when the queue is empty', () => {
  const cards = {
    'd/a': review(TOMORROW + 3 * DAY),
    'd/b': review(TOMORROW + HOUR),
    'd/c': learning(T0 + 3 * HOUR),
    'd/d': review(TOMORROW + 10 * DAY, { suspended: true }),
    'd/new': { ...NEW_CARD, suspended: true },
  };

  it('says when the next card is due', () => {
    const queue = buildQueue(input(cards));
    assert.equal(queue.items.length, 0);
    assert.equal(queue.nextDueAt, T0 + 3 * HOUR);
  });

  it('offers the cards due soonest to study ahead', () => {
    assert.deepEqual(studyAhead(input(cards)).map((item) => item.card), ['d/c', 'd/b', 'd/a']);
    assert.deepEqual(studyAhead(input(cards), 2).map((item) => item.card), ['d/c', 'd/b']);
  });

  it('has no next due time when nothing can come due', () => {
    assert.equal(buildQueue(input({ 'd/s': { ...NEW_CARD, suspended: true } })).nextDueAt, undefined);
  });
});

describe('daily limits from the log', () => {
  it('counts today’s answers, gives a slot back on undo, and resets at the day start', async () => {
    const clock = new FakeClock();
    const { store } = await openStore(undefined, clock, { settings: { newPerDay: 2 } });
    const deck = ['d/1', 'd/2', 'd/3', 'd/4'];
    const queue = () => store.queue(deck);

    assert.deepEqual(queue().items.map((item) => item.card), ['d/1', 'd/2']);
    await store.answer('d/1', 3, 1000);
    await store.answer('d/2', 3, 1000);
    assert.equal(queue().counts.new, 0);
    assert.equal(queue().today.newIntroduced, 2);

    await store.undo();
    assert.deepEqual(queue().items.filter((item) => item.kind === 'new').map((item) => item.card), ['d/2']);

    clock.set(TOMORROW);
    assert.equal(queue().counts.new, 2);
  });
});
