import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FactIndex, hoverAt, indexDocument, type DeckInput, type DocumentIndex, type HoverResult } from '../../../src/core/codeFacts';
import { parseDeck } from '../../../src/core/deck/parse';

export const root = join(__dirname, '..', '..', '..');

/** The decks the extension ships, keyed like DeckManager keys built-in decks. */
export function shippedDecks(): DeckInput[] {
  return ['kinesis-limits.deck.md', 'data-engineering-flashcards.deck.md'].map((name) => ({
    key: `builtin:${name}`,
    deck: parseDeck(join(root, 'decks', name), readFileSync(join(root, 'decks', name), 'utf8')),
  }));
}

let shipped: FactIndex | undefined;
export function shippedFacts(): FactIndex {
  return (shipped ??= FactIndex.build(shippedDecks()));
}

/**
 * Fixtures are realistic files in test/unit/codeFacts/fixtures. TypeScript ones end in `.ts.txt` so
 * the repository's type check does not try to resolve their aws-cdk-lib / AWS SDK imports.
 */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

export function languageOf(name: string): string {
  const n = name.replace(/\.txt$/, '');
  if (n.endsWith('.ts')) return 'typescript';
  if (n.endsWith('.js')) return 'javascript';
  if (n.endsWith('.py')) return 'python';
  if (n.endsWith('.java')) return 'java';
  if (n.endsWith('.go')) return 'go';
  if (n.endsWith('.yaml') || n.endsWith('.yml')) return 'yaml';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.xml')) return 'xml';
  return 'plaintext';
}

export interface Doc {
  text: string;
  index: DocumentIndex;
  facts: FactIndex;
}

export function doc(text: string, languageId: string, fileName = 'snippet', facts = shippedFacts()): Doc {
  const index = indexDocument({ text, languageId, fileName }, facts);
  assert.ok(index, 'indexDocument returned undefined');
  return { text, index, facts };
}

export function load(name: string, facts = shippedFacts()): Doc {
  return doc(fixture(name), languageOf(name), name.replace(/\.txt$/, ''), facts);
}

/** Offset of the first whole-word `word` at or after the substring `after` (which anchors the search). */
export function offsetOf(text: string, word: string, after = ''): number {
  const anchor = after ? text.indexOf(after) : 0;
  assert.ok(anchor >= 0, `anchor ${JSON.stringify(after)} not found`);
  const re = new RegExp(`(?<![\\w$])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`, 'g');
  re.lastIndex = anchor;
  const m = re.exec(text);
  assert.ok(m, `${JSON.stringify(word)} not found after ${JSON.stringify(after)}`);
  return m.index;
}

/** Hovers the second character of the whole word `word` found at or after `after`. */
export function hoverOn(d: Doc, word: string, after = ''): HoverResult | undefined {
  return hoverAt(d.index, offsetOf(d.text, word, after) + Math.min(1, word.length - 1), d.facts);
}

export function cardIds(h: HoverResult | undefined): string[] {
  return h ? h.match.cards.map((c) => c.card.id) : [];
}

/** Asserts a hover whose top card is `top` (and which mentions `alsoHas`, if given). */
export function expectTop(d: Doc, word: string, after: string, top: string, alsoHas: string[] = []): HoverResult {
  const h = hoverOn(d, word, after);
  assert.ok(h, `no hover on ${word} (after ${JSON.stringify(after)})`);
  assert.equal(cardIds(h)[0], top, `top card for ${word}: ${cardIds(h).join(', ')}`);
  for (const id of alsoHas) assert.ok(cardIds(h).includes(id), `${word} should also link ${id}: ${cardIds(h).join(', ')}`);
  return h;
}

export function expectCard(d: Doc, word: string, after: string, card: string): HoverResult {
  const h = hoverOn(d, word, after);
  assert.ok(h, `no hover on ${word} (after ${JSON.stringify(after)})`);
  assert.ok(cardIds(h).includes(card), `${word} should link ${card}: ${cardIds(h).join(', ') || '(no cards)'}`);
  return h;
}

export function expectNoHover(d: Doc, word: string, after = ''): void {
  const h = hoverOn(d, word, after);
  assert.equal(h, undefined, `unexpected hover on ${word} (after ${JSON.stringify(after)}): ${cardIds(h).join(', ')} ${h?.match.hint ?? ''}`);
}

export function expectHint(d: Doc, word: string, after: string, ...parts: string[]): HoverResult {
  const h = hoverOn(d, word, after);
  assert.ok(h?.match.hint, `no computed hint on ${word} (after ${JSON.stringify(after)})`);
  for (const p of parts) assert.ok(h.match.hint.includes(p), `hint ${JSON.stringify(h.match.hint)} should include ${JSON.stringify(p)}`);
  return h;
}

/** Diagnostics as `kind: covered text`, in document order. */
export function diagnostics(d: Doc): string[] {
  return d.index.diagnostics.map((x) => `${x.kind}: ${d.text.slice(x.start, x.end)}`);
}
