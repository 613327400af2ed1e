import * as assert from 'node:assert/strict';
import { cardsInDocument, FactIndex, matchOccurrence } from '../../../src/core/codeFacts';
import { parseDeck } from '../../../src/core/deck/parse';
import { cardIds, doc, expectTop, hoverOn, load, shippedDecks, shippedFacts } from './helpers';

const TEAM = `# Team notes

## Why does the orders stream have 4 shards?
<!--
id: orders-shard-count
tags: orders
code: shard_count, OrdersTable
-->
**Peak is 3,000 orders/s, so 3 shards plus one spare.**

## Who owns the orders DLQ?
<!--
id: dlq-owner
code: ordersDlq
-->
The payments team.
`;

describe('codeFacts: fact index built from decks', () => {
  it('indexes every card with code metadata from the shipped decks', () => {
    const facts = shippedFacts();
    const expected = shippedDecks().reduce((n, d) => n + d.deck.cards.filter((c) => c.code.length).length, 0);
    assert.equal(facts.cards.length, expected);
    assert.ok(facts.has('shardcount') && facts.has('putrecords') && facts.has('limit'));
  });

  it("a team deck adds its own hovers, matched with any spelling of the identifier", () => {
    const facts = FactIndex.build([...shippedDecks(), { key: 'workspace:decks/team.deck.md', deck: parseDeck('team.deck.md', TEAM) }]);
    const d = doc("import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nnew kinesis.Stream(this, 'Orders', { shardCount: 4 });\n", 'typescript', 'stack.ts', facts);
    const ids = cardIds(hoverOn(d, 'shardCount'));
    assert.ok(ids.includes('orders-shard-count'), ids.join(', '));
  });

  it('exact spellings rank before normalized ones, bold key figures before plain text, then deck order', () => {
    const facts = FactIndex.build([
      { key: 'workspace:a.deck.md', deck: parseDeck('a.deck.md', '# A\n\n## Plain first\n<!--\nid: plain\ncode: shardCount\n-->\nplain text\n\n## Bold second\n<!--\nid: bold\ncode: shardCount\n-->\n**bold figure**\n\n## Snake third\n<!--\nid: snake\ncode: shard_count\n-->\n**snake figure**\n') },
    ]);
    const ts = doc("import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nnew kinesis.Stream(this, 'S', { shardCount: 1 });\n", 'typescript', 's.ts', facts);
    assert.deepEqual(cardIds(hoverOn(ts, 'shardCount')), ['bold', 'plain', 'snake']);
    const py = doc('from aws_cdk import aws_kinesis as kinesis\nkinesis.Stream(self, "S", shard_count=1)\n', 'python', 's.py', facts);
    assert.deepEqual(cardIds(hoverOn(py, 'shard_count')), ['snake', 'bold', 'plain']);
  });

  it('the same deck loaded twice (built-in and a workspace copy) gives each card once', () => {
    const twice = FactIndex.build([...shippedDecks(), ...shippedDecks().map((d) => ({ ...d, key: d.key.replace('builtin:', 'workspace:') }))]);
    assert.equal(twice.cards.length, shippedFacts().cards.length);
  });

  it('SDK operation wrappers match the operation: PutRecordsWithContext, putRecordsAsync, GetRecordsPaginator', () => {
    const facts = shippedFacts();
    for (const name of ['putrecordswithcontext', 'putrecordsasync', 'putrecordsresult']) {
      assert.equal(facts.lookup([name])[0]?.card.id, 'f09-putrecords-limits', name);
    }
    assert.equal(facts.lookup(['kinesisfirehoseinput'])[0]?.card.id, 'f30-kda-sql-discontinued', 'a non-operation keeps its own meaning');
  });

  it('cardForDiagnostic prefers the limits deck card and falls back to identifiers', () => {
    assert.equal(shippedFacts().cardForDiagnostic('kinesis-retention-range')?.card.id, 'f01-retention');
    assert.equal(shippedFacts().cardForDiagnostic('kcl-v1')?.card.id, 'f15-kcl-versions');
    const teamOnly = FactIndex.build([{ key: 'workspace:t.deck.md', deck: parseDeck('t.deck.md', '# T\n\n## Our retention\n<!--\nid: ours\ncode: retentionPeriod\n-->\n**7 days**\n') }]);
    assert.equal(teamOnly.cardForDiagnostic('kinesis-retention-range')?.card.id, 'ours');
  });
});

describe('codeFacts: quiz me on this file', () => {
  it('lists deckKey/cardId of every card linked from the file, once, in order of first appearance', () => {
    const d = load('cdk-stack.ts.txt');
    const cards = cardsInDocument(d.index, d.facts)!;
    assert.equal(new Set(cards).size, cards.length);
    assert.ok(cards.every((c) => /^builtin:[\w.-]+\.deck\.md\/[\w-]+$/.test(c)), cards.join('\n'));
    assert.ok(cards.includes('builtin:kinesis-limits.deck.md/f01-retention'));
    assert.ok(cards.includes('builtin:kinesis-limits.deck.md/f13-lambda-batching'));
    const firstMatch = d.index.occurrences.map((o) => matchOccurrence(d.index, o, d.facts)).find((m) => m && m.cards.length)!;
    assert.equal(cards[0], `${firstMatch.cards[0].deckKey}/${firstMatch.cards[0].card.id}`);
    assert.ok(cards.indexOf('builtin:kinesis-limits.deck.md/f04-shard-quota') < cards.indexOf('builtin:kinesis-limits.deck.md/f21-buffering-hints'));
  });

  it('is empty for an unrelated file', () => {
    const d = load('unrelated.ts.txt');
    assert.deepEqual(cardsInDocument(d.index, d.facts), []);
  });

  it('does not include cards of identifiers the context rules reject', () => {
    const d = load('sqs-only-stack.ts.txt');
    assert.deepEqual(cardsInDocument(d.index, d.facts), []);
    const mixed = load('mixed-streams.ts.txt');
    expectTop(mixed, 'Limit', 'kinesis.send', 'f07-getrecords-per-call');
  });
});
