import * as assert from 'node:assert/strict';
import { parseDeck } from '../../../src/core/deck/parse';
import { Calendar, NEW_CARD, fixedUtcOffset, type CardState } from '../../../src/core/review';
import { cardLabel, cardRows, deckRow, describeCounts, studyKeys, sumCounts } from '../../../src/core/tree/deckTree';
import { describeDue } from '../../../src/core/tree/due';
import { DAY, HOUR, MINUTE, T0, openStore } from '../review/helpers';

const deckText = `# Tree deck

## What limits a shard's writes?
<!-- id: write -->
1 MB/s or 1,000 records/s.

## Default retention?
<!-- id: retention -->
24 hours.

## Cloze
<!-- id: cloze -->
A shard accepts {{c1::1 MB/s}} or {{c2::1,000 records/s::rate}}.

## Fourth
<!-- id: fourth -->
Answer.
`;

const deck = parseDeck('tree.deck.md', deckText);
const KEY = 'workspace:tree.deck.md';
const keys = deck.cards.flatMap((c) => studyKeys(KEY, c));
const calendar = new Calendar(4, fixedUtcOffset(0));
const clock = { now: T0, dayEnd: calendar.nextDayStart(T0) };

describe('deck tree model', () => {
  it('gives a cloze card one progress key per deletion, like the review queue', () => {
    assert.deepEqual(keys, [`${KEY}/write`, `${KEY}/retention`, `${KEY}/cloze::c1`, `${KEY}/cloze::c2`, `${KEY}/fourth`]);
  });

  it('labels cards with the question\'s first line and hides cloze deletions', () => {
    assert.equal(cardLabel('First line\n\nmore'), 'First line');
    assert.equal(cardLabel('Up to {{c1::500}} records, {{c2::5 MB::size}}'), 'Up to […] records, [size]');
    assert.equal(cardLabel('x'.repeat(200)).length, 120);
  });

  it('counts new, learning and due cards from a real progress store, and follows grades', async () => {
    const { store, clock: fake } = await openStore();
    const row = () => deckRow({ keys, cards: deck.cards.length, errors: 0, states: store.cards(), queue: store.queue(keys, fake.now()), now: fake.now() });
    assert.deepEqual(row().counts, { new: 5, learning: 0, due: 0 });
    assert.equal(row().status, 'new');
    assert.equal(row().description, '5 new');

    await store.answer(`${KEY}/write`, 3, 5000); // Good on a new card: into learning
    await store.answer(`${KEY}/retention`, 4, 5000); // Easy: straight to review, due in days
    await store.suspend(`${KEY}/fourth`);
    let r = row();
    assert.deepEqual(r.counts, { new: 2, learning: 1, due: 0 });
    assert.equal(r.status, 'due');
    assert.equal(r.description, '2 new · 1 learning');
    assert.equal(r.studied, 2);
    assert.equal(r.suspended, 1);
    assert.ok(r.retention !== undefined && r.retention > 0.95, `retention right after answering is near 1, got ${r.retention}`);

    // Once the review card's day comes, it counts as due; the retention estimate has dropped.
    fake.advance(40 * DAY);
    r = row();
    assert.deepEqual(r.counts, { new: 2, learning: 1, due: 1 });
    assert.ok(r.retention! < 0.95);
  });

  it('reports a deck with nothing left today as done, with the next due time', () => {
    const states = new Map<string, CardState>(keys.map((k) => [k, { ...NEW_CARD, phase: 2, due: T0 + 3 * DAY, stability: 10, lastReview: T0 - DAY }]));
    const r = deckRow({ keys, cards: 4, errors: 0, states, queue: { counts: { new: 0, learning: 0, due: 0 }, nextDueAt: T0 + 3 * DAY }, now: T0 });
    assert.equal(r.status, 'done');
    assert.equal(r.description, 'done · next in 3 d');
    const broken = deckRow({ keys: [], cards: 0, errors: 2, states, queue: { counts: { new: 0, learning: 0, due: 0 }, nextDueAt: undefined }, now: T0 });
    assert.equal(broken.status, 'problems');
    assert.equal(broken.description, 'no cards · 2 problems');
  });

  it('gives each card a state, a due description and its line', () => {
    const states = new Map<string, CardState>([
      [`${KEY}/write`, { ...NEW_CARD, phase: 1, due: T0 + 8 * MINUTE, stability: 1, lastReview: T0 }],
      [`${KEY}/retention`, { ...NEW_CARD, phase: 2, due: T0 + 3 * DAY, stability: 5, lastReview: T0 - DAY }],
      [`${KEY}/cloze::c1`, { ...NEW_CARD, phase: 2, due: T0 - HOUR, stability: 5, lastReview: T0 - 5 * DAY }],
      [`${KEY}/fourth`, { ...NEW_CARD, suspended: true }],
    ]);
    const rows = cardRows(KEY, deck.cards, (k) => states.get(k) ?? NEW_CARD, clock);
    assert.deepEqual(rows.map((r) => [r.label, r.status, r.description, r.line]), [
      ['What limits a shard\'s writes?', 'learning', 'learning · due in 8 min', 3],
      ['Default retention?', 'review', 'due in 3 d', 7],
      // c1 is due and c2 new: the card shows the more urgent of the two.
      ['Cloze', 'due', 'due now · 2 clozes', 11],
      ['Fourth', 'suspended', 'suspended', 15],
    ]);
    assert.deepEqual(rows[2].keys, [`${KEY}/cloze::c1`, `${KEY}/cloze::c2`]);
  });

  it('sums counts for a group and describes them', () => {
    const total = sumCounts([{ counts: { new: 2, learning: 1, due: 0 } }, { counts: { new: 3, learning: 0, due: 4 } }]);
    assert.deepEqual(total, { new: 5, learning: 1, due: 4 });
    assert.equal(describeCounts(total), '5 new · 1 learning · 4 due');
  });

  it('describes due times in words', () => {
    assert.equal(describeDue(T0 - 1, T0), 'due now');
    assert.equal(describeDue(T0 + 30_000, T0), 'due in <1 min');
    assert.equal(describeDue(T0 + 12 * MINUTE, T0), 'due in 12 min');
    assert.equal(describeDue(T0 + 90 * MINUTE, T0), 'due in 1.5 h');
    assert.equal(describeDue(T0 + 3 * DAY, T0), 'due in 3 d');
    assert.equal(describeDue(T0 + 75 * DAY, T0), 'due in 2.5 mo');
    assert.equal(describeDue(T0 + 800 * DAY, T0), 'due in 2.2 y');
  });
});
