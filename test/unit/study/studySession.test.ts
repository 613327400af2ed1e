import * as assert from 'node:assert/strict';
import type { Card } from '../../../src/core/deck/types';
import { InMemoryProgressStorage, ProgressStore } from '../../../src/core/review';
import { StudySession, describeWhen, type StudyCard } from '../../../src/core/study/studySession';
import { DAY, FakeClock, MINUTE, testOptions } from '../review/helpers';

function card(id: string, deckKey = 'deck:a'): StudyCard {
  const c: Card = { id, explicitId: true, question: `Q ${id}`, answer: `A ${id}`, tags: [], code: [], line: 1, answerLine: 2 };
  return { key: `${deckKey}/${id}`, deckKey, deckTitle: deckKey, format: 'markdown', card: c, location: 'x.deck.md:1' };
}

describe('StudySession', () => {
  let clock: FakeClock;
  let store: ProgressStore;
  const cards = [card('one'), card('two'), card('three'), card('b1', 'deck:b')];

  beforeEach(async () => {
    clock = new FakeClock();
    store = await ProgressStore.open(new InMemoryProgressStorage(), clock, testOptions({ settings: { fuzz: false } as never }));
  });

  const session = (scope = { label: 'All' }) => new StudySession(store, () => cards, scope, () => clock.now());

  it('shows new cards in deck order with counts and interval labels', () => {
    const view = session().view();
    assert.equal(view.card?.key, 'deck:a/one');
    assert.deepEqual(view.counts, { new: 4, learning: 0, due: 0 });
    assert.equal(view.card?.state, 'new');
    assert.equal(view.intervals?.[1], '1m');
    assert.equal(view.intervals?.[3], '10m');
    assert.equal(view.canUndo, false);
  });

  it('grading moves to the next card and counts the card as learning', async () => {
    const s = session();
    s.view();
    assert.equal(await s.grade('deck:a/one', 3, 1200), true);
    const view = s.view();
    assert.equal(view.card?.key, 'deck:a/two');
    assert.deepEqual(view.counts, { new: 3, learning: 1, due: 0 });
    assert.equal(view.canUndo, true);
  });

  it('ignores a grade for a card that is no longer on screen', async () => {
    const s = session();
    s.view();
    assert.equal(await s.grade('deck:a/two', 3, 100), false);
    assert.equal(store.card('deck:a/two').reps, 0);
  });

  it('undo brings the graded card back first, repeatedly', async () => {
    const s = session();
    s.view();
    await s.grade('deck:a/one', 3, 100);
    s.view();
    await s.grade('deck:a/two', 4, 100);
    assert.equal(await s.undo(), true);
    assert.equal(s.view().card?.key, 'deck:a/two');
    assert.equal(store.card('deck:a/two').reps, 0);
    assert.equal(await s.undo(), true);
    const view = s.view();
    assert.equal(view.card?.key, 'deck:a/one');
    assert.deepEqual(view.counts.new, 4);
    assert.equal(view.canUndo, false);
    assert.equal(await s.undo(), false);
  });

  it('bury hides a card until the next day; suspend hides it for good', async () => {
    const s = session();
    s.view();
    await s.bury('deck:a/one');
    assert.equal(s.view().card?.key, 'deck:a/two');
    await s.suspend('deck:a/two');
    assert.equal(s.view().card?.key, 'deck:a/three');
    clock.advance(DAY);
    const keys = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const v = s.view();
      if (!v.card) break;
      keys.add(v.card.key);
      await s.grade(v.card.key, 4, 10);
    }
    assert.ok(keys.has('deck:a/one'), 'the buried card is back the next day');
    assert.ok(!keys.has('deck:a/two'), 'the suspended card stays away');
  });

  it('limits the session to a deck or an explicit list of cards', () => {
    assert.equal(session({ label: 'B', decks: ['deck:b'] } as never).view().card?.key, 'deck:b/b1');
    const listed = session({ label: 'Quiz', cards: ['deck:a/three', 'deck:b/b1'] } as never).view();
    assert.equal(listed.card?.key, 'deck:a/three');
    assert.equal(listed.counts.new, 2);
  });

  it('shows a pinned card first (a hover\'s "Review this card")', () => {
    const s = session();
    s.setScope({ label: 'A', decks: ['deck:a'] }, 'deck:a/three');
    assert.equal(s.view().card?.key, 'deck:a/three');
  });

  it('says when the next card is due once the queue is empty, and offers study ahead', async () => {
    const s = session({ label: 'B', decks: ['deck:b'] } as never);
    s.view();
    await s.grade('deck:b/b1', 4, 10);
    const empty = s.view();
    assert.equal(empty.card, undefined);
    assert.match(empty.empty?.nextDue ?? '', /^in \d+ days$|^tomorrow$/);
    assert.equal(empty.empty?.aheadAvailable, 1);
    s.studyAhead();
    assert.equal(s.view().card?.key, 'deck:b/b1');
    await s.grade('deck:b/b1', 3, 10);
    assert.equal(s.view().card, undefined);
  });

  it('describes waiting times in words', () => {
    assert.equal(describeWhen(10 * MINUTE), 'in 10 minutes');
    assert.equal(describeWhen(DAY), 'tomorrow');
    assert.equal(describeWhen(3 * DAY), 'in 3 days');
    assert.equal(describeWhen(20_000), 'in less than a minute');
  });
});
