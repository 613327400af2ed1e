import assert from 'node:assert/strict';
import { NEW_CARD, Scheduler, formatInterval, resolveSettings } from '../../../src/core/review';
import { DAY, FakeClock, HOUR, MINUTE, T0, openStore } from './helpers';

describe('formatInterval', () => {
  const cases: Array<[number, string]> = [
    [0, '<1m'],
    [20_000, '<1m'],
    [MINUTE, '1m'],
    [10 * MINUTE, '10m'],
    [59.7 * MINUTE, '1h'],
    [90 * MINUTE, '1.5h'],
    [23.97 * HOUR, '1d'],
    [3 * DAY, '3d'],
    [29.6 * DAY, '1mo'],
    [45 * DAY, '1.5mo'],
    [60 * DAY, '2mo'],
    [364 * DAY, '1y'],
    [438 * DAY, '1.2y'],
  ];
  for (const [ms, label] of cases) {
    it(`formats ${ms} ms as ${label}`, () => assert.equal(formatInterval(ms), label));
  }
});

describe('resolveSettings', () => {
  it('fills the documented defaults', () => {
    assert.deepEqual(resolveSettings(), {
      desiredRetention: 0.9,
      newPerDay: 20,
      maxReviewsPerDay: 200,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      dayStartHour: 4,
      maximumInterval: 36500,
      fuzz: true,
    });
  });

  it('names the bad setting', () => {
    assert.throws(() => resolveSettings({ learningSteps: ['1m', 'ten minutes'] }), /learningSteps has "ten minutes"/);
    assert.throws(() => resolveSettings({ desiredRetention: 1.2 }), /desiredRetention/);
    assert.throws(() => resolveSettings({ dayStartHour: 24 }), /dayStartHour/);
  });

  it('gives the snapshot a different key when scheduling changes', () => {
    const base = new Scheduler(resolveSettings({ fuzz: false }));
    assert.equal(new Scheduler(resolveSettings({ fuzz: false })).key, base.key);
    assert.notEqual(new Scheduler(resolveSettings({ fuzz: false, desiredRetention: 0.85 })).key, base.key);
    assert.notEqual(new Scheduler(resolveSettings({ fuzz: false, learningSteps: ['5m'] })).key, base.key);
    // Limits only shape the queue, not derived states.
    assert.equal(new Scheduler(resolveSettings({ fuzz: false, newPerDay: 5 })).key, base.key);
  });
});

describe('Scheduler.preview', () => {
  const scheduler = new Scheduler(resolveSettings({ fuzz: false }));

  it('labels the four buttons of a new card with the learning steps', () => {
    const labels = scheduler.preview(NEW_CARD, T0).map((p) => p.label);
    assert.deepEqual(labels.slice(0, 3), ['1m', '6m', '10m']);
    assert.match(labels[3]!, /^\d+d$/);
  });

  it('reports intervals that match where the answer sends the card', () => {
    const card = scheduler.answer(NEW_CARD, T0, 3);
    const preview = scheduler.preview(card, T0 + 10 * MINUTE);
    const good = preview.find((p) => p.rating === 3)!;
    const after = scheduler.answer(card, T0 + 10 * MINUTE, 3);
    assert.equal(good.due, after.due);
    assert.equal(good.intervalMs, after.due - (T0 + 10 * MINUTE));
    assert.ok(preview.every((p, i) => i === 0 || p.intervalMs >= preview[i - 1]!.intervalMs), 'longer for better answers');
  });
});

describe('scheduling across days', () => {
  it('takes a new card through its learning steps into review, then reviews it on a later day', async () => {
    const clock = new FakeClock();
    const { store } = await openStore(undefined, clock);

    await store.answer('aws/k1', 3, 2000);
    let card = store.card('aws/k1');
    assert.equal(card.phase, 1, 'Good on a new card starts learning');
    assert.equal(card.due, T0 + 10 * MINUTE, 'second step is 10 minutes');
    assert.equal(card.introducedAt, T0);

    clock.advance(10 * MINUTE);
    await store.answer('aws/k1', 3, 2000);
    card = store.card('aws/k1');
    assert.equal(card.phase, 2, 'graduates after the last step');
    assert.ok(card.scheduledDays >= 1);
    assert.equal(card.due, clock.now() + card.scheduledDays * DAY);

    clock.set(card.due);
    const before = card;
    await store.answer('aws/k1', 3, 2000);
    card = store.card('aws/k1');
    assert.equal(card.phase, 2);
    assert.ok(card.scheduledDays > before.scheduledDays, 'a successful review grows the interval');
    assert.ok(card.stability > before.stability);
    assert.equal(card.reviewedAt, before.due, 'counts toward that day’s review limit');

    clock.set(card.due);
    await store.answer('aws/k1', 1, 2000);
    card = store.card('aws/k1');
    assert.equal(card.phase, 3, 'Again on a review card relearns');
    assert.equal(card.lapses, 1);
    assert.equal(card.due, clock.now() + 10 * MINUTE, 'relearning step is 10 minutes');
  });

  it('caps intervals at maximumInterval', async () => {
    const clock = new FakeClock();
    const { store } = await openStore(undefined, clock, { settings: { maximumInterval: 5 } });
    await store.answer('d/c', 4, 1000);
    for (let i = 0; i < 4; i++) {
      clock.set(store.card('d/c').due);
      await store.answer('d/c', 4, 1000);
    }
    assert.equal(store.card('d/c').scheduledDays, 5);
  });
});
