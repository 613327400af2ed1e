import * as assert from 'node:assert/strict';
import { parseDeck } from '../../../src/core/deck/parse';

const deckText = [
  '# Streams deck',
  '',
  'Notes for the exam.',
  '',
  '## What is the maximum retention?',
  '<!--',
  'id: kds-retention',
  'tags: kinesis, retention',
  'source: https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
  'code: retentionPeriod, RetentionPeriodHours',
  '-->',
  '**8,760 hours** (365 days).',
  '',
  '## How many records per PutRecords call?',
  '<!-- id: put-records -->',
  'Assume a provisioned stream.',
  '?',
  'Up to **500**.',
  '',
  '```python',
  '## not a card',
  '?',
  '```',
  '',
  '## A card without an id',
  'Its answer.',
].join('\n');

describe('Markdown deck', () => {
  it('reads title, description, cards and metadata', () => {
    const d = parseDeck('streams.deck.md', deckText);
    assert.equal(d.title, 'Streams deck');
    assert.equal(d.description, 'Notes for the exam.');
    assert.deepEqual(d.diagnostics.filter((x) => x.severity !== 'info'), []);
    assert.equal(d.cards.length, 3);
    const [a, b, c] = d.cards;
    assert.equal(a.id, 'kds-retention');
    assert.equal(a.explicitId, true);
    assert.deepEqual(a.tags, ['kinesis', 'retention']);
    assert.deepEqual(a.code, ['retentionPeriod', 'RetentionPeriodHours']);
    assert.equal(a.source, 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html');
    assert.equal(a.answer, '**8,760 hours** (365 days).');
    assert.equal(a.line, 5);
    assert.equal(a.answerLine, 12);
    assert.equal(b.question, 'How many records per PutRecords call?\n\nAssume a provisioned stream.');
    assert.equal(b.answer, 'Up to **500**.\n\n```python\n## not a card\n?\n```');
    assert.equal(b.answerLine, 18);
    assert.equal(c.explicitId, false);
    assert.match(c.id, /^q-[0-9a-f]{8}$/);
  });

  it('keeps ids stable when cards are reordered, inserted, removed or answers edited', () => {
    const ids = (text: string) => new Map(parseDeck('d.deck.md', text).cards.map((c) => [c.question.split('\n')[0], c.id]));
    const base = ids(deckText);
    const sections = deckText.split(/\n(?=## )/);
    const reordered = [sections[0], sections[3], sections[2], sections[1]].join('\n');
    const inserted = [sections[0], '## New card\n<!-- id: new-one -->\nNew answer\n', ...sections.slice(1)].join('\n');
    const removed = [sections[0], sections[2], sections[3]].join('\n');
    const edited = deckText.replace('Its answer.', 'A much better answer.').replace('**8,760 hours**', '**8760 h**');
    for (const variant of [reordered, inserted, removed, edited]) {
      for (const [q, id] of ids(variant)) if (base.has(q)) assert.equal(id, base.get(q), q);
    }
  });

  it('reports duplicate ids, empty answers, unknown keys and bad sources, and keeps the good cards', () => {
    const bad = [
      '# Bad deck',
      '## First',
      '<!--',
      'id: same',
      'colour: blue',
      'source: ftp://example.com/x',
      '-->',
      'Answer one',
      '## Second',
      '<!-- id: same -->',
      'Answer two',
      '## Empty',
      '<!-- id: empty -->',
      '',
      '## ',
      'Orphan answer',
      '## Good',
      'Fine',
    ].join('\n');
    const d = parseDeck('bad.deck.md', bad);
    assert.deepEqual(d.cards.map((c) => c.question), ['First', 'Good']);
    const found = d.diagnostics.map((x) => `${x.code}@${x.line}:${x.column}/${x.severity}`);
    assert.deepEqual(found.sort(), [
      'duplicate-id@10:10/error',
      'empty-answer@12:1/error',
      'empty-question@15:1/error',
      'invalid-source@6:9/warning',
      'unknown-key@5:1/warning',
    ]);
  });

  it('reports an unclosed metadata comment and a missing title', () => {
    const d = parseDeck('x.deck.md', '## Q\n<!-- id: a\nAnswer\n');
    const codes = d.diagnostics.map((x) => x.code);
    assert.ok(codes.includes('missing-title'));
    assert.ok(codes.includes('unclosed-meta'));
    assert.equal(d.title, 'x');
  });

  it('rejects invalid ids and falls back to a derived one', () => {
    const d = parseDeck('x.deck.md', '# T\n## Q\n<!-- id: has space -->\nA\n');
    assert.equal(d.cards.length, 1);
    assert.match(d.cards[0].id, /^q-/);
    assert.equal(d.diagnostics[0].code, 'invalid-id');
    assert.equal(d.diagnostics[0].line, 3);
    assert.equal(d.diagnostics[0].column, 10);
  });

  it('handles CRLF line endings and a byte order mark', () => {
    const d = parseDeck('x.deck.md', new TextEncoder().encode('\ufeff# T\r\n## Q\r\n<!-- id: a -->\r\nline 1\r\nline 2\r\n'));
    assert.equal(d.title, 'T');
    assert.equal(d.cards[0].answer, 'line 1\nline 2');
  });

  it('refuses oversized files and binary content with a message', () => {
    const big = parseDeck('big.deck.md', 'x'.repeat(10 * 1024 * 1024 + 1));
    assert.equal(big.cards.length, 0);
    assert.match(big.diagnostics[0].message, /over the 10\.0 MB limit/);
    const bin = parseDeck('b.deck.md', new Uint8Array([35, 32, 0, 1, 2]));
    assert.equal(bin.diagnostics[0].code, 'binary');
  });

  it('reports invalid UTF-8 and still parses', () => {
    const d = parseDeck('u.deck.md', new Uint8Array([...new TextEncoder().encode('# T\n## Q\nA '), 0xff, 0xfe]));
    assert.equal(d.cards.length, 1);
    assert.equal(d.diagnostics[0].code, 'encoding');
  });

  it('never throws on arbitrary bytes, and positions stay inside the file', () => {
    let seed = 42;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['#', '## ', '\n', '<!--', '-->', '?', '```', 'id: x', 'Q', 'A', '1', ' ', 'word', '\r\n', '~~~', 'tags:'];
    for (let n = 0; n < 2000; n++) {
      const parts: string[] = [];
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) parts.push(alphabet[Math.floor(rand() * alphabet.length)]);
      const text = parts.join('');
      const lines = text.split('\n').length;
      for (const file of ['f.deck.md', 'f.txt']) {
        const d = parseDeck(file, text);
        for (const x of d.diagnostics) {
          assert.ok(x.line >= 1 && x.line <= lines, `line ${x.line} of ${lines} for ${JSON.stringify(text)}`);
          assert.ok(x.column >= 1);
        }
      }
    }
  });
});
