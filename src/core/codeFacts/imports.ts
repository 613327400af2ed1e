import type { Family, LanguageKind, Service } from './types';

/**
 * What a source file imports, read with per-language regular expressions: cheap, and good enough
 * because import syntax is regular. A file that imports nothing from the Kinesis family is never
 * indexed, which is what keeps hovers off unrelated code.
 */
export interface ImportInfo {
  families: Set<Family>;
  /** Local name (imported name or alias) → module it came from. */
  names: Map<string, string>;
  /** Local alias → the name it was imported as (`GetRecordsCommand as KinesisGetRecords`). */
  aliases: Map<string, string>;
  /** Every imported module with the offsets of its name, for deprecation diagnostics. */
  modules: ImportedModule[];
}

export interface ImportedModule {
  module: string;
  start: number;
  end: number;
}

/** Modules of services that reuse Kinesis words (GetRecords, ShardIterator, batchSize, ProvisionedThroughputExceededException…). */
const COMPETING = /dynamodb|(?:^|[^a-z])sqs(?:$|[^a-z])|kafka|(?:^|[^a-z])msk(?:$|[^a-z])|(?:^|[^a-z])mq(?:$|[^a-z])/i;

export function classifyModule(module: string): Family | 'competing' | undefined {
  const m = module.toLowerCase();
  if (/kinesisfirehose|(?:client-|clients\/|services\.|service\/|boto3:)firehose(?:$|[^a-z])/.test(m)) return 'firehose';
  if (/kinesisanalytics|kinesis-analytics/.test(m)) return 'analytics';
  if (/kinesis\.producer|aws-kinesis-agg|aws_kinesis_agg|kinesis-aggregation|kinesis-producer/.test(m)) return 'kpl';
  if (/^software\.amazon\.kinesis(?:\.|$)|kinesis\.clientlibrary|kinesis\.leases|kinesis\.multilang|amazon_kclpy|^aws-kcl$|vmware-go-kcl|kinesis-consumer/.test(m)) return 'kcl';
  if (/aws-lambda-event-sources$|aws_lambda_event_sources$|lambda\.eventsources(?:\.|$)|awslambdaeventsources$/.test(m)) return 'eventSource';
  // aws-solutions-constructs: aws-kinesisstreams-lambda, aws_kinesis_streams_lambda, kinesisstreamslambda, …
  if (/kinesis[-_]?streams/.test(m)) return 'kinesis';
  if (/(?:^|\/)aws-kinesis$|client-kinesis$|clients\/kinesis$|aws_cdk\.aws_kinesis$|services\.kinesis(?:\.|$)|service\/kinesis(?:\/|$)|\/awskinesis$|^boto3:kinesis$/.test(m)) return 'kinesis';
  if (COMPETING.test(m)) return 'competing';
  return undefined;
}

export function serviceOfModule(module: string | undefined): Service | undefined {
  if (!module) return undefined;
  const family = classifyModule(module);
  return family === 'firehose' ? 'firehose' : family === 'kinesis' || family === 'kcl' || family === 'kpl' ? 'kinesis' : undefined;
}

export function readImports(text: string, language: LanguageKind): ImportInfo {
  const info: ImportInfo = { families: new Set(), names: new Map(), aliases: new Map(), modules: [] };
  switch (language) {
    case 'js':
      readJsImports(text, info);
      break;
    case 'python':
      readPythonImports(text, info);
      break;
    case 'java':
      readJavaImports(text, info);
      break;
    case 'go':
      readGoImports(text, info);
      break;
    default:
      return info;
  }
  for (const { module } of info.modules) {
    const family = classifyModule(module);
    if (family && family !== 'competing' && family !== 'eventSource') info.families.add(family);
    // The event-sources module also serves SQS, DynamoDB and Kafka; it counts only when a Kinesis source is used.
    if (family === 'eventSource' && /\bKinesis(?:Consumer)?EventSource\b/.test(text)) info.families.add('eventSource');
  }
  return info;
}

function addModule(info: ImportInfo, module: string, start: number, length = module.length): void {
  info.modules.push({ module, start, end: start + length });
}

