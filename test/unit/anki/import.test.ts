import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAnkiText, parseAnkiText } from '../../../src/core/anki';
import { parseDeck } from '../../../src/core/deck/parse';

const fixtures = join(__dirname, '..', '..', 'host', 'fixtures', 'anki');

/** Imports and parses the resulting deck, which must be free of errors. */
function importDeck(text: string, fileName = 'export.txt') {
  const result = importAnkiText(text, { fileName });
  const deck = parseDeck('imported.deck.md', result.markdown);
  assert.deepEqual(deck.diagnostics.filter((d) => d.severity === 'error'), [], result.markdown);
  assert.equal(deck.cards.length, result.cards);
  return { result, deck };
}

describe('Anki import', () => {
  it('reads a tab-separated export with Anki\'s header lines', () => {
    const text = [
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
      'a1B2c3\tBasic\tAWS::Kinesis\tWhat is a <b>shard</b>?\tA unit of <i>capacity</i>.<br>1 MB/s in.\tkinesis limits',
      'z9Y8x7\tBasic\tAWS::Kinesis\tDefault retention?\t24&nbsp;hours\tkinesis',
    ].join('\n');
    const { result, deck } = importDeck(text);
    assert.equal(result.title, 'Kinesis');
    assert.equal(result.html, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(deck.cards.map((c) => [c.question, c.answer, c.tags]), [
      ['What is a **shard**?', 'A unit of *capacity*.\\\n1 MB/s in.', ['kinesis', 'limits']],
      ['Default retention?', '24 hours', ['kinesis']],
    ]);
    // Ids come from Anki's guid, so importing the same notes again gives the same ids.
    assert.match(deck.cards[0].id, /^anki-[0-9a-f]{8}$/);
    assert.equal(importAnkiText(text, { fileName: 'export.txt' }).markdown, result.markdown);
  });

  it('uses #columns names, #deck and #tags for every note', () => {
    const { result, deck } = importDeck([
      '#separator:Semicolon',
      '#html:false',
      '#columns:Tags;Back;Front',
      '#deck:Streaming',
      '#tags:imported anki',
      'exam;Up to 500 records;"How many records per PutRecords; per call?"',
    ].join('\n'));
    assert.equal(result.title, 'Streaming');
    assert.deepEqual(deck.cards.map((c) => [c.question, c.answer, c.tags]), [
      ['How many records per PutRecords; per call?', 'Up to 500 records', ['imported', 'anki', 'exam']],
    ]);
  });

  it('reads comma-separated files with quoted multi-line fields and doubled quotes', () => {
    const { deck, result } = importDeck([
      '#separator:comma',
      '#html:false',
      'Front,Back',
      '"Name the ""three"" stream types,',
      'one per line",- Kinesis Data Streams',
      '"""quoted"" back","line 1',
      '',
      'line 3 after a blank line"',
    ].join('\n'), 'notes.csv');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(deck.cards.map((c) => c.question), ['Front', 'Name the "three" stream types,\n\none per line', '"quoted" back']);
    assert.equal(deck.cards[2].answer, 'line 1\n\nline 3 after a blank line');
  });

  it('guesses the separator when there is no #separator header', () => {
    assert.equal(parseAnkiText('q\ta\n').separator, '\t');
    assert.equal(parseAnkiText('q;a\n').separator, ';');
    assert.equal(parseAnkiText('q,a\n').separator, ',');
    assert.equal(parseAnkiText('"a;b",c\n', { fileName: 'x.csv' }).separator, ',');
    const { deck } = importDeck('What is a shard?\tA unit of capacity\nWhat is Firehose?\tA delivery service\n');
    assert.equal(deck.cards.length, 2);
  });

  it('reports bad rows with their row and line numbers and imports the others', () => {
    const text = [
      '#separator:tab',
      '#html:false',
      'Good 1\tAnswer 1',
      'Only one field',
      '\tNo front',
      '"Multi',
      'line front"\tAnswer 4',
      'No back\t',
      '"Never closed\tAnswer 6',
      'Good 7\tAnswer 7',
      'Good 8\t"Answer',
      'over two lines"',
    ].join('\n');
    const { result, deck } = importDeck(text);
    assert.deepEqual(deck.cards.map((c) => c.question), ['Good 1', 'Multi\n\nline front', 'Good 7', 'Good 8']);
    assert.equal(deck.cards[3].answer, 'Answer\nover two lines');
    assert.deepEqual(result.problems.map(({ row, line, severity }) => ({ row, line, severity })), [
      { row: 2, line: 4, severity: 'error' },
      { row: 3, line: 5, severity: 'error' },
      { row: 5, line: 8, severity: 'error' },
      { row: 6, line: 9, severity: 'error' },
    ]);
    assert.match(result.problems[0].message, /one field/);
    assert.match(result.problems[1].message, /front .* empty/);
    assert.match(result.problems[2].message, /back .* empty/);
    assert.match(result.problems[3].message, /never closed/);
  });

  it('converts simple HTML to Markdown and keeps complex fields as text, with a warning', () => {
    const { result, deck } = importDeck([
      '#separator:tab',
      '#html:true',
      'Shards<div>and <code>PutRecords</code></div>\t<ul><li>one</li><li>two &amp; three</li></ul><p>See <a href="https://docs.aws.amazon.com/streams/">the docs</a>.</p>',
      'Picture\t<img src="shard.png"> a shard',
    ].join('\n'));
    assert.equal(deck.cards[0].question, 'Shards\n\nand `PutRecords`');
    assert.equal(deck.cards[0].answer, '- one\n- two & three\n\nSee [the docs](https://docs.aws.amazon.com/streams/).');
    assert.equal(deck.cards[1].answer, '<img src="shard.png"> a shard');
    assert.deepEqual(result.problems.map((p) => [p.row, p.severity]), [[2, 'warning']]);
    assert.match(result.problems[0].message, /<img>.*kept as text/);
  });

  it('detects HTML without an #html header', () => {
    assert.equal(parseAnkiText('a<br>b\tc\n').html, true);
    assert.equal(parseAnkiText('a < b\tc > d\n').html, false);
  });

  it('turns cloze notes into cloze cards', () => {
    const { deck } = importDeck([
      '#separator:tab',
      '#html:true',
      '#notetype:Cloze',
      'A shard accepts {{c1::1 MB/s}} or {{c2::1,000 records/s}} of writes.\t',
      '{{c1::24 hours}} is the default retention\tRaise it up to 365 days.',
    ].join('\n'));
    assert.equal(deck.cards[0].question, 'A shard accepts …');
    assert.equal(deck.cards[0].answer, 'A shard accepts {{c1::1 MB/s}} or {{c2::1,000 records/s}} of writes.');
    assert.equal(deck.cards[1].question, '{{c1::24 hours}} is the default retention');
    assert.equal(deck.cards[1].answer, 'Raise it up to 365 days.');
  });

  it('keeps text that looks like deck syntax from breaking the deck', () => {
    const { deck } = importDeck([
      '#separator:tab',
      '#html:false',
      '"## not a heading',
      '?',
      'still the question"\t"# not a title',
      '```',
      'unclosed fence"',
      'Next card\tIts answer',
    ].join('\n'));
    assert.equal(deck.cards.length, 2);
    assert.equal(deck.cards[1].question, 'Next card');
  });

  it('keeps a front of only `#` as the question, escaped so the heading is not dropped', () => {
    const { deck } = importDeck('#separator:tab\n#\tone\n##\ttwo\n# #\tthree\n');
    assert.deepEqual(deck.cards.map((c) => [c.question, c.answer]), [['\\#', 'one'], ['\\##', 'two'], ['# \\#', 'three']]);
  });

  it('replaces NUL characters, which a deck file cannot hold, and says where the first one was', () => {
    const { result, deck } = importDeck('#separator:tab\nGood\tAnswer\r\nFront\u0000text\tBa\u0000ck\n');
    assert.deepEqual(deck.cards.map((c) => [c.question, c.answer]), [['Good', 'Answer'], ['Front\ufffdtext', 'Ba\ufffdck']]);
    assert.deepEqual(result.problems.map(({ row, line, severity }) => ({ row, line, severity })), [{ row: 0, line: 3, severity: 'warning' }]);
    assert.match(result.problems[0].message, /2 NUL characters/);
  });

  it('does not take a first field starting with # for a header line', () => {
    const file = parseAnkiText('#separator:tab\n#1: first question\tanswer\n');
    assert.equal(file.notes.length, 1);
    assert.equal(file.notes[0].fields[0], '#1: first question');
  });

  it('tags notes from several Anki decks with their deck', () => {
    const { result, deck } = importDeck('#separator:tab\n#deck column:1\nAWS::Kinesis\tQ1\tA1\nAWS::Firehose\tQ2\tA2\n', 'mixed.txt');
    assert.equal(result.title, 'mixed');
    assert.deepEqual(deck.cards.map((c) => c.tags), [['deck:AWS::Kinesis'], ['deck:AWS::Firehose']]);
  });

  it('imports the fixture export with its bad row', () => {
    const text = readFileSync(join(fixtures, 'kinesis-notes.txt'), 'utf8');
    const { result, deck } = importDeck(text, 'kinesis-notes.txt');
    assert.equal(result.title, 'Kinesis Basics');
    assert.equal(deck.cards.length, 4);
    assert.deepEqual(result.problems.map((p) => p.row), [3]);
    assert.ok(deck.cards.some((c) => c.answer.includes('\n')), 'a quoted multi-line field stays multi-line');
  });
});
