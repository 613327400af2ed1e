import * as assert from 'node:assert/strict';
import { diagnostics, doc, load } from './helpers';

describe('codeFacts: build manifests', () => {
  it('pom.xml: amazon-kinesis-client 1.x through a property is flagged; 2.x is not', () => {
    const d = load('pom.xml');
    assert.deepEqual(diagnostics(d), ['kcl-v1: ${kcl.version}']);
    assert.equal(d.index.occurrences.length, 0, 'manifests get diagnostics only');
  });

  it('pom.xml: CDK v1 Java modules', () => {
    const d = doc('<project><dependencies><dependency><groupId>software.amazon.awscdk</groupId><artifactId>kinesis</artifactId><version>1.204.0</version></dependency></dependencies></project>', 'xml', 'pom.xml');
    assert.deepEqual(diagnostics(d), ['cdk-v1: 1.204.0']);
  });

  it('build.gradle: KCL 1.x coordinates', () => {
    const d = doc("dependencies {\n  implementation 'com.amazonaws:amazon-kinesis-client:1.15.2'\n  implementation 'software.amazon.kinesis:amazon-kinesis-client:2.6.0'\n}\n", 'groovy', 'build.gradle');
    assert.deepEqual(diagnostics(d), ['kcl-v1: 1.15.2']);
  });

  it('package.json: CDK v1 and alpha Firehose packages, and the SQL-only analytics client', () => {
    const d = doc('{ "dependencies": { "@aws-cdk/aws-kinesis": "1.204.0", "@aws-cdk/aws-kinesisfirehose-alpha": "2.100.0-alpha.0", "@aws-cdk/aws-lambda-alpha": "2.1.0", "aws-cdk-lib": "2.150.0", "@aws-sdk/client-kinesis-analytics": "3.0.0" } }', 'json', 'package.json');
    assert.deepEqual(diagnostics(d), [
      'cdk-v1: @aws-cdk/aws-kinesis',
      'firehose-alpha: @aws-cdk/aws-kinesisfirehose-alpha',
      'kda-sql-api: @aws-sdk/client-kinesis-analytics',
    ]);
  });

  it('requirements.txt: CDK v1 distributions, the alpha Firehose module, amazon_kclpy 1.x', () => {
    const d = doc('aws-cdk-lib==2.150.0\naws-cdk.aws-kinesis==1.204.0\naws-cdk.aws-kinesisfirehose-alpha==2.100.0a0\namazon_kclpy==1.5.1\n', 'pip-requirements', 'requirements-dev.txt');
    assert.deepEqual(diagnostics(d), ['cdk-v1: aws-cdk.aws-kinesis', 'firehose-alpha: aws-cdk.aws-kinesisfirehose-alpha', 'kcl-v1: 1.5.1']);
  });
});
