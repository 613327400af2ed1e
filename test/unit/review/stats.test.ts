import assert from 'node:assert/strict';
import {
  Calendar,
  NEW_CARD,
  currentStreak,
  deckMastery,
  dueForecast,
  fixedUtcOffset,
  reviewStats,
  reviewsPerDay,
  trueRetention,
  ReviewTally,
  type CardState,
  type ReviewFact,
} from '../../../src/core/review';
import { DAY, FakeClock, HOUR, MINUTE, T0, openStore } from './helpers';

const calendar = new Calendar(4, fixedUtcOffset(0));
/** 12:00 on the study day `n` days before T0's. */
const daysAgo = (n: number) => T0 - n * DAY;

function fact(at: number, rating: ReviewFact['rating'] = 3, phase: ReviewFact['phase'] = 2): ReviewFact {
  return { at, rating, phase };
}

const tallyOf = (reviews: ReviewFact[], cal = calendar) => ReviewTally.of(reviews, cal);

describe('stats', () => {
  it('counts answers per study day for the last 365 days, ending today', () => {
    const reviews = [
      fact(daysAgo(0)),
      fact(daysAgo(0) + HOUR),
      // 03:00 today is still yesterday's study day (days start at 04:00).
      fact(Date.UTC(2024, 2, 10, 3)),
      fact(daysAgo(364)),
      fact(daysAgo(365)),
    ];
    const heatmap = reviewsPerDay(tallyOf(reviews), T0);
    assert.equal(heatmap.length, 365);
    assert.deepEqual(heatmap[364], { day: calendar.dayOf(T0), date: '2024-03-10', count: 2 });
    assert.deepEqual(heatmap[363], { day: calendar.dayOf(T0) - 1, date: '2024-03-09', count: 1 });
    assert.equal(heatmap[0]!.count, 1, 'the day 364 days ago is the first; 365 days ago is out');
    assert.equal(heatmap.reduce((sum, d) => sum + d.count, 0), 4);
  });

  it('measures true retention on review-phase answers of the last 30 days', () => {
    const reviews: ReviewFact[] = [];
    for (let i = 0; i < 7; i++) reviews.push(fact(daysAgo(i), 3));
    reviews.push(fact(daysAgo(1), 2)); // Hard still counts as recalled
    reviews.push(fact(daysAgo(2), 1), fact(daysAgo(29), 1));
    reviews.push(fact(daysAgo(3), 1, 1), fact(daysAgo(3), 1, 0), fact(daysAgo(3), 1, 3)); // learning, new, relearning
    reviews.push(fact(daysAgo(30), 1), fact(daysAgo(40), 1)); // too old
    reviews.push({ at: daysAgo(1), rating: 1 }); // phase unknown (old entry)
    assert.deepEqual(trueRetention(tallyOf(reviews), T0), { answered: 10, passed: 8, rate: 0.8 });
    assert.deepEqual(trueRetention(tallyOf([]), T0), { answered: 0, passed: 0, rate: undefined });
  });

  it('forecasts due cards for the next 30 days, overdue counted today', () => {
    const card = (due: number, extra: Partial<CardState> = {}): CardState => ({ ...NEW_CARD, phase: 2, due, ...extra });
    const forecast = dueForecast(
      [
        card(daysAgo(5)),
        card(T0 + HOUR),
        card(T0 + DAY),
        card(T0 + DAY, { phase: 3 }),
        card(T0 + 29 * DAY),
        card(T0 + 30 * DAY),
        card(T0 + DAY, { suspended: true }),
        { ...NEW_CARD },
      ],
      calendar,
      T0,
    );
    assert.equal(forecast.length, 30);
    assert.equal(forecast[0], 2);
    assert.equal(forecast[1], 2);
    assert.equal(forecast[29], 1);
    assert.equal(forecast.reduce((a, b) => a + b, 0), 5);
  });

  it('counts the current streak up to today, or up to yesterday before today’s first answer', () => {
    const days = (...ns: number[]) => tallyOf(ns.map((n) => fact(daysAgo(n))));
    assert.equal(currentStreak(days(0, 1, 2, 4, 5), T0), 3);
    assert.equal(currentStreak(days(1, 2, 3, 5), T0), 3);
    assert.equal(currentStreak(days(2, 3), T0), 0);
    assert.equal(currentStreak(days(0, 0, 0), T0), 1);
  });

  it('reports per-deck mastery (stability of 21 days or more)', () => {
    const states = new Map<string, CardState>([
      ['aws/kinesis/1', { ...NEW_CARD, phase: 2, stability: 30 }],
      ['aws/kinesis/2', { ...NEW_CARD, phase: 2, stability: 20.9 }],
      ['aws/firehose/1', { ...NEW_CARD, phase: 2, stability: 21 }],
      ['awsx/1', { ...NEW_CARD, phase: 2, stability: 50 }],
    ]);
    assert.deepEqual(deckMastery(states, [{ deckKey: 'aws/kinesis', cards: ['aws/kinesis/1', 'aws/kinesis/2', 'aws/kinesis/3', 'aws/kinesis/4'] }]), [
      { deckKey: 'aws/kinesis', total: 4, mastered: 1, share: 0.25 },
    ]);
    assert.deepEqual(deckMastery(states, [{ deckKey: 'aws' }, { deckKey: 'gcp' }]), [
      { deckKey: 'aws', total: 3, mastered: 2, share: 2 / 3 },
      { deckKey: 'gcp', total: 0, mastered: 0, share: 0 },
    ]);
  });

  it('counts per study day under its calendar, and refuses counts made under another', () => {
    // 03:50 and 04:10 UTC: two study days at UTC, one at UTC+1 (04:50 and 05:10).
    const reviews = [fact(Date.UTC(2024, 2, 10, 3, 50)), fact(Date.UTC(2024, 2, 10, 4, 10))];
    assert.equal(tallyOf(reviews).days().size, 2);
    const plusOne = new Calendar(4, fixedUtcOffset(60));
    const tally = tallyOf(reviews, plusOne);
    assert.equal(tally.days().size, 1);
    const saved = JSON.parse(JSON.stringify(tally));
    assert.deepEqual(ReviewTally.fromJSON(saved, new Calendar(4, fixedUtcOffset(60)))?.toJSON(), tally.toJSON());
    assert.equal(ReviewTally.fromJSON(saved, calendar), undefined, 'another zone');
    assert.equal(ReviewTally.fromJSON(saved, new Calendar(5, fixedUtcOffset(60))), undefined, 'another day start');
    assert.equal(ReviewTally.fromJSON({ calendar: plusOne.key, days: [1, 2, 3] }, plusOne), undefined, 'malformed');
  });

  it('takes an undone answer back out', () => {
    const tally = tallyOf([fact(daysAgo(0), 1), fact(daysAgo(0), 3)]);
    tally.add(fact(daysAgo(0), 1), -1);
    assert.deepEqual(trueRetention(tally, T0), { answered: 1, passed: 1, rate: 1 });
  });

  it('gives a store’s statistics without its full history, undone answers left out', async () => {
    const clock = new FakeClock(daysAgo(2));
    const { store } = await openStore(undefined, clock);
    await store.answer('d/1', 4, 1000);
    clock.set(daysAgo(1));
    await store.answer('d/2', 4, 1000);
    clock.set(T0);
    await store.answer('d/1', 1, 1000);
    clock.advance(MINUTE);
    await store.answer('d/3', 3, 1000);
    await store.undo();

    const stats = await store.stats();
    const recount = ReviewTally.of((await store.history()).reviews(), store.calendar);
    assert.deepEqual(stats, reviewStats(recount, store.cards(), clock.now()));
    assert.deepEqual(stats.heatmap.slice(-3).map((d) => d.count), [1, 1, 1]);
    assert.equal(stats.streak, 3);
    assert.deepEqual(stats.retention, { answered: 1, passed: 0, rate: 0 }, 'd/1 was in review and forgotten');
    assert.equal(stats.forecast[0], 1, 'd/1 relearning today');
  });
});
