import type { DiagnosticKind, LiteralValue } from './types';

/**
 * Computed hints and range checks for literal values. The ranges are the documented ones (facts
 * F1, F7, F9, F13, F21, F23, F25 in the limits deck); they live here rather than in a deck because a
 * diagnostic needs a number, not prose.
 */
export interface ValueVerdict {
  /** One line of Markdown with the key figures in bold. */
  hint: string;
  problem?: { kind: DiagnosticKind; message: string };
}

export interface ValueContext {
  /** Inside Splunk destination settings, whose buffering ranges are narrower. */
  splunk: boolean;
  /** Only the range problem is wanted (diagnostics): skip formatting the hint. */
  problemOnly?: boolean;
  /** For `Records`: which request it belongs to. */
  operation?: 'putrecords' | 'putrecordbatch';
}

/** Normalized keys whose literal value the scanners read. */
export const VALUE_KEYS: ReadonlySet<string> = new Set([
  'shardcount', 'targetshardcount', 'retentionperiod', 'retentionperiodhours', 'bufferinginterval', 'intervalinseconds',
  'bufferingsize', 'sizeinmbs', 'batchsize', 'parallelizationfactor', 'maxbatchingwindow', 'maximumbatchingwindowinseconds',
  'limit', 'maxrecords', 'records',
]);

const HOUR = 3600;
const DAY = 24 * HOUR;

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && n > -1000 && n < 1000) return String(n);
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function asNumber(v: LiteralValue): number | undefined {
  return v.kind === 'number' ? v.value : undefined;
}

function seconds(v: LiteralValue, unitSeconds: number): number | undefined {
  if (v.kind === 'duration') return v.seconds;
  if (v.kind === 'number') return v.value * unitSeconds;
  return undefined;
}

function describeHours(totalSeconds: number): string {
  const hours = totalSeconds / HOUR;
  if (totalSeconds % DAY === 0 && totalSeconds >= 2 * DAY) return `${plural(totalSeconds / DAY, 'day', 'days')} (${formatNumber(hours)} h)`;
  return `${formatNumber(hours)} h`;
}

function describeSeconds(s: number): string {
  if (s >= 60 && s % 60 === 0 && s < HOUR) return `${formatNumber(s)} s (${plural(s / 60, 'minute', 'minutes')})`;
  return `${formatNumber(s)} s`;
}

function withinOrOutside(
  value: number, min: number, max: number, ctx: ValueContext, hint: (inRange: boolean) => string,
  problem: (low: boolean) => { kind: DiagnosticKind; message: string },
): ValueVerdict {
  const outside = value < min || value > max;
  if (ctx.problemOnly) return outside ? { hint: '', problem: problem(value < min) } : { hint: '' };
  if (outside) return { hint: hint(false), problem: problem(value < min) };
  return { hint: hint(true) };
}

