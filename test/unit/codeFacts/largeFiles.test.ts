// The large inputs, checked for what they show rather than how fast: the right cards at the
// right columns of a one-line 1 MB bundle and of a 20,000-line template, and the same index whether
// it is built in one call or in slices. bench/hover.ts measures the times.
import * as assert from 'node:assert/strict';
import { generateMinifiedBundle, generateTemplate } from '../../../bench/hover';
import { hoverAt, indexDocumentSteps, runInSlices, type HoverResult, type SourceDocument } from '../../../src/core/codeFacts';
import { seededRandom } from '../../../src/core/exam/random';
import { cardIds, doc, shippedFacts, type Doc } from './helpers';

/** Offset of `word` at or after the last `anchor` in the document. */
function lastOffset(d: Doc, anchor: string, word: string): number {
  const a = d.text.lastIndexOf(anchor);
  assert.ok(a >= 0, `${anchor} not found`);
  const at = d.text.indexOf(word, a);
  assert.ok(at >= 0, `${word} not found after the last ${anchor}`);
  return at;
}

/** Hovers one character into the word at `at`; the hover must cover exactly that word. */
function hoverWord(d: Doc, at: number, word: string): HoverResult {
  const h = hoverAt(d.index, at + 1, d.facts);
  assert.ok(h, `no hover on ${word} at ${at}`);
  assert.equal(h.start, at, `${word}: hover starts at ${h.start}, the word at ${at}`);
  assert.equal(h.end, at + word.length);
  return h;
}

function noHover(d: Doc, at: number, word: string): void {
  const h = hoverAt(d.index, at + 1, d.facts);
  assert.equal(h, undefined, `unexpected hover on ${word} at ${at}: ${cardIds(h).join(', ')} ${h?.match.hint ?? ''}`);
}

/** The numbers written after `key` (`ShardCount:4`, `BatchSize: 10`) with their offsets. */
function valuesOf(text: string, key: string): Array<{ at: number; value: number }> {
  return [...text.matchAll(new RegExp(`\\b${key}: ?(\\d+)`, 'g'))].map((m) => ({ at: m.index! + m[0].length - m[1].length, value: Number(m[1]) }));
}

function stepCount(source: SourceDocument): number {
  const steps = indexDocumentSteps(source, shippedFacts());
  let n = 0;
  while (!steps.next().done) n++;
  return n;
}

