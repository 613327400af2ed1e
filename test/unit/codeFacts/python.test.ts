import * as assert from 'node:assert/strict';
import { diagnostics, doc, expectCard, expectHint, expectNoHover, expectTop, load } from './helpers';

describe('codeFacts: CDK Python', () => {
  const d = load('cdk_stack.py');

  it('shard_count= and retention_period=Duration.days(30)', () => {
    expectTop(d, 'shard_count', '"Events"', 'f05-shard-write-limit', ['f04-shard-quota']);
    expectHint(d, 'shard_count', '"Events"', '3 shards', '3 MB/s', '3,000 records/s', '6 MB/s');
    expectTop(d, 'retention_period', '"Events"', 'f01-retention');
    expectHint(d, 'retention_period', '"Events"', '30 days (720 h)', 'long-term');
  });

  it('cdk.Duration.hours(12) is below the minimum and flagged', () => {
    expectHint(d, 'retention_period', '"Tiny"', '12 h', 'below');
    assert.ok(diagnostics(d).includes('kinesis-retention-range: cdk.Duration.hours(12)'));
  });

  it('CfnStream: retention_period_hours, stream_mode_details and StreamModeDetailsProperty(stream_mode="ON_DEMAND")', () => {
    expectHint(d, 'retention_period_hours', '"Raw"', '375 days (9,000 h)', 'maximum');
    assert.ok(diagnostics(d).includes('kinesis-retention-range: 9000'));
    expectTop(d, 'stream_mode_details', '"Raw"', 'f02-capacity-modes');
    expectTop(d, 'StreamModeDetailsProperty', '"Raw"', 'f02-capacity-modes');
    expectTop(d, 'ON_DEMAND', '"Raw"', 'f02-capacity-modes');
  });

  it('StreamConsumer(stream_consumer_name=)', () => {
    expectTop(d, 'StreamConsumer', 'consumer = ', 'f11-efo-throughput');
    expectTop(d, 'stream_consumer_name', '"Fanout"', 'f11-efo-throughput');
  });

  it('an sqs.Queue retention_period gets nothing', () => {
    expectNoHover(d, 'retention_period', 'sqs.Queue');
  });

  it('KinesisEventSource(batch_size=, parallelization_factor=, starting_position=, report_batch_item_failures=)', () => {
    const at = 'sources.KinesisEventSource(';
    expectTop(d, 'KinesisEventSource', at, 'f13-lambda-batching');
    expectHint(d, 'batch_size', at, '100 records');
    expectHint(d, 'parallelization_factor', at, '**10**', '1–10');
    expectTop(d, 'starting_position', at, 'f13-lambda-parallelization');
    expectTop(d, 'TRIM_HORIZON', at, 'f08-iterator-expiry');
    expectTop(d, 'report_batch_item_failures', at, 'f13-lambda-error-handling');
  });

  it('an SqsEventSource batch_size gets nothing', () => {
    expectNoHover(d, 'batch_size', 'sources.SqsEventSource(');
  });

  it('Firehose: DeliveryStream, S3Bucket(buffering_interval=Duration.seconds(0), buffering_size=Size.mebibytes(64))', () => {
    expectTop(d, 'DeliveryStream', 'bucket = s3.Bucket', 'f19-firehose-name');
    expectTop(d, 'buffering_interval', '"ToS3"', 'f21-buffering-hints', ['f22-zero-buffering']);
    expectHint(d, 'buffering_interval', '"ToS3"', '0 s', 'zero buffering');
    expectHint(d, 'buffering_size', '"ToS3"', '64 MiB', '1–128 MB');
  });

  it('CfnDeliveryStream.BufferingHintsProperty(interval_in_seconds=, size_in_m_bs=)', () => {
    expectTop(d, 'BufferingHintsProperty', '', 'f21-buffering-hints');
    expectHint(d, 'interval_in_seconds', '', '60 s');
    expectHint(d, 'size_in_m_bs', '', '5 MiB');
    expectTop(d, 'extended_s3_destination_configuration', '', 'f20-firehose-destinations');
  });

  it('the import of aws_kinesisfirehose explains the rename', () => {
    expectTop(d, 'aws_kinesisfirehose', '', 'f19-firehose-name');
  });

  it('CDK v1 (aws_cdk.core) Kinesis imports and the Firehose alpha module are flagged', () => {
    const v1 = load('cdk_v1_stack.py');
    assert.deepEqual(diagnostics(v1), ['cdk-v1: aws_kinesis', 'firehose-alpha: aws_cdk.aws_kinesisfirehose_alpha']);
    expectTop(v1, 'aws_kinesisfirehose_alpha', '', 'f31-cdk-v1-eos');
    expectHint(v1, 'retention_period', '', '7 days (168 h)', 'extended');
  });

  it('a CDK v2 file is not flagged as v1', () => {
    assert.equal(diagnostics(d).filter((x) => x.startsWith('cdk-v1')).length, 0);
  });
});

