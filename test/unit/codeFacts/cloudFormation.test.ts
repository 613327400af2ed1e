import * as assert from 'node:assert/strict';
import { diagnostics, doc, expectHint, expectNoHover, expectTop, load } from './helpers';

describe('codeFacts: CloudFormation / SAM YAML', () => {
  const d = load('template.yaml');

  it('AWS::Kinesis::Stream ShardCount, RetentionPeriodHours, StreamModeDetails', () => {
    expectHint(d, 'ShardCount', 'ClickStream:', '4 shards', '4 MB/s');
    expectTop(d, 'RetentionPeriodHours', 'ClickStream:', 'f01-retention');
    expectHint(d, 'RetentionPeriodHours', 'ClickStream:', '9,000 h', 'maximum');
    expectTop(d, 'StreamModeDetails', 'ClickStream:', 'f02-capacity-modes');
    expectTop(d, 'ON_DEMAND', 'ClickStream:', 'f02-capacity-modes');
  });

  it('an event source mapping on the Kinesis stream (Fn::GetAtt list form) is explained and range-checked', () => {
    expectTop(d, 'BatchSize', 'StreamMapping:', 'f13-lambda-batching');
    expectHint(d, 'BatchSize', 'StreamMapping:', '20,000 records');
    expectTop(d, 'ParallelizationFactor', 'StreamMapping:', 'f13-lambda-parallelization');
    expectTop(d, 'FunctionResponseTypes', 'StreamMapping:', 'f13-lambda-error-handling');
    expectTop(d, 'ReportBatchItemFailures', 'StreamMapping:', 'f13-lambda-error-handling');
  });

  it('an event source mapping on an SQS queue gets nothing', () => {
    expectNoHover(d, 'BatchSize', 'QueueMapping:');
  });

  it('a SAM function: its Kinesis event counts, its SQS event and inline code do not', () => {
    expectHint(d, 'BatchSize', 'Clicks:', '500 records');
    expectTop(d, 'TRIM_HORIZON', 'Clicks:', 'f08-iterator-expiry');
    expectHint(d, 'MaximumBatchingWindowInSeconds', 'Clicks:', '600 s', '0–300 s');
    expectNoHover(d, 'BatchSize', 'Jobs:');
    expectNoHover(d, 'BatchSize', 'InlineCode:');
    expectNoHover(d, 'Runtime', 'Processor:');
  });

  it('Firehose BufferingHints in a flow mapping, and Splunk ranges', () => {
    expectTop(d, 'BufferingHints', 'Archive:', 'f21-buffering-hints');
    expectHint(d, 'IntervalInSeconds', 'Archive:', '1,000 s', '0–900 s');
    expectHint(d, 'SizeInMBs', 'Archive:', '64 MiB');
    expectHint(d, 'IntervalInSeconds', 'SplunkArchive:', '120 s', '0–60 s');
    expectTop(d, 'KinesisStreamAsSource', '', 'f20-firehose-sources');
    expectTop(d, 'SplunkDestinationConfiguration', '', 'f20-firehose-destinations', ['f23-destination-buffering']);
  });

  it('diagnostics: out-of-range values, the SQL application type and the SQL-1_0 runtime', () => {
    assert.deepEqual(diagnostics(d), [
      'kinesis-retention-range: 9000',
      'lambda-batch-size-range: 20000',
      'lambda-batching-window-range: 600',
      'firehose-buffer-interval-range: 1000',
      'firehose-buffer-interval-range: 120',
      'kda-sql-api: AWS::KinesisAnalytics::Application',
      'kda-sql-runtime: SQL-1_0',
    ]);
  });

  it('the sample template shipped in samples/ gets hovers and no diagnostics', () => {
    const sample = doc(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', '..', 'samples', 'template.yaml'), 'utf8'), 'yaml', 'template.yaml');
    expectHint(sample, 'RetentionPeriodHours', '', '7 days (168 h)', 'extended');
    expectTop(sample, 'BufferingHints', '', 'f21-buffering-hints');
    expectHint(sample, 'BatchSize', '', '1,000 records');
    assert.deepEqual(diagnostics(sample), []);
  });

  it('YAML that is not a Kinesis template gets nothing', () => {
    const k8s = doc('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: ShardCount\n              value: "4"\n', 'yaml');
    assert.equal(k8s.index.relevant, false);
    expectNoHover(k8s, 'ShardCount');
    const sqsOnly = doc('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      BatchSize: 10\n', 'yaml');
    assert.equal(sqsOnly.index.relevant, false);
    expectNoHover(sqsOnly, 'BatchSize');
  });

  it('a mapping whose ARN is a parameter named after Kinesis counts; compact sequences parse', () => {
    const t = doc('Parameters:\n  KinesisStreamArn:\n    Type: String\nResources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !Ref KinesisStreamArn\n      FunctionResponseTypes:\n      - ReportBatchItemFailures\n      BatchSize: 10001\n', 'yaml');
    expectTop(t, 'ReportBatchItemFailures', '', 'f13-lambda-error-handling');
    assert.deepEqual(diagnostics(t), ['lambda-batch-size-range: 10001']);
  });
});

describe('codeFacts: CloudFormation JSON', () => {
  const d = load('template.json');

  it('CDK-synthesized resources: stream, Kinesis mapping, Firehose', () => {
    expectHint(d, 'RetentionPeriodHours', '', '30 days (720 h)', 'long-term');
    expectHint(d, 'ShardCount', '', '2 shards');
    expectTop(d, 'ON_DEMAND', '', 'f02-capacity-modes');
    expectHint(d, 'BatchSize', 'HandlerKinesisEventSource', '100 records');
    expectTop(d, 'TRIM_HORIZON', '', 'f08-iterator-expiry');
    expectTop(d, 'DirectPut', '', 'f20-firehose-sources');
  });

  it('the SQS mapping in the same template gets nothing', () => {
    expectNoHover(d, 'BatchSize', 'HandlerSqsEventSource');
  });

  it('JSONC comments are skipped and SizeInMBs: 0 is flagged', () => {
    assert.deepEqual(diagnostics(d), ['firehose-buffer-size-range: 0']);
    const jsonc = doc(require('node:fs').readFileSync(require('node:path').join(__dirname, 'fixtures', 'template.json'), 'utf8'), 'jsonc');
    assert.deepEqual(diagnostics(jsonc), ['firehose-buffer-size-range: 0']);
  });

  it('malformed JSON never throws', () => {
    const broken = doc('{ "Resources": { "S": { "Type": "AWS::Kinesis::Stream", "Properties": { "ShardCount": 3, ', 'json');
    expectHint(broken, 'ShardCount', '', '3 shards');
  });
});
