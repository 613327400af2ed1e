import * as assert from 'node:assert/strict';
import { diagnostics, doc, expectHint, hoverOn } from './helpers';

// A value is often written once as a named setting and passed by name. The hover then reads the
// name's single assignment in the file, and says so; a name assigned twice, or changed in place,
// gives no figure (which value reaches the call is a question for a type checker).
describe('codeFacts: values held in names', () => {
  it('Python: a module constant and self.attribute passed as keyword arguments', () => {
    const d = doc([
      'from aws_cdk import Duration, Stack',
      'from aws_cdk import aws_kinesis as kinesis',
      '',
      'SHARDS = 3',
      'RETENTION = Duration.days(400)',
      '',
      'class Ingest(Stack):',
      '    def __init__(self, scope, id):',
      '        super().__init__(scope, id)',
      '        self.hours = 48',
      '        kinesis.Stream(self, "Events", shard_count=SHARDS, retention_period=RETENTION)',
      '        kinesis.CfnStream(self, "Raw", shard_count=1, retention_period_hours=self.hours)',
    ].join('\n'), 'python');
    expectHint(d, 'shard_count', '"Events"', '`SHARDS = 3` →', '3 shards', '3 MB/s');
    expectHint(d, 'retention_period', '"Events"', '`RETENTION = Duration.days(400)` →', '400 days');
    expectHint(d, 'retention_period_hours', '"Raw"', '`hours = 48` →', '48 h');
    // The range problem sits on the name in the call and says where the value came from.
    const problems = d.index.diagnostics.filter((x) => x.kind === 'kinesis-retention-range');
    assert.deepEqual(diagnostics(d).filter((x) => x.startsWith('kinesis-retention-range')), ['kinesis-retention-range: RETENTION']);
    assert.match(problems[0].message, /\(RETENTION = Duration\.days\(400\)\)$/);
  });

  it('TypeScript: const, a chain of names, and a class field read through this', () => {
    const d = doc([
      "import { Duration, Stack } from 'aws-cdk-lib';",
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';",
      'const BASE = 2;',
      'const SHARDS = BASE;',
      'export class Ingest extends Stack {',
      '  private readonly days = 7;',
      '  build() {',
      "    new kinesis.Stream(this, 'Events', { shardCount: SHARDS, retentionPeriod: Duration.days(this.days) });",
      "    new kinesis.Stream(this, 'Other', { shardCount: SHARDS, retentionPeriod: Duration.days(1) });",
      '  }',
      '}',
    ].join('\n'), 'typescript');
    // The chain ends at the literal, and the hover names the name in the call.
    expectHint(d, 'shardCount', "'Events'", '`SHARDS = 2` →', '2 shards');
  });

  it('Go: := and const', () => {
    const d = doc([
      'package main',
      'import (',
      '  "github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"',
      '  "github.com/aws/jsii-runtime-go"',
      ')',
      'const shardCount = 5',
      'func stack() {',
      '  retention := 36',
      '  awskinesis.NewCfnStream(scope, jsii.String("Raw"), &awskinesis.CfnStreamProps{',
      '    ShardCount: jsii.Number(shardCount),',
      '    RetentionPeriodHours: retention,',
      '  })',
      '}',
    ].join('\n'), 'go');
    expectHint(d, 'RetentionPeriodHours', '', '`retention = 36` →', '36 h');
    // Inside jsii.Number(…) the figure is read, without naming its source.
    expectHint(d, 'ShardCount', '', '**5 shards**');
  });

  it('with a type written between the name and the value', () => {
    const ts = doc([
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';",
      'const SHARDS: number = 8;',
      "new kinesis.Stream(this, 'S', { shardCount: SHARDS });",
    ].join('\n'), 'typescript');
    expectHint(ts, 'shardCount', '', '`SHARDS = 8` →', '8 shards');
    const py = doc([
      'from aws_cdk import aws_kinesis as kinesis',
      'shards: int = 7',
      'kinesis.Stream(self, "S", shard_count=shards)',
    ].join('\n'), 'python');
    expectHint(py, 'shard_count', '', '`shards = 7` →', '7 shards');
    const go = doc([
      'package main',
      'import "github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"',
      'var hours float64 = 30',
      'var _ = &awskinesis.CfnStreamProps{ RetentionPeriodHours: &hours }',
      'var p = &awskinesis.CfnStreamProps{ RetentionPeriodHours: hours }',
    ].join('\n'), 'go');
    expectHint(go, 'RetentionPeriodHours', 'var p', '`hours = 30` →', '30 h');
  });

  it('Java: a final field', () => {
    const d = doc([
      'import software.amazon.awscdk.services.kinesis.Stream;',
      'class Ingest {',
      '  private static final int SHARDS = 6;',
      '  void build() {',
      '    Stream.Builder.create(this, "Events").shardCount(SHARDS).build();',
      '  }',
      '}',
    ].join('\n'), 'java');
    expectHint(d, 'shardCount', '', '`SHARDS = 6` →', '6 shards');
  });

  it('a name assigned twice, changed in place, or a keyword argument of another call gives no figure', () => {
    const d = doc([
      'from aws_cdk import aws_kinesis as kinesis',
      'SHARDS = 3',
      'SHARDS = 4',
      'hours = 24',
      'hours += 24',
      'def make(shards=9):',
      '    kinesis.Stream(self, "A", shard_count=SHARDS)',
      '    kinesis.CfnStream(self, "B", retention_period_hours=hours)',
      '    kinesis.Stream(self, "C", shard_count=shards)',
    ].join('\n'), 'python');
    for (const [key, at] of [['shard_count', '"A"'], ['retention_period_hours', '"B"'], ['shard_count', '"C"']]) {
      const h = hoverOn(d, key, at);
      assert.ok(h, `the card still shows on ${key} ${at}`);
      assert.equal(h.match.hint, undefined, `no figure on ${key} ${at}: ${h.match.hint}`);
    }
  });

  it('names that point at each other end without a value', () => {
    const d = doc([
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';",
      'let a = b;',
      'let b = a;',
      "new kinesis.Stream(this, 'S', { shardCount: a });",
    ].join('\n'), 'typescript');
    const h = hoverOn(d, 'shardCount');
    assert.ok(h);
    assert.equal(h.match.hint, undefined);
    // Through a wrapper too: each pass through a name counts, wrapped or not.
    const w = doc([
      "import { Duration } from 'aws-cdk-lib';",
      "import * as kinesis from 'aws-cdk-lib/aws-kinesis';",
      'const period = Duration.days(period);',
      "new kinesis.Stream(this, 'S', { retentionPeriod: period });",
    ].join('\n'), 'typescript');
    assert.equal(hoverOn(w, 'retentionPeriod')?.match.hint, undefined);
  });

  it('a backtick in the written value cannot end the hover\'s code span', () => {
    const d = doc([
      "import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';",
      'const RECORDS = [`a`, `b`];',
      "client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'x', Records: RECORDS }));",
    ].join('\n'), 'typescript');
    const h = expectHint(d, 'Records', 'DeliveryStreamName', '**2 entries**');
    assert.ok(h.match.hint!.startsWith("`RECORDS = ['a', 'b']` → "), h.match.hint);
  });
});