describe('codeFacts: boto3', () => {
  const d = load('kinesis_client.py');

  it('is indexed because it creates a kinesis/firehose client', () => {
    assert.ok(d.index.relevant);
    assert.ok(d.index.families.has('kinesis') && d.index.families.has('firehose') && d.index.families.has('analytics'));
  });

  it('create_stream(ShardCount=, StreamModeDetails={"StreamMode": …})', () => {
    expectHint(d, 'ShardCount', 'create_stream', '2 shards');
    expectTop(d, 'StreamModeDetails', 'create_stream', 'f02-capacity-modes');
    expectTop(d, 'StreamMode', 'StreamModeDetails={', 'f02-capacity-modes');
  });

  it('increase_stream_retention_period(RetentionPeriodHours=9000) is out of range', () => {
    expectTop(d, 'increase_stream_retention_period', '', 'f01-retention');
    expectHint(d, 'RetentionPeriodHours', '', '9,000 h', 'maximum');
    assert.ok(diagnostics(d).includes('kinesis-retention-range: 9000'));
  });

  it('update_shard_count(TargetShardCount=, ScalingType="UNIFORM_SCALING")', () => {
    expectTop(d, 'update_shard_count', 'def create', 'f12-update-shard-count');
    expectHint(d, 'TargetShardCount', '', '4 shards');
    expectTop(d, 'UNIFORM_SCALING', '', 'f12-update-shard-count');
  });

  it('put_records(Records=…) and the response FailedRecordCount', () => {
    expectTop(d, 'put_records', 'def send', 'f09-putrecords-limits', ['f09-putrecords-partial-failure']);
    expectTop(d, 'Records', 'kinesis.put_records(', 'f09-putrecords-limits');
    expectTop(d, 'FailedRecordCount', 'return resp[', 'f09-putrecords-partial-failure');
    expectTop(d, 'PartitionKey', 'records = [', 'f05-hot-shard', ['f10-partition-key']);
  });

  it('the variable passed as Records=records is not hovered a second time', () => {
    expectNoHover(d, 'records', 'Records=');
  });

  it('a ProvisionedThroughputExceededException error code string', () => {
    expectTop(d, 'ProvisionedThroughputExceededException', '', 'f05-shard-write-limit');
  });

  it('get_shard_iterator(ShardIteratorType=) and get_records(Limit=)', () => {
    expectTop(d, 'get_shard_iterator', 'def read', 'f08-iterator-expiry');
    expectTop(d, 'ShardIteratorType', 'def read', 'f08-iterator-expiry');
    expectTop(d, 'get_records', 'def read', 'f06-shared-read-limit', ['f07-getrecords-per-call']);
    expectTop(d, 'Limit', 'get_records(', 'f07-getrecords-per-call');
    expectHint(d, 'Limit', 'get_records(', '500 records', '10,000');
    expectTop(d, 'MillisBehindLatest', '', 'f07-getrecords-per-call');
  });

  it('register_stream_consumer / subscribe_to_shard(ConsumerARN=)', () => {
    expectTop(d, 'register_stream_consumer', 'def fan_out', 'f11-efo-consumer-limits');
    expectTop(d, 'subscribe_to_shard', 'def fan_out', 'f11-efo-throughput');
    expectTop(d, 'ConsumerARN', 'subscribe_to_shard(', 'f11-efo-throughput');
  });

  it('Firehose put_record_batch and create_delivery_stream BufferingHints given as dict keys', () => {
    expectTop(d, 'put_record_batch', 'def deliver', 'f25-putrecordbatch');
    // A comprehension: the PutRecordBatch card, but no element count.
    const records = expectTop(d, 'Records', 'put_record_batch(', 'f25-putrecordbatch');
    assert.equal(records.match.hint, undefined);
    expectTop(d, 'DirectPut', '', 'f20-firehose-sources');
    expectTop(d, 'BufferingHints', '"BucketARN"', 'f21-buffering-hints');
    expectHint(d, 'SizeInMBs', '"BucketARN"', '256 MiB', '1–128 MB');
    expectHint(d, 'IntervalInSeconds', '"BucketARN"', '60 s');
    assert.ok(diagnostics(d).includes('firehose-buffer-size-range: 256'));
  });

  it('kinesisanalyticsv2 create_application(RuntimeEnvironment="SQL-1_0") is flagged', () => {
    expectTop(d, 'kinesisanalyticsv2', '', 'f29-managed-flink-rename');
    expectTop(d, 'RuntimeEnvironment', 'def legacy_app', 'f29-managed-flink-rename');
    assert.ok(diagnostics(d).includes('kda-sql-runtime: SQL-1_0'));
  });

  it('a put_records literal over 500 records is flagged', () => {
    const entries = Array.from({ length: 501 }, (_, i) => `{"Data": b"x", "PartitionKey": "${i}"}`).join(', ');
    const big = doc(`import boto3\nk = boto3.client("kinesis")\nk.put_records(StreamName="s", Records=[${entries}])\n`, 'python');
    expectHint(big, 'Records', '', '501 entries', 'over the **500 records**');
    assert.deepEqual(diagnostics(big).map((x) => x.split(':')[0]), ['putrecords-too-many']);
  });

  it('a DynamoDB query Limit gets nothing (file not about Kinesis)', () => {
    const ddb = load('dynamo.py');
    assert.equal(ddb.index.relevant, false);
    expectNoHover(ddb, 'Limit');
  });

  it('a DynamoDB Limit in a file that also uses Kinesis gets nothing', () => {
    const mixed = doc('import boto3\nkinesis = boto3.client("kinesis")\ndynamodb = boto3.client("dynamodb")\ndynamodb.query(TableName="t", Limit=5)\nkinesis.get_records(ShardIterator="i", Limit=5)\n', 'python');
    expectNoHover(mixed, 'Limit', 'dynamodb.query');
    expectTop(mixed, 'Limit', 'kinesis.get_records', 'f07-getrecords-per-call');
  });
});

describe('codeFacts: KCL for Python (amazon_kclpy)', () => {
  const d = load('kcl_app.py');

  it('imports, RecordProcessorBase, process_records and KCLProcess', () => {
    assert.ok(d.index.families.has('kcl'));
    expectCard(d, 'amazon_kclpy', '', 'f15-kcl-versions');
    expectTop(d, 'RecordProcessorBase', '', 'f15-kcl-lease-table', ['f15-kcl-versions']);
    expectTop(d, 'process_records', 'def ', 'f15-kcl-lease-table');
    expectTop(d, 'KCLProcess', '', 'f15-kcl-lease-table');
  });

  it('a snake_case variable named after a class is not the class', () => {
    expectNoHover(d, 'kcl_process', 'if __name__');
  });
});