describe('codeFacts: a 1 MB minified bundle on one line', () => {
  const text = generateMinifiedBundle(1_000_000);
  const d = doc(text, 'javascript', 'bundle.min.js');

  it('is one line of about a megabyte, the same on every call', () => {
    assert.equal(text.indexOf('\n'), -1);
    assert.ok(text.length >= 1_000_000 && text.length < 1_010_000, `${text.length} characters`);
    assert.equal(generateMinifiedBundle(1_000_000), text);
    assert.doesNotThrow(() => new Function(text), 'the bundle should be valid JavaScript');
    assert.deepEqual([...d.index.families].sort(), ['firehose', 'kinesis']);
  });

  it('SDK calls near the end of the line get their cards, at their exact columns', () => {
    const put = hoverWord(d, lastOffset(d, 'new K.PutRecordsCommand', 'PutRecordsCommand'), 'PutRecordsCommand');
    assert.equal(cardIds(put)[0], 'f09-putrecords-limits');
    assert.ok(put.start > 900_000, `the last PutRecordsCommand is at column ${put.start}`);
    assert.equal(cardIds(hoverWord(d, lastOffset(d, 'new F.PutRecordBatchCommand', 'PutRecordBatchCommand'), 'PutRecordBatchCommand'))[0], 'f25-putrecordbatch');
    assert.equal(cardIds(hoverWord(d, lastOffset(d, 'instanceof K.', 'ProvisionedThroughputExceededException'), 'ProvisionedThroughputExceededException'))[0], 'f05-shard-write-limit');
    assert.equal(cardIds(hoverWord(d, lastOffset(d, 'new K.GetShardIteratorCommand', 'TRIM_HORIZON'), 'TRIM_HORIZON'))[0], 'f08-iterator-expiry');
  });

  it('literal values get their hints: ShardCount in CreateStreamCommand, Limit in GetRecordsCommand', () => {
    const at = lastOffset(d, 'new K.CreateStreamCommand', 'ShardCount');
    const shards = Number(/^ShardCount:(\d+)/.exec(text.slice(at))![1]);
    const h = hoverWord(d, at, 'ShardCount');
    assert.ok(h.match.hint?.includes(`**${shards} shard${shards === 1 ? '' : 's'}**`), h.match.hint);
    const limit = hoverWord(d, lastOffset(d, 'new K.GetRecordsCommand', 'Limit'), 'Limit');
    assert.equal(cardIds(limit)[0], 'f07-getrecords-per-call');
    assert.ok(limit.match.hint?.includes('**1,000 records**'), limit.match.hint);
    // The serializer's `{ShardCount:[]}` has the card but no number to compute from.
    const serializer = hoverWord(d, lastOffset(d, '(0,M.take)(e,{', 'ShardCount'), 'ShardCount');
    assert.equal(serializer.match.hint, undefined);
  });

  it('the DynamoDB Limit, a class field named batchSize and words inside strings get nothing', () => {
    noHover(d, lastOffset(d, 'new D.QueryCommand', 'Limit'), 'Limit');
    noHover(d, lastOffset(d, 'this.batchSize=t.', 'batchSize'), 'batchSize');
    noHover(d, lastOffset(d, '"error.limit":"', 'Limit'), 'Limit');
  });

  it('every retention under 24 h on the line is flagged, and nothing else', () => {
    const low = valuesOf(text, 'RetentionPeriodHours').filter((v) => v.value < 24);
    assert.ok(low.length > 0, 'the generator should write some retentions under 24 h');
    assert.deepEqual(d.index.diagnostics.map((x) => `${x.kind}@${x.start}`), low.map((v) => `kinesis-retention-range@${v.at}`));
  });

  it('a hover at any of 2,000 random columns covers the identifier under the cursor', () => {
    const random = seededRandom(5);
    let hovers = 0;
    for (let i = 0; i < 2000; i++) {
      const offset = Math.floor(random() * text.length);
      const h = hoverAt(d.index, offset, d.facts);
      if (!h) continue;
      hovers++;
      assert.ok(h.start <= offset && offset <= h.end, `hover ${h.start}-${h.end} at ${offset}`);
      assert.equal(text.slice(h.start, h.end), h.match.occurrence.raw);
    }
    assert.ok(hovers > 0, 'some random columns should land on an identifier with a card');
  });

  it('indexing in slices gives the same index as one call, in many small steps', async () => {
    const source = { text, languageId: 'javascript', fileName: 'bundle.min.js' };
    let pauses = 0;
    const sliced = await runInSlices(indexDocumentSteps(source, d.facts), { sliceMs: 0, now: () => 0, pause: async () => void pauses++ });
    assert.ok(sliced);
    assert.deepEqual(sliced.occurrences, d.index.occurrences);
    assert.deepEqual(sliced.diagnostics, d.index.diagnostics);
    // A step is a few thousand tokens, so a megabyte takes many: none of them holds the thread for the whole file.
    assert.ok(pauses >= 100, `${pauses} pauses`);
  });

  it('a cancellation between two slices stops the indexing', async () => {
    const cancel = { isCancellationRequested: false };
    let pauses = 0;
    const steps = indexDocumentSteps({ text, languageId: 'javascript', fileName: 'bundle.min.js' }, d.facts, cancel);
    const result = await runInSlices(steps, {
      sliceMs: 0,
      now: () => 0,
      token: cancel,
      pause: async () => {
        if (++pauses === 3) cancel.isCancellationRequested = true;
      },
    });
    assert.equal(result, undefined);
    assert.equal(pauses, 3);
    assert.equal(steps.next().done, true, 'the steps are closed');
  });
});

