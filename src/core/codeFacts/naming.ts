/**
 * Identifier matching rule, shared by deck entries and code:
 *
 * 1. Case and word separators do not matter: `shardCount`, `shard_count`, `ShardCount` and
 *    `SHARD_COUNT` are the same name (lower-case, drop `_` and `-`). `size_in_m_bs` (the CDK's
 *    Python spelling of `SizeInMBs`) and `StreamMode_ON_DEMAND` (Go) fall out of the same rule.
 * 2. SDK operation wrappers do not matter either: `PutRecordsCommand`, `PutRecordsRequest`,
 *    `PutRecordsInput`, `PutRecordsWithContext`, `putRecordsAsync` all reduce to the operation
 *    `putrecords`. Only names that start with an API verb are reduced, so that `KinesisFirehoseInput`
 *    (a type, not an operation) keeps its meaning. A reduced match ranks below an exact one.
 * 3. Java v1 builders prefix setters with `with`/`set` (`withLimit`); those prefixes are dropped
 *    when the full name means nothing (see codeScanner).
 */
export function normalizeIdentifier(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('_') || lower.includes('-') ? lower.replace(/[_-]/g, '') : lower;
}

const OPERATION_SUFFIXES = ['pageswithcontext', 'withcontext', 'paginator', 'command', 'request', 'response', 'output', 'result', 'input', 'async', 'pages'];

const API_VERB = /^(?:put|get|list|describe|create|update|delete|register|deregister|subscribe|increase|decrease|split|merge|start|stop|add|remove|enable|disable|discover|tag|untag)[a-z]/;

/** `putrecordscommand` → `putrecords`; a name that is not an SDK operation wrapper comes back unchanged. */
export function operationBase(normalized: string): string {
  for (const suffix of OPERATION_SUFFIXES) {
    if (normalized.length > suffix.length + 4 && normalized.endsWith(suffix)) {
      const base = normalized.slice(0, -suffix.length);
      return API_VERB.test(base) ? base : normalized;
    }
  }
  return normalized;
}

/** Deck entries may be written qualified (`kinesis.PutRecords`, `Foo::Bar`); only the last segment names the identifier. */
export function deckIdentifierKey(entry: string): string {
  const trimmed = entry.trim().replace(/\(\)$/, '');
  const last = trimmed.split(/\.|::|#/).pop() ?? trimmed;
  return normalizeIdentifier(last);
}