const JS_SIDE_EFFECT = /\bimport\s*(['"])([^'"\n]+)\1/g;
// `[^{}]`, not `[^}]`: from an unclosed `var {`, the search for `}` stops at the next `{` instead of
// running to the end of a minified file (and again from every later `var {`).
const JS_REQUIRE = /\b(?:(?:const|let|var)\s+(\{[^{}]*\}|[\w$]+)\s*=\s*)?(?:require|import)\s*\(\s*(['"])([^'"\n]+)\2\s*\)/g;
const JS_IMPORT_EQUALS = /\bimport\s+([\w$]+)\s*=\s*require\s*\(\s*(['"])([^'"\n]+)\2\s*\)/g;
const AWS_SDK_V2_CLIENT = /\bnew\s+(?:AWS\s*\.\s*)?(Kinesis|Firehose|KinesisAnalyticsV2|KinesisAnalytics)\s*\(/g;
const CDK_NAMESPACE = /\.\s*(aws_kinesis(?:firehose)?|aws_lambda_event_sources|aws_kinesisanalytics)\s*\./g;

function readJsImports(text: string, info: ImportInfo): void {
  for (const { clause, module, at } of jsFromClauses(text)) {
    addModule(info, module, at);
    bindJsClause(clause, module, info);
  }
  for (const m of text.matchAll(JS_SIDE_EFFECT)) addModule(info, m[2], m.index! + m[0].indexOf(m[2]));
  for (const m of text.matchAll(JS_IMPORT_EQUALS)) info.names.set(m[1], m[3]);
  for (const m of text.matchAll(JS_REQUIRE)) {
    const module = m[3];
    addModule(info, module, m.index! + m[0].lastIndexOf(module));
    if (m[1]) bindJsClause(m[1].replace(/:/g, ' as '), module, info);
  }
  const modules = new Set(info.modules.map((m) => m.module));
  if (modules.has('aws-sdk')) {
    for (const m of text.matchAll(AWS_SDK_V2_CLIENT)) addModule(info, `aws-sdk/clients/${m[1].toLowerCase()}`, m.index!);
  }
  if (modules.has('aws-cdk-lib')) {
    for (const m of text.matchAll(CDK_NAMESPACE)) addModule(info, `aws_cdk.${m[1]}`, m.index! + m[0].indexOf(m[1]));
  }
}

/**
 * `import … from 'm'` and `export … from 'm'`: the clause (names, braces, `* as x`, `type`) and the
 * module with its offset. Read by hand because the equivalent regular expression,
 * `\b(?:import|export)\s+(?:type\s+)?([\w$*{},\s]*?)\s*\bfrom\s*(['"])([^'"\n]+)\2`, restarts its
 * search for `from` at every later `import`/`export` word and backtracks over runs of blanks: minutes
 * on a megabyte of prose or generated code. Here a search that fails stops every start before the
 * point where it failed, so each character is looked at a bounded number of times.
 */
export function* jsFromClauses(text: string): Generator<{ clause: string; module: string; at: number }> {
  const len = text.length;
  const keyword = /\b(?:import|export)\s/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    let p = m.index + 6;
    while (p < len && isJsSpace(text.charCodeAt(p))) p++;
    if (text.startsWith('type', p) && isJsSpace(text.charCodeAt(p + 4))) {
      p += 4;
      while (p < len && isJsSpace(text.charCodeAt(p))) p++;
    }
    const clauseStart = p;
    // Where the next search may start: after this statement, or where this search failed, since a
    // later start would look at the same characters and fail there too.
    let resume = len;
    for (let q = p; q < len; q++) {
      const c = text.charCodeAt(q);
      if (c === 102 /* f */ && text.startsWith('from', q) && (q === 0 || !isWordChar(text.charCodeAt(q - 1)))) {
        let r = q + 4;
        while (r < len && isJsSpace(text.charCodeAt(r))) r++;
        const quote = text.charCodeAt(r);
        if (quote === 39 || quote === 34) {
          let e = r + 1;
          while (e < len && !isModuleEnd(text.charCodeAt(e))) e++;
          if (e > r + 1 && text.charCodeAt(e) === quote) {
            yield { clause: text.slice(clauseStart, q), module: text.slice(r + 1, e), at: r + 1 };
            resume = e + 1;
            break;
          }
        }
      }
      if (!isClauseChar(c)) {
        resume = q;
        break;
      }
    }
    keyword.lastIndex = resume;
  }
}

/** `\w` */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `\s` */
function isJsSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `[\w$*{},\s]`: what an import clause is made of. */
function isClauseChar(c: number): boolean {
  return isWordChar(c) || c === 36 || c === 42 || c === 123 || c === 125 || c === 44 || isJsSpace(c);
}

function isModuleEnd(c: number): boolean {
  return c === 39 || c === 34 || c === 10;
}

function bindJsClause(clause: string, module: string, info: ImportInfo): void {
  const trimmed = clause.trim();
  if (!trimmed) return;
  const braces = /\{([^}]*)\}/.exec(trimmed);
  if (braces) {
    for (const spec of braces[1].split(',')) {
      const parts = spec.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      const local = (parts[1] ?? parts[0]).trim();
      if (/^[\w$]+$/.test(local)) info.names.set(local, module);
      if (parts[1] && /^[\w$]+$/.test(parts[0].trim())) info.aliases.set(local, parts[0].trim());
    }
  }
  const outside = trimmed.replace(/\{[^}]*\}/, '');
  const star = /\*\s*as\s+([\w$]+)/.exec(outside);
  if (star) info.names.set(star[1], module);
  const def = /^([\w$]+)\s*(?:,|$)/.exec(outside.trim());
  if (def && def[1] !== 'type') info.names.set(def[1], module);
}

const PY_FROM = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\n#]+)/gm;
// boto3.client('kinesis'), session.resource(…), aiobotocore's create_client, wrappers like get_boto3_client('kinesis').
const PY_CLIENT = /(?:client|resource)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]/g;

function readPythonImports(text: string, info: ImportInfo): void {
  for (const m of text.matchAll(PY_FROM)) {
    const base = m[1];
    addModule(info, base, m.index! + m[0].indexOf(base));
    const namesStart = m.index! + m[0].length - m[2].length;
    for (const spec of m[2].replace(/[()\\]/g, ' ').split(',')) {
      const parts = spec.trim().split(/\s+as\s+/);
      const name = parts[0].trim();
      if (!/^\w+$/.test(name)) continue;
      const local = (parts[1] ?? name).trim();
      if (parts[1]) info.aliases.set(local, name);
      // `from aws_cdk import aws_kinesis` names a submodule; `from aws_cdk.aws_kinesis import Stream` a member.
      const module = /^[a-z_][a-z0-9_]*$/.test(name) && name !== name.toUpperCase() ? `${base}.${name}` : base;
      info.names.set(local, module);
      if (module !== base) {
        const at = text.indexOf(name, namesStart);
        addModule(info, module, at >= 0 ? at : namesStart, name.length);
      }
    }
  }
  for (const m of text.matchAll(PY_IMPORT)) {
    const lineStart = m.index! + m[0].length - m[1].length;
    for (const spec of m[1].split(',')) {
      const parts = spec.trim().split(/\s+as\s+/);
      const module = parts[0].trim();
      if (!/^[\w.]+$/.test(module)) continue;
      const at = text.indexOf(module, lineStart);
      addModule(info, module, at >= 0 ? at : lineStart);
      info.names.set((parts[1] ?? module.split('.')[0]).trim(), parts[1] ? module : module.split('.')[0]);
    }
  }
  for (const m of text.matchAll(PY_CLIENT)) addModule(info, `boto3:${m[1]}`, m.index! + m[0].lastIndexOf(m[1]));
}

const JAVA_IMPORT = /^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)(\.\*)?[ \t]*;/gm;

function readJavaImports(text: string, info: ImportInfo): void {
  for (const m of text.matchAll(JAVA_IMPORT)) {
    const module = m[1];
    addModule(info, module, m.index! + m[0].indexOf(module));
    if (!m[2]) info.names.set(module.slice(module.lastIndexOf('.') + 1), module);
  }
}

const GO_IMPORT_BLOCK = /\bimport\s*\(([^)]*)\)/g;
const GO_IMPORT_SPEC = /(?:^|[\s;])(?:([\w.]+)\s+)?"([^"\n]+)"/g;
const GO_IMPORT_SINGLE = /\bimport\s+(?:([\w.]+)\s+)?"([^"\n]+)"/g;

function readGoImports(text: string, info: ImportInfo): void {
  const bind = (alias: string | undefined, path: string, at: number) => {
    addModule(info, path, at);
    const segments = path.split('/');
    let name = segments.pop() ?? path;
    if (/^v\d+$/.test(name) && segments.length) name = segments.pop()!;
    if (alias !== '_' && alias !== '.') info.names.set(alias ?? name.replace(/[^\w]/g, ''), path);
  };
  // A block ends at a `)`: searching only up to the last one keeps `import (` after it from
  // scanning to the end of the file once each (quadratic with thousands of them).
  const blocks = text.slice(0, text.lastIndexOf(')') + 1);
  for (const block of blocks.matchAll(GO_IMPORT_BLOCK)) {
    const bodyStart = block.index! + block[0].indexOf('(') + 1;
    for (const spec of block[1].matchAll(GO_IMPORT_SPEC)) bind(spec[1], spec[2], bodyStart + spec.index! + spec[0].indexOf('"') + 1);
  }
  for (const m of text.matchAll(GO_IMPORT_SINGLE)) bind(m[1], m[2], m.index! + m[0].indexOf('"') + 1);
}
