import type { Family, Occurrence } from './types';

/**
 * The built-in context table. Most deck identifiers are specific enough that appearing in a
 * Kinesis-importing file is all the context they need (`PutRecordsCommand`, `shardCount`). The words
 * below are shared with other services or are plain English in code (`Limit`, `batchSize`,
 * `retentionPeriod`, `partitionKey`, `TRIM_HORIZON`), so they count only where the surrounding code
 * shows a Kinesis call: the construct or request they are passed to, their sibling keys, or the
 * CloudFormation resource they sit in. A deck cannot express this, hence a table in code.
 */
export interface RuleContext {
  occ: Occurrence;
  /** Inside a Kinesis-related CloudFormation/SAM resource (templates only index those). */
  template: boolean;
  families: ReadonlySet<Family>;
  /** Normalized names of enclosing calls, constructs, request types and property keys, nearest first. */
  hasOwner(names: readonly string[]): boolean;
  /** Keys written next to the occurrence (same object literal or argument list). */
  hasSibling(names: readonly string[]): boolean;
  /** The nearest enclosing call named in `owners` (or the call right after the occurrence) mentions Kinesis. */
  ownerHasKinesisEvidence(owners: readonly string[]): boolean;
  chainHas(names: readonly string[]): boolean;
}

export interface ContextRule {
  allowed(ctx: RuleContext): boolean;
  /** Further identifiers to look cards up by, after the word itself (`Limit` → cards about `maxRecords`). */
  alsoLookup?: readonly string[] | ((ctx: RuleContext) => readonly string[]);
  /** Enclosing owners whose cards apply when the word itself has none (`Records` inside `PutRecords`). */
  lookupOwners?: readonly string[];
  /** The word names a class: a camelCase variable of the same name (`scheduler`) is not it. */
  typeName?: boolean;
}

const ESM_KINESIS_OWNERS = ['kinesiseventsource', 'kinesisconsumereventsource', 'kinesiseventsourceprops'];
/** Event source mappings in general: SQS, DynamoDB, Kafka and MQ use the same names. */
const ESM_OWNERS = ['eventsourcemapping', 'cfneventsourcemapping', 'addeventsourcemapping', 'eventsourcemappingprops', 'cfneventsourcemappingprops', 'createeventsourcemapping', 'updateeventsourcemapping'];

function esmContext(ctx: RuleContext): boolean {
  return ctx.template || ctx.hasOwner(ESM_KINESIS_OWNERS) || (ctx.hasOwner(ESM_OWNERS) && ctx.ownerHasKinesisEvidence(ESM_OWNERS));
}

const family = (...families: Family[]) => (ctx: RuleContext) => ctx.template || families.some((f) => ctx.families.has(f));

const ESM_WORDS = [
  'batchsize', 'startingposition', 'startingpositiontimestamp', 'parallelizationfactor', 'maxbatchingwindow',
  'maximumbatchingwindowinseconds', 'retryattempts', 'maximumretryattempts', 'maxrecordage', 'maximumrecordageinseconds',
  'bisectbatchonerror', 'bisectbatchonfunctionerror', 'onfailure', 'destinationconfig', 'reportbatchitemfailures',
  'functionresponsetypes', 'tumblingwindow', 'tumblingwindowinseconds', 'sqsdlq', 'snsdlq',
];

const ITERATOR_POSITIONS = ['trimhorizon', 'attimestamp', 'atsequencenumber', 'aftersequencenumber', 'latest'];

const RULES = new Map<string, ContextRule>();

for (const word of ESM_WORDS) RULES.set(word, { allowed: esmContext });
for (const word of ['eventsourcemapping', 'cfneventsourcemapping']) {
  RULES.set(word, { allowed: (ctx) => ctx.template || ctx.ownerHasKinesisEvidence([]) });
}
for (const word of ITERATOR_POSITIONS) {
  RULES.set(word, {
    // `LATEST` has no card of its own in the shipped deck: the starting-position card covers it in an
    // event source mapping, the iterator-type card everywhere else.
    alsoLookup: (ctx) => (ctx.chainHas(['startingposition']) || ctx.occ.valueKey === 'startingposition' ? ['startingposition', 'sharditeratortype'] : ['sharditeratortype']),
    allowed: (ctx) => {
      if (ctx.template) return true;
      const { valueKey } = ctx.occ;
      if (ctx.chainHas(['sharditeratortype', 'initialpositioninstream', 'initialpositioninstreamextended'])) return true;
      if (valueKey === 'sharditeratortype' || valueKey === 'initialpositioninstream') return true;
      return (ctx.chainHas(['startingposition']) || valueKey === 'startingposition') && esmContext(ctx);
    },
  });
}