describe('codeFacts: a 20,000-line CloudFormation/SAM template', () => {
  const text = generateTemplate(20_000, 'yaml');
  const d = doc(text, 'yaml', 'template.yaml');

  it('has 20,000 lines of Kinesis, Firehose, Lambda and SQS resources', () => {
    assert.equal(text.split('\n').length, 20_000);
    assert.equal(generateTemplate(20_000, 'yaml'), text);
    for (const type of ['AWS::Kinesis::Stream', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Lambda::EventSourceMapping', 'AWS::Serverless::Function', 'AWS::SQS::Queue']) {
      assert.ok(text.split(`Type: ${type}`).length > 50, type);
    }
  });

  it('the last Kinesis mapping gets the batching card and its value; its SQS neighbours and the inline code get nothing', () => {
    const at = lastOffset(d, 'StreamMapping', 'BatchSize');
    const batch = Number(/^BatchSize: (\d+)/.exec(text.slice(at))![1]);
    const h = hoverWord(d, at, 'BatchSize');
    assert.equal(cardIds(h)[0], 'f13-lambda-batching');
    assert.ok(h.match.hint?.includes(`**${batch.toLocaleString('en-US')} record`), h.match.hint);
    assert.equal(cardIds(hoverWord(d, lastOffset(d, 'StreamMapping', 'ReportBatchItemFailures'), 'ReportBatchItemFailures'))[0], 'f13-lambda-error-handling');
    noHover(d, lastOffset(d, 'QueueMapping', 'BatchSize'), 'BatchSize');
    noHover(d, lastOffset(d, 'ZipFile: |', 'BatchSize'), 'BatchSize');
    hoverWord(d, lastOffset(d, 'Clicks:', 'BatchSize'), 'BatchSize');
    noHover(d, lastOffset(d, 'Jobs:', 'BatchSize'), 'BatchSize');
  });

  it('streams and Firehose archives near the end get their hints', () => {
    const shardAt = lastOffset(d, 'Type: AWS::Kinesis::Stream', 'ShardCount');
    const shards = Number(/^ShardCount: (\d+)/.exec(text.slice(shardAt))![1]);
    assert.ok(hoverWord(d, shardAt, 'ShardCount').match.hint?.includes(`**${shards} shard`));
    assert.equal(cardIds(hoverWord(d, lastOffset(d, 'Type: AWS::KinesisFirehose::DeliveryStream', 'BufferingHints'), 'BufferingHints'))[0], 'f21-buffering-hints');
    const intervalAt = lastOffset(d, 'BufferingHints:', 'IntervalInSeconds');
    const seconds = Number(/^IntervalInSeconds: (\d+)/.exec(text.slice(intervalAt))![1]);
    assert.ok(hoverWord(d, intervalAt, 'IntervalInSeconds').match.hint?.includes(`**${seconds} s`));
  });

  it('flags exactly the out-of-range batch sizes and buffering intervals', () => {
    const kinds = (kind: string) => d.index.diagnostics.filter((x) => x.kind === kind).map((x) => x.start);
    // SQS batch sizes are 10 and SAM ones at most 1,000: only the Kinesis mappings can be over 10,000.
    assert.deepEqual(kinds('lambda-batch-size-range'), valuesOf(text, 'BatchSize').filter((v) => v.value > 10_000).map((v) => v.at));
    assert.deepEqual(kinds('firehose-buffer-interval-range'), valuesOf(text, 'IntervalInSeconds').filter((v) => v.value > 900).map((v) => v.at));
    assert.ok(kinds('lambda-batch-size-range').length > 0 && kinds('firehose-buffer-interval-range').length > 0);
  });

  it('indexing in slices gives the same index as one call, in many small steps', async () => {
    let pauses = 0;
    const sliced = await runInSlices(indexDocumentSteps({ text, languageId: 'yaml', fileName: 'template.yaml' }, d.facts), { sliceMs: 0, now: () => 0, pause: async () => void pauses++ });
    assert.ok(sliced);
    assert.deepEqual(sliced.occurrences, d.index.occurrences);
    assert.deepEqual(sliced.diagnostics, d.index.diagnostics);
    assert.ok(pauses >= 50, `${pauses} pauses`);
  });

  it('the JSON variant: same hovers, same silence on SQS, and it too is read in many steps', () => {
    const json = generateTemplate(20_000, 'json');
    const j = doc(json, 'json', 'template.json');
    assert.ok(json.split('\n').length >= 19_000);
    const at = lastOffset(j, '"StreamMapping', '"BatchSize"') + 1;
    const batch = Number(/^BatchSize": (\d+)/.exec(json.slice(at))![1]);
    assert.ok(hoverWord(j, at, 'BatchSize').match.hint?.includes(`**${batch.toLocaleString('en-US')} record`));
    noHover(j, lastOffset(j, '"QueueMapping', '"BatchSize"') + 1, 'BatchSize');
    assert.equal(cardIds(hoverWord(j, lastOffset(j, '"BufferingHints"', 'IntervalInSeconds'), 'IntervalInSeconds'))[0], 'f21-buffering-hints');
    assert.ok(stepCount({ text: json, languageId: 'json', fileName: 'template.json' }) >= 20);
  });
});
