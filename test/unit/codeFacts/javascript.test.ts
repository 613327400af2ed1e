import * as assert from 'node:assert/strict';
import { cardIds, diagnostics, doc, expectHint, expectNoHover, expectTop, hoverOn, load } from './helpers';

describe('codeFacts: JavaScript SDK v3', () => {
  const d = load('sdk-v3.ts.txt');

  it('CreateStreamCommand {ShardCount, StreamModeDetails}, IncreaseStreamRetentionPeriodCommand, UpdateShardCountCommand', () => {
    expectHint(d, 'ShardCount', 'new CreateStreamCommand', '8 shards');
    expectTop(d, 'StreamModeDetails', 'new CreateStreamCommand', 'f02-capacity-modes');
    expectTop(d, 'IncreaseStreamRetentionPeriodCommand', 'await kinesis.send(new ', 'f01-retention');
    expectHint(d, 'RetentionPeriodHours', '', '7 days (168 h)', 'extended');
    expectTop(d, 'UpdateShardCountCommand', 'await kinesis.send(new ', 'f12-update-shard-count');
    expectHint(d, 'TargetShardCount', '', '16 shards');
  });

  it('PutRecordsCommand, PutRecordsRequestEntry, FailedRecordCount, ProvisionedThroughputExceededException', () => {
    expectTop(d, 'PutRecordsCommand', 'kinesis.send(new ', 'f09-putrecords-limits', ['f09-putrecords-partial-failure']);
    expectTop(d, 'PutRecordsRequestEntry', 'entries: ', 'f09-putrecords-limits');
    expectTop(d, 'FailedRecordCount', '', 'f09-putrecords-partial-failure');
    expectTop(d, 'ProvisionedThroughputExceededException', 'instanceof ', 'f05-shard-write-limit');
  });

  it('a literal Records array shows its size against the 500-record limit', () => {
    expectHint(d, 'Records', 'publishTwo', '2 entries', '500 records');
  });

  it('a literal of more than 500 entries is flagged', () => {
    const items = Array.from({ length: 600 }, (_, i) => `{ Data: b, PartitionKey: 'k${i}' }`).join(',\n    ');
    const big = doc(`import { PutRecordsCommand } from '@aws-sdk/client-kinesis';\nconst b = new Uint8Array(1);\nnew PutRecordsCommand({ StreamName: 's', Records: [\n    ${items},\n  ] });\n`, 'typescript');
    expectHint(big, 'Records', '', '600 entries');
    assert.deepEqual(diagnostics(big).map((x) => x.split(':')[0]), ['putrecords-too-many']);
  });

  it('GetShardIteratorCommand ShardIteratorType, GetRecordsCommand Limit over 10,000', () => {
    expectTop(d, 'ShardIteratorType', 'new GetShardIteratorCommand', 'f08-iterator-expiry');
    expectTop(d, 'TRIM_HORIZON', 'new GetShardIteratorCommand', 'f08-iterator-expiry');
    expectTop(d, 'GetRecordsCommand', 'kinesis.send(new ', 'f06-shared-read-limit', ['f07-getrecords-per-call']);
    expectTop(d, 'Limit', 'new GetRecordsCommand', 'f07-getrecords-per-call');
    expectHint(d, 'Limit', 'new GetRecordsCommand', '25,000 records', 'outside');
    assert.ok(diagnostics(d).includes('getrecords-limit-range: 25000'));
    expectTop(d, 'NextShardIterator', '', 'f07-getrecords-per-call');
  });

  it('RegisterStreamConsumerCommand, SubscribeToShardCommand, ConsumerARN', () => {
    expectTop(d, 'RegisterStreamConsumerCommand', 'kinesis.send(new ', 'f11-efo-consumer-limits');
    expectTop(d, 'SubscribeToShardCommand', 'kinesis.send(new ', 'f11-efo-throughput');
    expectTop(d, 'ConsumerARN', 'new SubscribeToShardCommand', 'f11-efo-throughput');
  });

  it('PutRecordCommand from @aws-sdk/client-firehose shows the Firehose record card, not the Kinesis one', () => {
    const h = expectTop(d, 'PutRecordCommand', 'firehose.send(new ', 'f24-firehose-record-size');
    assert.ok(!cardIds(h).includes('f05-shard-write-limit'), cardIds(h).join(', '));
    expectTop(d, 'PutRecordBatchCommand', 'firehose.send(new ', 'f25-putrecordbatch');
    expectTop(d, 'FailedPutCount', '', 'f25-putrecordbatch');
    expectHint(d, 'Records', 'new PutRecordBatchCommand', '1 entry', 'PutRecordBatch');
  });

  it('LATEST: the starting-position card in an event source mapping, the iterator card in GetShardIterator', () => {
    const d = doc("import { KinesisEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';\nimport { GetShardIteratorCommand } from '@aws-sdk/client-kinesis';\nnew KinesisEventSource(s, { startingPosition: lambda.StartingPosition.LATEST });\nnew GetShardIteratorCommand({ ShardIteratorType: 'LATEST' });\nconst latest = 1;\n", 'typescript');
    expectTop(d, 'LATEST', 'new KinesisEventSource', 'f13-lambda-parallelization', ['f08-iterator-expiry']);
    expectTop(d, 'LATEST', 'new GetShardIteratorCommand', 'f08-iterator-expiry');
    expectNoHover(d, 'latest', 'const ');
  });

  it('PutRecordCommand from @aws-sdk/client-kinesis shows the Kinesis shard card', () => {
    const k = doc("import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';\nawait new KinesisClient({}).send(new PutRecordCommand({ StreamName: 's', Data: d, PartitionKey: 'p' }));\n", 'typescript');
    const h = expectTop(k, 'PutRecordCommand', 'send(new ', 'f05-shard-write-limit');
    assert.ok(!cardIds(h).includes('f24-firehose-record-size'));
  });

  it('a DynamoDB Streams GetRecordsCommand and a DynamoDB Query Limit in the same file get nothing', () => {
    const m = load('mixed-streams.ts.txt');
    expectNoHover(m, 'Limit', 'streams.send');
    expectNoHover(m, 'GetRecordsCommand', 'streams.send(new ');
    expectNoHover(m, 'Limit', 'ddb.send');
    expectTop(m, 'Limit', 'kinesis.send', 'f07-getrecords-per-call');
  });
});

