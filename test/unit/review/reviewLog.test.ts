import assert from 'node:assert/strict';
import { keyIsUnder } from '../../../src/core/review';
import { parseRegion } from '../../../src/core/review/logParser';
import { classifyValue, headerLine, isTornWrite, serializeEntry } from '../../../src/core/review/reviewLog';

const encode = (text: string) => new TextEncoder().encode(text);

describe('review log format', () => {
  it('starts with the schema header', () => {
    assert.equal(headerLine(), '{"schema":1,"kind":"flashcards-review-log"}');
  });

  it('writes entries with a fixed key order', () => {
    assert.equal(
      serializeEntry({ t: 'review', id: 'a', card: 'd/1', at: 5, rating: 3, ms: 1200, phase: 0 }),
      '{"t":"review","id":"a","card":"d/1","at":5,"rating":3,"ms":1200,"phase":0}',
    );
    assert.equal(serializeEntry({ t: 'undo', id: 'b', target: 'a', at: 6 }), '{"t":"undo","id":"b","target":"a","at":6}');
    assert.equal(
      serializeEntry({ t: 'bury', id: 'c', card: 'd/1', at: 7, until: 9 }),
      '{"t":"bury","id":"c","card":"d/1","at":7,"until":9}',
    );
    assert.equal(serializeEntry({ t: 'reset', id: 'd', deck: 'd', at: 8 }), '{"t":"reset","id":"d","deck":"d","at":8}');
  });

  it('rejects malformed entries and keeps unknown future kinds apart', () => {
    assert.equal(classifyValue({ t: 'review', id: 'a', card: 'd/1', at: 5, rating: 5, ms: 1 }).kind, 'bad');
    assert.equal(classifyValue({ t: 'review', id: 'a', card: '', at: 5, rating: 3, ms: 1 }).kind, 'bad');
    assert.equal(classifyValue({ t: 'bury', id: 'a', card: 'd/1', at: 5 }).kind, 'bad');
    assert.equal(classifyValue([1, 2]).kind, 'bad');
    assert.equal(classifyValue({ t: 'tag', id: 'x', card: 'd/1', at: 5 }).kind, 'unknown');
    assert.equal(classifyValue({ schema: 1, kind: 'flashcards-review-log' }).kind, 'header');
  });

  it('scopes deck keys by path segment, not by string prefix', () => {
    assert.ok(keyIsUnder('aws', 'aws/kinesis/1'));
    assert.ok(keyIsUnder('aws/kinesis', 'aws/kinesis/1'));
    assert.ok(keyIsUnder('aws/kinesis/1', 'aws/kinesis/1'));
    assert.ok(!keyIsUnder('aws/kin', 'aws/kinesis/1'));
    assert.ok(!keyIsUnder('aws', 'awsx/1'));
  });
});

describe('torn writes', () => {
  it('recognises a cut-off entry or zero fill, but not damage', () => {
    assert.ok(isTornWrite('{"t":"review","id":"a","ca'));
    assert.ok(isTornWrite('{"t":"review","id":"a\\"'));
    assert.ok(isTornWrite('\u0000\u0000\u0000'));
    assert.ok(isTornWrite('{"t":"undo"\u0000\u0000'));
    assert.ok(!isTornWrite('garbage'));
    assert.ok(!isTornWrite('<<<<<<< HEAD'));
    assert.ok(!isTornWrite('{"t":"review"}}'));
    assert.ok(!isTornWrite('{"t":"review",,}'));
  });
});

describe('parseRegion', () => {
  const a = '{"t":"suspend","id":"a","card":"d/1","at":1}';
  const b = '{"t":"suspend","id":"b","card":"d/2","at":2}';

  it('drops an unfinished last line and stops before it', () => {
    const text = `H\n${a}\n{"t":"susp`;
    const parsed = parseRegion(encode(text), 1);
    assert.deepEqual(parsed.entries.map((e) => e.id), ['a']);
    assert.deepEqual(parsed.badLines, []);
    assert.equal(parsed.tornTail, true);
    assert.equal(parsed.end, 2 + a.length, 'points at the newline before the torn line');
  });

  it('skips a torn write that later appends followed, silently', () => {
    const parsed = parseRegion(encode(`H\n${a}\n{"t":"susp\n${b}`), 1);
    assert.deepEqual(parsed.entries.map((e) => e.id), ['a', 'b']);
    assert.deepEqual(parsed.badLines, []);
    assert.equal(parsed.tornTail, false);
  });

  it('reports damaged lines by number', () => {
    const parsed = parseRegion(encode(`H\n${a}\nnot json\n{"t":"review"}\n${b}\n`), 1);
    assert.deepEqual(parsed.entries.map((e) => e.id), ['a', 'b']);
    assert.deepEqual(parsed.badLines, [3, 4]);
  });

  it('counts byte offsets in UTF-8, not characters', () => {
    const c = '{"t":"suspend","id":"c","card":"déck/ü","at":1}';
    const text = `H\n${c}\n{"t":"s`;
    const parsed = parseRegion(encode(text), 1);
    assert.equal(parsed.end, encode(`H\n${c}`).length);
  });
});
