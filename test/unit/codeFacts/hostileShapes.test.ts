// Hostile shapes that used to take minutes (a search restarted at every later token) or overflow the
// stack (recursion per nesting level), checked for what they return; bench/hover.ts measures how the
// time grows with their size.
import * as assert from 'node:assert/strict';
import { hoverAt, indexDocument, type HoverResult } from '../../../src/core/codeFacts';
import { jsFromClauses } from '../../../src/core/codeFacts/imports';
import { seededRandom } from '../../../src/core/exam/random';
import { shippedFacts } from './helpers';

describe('codeFacts: hostile shapes finish and keep their hovers', () => {
  const facts = shippedFacts();
  const K = 'var K=require("@aws-sdk/client-kinesis");new K.PutRecordsCommand({});';

  const hoverAfter = (text: string, languageId: string, word: string): HoverResult | undefined => {
    const index = indexDocument({ text, languageId, fileName: `hostile.${languageId}` }, facts);
    assert.ok(index, 'indexDocument returned undefined');
    return hoverAt(index, text.lastIndexOf(word) + 1, facts);
  };

  it('stray closers under a deep stack of braces', () => {
    // The request after them still has its own brackets: Records is counted inside PutRecordsCommand.
    const text = K + '{'.repeat(50_000) + ')'.repeat(50_000) + 'new K.PutRecordsCommand({StreamName:"s",Records:[{Data:d,PartitionKey:"a"},{Data:d,PartitionKey:"b"}]})';
    assert.ok(hoverAfter(text, 'javascript', 'Records')?.match.hint?.includes('**2 entries**'));
  });

  it('import and export words by the hundred thousand, and an unclosed destructuring after each var', () => {
    assert.ok(hoverAfter(K + 'export '.repeat(100_000), 'javascript', 'PutRecordsCommand'));
    assert.ok(hoverAfter(K + 'var {a '.repeat(100_000), 'javascript', 'PutRecordsCommand'));
  });

  it('a chain of fifty thousand names, each set from the one before', () => {
    let text = 'import * as kinesis from "aws-cdk-lib/aws-kinesis";const a0 = 4;';
    for (let i = 1; i < 50_000; i++) text += `const a${i} = a${i - 1};`;
    // Four names back is as far as a value is followed: a3 still reads 4, a4 no longer does.
    text += "new kinesis.Stream(s,'x',{shardCount:a3});new kinesis.Stream(s,'y',{shardCount:a49999});";
    const index = indexDocument({ text, languageId: 'typescript', fileName: 'chain.ts' }, facts);
    assert.ok(index);
    assert.ok(hoverAt(index, text.indexOf('shardCount:a3') + 1, facts)?.match.hint?.includes('**4 shards**'));
    assert.equal(hoverAt(index, text.lastIndexOf('shardCount') + 1, facts)?.match.hint, undefined);
  });

  it('template literals nested a hundred thousand deep', () => {
    assert.equal(hoverAfter(K + '`${'.repeat(100_000), 'javascript', 'PutRecordsCommand')?.match.cards[0].card.id, 'f09-putrecords-limits');
  });

  it('YAML flow collections and sequences nested tens of thousands deep', () => {
    const stream = 'Resources:\n  S:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 2\n';
    assert.ok(hoverAfter(stream + `      Tags: ${'['.repeat(100_000)}\n`, 'yaml', 'ShardCount'));
    assert.ok(hoverAfter(stream + `      Tags:\n        ${'- '.repeat(20_000)}x\n`, 'yaml', 'ShardCount'));
    const mapping = 'Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      BatchSize: 5\n      EventSourceArn:\n        ';
    // Too deep to read: the reference is not seen, so the mapping is not taken for a Kinesis one.
    assert.equal(hoverAfter(mapping + '- '.repeat(20_000) + 'kinesis\n', 'yaml', 'BatchSize'), undefined);
  });

  it('Go: import blocks by the ten thousand that never close, and Python imports that never close', () => {
    const go = 'package m\nimport "github.com/aws/aws-sdk-go-v2/service/kinesis"\n' + 'import (\n'.repeat(100_000) + 'var in = kinesis.PutRecordsInput{}\n';
    assert.ok(hoverAfter(go, 'go', 'PutRecordsInput'));
    const py = 'import boto3\nk = boto3.client("kinesis")\n' + 'from x import (\n'.repeat(50_000) + 'k.put_records(Records=[], StreamName="s")\n';
    assert.ok(hoverAfter(py, 'python', 'put_records'));
  });

  it('JSON nested half a million deep', () => {
    assert.ok(hoverAfter('{"Resources":{"S":{"Type":"AWS::Kinesis::Stream","Properties":{"ShardCount":2,"Tags":' + '['.repeat(500_000), 'json', 'ShardCount'));
  });
});

describe('codeFacts: the hand-written import … from reader', () => {
  // The regular expression it replaces; both must agree on every input (they differ only in cost).
  const REGEX = /\b(?:import|export)\s+(?:type\s+)?([\w$*{},\s]*?)\s*\bfrom\s*(['"])([^'"\n]+)\2/g;
  const PARTS = ['import', 'export', ' ', '  ', '\n', 'type', 'from', "'", '"', 'x', '{', '}', ',', '*', 'as', 'a', '$', '(', ';', '@aws-sdk/k', 'fromage', '\t', '\u00a0', '.', '='];

  it('reads the same clauses, modules and offsets as the regular expression on 20,000 generated statements', () => {
    const random = seededRandom(11);
    const pick = () => PARTS[Math.floor(random() * PARTS.length)];
    let matched = 0;
    for (let t = 0; t < 20_000; t++) {
      const tokens: string[] = [];
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        tokens.push(random() < 0.5 ? 'import' : 'export', ' ');
        for (let c = Math.floor(random() * 5); c > 0; c--) tokens.push(pick());
        const quote = random() < 0.5 ? "'" : '"';
        tokens.push(' ', 'from', ' ', quote, random() < 0.5 ? 'm' : pick(), quote);
        if (random() < 0.5) tokens.push(pick());
      }
      // Mutations make broken statements too: a missing quote, a stray keyword, no `from`.
      for (let m = Math.floor(random() * 3); m > 0; m--) {
        const at = Math.floor(random() * tokens.length);
        if (random() < 0.5) tokens.splice(at, 1);
        else tokens.splice(at, 0, pick());
      }
      const text = tokens.join('');
      const expected = [...text.matchAll(REGEX)].map((m) => `${m[1].trim()}|${m[3]}|${m.index! + m[0].length - m[3].length - 1}`);
      const actual = [...jsFromClauses(text)].map((c) => `${c.clause.trim()}|${c.module}|${c.at}`);
      assert.deepEqual(actual, expected, JSON.stringify(text));
      if (expected.length) matched++;
    }
    assert.ok(matched > 5_000, `${matched} inputs had a statement`);
  });
});
