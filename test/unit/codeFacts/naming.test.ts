import * as assert from 'node:assert/strict';
import { normalizeIdentifier, operationBase } from '../../../src/core/codeFacts';

describe('codeFacts: identifier matching rule', () => {
  it('ignores case and word separators', () => {
    for (const spelling of ['shardCount', 'shard_count', 'ShardCount', 'SHARD_COUNT']) assert.equal(normalizeIdentifier(spelling), 'shardcount');
    assert.equal(normalizeIdentifier('size_in_m_bs'), normalizeIdentifier('SizeInMBs'));
    assert.equal(normalizeIdentifier('StreamMode_ON_DEMAND'), normalizeIdentifier('StreamModeOnDemand'));
    assert.equal(normalizeIdentifier('SQL-1_0'), normalizeIdentifier('SQL_1_0'));
  });

  it('reduces SDK operation wrappers to the operation, only for API verbs', () => {
    assert.equal(operationBase('putrecordscommand'), 'putrecords');
    assert.equal(operationBase('getrecordsrequest'), 'getrecords');
    assert.equal(operationBase('getrecordswithcontext'), 'getrecords');
    assert.equal(operationBase('putrecordbatchoutput'), 'putrecordbatch');
    assert.equal(operationBase('kinesisfirehoseinput'), 'kinesisfirehoseinput');
    assert.equal(operationBase('request'), 'request');
  });
});
