import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/flashcards';
import { parseDeck } from '../../../src/core/deck/parse';
import { deckDiagnostics, deckFileName, deckTemplate, freshCardId, idPrefix, newCardSnippet, withExamDiagnostics } from '../../../src/core/tree/authoring';

const root = join(__dirname, '..', '..', '..');

const broken = [
  '# Exam deck',
  '',
  '## Which service loads S3?',
  '<!-- id: no-correct -->',
  '?',
  '- [ ] Kinesis Data Streams',
  '- [ ] Amazon Data Firehose',
  '',
  '## Retention',
  '<!-- id: cloze -->',
  'Records stay {{c1::24 hours}} by default, {{c2:365 days}} at most.',
  '',
].join('\n');

/** Placeholders as VS Code fills them when Tab is pressed through: each default, or empty. */
function expandSnippet(body: string): string {
  return body.replace(/\$RANDOM_HEX/g, 'a1b2c3').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
}

describe('deck authoring', () => {
  it('adds exam problems of Markdown cards to the deck diagnostics, at their lines', () => {
    const deck = parseDeck('exam.deck.md', broken);
    assert.deepEqual(deck.diagnostics, []);
    const all = deckDiagnostics(deck, broken);
    assert.deepEqual(all.map((d) => [d.line, d.severity, d.code]), [
      [6, 'error', 'no-correct-option'],
      [11, 'error', 'malformed-cloze'],
    ]);
    assert.equal(withExamDiagnostics(deck, broken).diagnostics.length, 2);
  });

  it('leaves seed text decks and clean decks alone', () => {
    const seed = parseDeck('seed.txt', readFileSync(join(root, 'decks', 'data-engineering-flashcards.txt')));
    assert.equal(deckDiagnostics(seed, ''), seed.diagnostics);
    const text = readFileSync(join(root, 'decks', 'exam-data-streaming.deck.md'), 'utf8');
    assert.deepEqual(deckDiagnostics(parseDeck('exam.deck.md', text), text), []);
  });

  it('the CLI reports exam problems too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flashcards-authoring-')), 'exam.deck.md');
    writeFileSync(file, broken);
    const out: string[] = [];
    assert.equal(main(['check', file], (s) => out.push(s), () => {}), 1);
    assert.ok(out.some((l) => l.startsWith(`${file}:6:1: error: No option is marked correct`)), out.join('\n'));
    assert.ok(out.some((l) => l.startsWith(`${file}:11:`) && l.includes('error')), out.join('\n'));
  });

  it('draws card ids the deck does not use yet', () => {
    const values = [0.5, 0.5, 0.25];
    const random = () => values.shift() ?? 0.75;
    assert.equal(freshCardId(new Set(['card-800000']), random), 'card-400000');
    assert.equal(idPrefix('/ws/decks/Kinesis Limits.deck.md'), 'kinesis-limits');
    assert.equal(idPrefix('x/.deck.md'), 'card');
    assert.equal(deckFileName('Kafka: the Basics!'), 'kafka-the-basics.deck.md');
    assert.equal(deckFileName('???'), 'my-flashcards.deck.md');
  });

  it('New Card inserts a card that parses with its id', () => {
    const text = `# Deck\n\n${expandSnippet(newCardSnippet('deck-0a1b2c'))}`;
    const deck = parseDeck('d.deck.md', text);
    assert.deepEqual(deck.diagnostics, []);
    assert.equal(deck.cards[0].id, 'deck-0a1b2c');
  });

  it('the new-deck template is a valid deck that shows each kind of card', () => {
    const text = deckTemplate('Kafka Basics', () => 0.1);
    const deck = parseDeck('kafka-basics.deck.md', text);
    assert.equal(deck.title, 'Kafka Basics');
    assert.deepEqual(deckDiagnostics(deck, text), []);
    assert.equal(deck.cards.length, 4);
    assert.equal(new Set(deck.cards.map((c) => c.id)).size, 4, 'ids are unique');
    assert.ok(deck.cards.some((c) => c.answer.includes('- [x]')));
    assert.ok(deck.cards.some((c) => c.answer.includes('{{c1::')));
  });

  it('the snippets expand to cards without problems', () => {
    const source = readFileSync(join(root, 'snippets', 'deck.code-snippets'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const snippets = JSON.parse(source) as Record<string, { body: string[] }>;
    assert.deepEqual(Object.keys(snippets), ['Flashcard', 'Multiple-choice card', 'Cloze card']);
    const text = `# Deck\n\n${Object.values(snippets).map((s) => expandSnippet(s.body.join('\n'))).join('\n')}`;
    const deck = parseDeck('d.deck.md', text);
    assert.deepEqual(deckDiagnostics(deck, text), []);
    assert.equal(deck.cards.length, 3);
  });
});
