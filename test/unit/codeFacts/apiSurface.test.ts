import * as assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/codeFacts';
import { cardIds, load, type Doc } from './helpers';

/**
 * The identifiers of /work/shared/reference/api-surface.md (one table per layer and language) that
 * are specific enough to deserve a hover, each checked in a realistic file that uses it. A hover must
 * come from the shipped decks' `code:` metadata (or the built-in context table for generic words).
 *
 * Not listed because the shipped decks have no card naming them yet (adding them to a card's `code:`
 * line is enough, no code change): CreateStream* / create_stream, CfnStream, StreamProps,
 * DescribeStreamSummary, ListShards, KinesisClient, ErrorCode, setMaxConnections, WithScanInterval,
 * CreateDeliveryStream* / UpdateDestination*, CreateApplication* / RuntimeEnvironmentFlink /
 * KinesisStreamsInput / add_application_input, CfnApplication (SQL v1), LambdaFunctionProcessor's
 * bufferInterval/bufferSize, s3DestinationConfiguration, the CloudWatch name IteratorAgeMilliseconds.
 * Plain words (Stream, encryption, streamName, Data, Record, ShardId, enabled, filters) stay silent on purpose.
 */
const SURFACE: Record<string, string[]> = {
  'cdk-stack.ts.txt': [
    'shardCount', 'retentionPeriod', 'streamMode', 'ON_DEMAND', 'StreamConsumer', 'streamConsumerName', 'KinesisEventSource',
    'KinesisConsumerEventSource', 'startingPosition', 'TRIM_HORIZON', 'batchSize', 'maxBatchingWindow', 'parallelizationFactor',
    'retryAttempts', 'bisectBatchOnError', 'onFailure', 'SqsDlq', 'DeliveryStream', 'KinesisStreamSource', 'S3Bucket',
    'bufferingInterval', 'bufferingSize', 's3Backup', 'BackupMode', 'CfnDeliveryStream', 'deliveryStreamType', 'DirectPut',
    'splunkDestinationConfiguration', 'bufferingHints', 'intervalInSeconds', 'sizeInMBs', 'retentionPeriodHours', 'streamModeDetails',
    'CfnApplicationV2', 'runtimeEnvironment', 'metricGetRecordsIteratorAgeMilliseconds', 'metricWriteProvisionedThroughputExceeded',
    'EventSourceMapping',
  ],
  'surface_cdk.ts.txt': [
    'maxRecordSize', 'metricReadProvisionedThroughputExceeded', 'AT_TIMESTAMP', 'startingPositionTimestamp', 'maxRecordAge',
    'tumblingWindow', 'reportBatchItemFailures', 'SnsDlq', 'deliveryStreamName', 'dataOutputPrefix', 'errorOutputPrefix',
    'LambdaFunctionProcessor', 'CfnStreamConsumer',
  ],
  'cdk_stack.py': [
    'shard_count', 'retention_period', 'retention_period_hours', 'stream_mode_details', 'StreamModeDetailsProperty', 'stream_mode',
    'stream_consumer_name', 'starting_position', 'batch_size', 'parallelization_factor', 'report_batch_item_failures', 'buffering_interval',
    'buffering_size', 'BufferingHintsProperty', 'interval_in_seconds', 'size_in_m_bs', 'extended_s3_destination_configuration', 'aws_kinesisfirehose',
  ],
  'cdk-v1-stack.ts.txt': ['shardCount', 'retentionPeriod'],
  'cdk_v1_stack.py': ['aws_kinesisfirehose_alpha'],
  'CdkStack.java': ['shardCount', 'retentionPeriod', 'streamMode', 'KinesisEventSourceProps', 'batchSize', 'parallelizationFactor', 'bufferingInterval', 'bufferingSize', 'StreamMode'],
  'cdk_stack.go': ['ShardCount', 'RetentionPeriod', 'StreamMode_ON_DEMAND', 'BatchSize', 'ParallelizationFactor', 'StartingPosition', 'BufferingInterval', 'BufferingSize', 'DeliveryStreamProps'],
  'sdk-v3.ts.txt': [
    'ShardCount', 'StreamModeDetails', 'StreamMode', 'IncreaseStreamRetentionPeriodCommand', 'RetentionPeriodHours', 'UpdateShardCountCommand',
    'TargetShardCount', 'ScalingType', 'UNIFORM_SCALING', 'PutRecordsCommand', 'PutRecordsRequestEntry', 'Records', 'PartitionKey', 'FailedRecordCount',
    'ProvisionedThroughputExceededException', 'GetShardIteratorCommand', 'ShardIteratorType', 'GetRecordsCommand', 'ShardIterator', 'Limit', 'NextShardIterator',
    'RegisterStreamConsumerCommand', 'SubscribeToShardCommand', 'ConsumerARN', 'FirehoseClient', 'PutRecordCommand', 'PutRecordBatchCommand', 'FailedPutCount',
    'DeliveryStreamName',
  ],
  'surface-v3.ts.txt': [
    'DecreaseStreamRetentionPeriodCommand', 'DescribeLimitsCommand', 'DescribeStreamConsumerCommand', 'ExpiredIteratorException', 'KMSThrottlingException',
    'LimitExceededException', 'MergeShardsCommand', 'SplitShardCommand', 'UpdateMaxRecordSizeCommand', 'UpdateStreamModeCommand', 'MaxRecordSizeInKiB',
    'ExplicitHashKey', 'SequenceNumberForOrdering', 'ServiceUnavailableException', 'DeliveryStreamType', 'KinesisStreamAsSource', 'ExtendedS3DestinationConfiguration',
    'BufferingHints', 'SizeInMBs', 'IntervalInSeconds', 'ProcessingConfiguration', 'S3BackupMode', 'ErrorOutputPrefix', 'DiscoverInputSchemaCommand',
  ],
  'sdk-v2.js': ['putRecords', 'putRecord', 'getShardIterator', 'getRecords', 'Limit', 'FailedRecordCount', 'PartitionKey'],
  'kinesis_client.py': [
    'increase_stream_retention_period', 'RetentionPeriodHours', 'update_shard_count', 'TargetShardCount', 'ScalingType', 'put_records', 'FailedRecordCount',
    'get_shard_iterator', 'ShardIteratorType', 'get_records', 'Limit', 'MillisBehindLatest', 'register_stream_consumer', 'subscribe_to_shard', 'ConsumerARN',
    'put_record_batch', 'DeliveryStreamName', 'BufferingHints', 'SizeInMBs', 'IntervalInSeconds', 'kinesisanalyticsv2', 'RuntimeEnvironment',
  ],
  'surface_boto3.py': [
    'describe_limits', 'decrease_stream_retention_period', 'update_stream_mode', 'split_shard', 'merge_shards', 'update_max_record_size', 'MaxRecordSizeInKiB',
    'put_record', 'ExplicitHashKey', 'discover_input_schema', 'SqlRunConfigurations', 'kinesisanalytics', 'aws_kinesis_agg', 'RecordAggregator',
  ],
  'KinesisSdkExample.java': [
    'PutRecordsRequest', 'PutRecordsRequestEntry', 'PutRecordsResponse', 'partitionKey', 'putRecords', 'failedRecordCount', 'ProvisionedThroughputExceededException',
    'GetRecordsRequest', 'limit', 'getRecords', 'SubscribeToShardRequest', 'SubscribeToShardResponseHandler', 'consumerARN', 'subscribeToShard', 'ShardIteratorType',
    'FirehoseClient', 'putRecordBatch', 'PutRecordBatchRequest', 'PutRecordBatchResponse', 'failedPutCount', 'BufferingHints', 'sizeInMBs', 'intervalInSeconds',
    'RuntimeEnvironment', 'SQL_1_0',
  ],
  'KclConsumer.java': [
    'ConfigsBuilder', 'applicationName', 'Scheduler', 'ShardRecordProcessor', 'processRecords', 'leaseLost', 'shardEnded', 'shutdownRequested', 'checkpoint',
    'PollingConfig', 'maxRecords', 'InitialPositionInStreamExtended', 'leaseManagementConfig', 'retrievalConfig',
  ],
  'KplProducer.java': [
    'KinesisProducer', 'KinesisProducerConfiguration', 'setAggregationEnabled', 'setCollectionMaxCount', 'setRecordMaxBufferedTime', 'setRateLimit', 'addUserRecord',
    'UserRecordResult', 'flushSync',
  ],
  'kcl_app.py': ['RecordProcessorBase', 'process_records', 'KCLProcess', 'checkpoint', 'amazon_kclpy'],
  'sdk_v2.go': [
    'PutRecords', 'PutRecordsInput', 'PutRecordsRequestEntry', 'FailedRecordCount', 'ProvisionedThroughputExceededException', 'ShardCount', 'StreamModeOnDemand',
    'GetShardIterator', 'ShardIteratorTypeTrimHorizon', 'GetRecords', 'Limit', 'PutRecordBatch', 'SizeInMBs', 'IntervalInSeconds', 'RuntimeEnvironmentSql10',
  ],
  'surface_sdk.go': [
    'IncreaseStreamRetentionPeriod', 'UpdateShardCount', 'ScalingTypeUniformScaling', 'UpdateStreamMode', 'RegisterStreamConsumer', 'ExpiredIteratorException',
    'ShardIteratorTypeAfterSequenceNumber', 'ChildShards', 'SubscribeToShard', 'PutRecord', 'ShardIterator',
  ],
  'sdk_v1.go': ['PutRecords', 'ErrCodeProvisionedThroughputExceededException', 'GetRecordsWithContext', 'Limit'],
  'template.yaml': [
    'ShardCount', 'RetentionPeriodHours', 'StreamModeDetails', 'StreamMode', 'ON_DEMAND', 'BatchSize', 'StartingPosition', 'ParallelizationFactor',
    'FunctionResponseTypes', 'ReportBatchItemFailures', 'MaximumBatchingWindowInSeconds', 'DeliveryStreamType', 'KinesisStreamAsSource',
    'KinesisStreamSourceConfiguration', 'ExtendedS3DestinationConfiguration', 'BufferingHints', 'IntervalInSeconds', 'SizeInMBs', 'SplunkDestinationConfiguration',
    'RuntimeEnvironment',
  ],
  'surface_yaml.yaml': [
    'AT_TIMESTAMP', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'TumblingWindowInSeconds', 'DestinationConfig', 'OnFailure',
    'DirectPut', 'HttpEndpointDestinationConfiguration', 'RedshiftDestinationConfiguration', 'SnowflakeDestinationConfiguration', 'IcebergDestinationConfiguration',
    'AmazonopensearchserviceDestinationConfiguration',
  ],
  'template.json': ['RetentionPeriodHours', 'ShardCount', 'StreamModeDetails', 'BatchSize', 'StartingPosition', 'TRIM_HORIZON', 'DirectPut', 'BufferingHints'],
};

/** True if some whole-word occurrence of `word` in the document has a hover with at least one card. */
function hasCardedHover(d: Doc, word: string): boolean {
  const re = new RegExp(`(?<![\\w$])${word}(?![\\w$])`, 'g');
  for (const m of d.text.matchAll(re)) {
    if (cardIds(hoverAt(d.index, m.index + 1, d.facts)).length) return true;
  }
  return false;
}

describe('codeFacts: api-surface.md coverage by the shipped decks', () => {
  for (const [file, words] of Object.entries(SURFACE)) {
    it(`${file}: ${words.length} identifiers each get a card`, () => {
      const d = load(file);
      const missing = words.filter((w) => !hasCardedHover(d, w));
      assert.deepEqual(missing, [], `no card on: ${missing.join(', ')}`);
    });
  }
});
