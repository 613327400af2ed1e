import { parseDeck } from '../src/core/deck/parse';
import { InMemoryProgressStorage, ProgressStore, type Rating } from '../src/core/review';
import { cardRows, deckRow, studyKeys, type CardRow } from '../src/core/tree/deckTree';
import { generateMarkdownDeck } from './generateDeck';
import { fmt, measure, percentile } from './stats';

const CARDS = 10_000;
const STUDIED = 3_000;
const GOAL_MS = 100;

/**
 * Expanding a 10,000-card deck in the Decks view: the rows the provider builds (state, due text,
 * label per card) plus one TreeItem-shaped object per row, with a third of the cards studied so
 * every state occurs. The extension host adds the TreeItem class and the transfer to the
 * workbench; test/host/suite/tree.test.ts measures that whole path in a real VS Code.
 */
export async function benchTree(): Promise<void> {
  const deck = parseDeck('bench.deck.md', generateMarkdownDeck(CARDS));
  const key = 'workspace:bench.deck.md';
  let now = Date.UTC(2024, 2, 10, 12);
  const store = await ProgressStore.open(new InMemoryProgressStorage(), { now: () => now }, { settings: { fuzz: false } });
  const keys = deck.cards.flatMap((c) => studyKeys(key, c));
  for (let i = 0; i < STUDIED; i++) {
    await store.answer(keys[i * 3], ((i % 4) + 1) as Rating, 4000);
    if (i % 250 === 0) now += 3_600_000;
  }
  for (let i = 1; i < 300; i += 10) await store.suspend(keys[i]);
  now += 2 * 86_400_000;

  const clock = { now, dayEnd: store.calendar.nextDayStart(now) };
  const stateOf = (k: string) => store.card(k);
  const expand = () => toItems(cardRows(key, deck.cards, stateOf, clock));
  const items = expand();
  if (items.length !== CARDS) throw new Error(`expected ${CARDS} rows, got ${items.length}`);
  // Collect garbage before each run (with --expose-gc, as `npm run bench` runs) so one run does not
  // pay for the previous run's 20,000 objects.
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    gc?.();
    const t = performance.now();
    expand();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const counts = measure(() => deckRow({ keys, cards: deck.cards.length, errors: 0, states: store.cards(), queue: store.queue(keys, now), now }), 30);
  const median = percentile(times, 50);
  const byStatus = new Map<string, number>();
  for (const i of items) byStatus.set(i.icon, (byStatus.get(i.icon) ?? 0) + 1);
  console.log('Deck tree (10,000 cards, %d studied, %d suspended)', STUDIED, 30);
  console.log('  expand a deck (card rows + tree items): median %s, p95 %s, best %s', fmt(median), fmt(percentile(times, 95)), fmt(times[0]));
  console.log('  deck counts and retention (queue over 10,000 keys): median %s', fmt(percentile(counts, 50)));
  console.log('  states shown: %s', [...byStatus].map(([s, n]) => `${s} ${n}`).join(', '));
  console.log('  verdict: %s (goal: expand < %d ms)', median < GOAL_MS ? 'MEETS GOAL' : 'MISSES GOAL', GOAL_MS);
  await store.dispose();
}

/** The fields DeckTreeProvider.getTreeItem sets, as plain objects (no `vscode` outside the host). */
function toItems(rows: CardRow[]): Array<{ id: string; label: string; description: string; icon: string; contextValue: string; command: unknown }> {
  return rows.map((row) => ({
    id: `card:workspace:bench.deck.md#${row.cardId}`,
    label: row.label,
    description: row.description,
    icon: row.status,
    contextValue: `card ${row.status === 'suspended' ? 'suspended' : 'active'}`,
    command: { command: 'flashcards.reviewCard', arguments: [{ deckKey: 'workspace:bench.deck.md', cardId: row.keys[0] }] },
  }));
}

if (require.main === module) void benchTree();
