import { Duration, RemovalPolicy, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Order events: producers -> Kinesis "orders" stream -> Lambda enrichment,
 * plus a Direct PUT Firehose stream that lands clickstream events in S3.
 */
export class IngestStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Peak load is ~3,000 orders/s of ~1 KB: 3 shards is the floor, 4 leaves headroom.
    const orders = new kinesis.Stream(this, 'OrdersStream', {
      streamName: 'orders',
      shardCount: 4,
      retentionPeriod: Duration.days(30),
      // retentionPeriod: Duration.days(400), // too long: max is 365 days
      encryption: kinesis.StreamEncryption.MANAGED,
    });

    // The fraud team's KCL app reads through enhanced fan-out (own 2 MB/s per shard).
    new kinesis.StreamConsumer(this, 'FraudConsumer', {
      streamConsumerName: 'fraud-scoring',
      stream: orders,
    });

    const enrichDlq = new sqs.Queue(this, 'EnrichDlq', {
      retentionPeriod: Duration.days(14),
    });

    const enrich = new lambda.Function(this, 'EnrichOrders', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      timeout: Duration.seconds(60),
      memorySize: 512,
      code: lambda.Code.fromInline(`
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
      console.log('order', order.orderId, 'partition', record.kinesis.partitionKey);
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.kinesis.sequenceNumber });
    }
  }
  return { batchItemFailures };
};`),
    });

    enrich.addEventSource(new KinesisEventSource(orders, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 500,
      maxBatchingWindow: Duration.seconds(5),
      parallelizationFactor: 2,
      retryAttempts: 3,
      maxRecordAge: Duration.hours(6),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(enrichDlq),
    }));

    const lake = new s3.Bucket(this, 'ClickstreamLake', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Direct PUT (no `source`), so src/producer.ts can call PutRecordBatch on it.
    new firehose.DeliveryStream(this, 'ClickstreamToS3', {
      deliveryStreamName: 'clickstream-to-s3',
      destination: new firehose.S3Bucket(lake, {
        bufferingInterval: Duration.seconds(60),
        bufferingSize: Size.mebibytes(64),
        compression: firehose.Compression.GZIP,
        dataOutputPrefix: 'clickstream/!{timestamp:yyyy/MM/dd}/',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      }),
    });

    // Low-volume audit stream kept as an L1 resource: on-demand, one week of retention.
    new kinesis.CfnStream(this, 'AuditStream', {
      name: 'order-audit',
      retentionPeriodHours: 168,
      streamModeDetails: { streamMode: 'ON_DEMAND' },
      streamEncryption: { encryptionType: 'KMS', keyId: 'alias/aws/kinesis' },
    });
  }
}
