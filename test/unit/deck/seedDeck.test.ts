import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeck } from '../../../src/core/deck/parse';

const seedPath = join(__dirname, '..', '..', '..', 'decks', 'data-engineering-flashcards.txt');

describe('seed text deck', () => {
  const deck = parseDeck(seedPath, readFileSync(seedPath));

  it('ships the user\'s file unchanged', () => {
    const original = join(__dirname, '..', '..', '..', '..', 'shared', 'seed', 'data-engineering-flashcards.txt');
    // CI and developers have ../shared beside the checkout; its absence is a failure, not a skip.
    assert.deepEqual(readFileSync(seedPath), readFileSync(original));
  });

  it('parses into exactly 16 cards with no diagnostics', () => {
    assert.equal(deck.title, 'Data Engineering Flashcards');
    assert.equal(deck.cards.length, 16);
    assert.deepEqual(deck.diagnostics, []);
  });

  it('keeps the text verbatim, typos and dashes included', () => {
    const byQuestion = (q: string) => deck.cards.filter((c) => c.question === q);
    assert.equal(byQuestion('Kinesis Firehouse').length, 2);
    assert.equal(deck.cards[7].answer, '- 1MB/s or 1000m/s throughput PER shard\n- - Otherwise ProvisionedThroughPutException');
    assert.match(deck.cards[5].answer, /^– Application level, supports Java, C\+\+ - Kinesis Agent$/m);
    assert.match(deck.cards[5].answer, /^— Kinesis Streams$/m);
    assert.match(deck.cards[4].answer, /- Add add remove shards at any time/);
    assert.equal(deck.cards[15].question, 'Streaming 3000 messages of 1KB per second\nPossible Architectures');
    assert.equal(deck.cards[2].answer, 'Perform real-time analytics on streams using SQL');
  });

  it('records each card\'s line and answer line', () => {
    assert.equal(deck.cards[0].line, 2);
    assert.equal(deck.cards[0].answerLine, 6);
    assert.equal(deck.cards[15].line, 128);
  });

  it('gives repeated questions distinct ids', () => {
    const ids = deck.cards.map((c) => c.id);
    assert.equal(new Set(ids).size, 16);
  });

  it('keeps ids when a card is inserted before others', () => {
    const text = readFileSync(seedPath, 'utf8');
    const inserted = text.replace('1\nQ\n', '1\nQ\nA brand new card\nA\nIts answer\n2\nQ\n');
    const moved = parseDeck('x.txt', inserted);
    assert.equal(moved.cards.length, 17);
    const before = new Map(deck.cards.map((c) => [c.question + '|' + c.answer, c.id]));
    for (const c of moved.cards.slice(1)) assert.equal(c.id, before.get(c.question + '|' + c.answer) ?? c.id);
    assert.deepEqual(moved.cards.slice(1).map((c) => c.id), deck.cards.map((c) => c.id));
  });

  it('keeps a line that is only a number inside an answer', () => {
    const d = parseDeck('n.txt', 'T\n1\nQ\nHow many?\nA\n3\nshards\n2\nQ\nNext\nA\nYes\n');
    assert.equal(d.cards.length, 2);
    assert.equal(d.cards[0].answer, '3\nshards');
  });

  it('reports a Q without an A and still loads the other cards', () => {
    const d = parseDeck('bad.txt', 'T\n1\nQ\nNo answer marker\n2\nQ\nGood\nA\nFine\n');
    assert.equal(d.cards.length, 1);
    assert.equal(d.cards[0].question, 'Good');
    const err = d.diagnostics.find((x) => x.code === 'missing-answer-marker');
    assert.ok(err);
    assert.equal(err.line, 3);
    assert.equal(err.severity, 'error');
  });

  it('reports an empty answer with its line', () => {
    const d = parseDeck('e.txt', 'T\n1\nQ\nQuestion\nA\n\n2\nQ\nGood\nA\nFine\n');
    assert.equal(d.cards.length, 1);
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.line]), [['empty-answer', 5]]);
  });
});
