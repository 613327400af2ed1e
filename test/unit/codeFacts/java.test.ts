import * as assert from 'node:assert/strict';
import { diagnostics, doc, expectCard, expectHint, expectNoHover, expectTop, load } from './helpers';

describe('codeFacts: CDK Java', () => {
  const d = load('CdkStack.java');

  it('Stream.Builder…shardCount(4).retentionPeriod(Duration.days(30))', () => {
    expectTop(d, 'shardCount', 'Stream.Builder.create(this, "Orders")', 'f05-shard-write-limit');
    expectHint(d, 'shardCount', 'Stream.Builder.create(this, "Orders")', '4 shards', '4 MB/s');
    expectHint(d, 'retentionPeriod', 'Stream.Builder.create(this, "Orders")', '30 days (720 h)');
  });

  it('streamMode(StreamMode.ON_DEMAND) and an out-of-range Duration.hours(9000)', () => {
    expectTop(d, 'ON_DEMAND', '"Audit"', 'f02-capacity-modes');
    expectHint(d, 'retentionPeriod', '"Audit"', '9,000 h', 'maximum');
    assert.ok(diagnostics(d).includes('kinesis-retention-range: Duration.hours(9000)'));
  });

  it('a Queue builder retentionPeriod gets nothing', () => {
    expectNoHover(d, 'retentionPeriod', 'Queue.Builder');
  });

  it('KinesisEventSourceProps.builder().batchSize(500).parallelizationFactor(2)', () => {
    expectTop(d, 'KinesisEventSourceProps', 'fn.addEventSource', 'f13-lambda-batching');
    expectHint(d, 'batchSize', 'fn.addEventSource', '500 records');
    expectHint(d, 'parallelizationFactor', 'fn.addEventSource', '**2**');
    expectTop(d, 'startingPosition', 'fn.addEventSource', 'f13-lambda-parallelization');
  });

  it('Firehose S3Bucket.Builder bufferingInterval/bufferingSize', () => {
    expectHint(d, 'bufferingInterval', 'S3Bucket.Builder', '60 s');
    expectHint(d, 'bufferingSize', 'S3Bucket.Builder', '32 MiB');
    expectTop(d, 'DeliveryStream', 'DeliveryStream.Builder', 'f19-firehose-name');
  });

  it('StreamConsumer builder', () => {
    expectTop(d, 'streamConsumerName', '', 'f11-efo-throughput');
  });
});

describe('codeFacts: Java SDK v2', () => {
  const d = load('KinesisSdkExample.java');

  it('PutRecordsRequest / PutRecordsRequestEntry.partitionKey / putRecords / failedRecordCount', () => {
    expectTop(d, 'PutRecordsRequestEntry', 'entries.add(', 'f09-putrecords-limits', ['f10-partition-key']);
    expectTop(d, 'partitionKey', 'entries.add(', 'f05-hot-shard');
    expectTop(d, 'PutRecordsRequest', 'PutRecordsRequest request', 'f09-putrecords-limits');
    expectTop(d, 'records', 'PutRecordsRequest request', 'f09-putrecords-limits');
    expectTop(d, 'putRecords', 'kinesisClient.', 'f09-putrecords-limits');
    expectTop(d, 'failedRecordCount', '', 'f09-putrecords-partial-failure');
    expectTop(d, 'ProvisionedThroughputExceededException', 'catch (', 'f05-shard-write-limit');
  });

  it('GetRecordsRequest.builder().limit(n), also through a consumer-builder lambda', () => {
    expectTop(d, 'limit', 'GetRecordsRequest request', 'f07-getrecords-per-call');
    expectHint(d, 'limit', 'GetRecordsRequest request', '1,000 records');
    expectHint(d, 'limit', 'readLambda', '20,000 records', 'outside');
    assert.ok(diagnostics(d).includes('getrecords-limit-range: 20000'));
    expectTop(d, 'getRecords', 'return kinesisClient.', 'f06-shared-read-limit');
  });

  it('SubscribeToShardRequest.consumerARN / subscribeToShard / SubscribeToShardResponseHandler', () => {
    expectTop(d, 'SubscribeToShardRequest', 'public void subscribe', 'f11-efo-throughput');
    expectTop(d, 'consumerARN', '', 'f11-efo-throughput');
    expectTop(d, 'subscribeToShard', 'client.', 'f11-efo-throughput');
    expectTop(d, 'ShardIteratorType', 'startingPosition(', 'f08-iterator-expiry');
  });

  it('Firehose putRecordBatch / PutRecordBatchResponse.failedPutCount / BufferingHints.builder()', () => {
    expectTop(d, 'putRecordBatch', 'firehoseClient.', 'f25-putrecordbatch');
    expectTop(d, 'failedPutCount', '', 'f25-putrecordbatch');
    expectHint(d, 'sizeInMBs', 'BufferingHints.builder()', '64 MiB');
    expectHint(d, 'intervalInSeconds', 'BufferingHints.builder()', '0 s', 'zero buffering');
  });

  it('camelCase locals named after types get no hover; the types do', () => {
    expectNoHover(d, 'firehoseClient', 'private final FirehoseClient ');
    expectTop(d, 'FirehoseClient', 'private final ', 'f19-firehose-name');
  });

  it('RuntimeEnvironment.SQL_1_0 is flagged', () => {
    expectTop(d, 'SQL_1_0', '', 'f30-kda-sql-discontinued');
    assert.ok(diagnostics(d).includes('kda-sql-runtime: SQL_1_0'));
  });

  it('Java SDK v1 style withLimit(…) on a GetRecordsRequest', () => {
    const v1 = doc(
      'import com.amazonaws.services.kinesis.AmazonKinesis;\nimport com.amazonaws.services.kinesis.model.GetRecordsRequest;\nclass A { void f(AmazonKinesis k, String it) { k.getRecords(new GetRecordsRequest().withShardIterator(it).withLimit(12000)); } }\n',
      'java',
    );
    expectTop(v1, 'withLimit', '', 'f07-getrecords-per-call');
    assert.deepEqual(diagnostics(v1), ['getrecords-limit-range: 12000']);
  });
});

