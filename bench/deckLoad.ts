import MarkdownIt from 'markdown-it';
import { parseDeck } from '../src/core/deck/parse';
import { generateMarkdownDeck } from './generateDeck';
import { fmt, measure, percentile } from './stats';

export function benchDeckLoad(): void {
  const text = generateMarkdownDeck(10_000);
  const bytes = new TextEncoder().encode(text);
  const deck = parseDeck('bench.deck.md', bytes);
  if (deck.cards.length !== 10_000) throw new Error(`expected 10000 cards, got ${deck.cards.length}`);
  const load = measure(() => parseDeck('bench.deck.md', text), 30);
  const loadBytes = measure(() => parseDeck('bench.deck.md', bytes), 30);
  const md = new MarkdownIt({ html: false });
  const mdParse = measure(() => md.parse(text, {}), 5, 1);
  const median = percentile(load, 50);
  const mdMedian = percentile(mdParse, 50);
  console.log('Deck load (10,000 cards, %s MB, %d diagnostics)', (bytes.byteLength / 1e6).toFixed(2), deck.diagnostics.length);
  console.log('  parseDeck (text → cards with ids, metadata, diagnostics):  median %s, p95 %s', fmt(median), fmt(percentile(load, 95)));
  console.log('  parseDeck from bytes (UTF-8 decoding included):            median %s', fmt(percentile(loadBytes, 50)));
  console.log('  markdownIt().parse of the same text:                       median %s', fmt(mdMedian));
  console.log('  ratio markdown-it / parseDeck: %sx   (goal: load ≤ 20 ms and ≥ 30x)', (mdMedian / median).toFixed(1));
  console.log('  verdict: %s', median <= 20 && mdMedian / median >= 30 ? 'MEETS GOAL' : 'MISSES GOAL');
}
