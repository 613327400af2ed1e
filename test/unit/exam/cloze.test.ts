import * as assert from 'node:assert/strict';
import { answersMatch, clozeNumbers, expandCloze, normalizeAnswer, parseQuestion, questionDiagnostics, scanClozes, splitClozeCardId } from '../../../src/core/exam';
import { card, deckOf } from './helpers';

describe('cloze deletions', () => {
  const deck = deckOf([
    '# D',
    '## Shard write limit',
    '<!--',
    'id: write',
    'tags: data-streams',
    '-->',
    'A shard accepts {{c1::1 MB/s}} or {{c2::1,000 records/s::records}} of writes.',
  ]);
  const writeCard = deck.cards[0];

  it('expands one review card per cloze number with ids `<id>::cN`', () => {
    const cards = expandCloze(writeCard);
    assert.deepEqual(cards.map((c) => c.id), ['write::c1', 'write::c2']);
    assert.equal(cards[0].question, 'Shard write limit\n\nA shard accepts […] or 1,000 records/s of writes.');
    assert.equal(cards[0].answer, 'A shard accepts **1 MB/s** or 1,000 records/s of writes.');
    assert.equal(cards[1].question, 'Shard write limit\n\nA shard accepts 1 MB/s or [records] of writes.');
    assert.equal(cards[1].answer, 'A shard accepts 1 MB/s or **1,000 records/s** of writes.');
    assert.deepEqual(cards[1].tags, ['data-streams']);
    assert.equal(cards[1].line, writeCard.line);
  });

  it('returns a card without deletions unchanged, so `flatMap(expandCloze)` works on whole decks', () => {
    const plain = card('p', 'Q', 'A');
    assert.deepEqual(expandCloze(plain), [plain]);
  });

  it('hides every occurrence of the same number together, and keeps notes after `?` on the back', () => {
    const c = card('same', 'Reads: {{c1::2 MB/s}} shared, {{c1::2 MB/s}} with EFO, {{c2::5}} calls.', 'Per shard.');
    const [c1, c2] = expandCloze(c);
    assert.equal(c1.question, 'Reads: […] shared, […] with EFO, 5 calls.');
    assert.equal(c1.answer, 'Reads: **2 MB/s** shared, **2 MB/s** with EFO, 5 calls.\n\nPer shard.');
    assert.equal(c2.question, 'Reads: 2 MB/s shared, 2 MB/s with EFO, […] calls.');
    assert.deepEqual(clozeNumbers(c), [1, 2]);
  });

  it('splits virtual ids back into card id and number', () => {
    assert.deepEqual(splitClozeCardId('f05-write::c12'), { cardId: 'f05-write', cloze: 12 });
    assert.deepEqual(splitClozeCardId('plain-id'), { cardId: 'plain-id' });
  });

  it('reports malformed deletions with positions, and keeps the good ones', () => {
    const scan = scanClozes('ok {{c1::x}} bad {{c1:y}} empty {{c2::}} zero {{c0::z}} open {{c3::never');
    assert.deepEqual(scan.deletions.map((d) => d.text), ['x']);
    assert.deepEqual(scan.problems.map((p) => `${p.code}@${p.offset}`), ['malformed-cloze@17', 'empty-cloze@32', 'invalid-cloze-number@46', 'unclosed-cloze@61']);
    assert.deepEqual(scanClozes('{{c1::a {{c2::b}} c}}').problems.map((p) => p.code), ['nested-cloze']);
  });

  it('turns cloze problems into deck diagnostics on the right line and column', () => {
    const lines = ['# D', '## Q', '<!-- id: bad -->', 'First line.', 'Broken {{c1:x}} here.'];
    const c = deckOf(lines).cards[0];
    assert.equal(parseQuestion(c).question.kind, 'plain');
    assert.deepEqual(questionDiagnostics(c, lines.join('\n')).map((d) => `${d.code}@${d.line}:${d.column}`), ['malformed-cloze@5:8']);
  });
});

describe('lenient answer checking', () => {
  const ok: [string, string][] = [
    ['1 MiB per second', '1 MB/s'],
    ['1mb/s', '1 MB/s'],
    ['1 megabyte per sec.', '1 MB/s'],
    ['1000 records per second', '1,000 records/s'],
    ['1 000 Records/S', '1,000 records/s'],
    ['8760 hours', '8,760 hours'],
    ['8,760h', '8,760 hours'],
    ['24 hrs!', '24 hours'],
    ['5 min', '5 minutes'],
    ['  `TRIM_HORIZON` ', 'TRIM_HORIZON'],
    ['4 MB', '**4 MiB**'],
    ['the LATEST', 'LATEST'],
  ];
  const notOk: [string, string][] = [
    ['10 MB/s', '1 MB/s'],
    ['1 GB/s', '1 MB/s'],
    ['1 MB', '1 MB/s'],
    ['100 records/s', '1,000 records/s'],
    ['876 hours', '8,760 hours'],
    ['24 days', '24 hours'],
    ['', '5'],
    ['   ', '5'],
    ['TRIM HORIZON', 'TRIM_HORIZON'],
  ];
  for (const [given, expected] of ok) {
    it(`accepts "${given}" for "${expected}"`, () => assert.equal(answersMatch(given, expected), true, `${normalizeAnswer(given)} vs ${normalizeAnswer(expected)}`));
  }
  for (const [given, expected] of notOk) {
    it(`rejects "${given}" for "${expected}"`, () => assert.equal(answersMatch(given, expected), false));
  }

  it('normalizes to a readable canonical form', () => {
    assert.equal(normalizeAnswer('1,000 Records per Second.'), '1000 record per s');
    assert.equal(normalizeAnswer('1 MiB/s'), '1 mb per s');
  });
});
