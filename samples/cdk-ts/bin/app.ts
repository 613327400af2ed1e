#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { IngestStack } from '../lib/ingest-stack';

const app = new App();

new IngestStack(app, 'OrdersIngest', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1',
  },
});
