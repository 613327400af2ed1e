/** Which part of the Kinesis family a file (or an identifier in it) talks to. */
export type Family = 'kinesis' | 'firehose' | 'eventSource' | 'analytics' | 'kcl' | 'kpl';

/** Languages the scanners understand; VS Code language ids map onto these (see languages.ts). */
export type LanguageKind = 'js' | 'python' | 'java' | 'go' | 'yaml' | 'json';

/** A name whose single assignment in the file gave the value, and that assignment's value as written. */
export interface ValueSource {
  name: string;
  text: string;
}

/** A literal value read from the code next to an identifier, in the unit the limits are stated in. */
export type LiteralValue =
  | { kind: 'number'; value: number }
  | { kind: 'duration'; seconds: number }
  | { kind: 'size'; mebibytes: number }
  | { kind: 'array'; count: number }
  | { kind: 'string'; value: string };

export type Service = 'kinesis' | 'firehose';

/** An identifier (or identifier-like string / template key) the decks or the built-in rules know. */
export interface Occurrence {
  /** Offsets of the hoverable text in the document (UTF-16, like VS Code's offsetAt). */
  start: number;
  end: number;
  raw: string;
  /** Normalized name used for the deck lookup (see naming.ts). */
  key: string;
  /** 0: matches as written after normalization; 1: only after dropping an SDK wrapper or setter prefix. */
  reduced: boolean;
  /** `key`: a property, keyword argument, template key or builder setter; `value`: an enum-like value; `name`: anything else. */
  role: 'name' | 'key' | 'value';
  /** Innermost bracket (or template mapping) around it; -1 at top level. */
  frame: number;
  /** Normalized names qualifying it, nearest first: `lambda.StartingPosition.TRIM_HORIZON` → [startingposition, lambda]. */
  chain: string[];
  /** For a value: the normalized key it is the value of. */
  valueKey?: string;
  value?: LiteralValue;
  /** When the value was read through a name assigned once in the file (`shardCount: SHARDS`). */
  valueFrom?: ValueSource;
  valueStart?: number;
  valueEnd?: number;
  /** The bracket opened right after a callee or type name (`new Foo(` / `Foo{`). */
  callFrame?: number;
  /** Which service the code around it talks to, when that can be told (import, qualifier, resource type). */
  service?: Service;
}

export const DIAGNOSTIC_KINDS = [
  'kinesis-retention-range',
  'firehose-buffer-interval-range',
  'firehose-buffer-size-range',
  'lambda-batch-size-range',
  'lambda-parallelization-range',
  'lambda-batching-window-range',
  'getrecords-limit-range',
  'kcl-max-records-range',
  'putrecords-too-many',
  'putrecordbatch-too-many',
  'kda-sql-runtime',
  'kda-sql-api',
  'cdk-v1',
  'firehose-alpha',
  'kcl-v1',
] as const;

export type DiagnosticKind = (typeof DIAGNOSTIC_KINDS)[number];

export interface CodeDiagnostic {
  start: number;
  end: number;
  kind: DiagnosticKind;
  message: string;
}