RULES.set('retentionperiod', {
  allowed: (ctx) => ctx.template || ctx.hasOwner(['stream', 'streamprops']) || ctx.hasSibling(['shardcount', 'streammode', 'shardlevelmetrics']),
});
// `Limit` and `Records` count only as the request's own keys, not as variables passed to them (`Records=records`).
RULES.set('limit', {
  allowed: (ctx) => ctx.occ.role === 'key' && (ctx.hasOwner(['getrecords']) || ctx.hasSibling(['sharditerator'])),
  alsoLookup: ['maxrecords'],
  lookupOwners: ['getrecords'],
});
RULES.set('records', {
  allowed: (ctx) => ctx.occ.role === 'key' && ctx.hasOwner(['putrecords', 'putrecordbatch']),
  lookupOwners: ['putrecords', 'putrecordbatch'],
});
RULES.set('partitionkey', {
  allowed: (ctx) =>
    ctx.hasOwner(['putrecord', 'putrecords', 'putrecordsrequestentry', 'adduserrecord']) ||
    ctx.hasSibling(['data', 'explicithashkey', 'streamname', 'streamarn']) ||
    ctx.chainHas(['kinesis']),
});
RULES.set('ondemand', {
  allowed: (ctx) => ctx.template || ctx.chainHas(['streammode']) || ctx.occ.valueKey === 'streammode',
});
// The iterator a GetShardIterator call returns: its 5-minute expiry is the fact that matters.
RULES.set('sharditerator', { allowed: family('kinesis', 'kcl'), alsoLookup: ['getsharditerator'] });
// KCL checkpointing and record-processor lifecycle: plain words outside a KCL application.
for (const word of ['checkpoint', 'checkpointer']) RULES.set(word, { allowed: family('kcl'), alsoLookup: ['recordprocessorcheckpointer'] });
for (const word of ['leaselost', 'shardended', 'shutdownrequested']) RULES.set(word, { allowed: family('kcl'), alsoLookup: ['shardrecordprocessor'] });
RULES.set('scheduler', { allowed: family('kcl'), alsoLookup: ['configsbuilder'], typeName: true });
RULES.set('applicationname', { allowed: (ctx) => ctx.families.has('kcl') || ctx.hasOwner(['configsbuilder']) });
RULES.set('processrecords', { allowed: family('kcl') });
RULES.set('maxrecords', { allowed: (ctx) => ctx.hasOwner(['pollingconfig']) || ctx.families.has('kcl') });
// The legacy SQL-only API's name: meaningful as a client or resource name, not as a module alias.
RULES.set('kinesisanalytics', { allowed: (ctx) => ctx.template || ctx.occ.role === 'value' });
RULES.set('runtimeenvironment', { allowed: family('analytics') });
RULES.set('flushsync', { allowed: family('kpl') });
for (const word of ['limitexceededexception', 'kmsthrottlingexception']) RULES.set(word, { allowed: family('kinesis') });
for (const word of ['provisionedthroughputexceededexception', 'errcodeprovisionedthroughputexceededexception']) {
  RULES.set(word, { allowed: family('kinesis', 'kcl', 'kpl') });
}
for (const word of ['serviceunavailableexception', 'errcodeserviceunavailableexception', 'incomingbytes', 'incomingrecords', 'throttledrecords']) {
  RULES.set(word, { allowed: family('firehose') });
}
for (const word of ['s3bucket', 'backupmode', 'dataoutputprefix', 'erroroutputprefix', 'processingconfiguration']) {
  RULES.set(word, { allowed: family('firehose') });
}

export function contextRule(key: string): ContextRule | undefined {
  return RULES.get(key);
}

/** Words the scanner must index even when no deck names them, because rules or value checks use them. */
export const BUILTIN_WORDS: ReadonlySet<string> = new Set([
  'limit', 'records', 'shardcount', 'targetshardcount', 'retentionperiod', 'retentionperiodhours', 'bufferinginterval',
  'intervalinseconds', 'bufferingsize', 'sizeinmbs', 'batchsize', 'parallelizationfactor', 'maxbatchingwindow',
  'maximumbatchingwindowinseconds', 'maxrecords', 'latest', 'sharditerator', 'checkpoint', 'checkpointer', 'leaselost',
  'shardended', 'shutdownrequested', 'scheduler',
]);

/** Keys recorded per frame because a rule asks whether they are siblings. */
export const SIBLING_WORDS: ReadonlySet<string> = new Set([
  'sharditerator', 'data', 'explicithashkey', 'streamname', 'streamarn', 'shardcount', 'streammode', 'shardlevelmetrics',
]);

/** Identifiers whose presence in a call marks it as being about Kinesis (e.g. `eventSourceArn: stream.streamArn`). */
export function isKinesisEvidence(normalized: string): boolean {
  return normalized.includes('kinesis') || normalized === 'streamarn' || normalized === 'streamconsumerarn' || normalized === 'consumerarn';
}
