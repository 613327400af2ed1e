import * as assert from 'node:assert/strict';
import { diagnostics, expectHint, expectNoHover, expectTop, load } from './helpers';

describe('codeFacts: CDK Go', () => {
  const d = load('cdk_stack.go');

  it('awskinesis.NewStream(…, &awskinesis.StreamProps{ShardCount: jsii.Number(2), RetentionPeriod: awscdk.Duration_Days(jsii.Number(30))})', () => {
    expectTop(d, 'ShardCount', '', 'f05-shard-write-limit');
    expectHint(d, 'ShardCount', '', '2 shards');
    expectTop(d, 'RetentionPeriod', '"Events"', 'f01-retention');
    expectHint(d, 'RetentionPeriod', '"Events"', '30 days (720 h)');
  });

  it('StreamMode_ON_DEMAND and an out-of-range Duration_Hours(jsii.Number(10))', () => {
    expectTop(d, 'StreamMode_ON_DEMAND', '', 'f02-capacity-modes');
    expectHint(d, 'RetentionPeriod', '"OnDemand"', '10 h', 'below');
    assert.ok(diagnostics(d).includes('kinesis-retention-range: awscdk.Duration_Hours(jsii.Number(10))'));
  });

  it('an SQS QueueProps RetentionPeriod gets nothing', () => {
    expectNoHover(d, 'RetentionPeriod', 'awssqs.QueueProps');
  });

  it('KinesisEventSourceProps{BatchSize, ParallelizationFactor, StartingPosition}', () => {
    expectTop(d, 'KinesisEventSourceProps', '', 'f13-lambda-batching');
    expectHint(d, 'BatchSize', '', '100 records');
    expectHint(d, 'ParallelizationFactor', '', '**3**');
    expectTop(d, 'StartingPosition', 'KinesisEventSourceProps{', 'f13-lambda-parallelization');
  });

  it('Firehose S3BucketProps BufferingInterval out of range; the package qualifier is not hovered', () => {
    expectHint(d, 'BufferingInterval', '', '1,000 s', '0–900 s');
    expectHint(d, 'BufferingSize', '', '8 MiB');
    assert.ok(diagnostics(d).includes('firehose-buffer-interval-range: awscdk.Duration_Seconds(jsii.Number(1000))'));
    expectNoHover(d, 'awskinesisfirehose', 'bucket := ');
    expectTop(d, 'DeliveryStreamProps', '', 'f19-firehose-name');
  });
});

describe('codeFacts: Go SDK v2', () => {
  const d = load('sdk_v2.go');

  it('(*Client).PutRecords with PutRecordsInput / PutRecordsRequestEntry / FailedRecordCount', () => {
    expectTop(d, 'PutRecords', 'p.client.', 'f09-putrecords-limits');
    expectTop(d, 'PutRecordsInput', '', 'f09-putrecords-limits');
    expectTop(d, 'PutRecordsRequestEntry', 'append(entries', 'f09-putrecords-limits');
    expectTop(d, 'PartitionKey', 'append(entries', 'f05-hot-shard');
    expectTop(d, 'FailedRecordCount', '', 'f09-putrecords-partial-failure');
    expectTop(d, 'ProvisionedThroughputExceededException', '', 'f05-shard-write-limit');
  });

  it('CreateStreamInput{ShardCount: aws.Int32(6), StreamModeDetails: {StreamMode: types.StreamModeOnDemand}}', () => {
    expectHint(d, 'ShardCount', '', '6 shards');
    expectTop(d, 'StreamModeOnDemand', '', 'f02-capacity-modes');
  });

  it('GetShardIterator with types.ShardIteratorTypeTrimHorizon, GetRecords Limit: aws.Int32(10000)', () => {
    expectTop(d, 'GetShardIterator', 'p.client.', 'f08-iterator-expiry');
    expectTop(d, 'ShardIteratorTypeTrimHorizon', '', 'f08-iterator-expiry');
    expectTop(d, 'GetRecords', 'return p.client.', 'f06-shared-read-limit');
    expectHint(d, 'Limit', 'GetRecordsInput{', '10,000 records', 'within');
  });

  it('Firehose PutRecordBatch and types.BufferingHints{SizeInMBs: aws.Int32(200)}', () => {
    expectTop(d, 'PutRecordBatch', 'p.fh.', 'f25-putrecordbatch');
    expectHint(d, 'SizeInMBs', '', '200 MiB', '1–128 MB');
    assert.ok(diagnostics(d).includes('firehose-buffer-size-range: aws.Int32(200)'));
  });

  it('kinesisanalyticsv2 types.RuntimeEnvironmentSql10 is flagged', () => {
    expectTop(d, 'RuntimeEnvironmentSql10', '', 'f30-kda-sql-discontinued');
    assert.ok(diagnostics(d).includes('kda-sql-runtime: RuntimeEnvironmentSql10'));
  });
});

describe('codeFacts: Go SDK v1', () => {
  const d = load('sdk_v1.go');

  it('svc.PutRecords, a one-entry Records literal, ErrCodeProvisionedThroughputExceededException', () => {
    expectTop(d, 'PutRecords', 'svc.', 'f09-putrecords-limits');
    expectHint(d, 'Records', 'PutRecordsInput{', '1 entry');
    expectTop(d, 'ErrCodeProvisionedThroughputExceededException', '', 'f05-shard-write-limit');
  });

  it('GetRecordsWithContext and its Limit: aws.Int64(50)', () => {
    expectTop(d, 'GetRecordsWithContext', '', 'f06-shared-read-limit', ['f07-getrecords-per-call']);
    expectHint(d, 'Limit', 'GetRecordsInput{', '50 records');
  });
});
