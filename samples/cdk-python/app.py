#!/usr/bin/env python3
"""CDK entry point for the Python flavour of the orders ingest sample."""
import os

import aws_cdk as cdk

from stacks.ingest_stack import IngestStack

app = cdk.App()

IngestStack(
    app,
    "OrdersIngestPy",
    env=cdk.Environment(
        account=os.environ.get("CDK_DEFAULT_ACCOUNT"),
        region=os.environ.get("CDK_DEFAULT_REGION", "eu-west-1"),
    ),
)

app.synth()
