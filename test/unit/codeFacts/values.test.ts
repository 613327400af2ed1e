import * as assert from 'node:assert/strict';
import { checkValue, formatNumber } from '../../../src/core/codeFacts/values';
import { diagnostics, doc, expectHint } from './helpers';

const none = { splunk: false };

describe('codeFacts: computed hints and ranges', () => {
  it('retention: tier by hours, from hours or a Duration', () => {
    assert.match(checkValue('retentionperiodhours', { kind: 'number', value: 24 }, none)!.hint, /no retention charge/);
    assert.match(checkValue('retentionperiodhours', { kind: 'number', value: 168 }, none)!.hint, /extended retention/);
    assert.match(checkValue('retentionperiodhours', { kind: 'number', value: 169 }, none)!.hint, /long-term retention/);
    assert.match(checkValue('retentionperiod', { kind: 'duration', seconds: 365 * 86400 }, none)!.hint, /\*\*365 days \(8,760 h\)\*\*: within/);
    assert.equal(checkValue('retentionperiodhours', { kind: 'number', value: 8761 }, none)!.problem?.kind, 'kinesis-retention-range');
    assert.equal(checkValue('retentionperiodhours', { kind: 'number', value: 23 }, none)!.problem?.kind, 'kinesis-retention-range');
    assert.equal(checkValue('retentionperiodhours', { kind: 'string', value: '48' }, none), undefined);
  });

  it('Firehose buffering: general and Splunk ranges', () => {
    assert.equal(checkValue('intervalinseconds', { kind: 'number', value: 900 }, none)!.problem, undefined);
    assert.ok(checkValue('intervalinseconds', { kind: 'number', value: 901 }, none)!.problem);
    assert.ok(checkValue('intervalinseconds', { kind: 'number', value: 61 }, { splunk: true })!.problem);
    assert.ok(checkValue('bufferingsize', { kind: 'size', mebibytes: 0.5 }, none)!.problem);
    assert.equal(checkValue('sizeinmbs', { kind: 'number', value: 128 }, none)!.problem, undefined);
  });

  it('event source and GetRecords limits', () => {
    assert.equal(checkValue('batchsize', { kind: 'number', value: 10_000 }, none)!.problem, undefined);
    assert.ok(checkValue('batchsize', { kind: 'number', value: 10_001 }, none)!.problem);
    assert.ok(checkValue('parallelizationfactor', { kind: 'number', value: 0 }, none)!.problem);
    assert.ok(checkValue('limit', { kind: 'number', value: 10_001 }, none)!.problem);
    assert.ok(checkValue('maximumbatchingwindowinseconds', { kind: 'number', value: 301 }, none)!.problem);
  });

  it('shard capacity from a shard count', () => {
    assert.equal(checkValue('shardcount', { kind: 'number', value: 1 }, none)!.hint, '**1 shard**: **1 MB/s** and **1,000 records/s** in, **2 MB/s** out shared by classic consumers');
    assert.equal(checkValue('shardcount', { kind: 'number', value: 0 }, none), undefined);
  });

  it('formats numbers with thousands separators', () => {
    assert.equal(formatNumber(8760), '8,760');
    assert.equal(formatNumber(1234567.5), '1,234,567.5');
  });

  it('reads every Duration spelling: Duration.days, cdk.Duration.hours, Duration.minutes, Go Duration_Days(jsii.Number(n))', () => {
    const ts = doc("import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nimport * as cdk from 'aws-cdk-lib';\nnew kinesis.Stream(this, 'A', { retentionPeriod: cdk.Duration.minutes(2880) });\nnew kinesis.Stream(this, 'B', { retentionPeriod: Duration.seconds(86_400) });\n", 'typescript');
    expectHint(ts, 'retentionPeriod', "'A'", '48 h');
    expectHint(ts, 'retentionPeriod', "'B'", '24 h');
    const go = doc('package x\nimport "github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"\nvar p = &awskinesis.StreamProps{RetentionPeriod: awscdk.Duration_Days(jsii.Number(366))}\n', 'go');
    assert.deepEqual(diagnostics(go), ['kinesis-retention-range: awscdk.Duration_Days(jsii.Number(366))']);
  });

  it('a value it cannot read (a variable, an expression) gives no hint and no warning', () => {
    const ts = doc("import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nnew kinesis.Stream(this, 'A', { shardCount: props.shards, retentionPeriod: Duration.days(days * 2) });\n", 'typescript');
    const h = ts.index.occurrences.filter((o) => o.value);
    assert.deepEqual(h, []);
    assert.deepEqual(diagnostics(ts), []);
  });
});