describe('codeFacts: KCL 2.x / 3.x (Java)', () => {
  const d = load('KclConsumer.java');

  it('ConfigsBuilder, applicationName (lease table), ShardRecordProcessor, processRecords', () => {
    expectTop(d, 'ConfigsBuilder', 'ConfigsBuilder configsBuilder', 'f15-kcl-lease-table', ['f15-kcl-versions']);
    expectTop(d, 'applicationName', 'String applicationName', 'f15-kcl-lease-table');
    expectTop(d, 'ShardRecordProcessor', 'implements ', 'f15-kcl-lease-table');
    expectTop(d, 'processRecords', 'public void ', 'f15-kcl-lease-table');
    expectTop(d, 'leaseManagementConfig', '', 'f15-kcl-lease-table');
  });

  it('PollingConfig.maxRecords over 10,000 is flagged; InitialPositionInStreamExtended', () => {
    expectTop(d, 'PollingConfig', 'new PollingConfig', 'f07-getrecords-per-call');
    expectHint(d, 'maxRecords', 'new PollingConfig', '20,000 records');
    assert.deepEqual(diagnostics(d), ['kcl-max-records-range: 20000']);
    expectCard(d, 'InitialPositionInStreamExtended', '.initialPositionInStreamExtended(', 'f08-iterator-expiry');
    expectTop(d, 'TRIM_HORIZON', '', 'f08-iterator-expiry');
  });

  it('the configsBuilder variable is not hovered on every use', () => {
    expectNoHover(d, 'configsBuilder', 'configsBuilder.checkpointConfig');
  });
});

describe('codeFacts: KCL 1.x and KPL (Java)', () => {
  it('flags every KCL 1.x import', () => {
    const d = load('Kcl1Consumer.java');
    assert.equal(diagnostics(d).length, 4);
    assert.ok(diagnostics(d).every((x) => x.startsWith('kcl-v1: com.amazonaws.services.kinesis.clientlibrary.')));
  });

  it('KPL configuration setters, addUserRecord, UserRecordResult, flushSync', () => {
    const d = load('KplProducer.java');
    expectTop(d, 'KinesisProducerConfiguration', 'new ', 'f14-kpl-aggregation');
    expectTop(d, 'setAggregationEnabled', '', 'f14-kpl-aggregation');
    expectTop(d, 'setCollectionMaxCount', '', 'f09-putrecords-limits', ['f14-kpl-aggregation']);
    expectTop(d, 'setRecordMaxBufferedTime', '', 'f14-kpl-aggregation');
    expectTop(d, 'setRateLimit', '', 'f05-shard-write-limit');
    expectTop(d, 'addUserRecord', '', 'f14-kpl-aggregation');
    expectTop(d, 'UserRecordResult', 'ListenableFuture<', 'f14-kpl-aggregation');
    expectTop(d, 'flushSync', '', 'f14-kpl-aggregation');
    assert.deepEqual(diagnostics(d), []);
  });
});
