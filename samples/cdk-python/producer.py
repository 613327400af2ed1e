"""Write order events to Kinesis with put_records and tail one shard with get_records.

    python producer.py produce          # send 1,200 sample orders
    python producer.py consume [shard]  # poll a shard (default shardId-000000000000)
"""
import json
import sys
import time
import uuid
from datetime import datetime, timezone

import boto3

STREAM_NAME = "orders-py"
MAX_RECORDS_PER_CALL = 500  # PutRecords hard limit
MAX_BYTES_PER_CALL = 5 * 1024 * 1024  # under both the old (5 MiB) and current (10 MiB) request limit
GET_RECORDS_LIMIT = 1000  # a single call may ask for up to 10,000
POLL_INTERVAL_S = 1.0  # all polling consumers share 5 GetRecords calls/s per shard

kinesis = boto3.client("kinesis")


def batches(entries):
    batch, size = [], 0
    for entry in entries:
        entry_size = len(entry["Data"]) + len(entry["PartitionKey"].encode())
        if batch and (len(batch) == MAX_RECORDS_PER_CALL or size + entry_size > MAX_BYTES_PER_CALL):
            yield batch
            batch, size = [], 0
        batch.append(entry)
        size += entry_size
    if batch:
        yield batch


def put_orders(orders, max_attempts=5):
    pending = [
        {"Data": json.dumps(order).encode(), "PartitionKey": order["customerId"]}
        for order in orders
    ]
    for attempt in range(1, max_attempts + 1):
        failed = []
        for batch in batches(pending):
            response = kinesis.put_records(StreamName=STREAM_NAME, Records=batch)
            if response["FailedRecordCount"]:
                # Results line up with the request entries; failed ones carry an ErrorCode.
                failed += [entry for entry, result in zip(batch, response["Records"]) if "ErrorCode" in result]
        if not failed:
            return
        pending = failed
        time.sleep(0.1 * 2**attempt)
    raise RuntimeError(f"{len(pending)} records still failing after {max_attempts} attempts")


def new_iterator(shard_id, after_sequence=None):
    if after_sequence:
        kwargs = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": after_sequence}
    else:
        kwargs = {"ShardIteratorType": "TRIM_HORIZON"}
    return kinesis.get_shard_iterator(StreamName=STREAM_NAME, ShardId=shard_id, **kwargs)["ShardIterator"]


def consume(shard_id="shardId-000000000000"):
    last_sequence = None
    iterator = new_iterator(shard_id)
    while iterator:  # a closed shard eventually returns no NextShardIterator
        try:
            response = kinesis.get_records(ShardIterator=iterator, Limit=GET_RECORDS_LIMIT)
        except kinesis.exceptions.ExpiredIteratorException:
            # Iterators expire 5 minutes after they are issued: resume after the last record seen.
            iterator = new_iterator(shard_id, last_sequence)
            continue
        except kinesis.exceptions.ProvisionedThroughputExceededException:
            time.sleep(POLL_INTERVAL_S * 2)
            continue
        for record in response["Records"]:
            order = json.loads(record["Data"])
            print(record["SequenceNumber"], order["orderId"], order["amountCents"])
            last_sequence = record["SequenceNumber"]
        print(f"behind tip by {response['MillisBehindLatest']} ms")
        iterator = response.get("NextShardIterator")
        time.sleep(POLL_INTERVAL_S)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "consume":
        consume(*sys.argv[2:3])
    else:
        now = datetime.now(timezone.utc).isoformat()
        put_orders(
            {"orderId": str(uuid.uuid4()), "customerId": f"c-{i % 97}", "amountCents": 500 + i, "at": now}
            for i in range(1200)
        )
        print("sent 1200 orders")
