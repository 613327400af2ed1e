import * as assert from 'node:assert/strict';
import { cardIds, diagnostics, doc, expectCard, expectHint, expectNoHover, expectTop, hoverOn, load } from './helpers';

describe('codeFacts: CDK TypeScript', () => {
  const d = load('cdk-stack.ts.txt');

  it('indexes a file that imports aws-cdk-lib/aws-kinesis', () => {
    assert.equal(d.index.relevant, true);
    assert.ok(d.index.families.has('kinesis') && d.index.families.has('firehose'));
  });

  it('shardCount: cards about shards, and the capacity the literal buys', () => {
    const h = expectTop(d, 'shardCount', "new kinesis.Stream(this, 'S'", 'f05-shard-write-limit', ['f04-shard-quota', 'f18-sizing-example']);
    assert.equal(h.match.hint, '**2 shards**: **2 MB/s** and **2,000 records/s** in, **4 MB/s** out shared by classic consumers');
  });

  it('retentionPeriod: Duration.days / cdk.Duration.hours against the 24–8,760 h range and billing tier', () => {
    expectTop(d, 'retentionPeriod', "new kinesis.Stream(this, 'S'", 'f01-retention', ['f01-retention-billing']);
    expectHint(d, 'retentionPeriod', "new kinesis.Stream(this, 'S'", '30 days (720 h)', 'long-term retention');
    expectHint(d, 'retentionPeriod', 'AuditStream', '2 days (48 h)', 'extended retention');
    expectHint(d, 'retentionPeriod', 'ArchiveStream', '400 days (9,600 h)', 'maximum');
  });

  it('warns on retentionPeriod: Duration.days(400), on the value', () => {
    assert.ok(diagnostics(d).includes('kinesis-retention-range: Duration.days(400)'), diagnostics(d).join('\n'));
  });

  it('streamMode / StreamMode.ON_DEMAND: capacity-mode cards', () => {
    expectTop(d, 'streamMode', 'AuditStream', 'f02-capacity-modes');
    expectTop(d, 'ON_DEMAND', 'AuditStream', 'f02-capacity-modes', ['f03-on-demand-throughput']);
  });

  it('StreamConsumer and streamConsumerName: enhanced fan-out', () => {
    expectTop(d, 'StreamConsumer', 'const efo', 'f11-efo-throughput', ['f11-efo-consumer-limits']);
    expectTop(d, 'streamConsumerName', 'const efo', 'f11-efo-throughput');
  });

  it('KinesisEventSource props: batchSize, parallelizationFactor, startingPosition, maxBatchingWindow, onFailure', () => {
    const after = 'new KinesisEventSource(events';
    expectTop(d, 'KinesisEventSource', after, 'f13-lambda-batching');
    expectHint(d, 'batchSize', after, '1,000 records', '10,000');
    expectHint(d, 'parallelizationFactor', after, '**4**', '1–10');
    expectTop(d, 'startingPosition', after, 'f13-lambda-parallelization');
    expectTop(d, 'TRIM_HORIZON', after, 'f08-iterator-expiry');
    expectHint(d, 'maxBatchingWindow', after, '10 s');
    expectTop(d, 'onFailure', after, 'f13-lambda-error-handling');
    expectTop(d, 'SqsDlq', after, 'f13-lambda-error-handling');
  });

  it('KinesisConsumerEventSource: out-of-range batchSize and parallelizationFactor are diagnosed', () => {
    expectTop(d, 'KinesisConsumerEventSource', 'fn.addEventSource(new KinesisConsumerEventSource', 'f11-efo-throughput');
    const found = diagnostics(d);
    assert.ok(found.includes('lambda-batch-size-range: 20000'), found.join('\n'));
    assert.ok(found.includes('lambda-parallelization-range: 12'), found.join('\n'));
  });

  it('an SQS event source in the same file gets no Kinesis facts', () => {
    expectNoHover(d, 'batchSize', 'new SqsEventSource');
    expectNoHover(d, 'maxBatchingWindow', 'new SqsEventSource');
  });

  it('a generic EventSourceMapping counts when its source is a Kinesis stream', () => {
    expectTop(d, 'batchSize', "'AuditMapping'", 'f13-lambda-batching');
    expectTop(d, 'EventSourceMapping', 'new lambda.EventSourceMapping', 'f13-lambda-batching');
  });

  it('an SQS queue retentionPeriod and a DynamoDB partitionKey get nothing', () => {
    expectNoHover(d, 'retentionPeriod', "new sqs.Queue(this, 'Dlq'");
    expectNoHover(d, 'partitionKey', "new dynamodb.Table");
  });

  it('Firehose DeliveryStream, S3Bucket buffering props and KinesisStreamSource', () => {
    expectTop(d, 'DeliveryStream', "new firehose.DeliveryStream(this, 'ToLake'", 'f19-firehose-name');
    expectTop(d, 'KinesisStreamSource', "'ToLake'", 'f20-firehose-sources');
    expectTop(d, 'S3Bucket', "'ToLake'", 'f20-firehose-destinations');
    expectTop(d, 'bufferingInterval', "'ToLake'", 'f21-buffering-hints', ['f22-zero-buffering']);
    expectHint(d, 'bufferingInterval', "'ToLake'", '300 s (5 minutes)', '0–900 s');
    expectHint(d, 'bufferingSize', "'ToLake'", '256 MiB', '1–128 MB');
    assert.ok(diagnostics(d).includes('firehose-buffer-size-range: Size.mebibytes(256)'));
    expectTop(d, 's3Backup', "'ToLake'", 'f27-replay-backup');
  });

  it('L1 CfnDeliveryStream: Splunk buffering hints are checked against 0–60 s / 1–5 MB', () => {
    expectTop(d, 'splunkDestinationConfiguration', "'Splunk'", 'f20-firehose-destinations', ['f23-destination-buffering']);
    expectHint(d, 'intervalInSeconds', "'Splunk'", '120 s', '0–60 s');
    expectHint(d, 'sizeInMBs', "'Splunk'", '5 MiB', '1–5 MB');
    assert.ok(diagnostics(d).includes('firehose-buffer-interval-range: 120'));
    expectTop(d, 'DirectPut', "'Splunk'", 'f20-firehose-sources', ['f26-direct-put-quota']);
  });

  it('L1 CfnStream: shardCount, retentionPeriodHours, streamModeDetails', () => {
    expectHint(d, 'shardCount', "'L1Stream'", '3 shards');
    expectHint(d, 'retentionPeriodHours', "'L1Stream'", '24 h', 'no retention charge');
    expectTop(d, 'streamModeDetails', "'L1Stream'", 'f02-capacity-modes');
  });

  it('Kinesis Analytics SQL-1_0 runtime is flagged as discontinued', () => {
    assert.ok(diagnostics(d).includes('kda-sql-runtime: SQL-1_0'));
    expectTop(d, 'runtimeEnvironment', "'LegacySql'", 'f29-managed-flink-rename');
  });

  it('metrics on the stream', () => {
    expectTop(d, 'metricGetRecordsIteratorAgeMilliseconds', '', 'f01-retention');
    expectTop(d, 'metricWriteProvisionedThroughputExceeded', '', 'f05-shard-write-limit');
  });

  it('reports exactly the expected diagnostics, each on its value', () => {
    assert.deepEqual(diagnostics(d), [
      'kinesis-retention-range: Duration.days(400)',
      'lambda-batch-size-range: 20000',
      'lambda-parallelization-range: 12',
      'firehose-buffer-size-range: Size.mebibytes(256)',
      'firehose-buffer-interval-range: 120',
      'kda-sql-runtime: SQL-1_0',
    ]);
  });

  it('the namespace style cdk.aws_kinesis.Stream counts as a Kinesis import', () => {
    const ns = doc(
      "import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_kinesis.Stream(this, 'S', { shardCount: 5, retentionPeriod: cdk.Duration.hours(72) });\n",
      'typescript',
    );
    expectHint(ns, 'shardCount', '', '5 shards');
    expectHint(ns, 'retentionPeriod', '', '3 days (72 h)');
  });

  it('typed props objects: const props: kinesis.StreamProps = {…}', () => {
    const typed = doc(
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nimport { Duration } from 'aws-cdk-lib';\nconst props: kinesis.StreamProps = {\n  retentionPeriod: Duration.hours(8761),\n};\nnew kinesis.Stream(this, 'S', props);\n",
      'typescript',
    );
    expectTop(typed, 'retentionPeriod', '', 'f01-retention');
    assert.deepEqual(diagnostics(typed), ['kinesis-retention-range: Duration.hours(8761)']);
  });

  it('comments and strings are not code', () => {
    const c = doc(
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';\n// shardCount: 4 in a comment\nconst s = 'shardCount';\n/* retentionPeriod: Duration.days(999) */\nconst t = `${'x'} retentionPeriod: Duration.days(999)`;\n",
      'typescript',
    );
    expectNoHover(c, 'shardCount', '// ');
    assert.deepEqual(diagnostics(c), []);
    assert.equal(c.index.occurrences.filter((o) => o.raw === 'retentionPeriod').length, 0);
  });

  it('a regex literal with quotes does not derail the scanner', () => {
    const r = doc(
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nconst re = /['\"]+/g;\nnew kinesis.Stream(this, 'S', { shardCount: 6 });\n",
      'typescript',
    );
    expectHint(r, 'shardCount', '', '6 shards');
  });
});

describe('codeFacts: CDK v1 and deprecated modules (TypeScript)', () => {
  const d = load('cdk-v1-stack.ts.txt');

  it('flags @aws-cdk/aws-kinesis and the Firehose alpha modules on their import', () => {
    assert.deepEqual(diagnostics(d), [
      'cdk-v1: @aws-cdk/aws-kinesis',
      'firehose-alpha: @aws-cdk/aws-kinesisfirehose-alpha',
      'firehose-alpha: @aws-cdk/aws-kinesisfirehose-destinations-alpha',
      'kinesis-retention-range: cdk.Duration.hours(12)',
    ]);
  });

  it('still explains the v1 props', () => {
    expectHint(d, 'retentionPeriod', '', '12 h', '24 h');
    expectCard(d, 'bufferingInterval', '', 'f21-buffering-hints');
  });

  it('hovering the top of the hover lists the card once per deck copy (no duplicates)', () => {
    const h = hoverOn(d, 'shardCount');
    assert.equal(new Set(cardIds(h)).size, cardIds(h).length);
  });
});