export function checkValue(key: string, value: LiteralValue, ctx: ValueContext): ValueVerdict | undefined {
  switch (key) {
    case 'shardcount':
    case 'targetshardcount': {
      const n = asNumber(value);
      if (n === undefined || n < 1 || !Number.isInteger(n) || ctx.problemOnly) return undefined;
      return {
        hint: `**${plural(n, 'shard', 'shards')}**: **${formatNumber(n)} MB/s** and **${formatNumber(n * 1000)} records/s** in, **${formatNumber(2 * n)} MB/s** out shared by classic consumers`,
      };
    }
    case 'retentionperiod':
    case 'retentionperiodhours': {
      const s = seconds(value, HOUR);
      if (s === undefined) return undefined;
      const hours = s / HOUR;
      if (ctx.problemOnly && hours >= 24 && hours <= 8760) return undefined;
      const text = describeHours(s);
      if (hours < 24) {
        return { hint: `**${text}**: below the **24 h** minimum`, problem: { kind: 'kinesis-retention-range', message: `Kinesis retention of ${text} is below the minimum of 24 h.` } };
      }
      if (hours > 8760) {
        return {
          hint: `**${text}**: above the **8,760 h (365 days)** maximum`,
          problem: { kind: 'kinesis-retention-range', message: `Kinesis retention of ${text} is above the maximum of 8,760 h (365 days).` },
        };
      }
      const tier = hours === 24 ? 'the default; **no retention charge**' : hours <= 168 ? 'billed as **extended retention** (24 h to 7 days)' : 'billed as **long-term retention** (over 7 days)';
      return { hint: `**${text}**: within 24–8,760 h; ${tier}` };
    }
    case 'bufferinginterval':
    case 'intervalinseconds': {
      const s = seconds(value, 1);
      if (s === undefined) return undefined;
      const [max, def, where] = ctx.splunk ? [60, 60, 'Splunk buffering interval'] : [900, 300, 'Firehose buffering interval'];
      const text = describeSeconds(s);
      return withinOrOutside(s, 0, max, ctx,
        (ok) => (ok ? (s === 0 ? `**0 s**: zero buffering, delivery within a few seconds` : `**${text}**: within 0–${max} s (default ${def})`) : `**${text}**: outside the **0–${max} s** range`),
        () => ({ kind: 'firehose-buffer-interval-range', message: `${where} of ${text} is outside 0–${max} s.` }));
    }
    case 'bufferingsize':
    case 'sizeinmbs': {
      const mib = value.kind === 'size' ? value.mebibytes : asNumber(value);
      if (mib === undefined) return undefined;
      const [max, where] = ctx.splunk ? [5, 'Splunk buffering size'] : [128, 'Firehose buffering size'];
      const text = `${formatNumber(mib)} MiB`;
      return withinOrOutside(mib, 1, max, ctx,
        (ok) => (ok ? `**${text}**: within 1–${max} MB (default 5)` : `**${text}**: outside the **1–${max} MB** range`),
        () => ({ kind: 'firehose-buffer-size-range', message: `${where} of ${text} is outside 1–${max} MB.` }));
    }
    case 'batchsize': {
      const n = asNumber(value);
      if (n === undefined) return undefined;
      return withinOrOutside(n, 1, 10_000, ctx,
        (ok) => (ok ? `**${plural(n, 'record', 'records')}** per batch: within 1–10,000 (default 100), and at most 6 MB of payload` : `**${plural(n, 'record', 'records')}** per batch: outside **1–10,000**`),
        (low) => ({ kind: 'lambda-batch-size-range', message: `Kinesis event source batch size of ${formatNumber(n)} is ${low ? 'below the minimum of 1' : 'above the maximum of 10,000'}.` }));
    }
    case 'parallelizationfactor': {
      const n = asNumber(value);
      if (n === undefined) return undefined;
      return withinOrOutside(n, 1, 10, ctx,
        (ok) => (ok ? `**${formatNumber(n)}** concurrent ${n === 1 ? 'batch' : 'batches'} per shard: within 1–10` : `**${formatNumber(n)}**: outside the **1–10** range`),
        () => ({ kind: 'lambda-parallelization-range', message: `Parallelization factor ${formatNumber(n)} is outside 1–10.` }));
    }
    case 'maxbatchingwindow':
    case 'maximumbatchingwindowinseconds': {
      const s = seconds(value, 1);
      if (s === undefined) return undefined;
      const text = describeSeconds(s);
      return withinOrOutside(s, 0, 300, ctx,
        (ok) => (ok ? `**${text}** batching window: within 0–300 s (default 0)` : `**${text}**: outside the **0–300 s** range`),
        () => ({ kind: 'lambda-batching-window-range', message: `Maximum batching window of ${text} is outside 0–300 s.` }));
    }
    case 'limit':
    case 'maxrecords': {
      const n = asNumber(value);
      if (n === undefined) return undefined;
      const kcl = key === 'maxrecords';
      return withinOrOutside(n, 1, 10_000, ctx,
        (ok) => `**${plural(n, 'record', 'records')}** per GetRecords call: ${ok ? 'within' : 'outside'} **1–10,000** (and at most 10 MiB)`,
        (low) => ({
          kind: kcl ? 'kcl-max-records-range' : 'getrecords-limit-range',
          message: `${kcl ? 'KCL maxRecords' : 'GetRecords Limit'} of ${formatNumber(n)} is ${low ? 'below the minimum of 1' : 'above the maximum of 10,000 records per call'}.`,
        }));
    }
    case 'records': {
      if (value.kind !== 'array' || !ctx.operation) return undefined;
      const n = value.count;
      const name = ctx.operation === 'putrecords' ? 'PutRecords' : 'PutRecordBatch';
      const entries = plural(n, 'entry', 'entries');
      if (n > 500) {
        return {
          hint: `**${entries}** in this literal: over the **500 records** per ${name} request`,
          problem: { kind: ctx.operation === 'putrecords' ? 'putrecords-too-many' : 'putrecordbatch-too-many', message: `This ${name} request lists ${formatNumber(n)} records; one request takes at most 500.` },
        };
      }
      return { hint: `**${entries}** in this literal: at most **500 records** per ${name} request` };
    }
    default:
      return undefined;
  }
}
