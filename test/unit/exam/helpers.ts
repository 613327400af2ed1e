import { parseDeck } from '../../../src/core/deck/parse';
import type { Card, Deck } from '../../../src/core/deck/types';

/** Parses a deck written as lines; fails the test if the deck parser itself complains. */
export function deckOf(lines: string[], file = 'test.deck.md'): Deck {
  const deck = parseDeck(file, lines.join('\n'));
  const problems = deck.diagnostics.filter((d) => d.severity !== 'info');
  if (problems.length) throw new Error(`test deck does not parse cleanly: ${JSON.stringify(problems)}`);
  return deck;
}

/** A card with only the fields the exam engine reads filled in meaningfully. */
export function card(id: string, question: string, answer: string, tags: string[] = [], extra: Partial<Card> = {}): Card {
  return { id, explicitId: true, question, answer, tags, code: [], line: 1, answerLine: 3, ...extra };
}

export function choiceCard(id: string, correct: number[], optionCount = 4, tags: string[] = ['t']): Card {
  const options = Array.from({ length: optionCount }, (_, i) => `- [${correct.includes(i) ? 'x' : ' '}] Option ${id}-${i}`);
  return card(id, `Question ${id}?`, [...options, '', `Explanation: because ${id}.`].join('\n'), tags);
}

/** A random source that replays the given values in a loop. */
export function scriptedRandom(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