describe('codeFacts: JavaScript SDK v2', () => {
  const d = load('sdk-v2.js');

  it("is indexed: require('aws-sdk') with new AWS.Kinesis()", () => {
    assert.ok(d.index.families.has('kinesis'));
  });

  it('kinesis.putRecords / putRecord / getShardIterator / getRecords({Limit})', () => {
    expectTop(d, 'putRecords', 'kinesis.', 'f09-putrecords-limits');
    expectTop(d, 'putRecord', 'return kinesis.', 'f05-shard-write-limit');
    expectTop(d, 'getShardIterator', '', 'f08-iterator-expiry');
    expectTop(d, 'getRecords', '', 'f06-shared-read-limit');
    expectHint(d, 'Limit', 'getRecords(', '100 records');
    expectTop(d, 'FailedRecordCount', 'res.', 'f09-putrecords-partial-failure');
  });

  it('PartitionKey in a params object next to Data', () => {
    expectTop(d, 'PartitionKey', 'event.items.map', 'f05-hot-shard');
  });
});

describe('codeFacts: unrelated JavaScript / TypeScript', () => {
  it('a Node stream file with shardCount, retentionPeriod, batchSize, Limit, PartitionKey gets nothing', () => {
    const d = load('unrelated.ts.txt');
    assert.equal(d.index.relevant, false);
    for (const word of ['stream', 'shardCount', 'retentionPeriod', 'batchSize', 'Limit', 'PartitionKey']) assert.equal(hoverOn(d, word), undefined, word);
  });

  it('a CDK stack that imports only aws-sqs gets nothing, batchSize included', () => {
    const d = load('sqs-only-stack.ts.txt');
    assert.equal(d.index.relevant, false);
    expectNoHover(d, 'batchSize');
    expectNoHover(d, 'retentionPeriod');
    assert.deepEqual(diagnostics(d), []);
  });

  it('KCL for Node (aws-kcl) counts as Kinesis', () => {
    const d = doc("const kcl = require('aws-kcl');\nconst processor = { processRecords(input, done) { input.checkpointer.checkpoint(input.records[0].sequenceNumber, done); } };\nkcl(processor).run();\n", 'javascript');
    assert.ok(d.index.families.has('kcl'));
    expectTop(d, 'processRecords', '', 'f15-kcl-lease-table');
  });
});
