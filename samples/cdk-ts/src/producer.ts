import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';

const kinesis = new KinesisClient({});
const firehose = new FirehoseClient({});

// PutRecords: at most 500 records per call. The current API allows 10 MiB per request,
// older docs say 5 MiB; staying under 5 MiB is valid either way.
const KINESIS_MAX_RECORDS = 500;
const KINESIS_MAX_BYTES = 5 * 1024 * 1024;
// PutRecordBatch: at most 500 records and 4 MiB per call (fixed limits).
const FIREHOSE_MAX_RECORDS = 500;
const FIREHOSE_MAX_BYTES = 4 * 1024 * 1024;
const MAX_ATTEMPTS = 5;

interface OrderEvent {
  orderId: string;
  customerId: string;
  amountCents: number;
  at: string;
}

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits items into batches that respect both a count and a byte budget. */
function batches<T>(items: T[], maxCount: number, maxBytes: number, sizeOf: (item: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length === maxCount || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export async function putOrders(streamName: string, orders: OrderEvent[]): Promise<void> {
  let pending: PutRecordsRequestEntry[] = orders.map((order) => ({
    // Same customer -> same shard, so one customer's events stay in order.
    PartitionKey: order.customerId,
    Data: encoder.encode(JSON.stringify(order)),
  }));
  const sizeOf = (e: PutRecordsRequestEntry) => (e.Data?.byteLength ?? 0) + encoder.encode(e.PartitionKey ?? '').byteLength;

  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`${pending.length} records still failing after ${MAX_ATTEMPTS} attempts`);
    const failed: PutRecordsRequestEntry[] = [];
    for (const batch of batches(pending, KINESIS_MAX_RECORDS, KINESIS_MAX_BYTES, sizeOf)) {
      const res = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: batch }));
      // PutRecords is not atomic: throttled entries come back with an ErrorCode.
      if (res.FailedRecordCount) {
        res.Records?.forEach((result, i) => {
          if (result.ErrorCode) failed.push(batch[i]);
        });
      }
    }
    pending = failed;
    if (pending.length > 0) await sleep(100 * 2 ** attempt);
  }
}

export async function putClicks(deliveryStreamName: string, clicks: object[]): Promise<void> {
  const records = clicks.map((click) => ({ Data: encoder.encode(JSON.stringify(click) + '\n') }));
  for (const batch of batches(records, FIREHOSE_MAX_RECORDS, FIREHOSE_MAX_BYTES, (r) => r.Data.byteLength)) {
    const res = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: deliveryStreamName, Records: batch }));
    if (res.FailedPutCount) {
      const codes = res.RequestResponses?.filter((r) => r.ErrorCode).map((r) => r.ErrorCode);
      // Clickstream is best effort; orders (above) are retried until accepted.
      console.warn(`Firehose rejected ${res.FailedPutCount} of ${batch.length} records`, codes);
    }
  }
}

async function main(): Promise<void> {
  const now = new Date().toISOString();
  const orders: OrderEvent[] = Array.from({ length: 1200 }, (_, i) => ({
    orderId: `o-${i}`,
    customerId: `c-${i % 97}`,
    amountCents: 500 + (i % 50) * 10,
    at: now,
  }));
  await putOrders('orders', orders);
  await putClicks('clickstream-to-s3', orders.map((o) => ({ page: '/checkout', orderId: o.orderId, at: o.at })));
  console.log(`sent ${orders.length} orders and clicks`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
