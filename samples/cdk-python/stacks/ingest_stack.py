"""Orders stream with a Lambda consumer, written with the CDK v2 Python bindings."""
from aws_cdk import Duration, Stack
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct

# 4 shards = 4 MB/s or 4,000 records/s of writes; ~3,000 orders/s at peak.
ORDER_SHARDS = 4

HANDLER = """
import base64
import json


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            order = json.loads(base64.b64decode(record["kinesis"]["data"]))
            print("order", order["orderId"], "customer", order["customerId"])
        except (ValueError, KeyError):
            failures.append({"itemIdentifier": record["kinesis"]["sequenceNumber"]})
    return {"batchItemFailures": failures}
"""


class IngestStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        orders = kinesis.Stream(
            self,
            "OrdersStream",
            stream_name="orders-py",
            shard_count=ORDER_SHARDS,
            retention_period=Duration.days(30),
            encryption=kinesis.StreamEncryption.MANAGED,
        )

        # Spiky, low-volume events: let on-demand mode do the capacity planning.
        kinesis.Stream(
            self,
            "ReturnsStream",
            stream_name="returns-py",
            stream_mode=kinesis.StreamMode.ON_DEMAND,
            retention_period=Duration.hours(48),
        )

        dlq = sqs.Queue(self, "OrdersDlq", retention_period=Duration.days(14))

        consumer = lambda_.Function(
            self,
            "OrdersConsumer",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline(HANDLER),
            timeout=Duration.seconds(60),
            memory_size=512,
        )

        consumer.add_event_source(
            event_sources.KinesisEventSource(
                orders,
                starting_position=lambda_.StartingPosition.LATEST,
                batch_size=500,
                max_batching_window=Duration.seconds(2),
                parallelization_factor=2,
                retry_attempts=3,
                max_record_age=Duration.hours(1),
                bisect_batch_on_error=True,
                report_batch_item_failures=True,
                on_failure=event_sources.SqsDlq(dlq),
            )
        )
