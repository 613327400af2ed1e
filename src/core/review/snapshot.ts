import type { CardState } from './cardState';
import type { Calendar } from './clock';
import type { Phase } from './reviewLog';
import { ReviewTally } from './tally';

export const SNAPSHOT_SCHEMA = 1;
export const SNAPSHOT_KIND = 'flashcards-review-snapshot';

/** The part of the log a snapshot was derived from. */
export interface LogCoverage {
  /** Bytes of the log (from the start) folded into the snapshot. */
  offset: number;
  entries: number;
  /** `checksum()` of those bytes. */
  checksum: string;
}

export interface Snapshot {
  schedulerKey: string;
  coverage: LogCoverage;
  cards: Map<string, CardState>;
  /** `undefined` when it was counted under another calendar: recount from the log when needed. */
  tally: ReviewTally | undefined;
}

/**
 * Cards are stored as one array of tuples, key first, rather than an object keyed by card: the
 * snapshot is read before the first card can be shown, and a flat array parses and validates
 * several times faster than an object with thousands of keys.
 */
type CardTuple = [
  key: string,
  phase: Phase,
  due: number,
  stability: number,
  difficulty: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  lastReview: number | null,
  introducedAt: number | null,
  reviewedAt: number | null,
  suspended: 0 | 1,
  buriedUntil: number | null,
  lastAt: number | null,
  lastId: string | null,
];

export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const cards: CardTuple[] = [];
  for (const [key, c] of snapshot.cards) {
    cards.push([
      key,
      c.phase,
      c.due,
      c.stability,
      c.difficulty,
      c.scheduledDays,
      c.learningSteps,
      c.reps,
      c.lapses,
      c.lastReview ?? null,
      c.introducedAt ?? null,
      c.reviewedAt ?? null,
      c.suspended ? 1 : 0,
      c.buriedUntil ?? null,
      c.lastAt ?? null,
      c.lastId ?? null,
    ]);
  }
  const json = JSON.stringify({
    schema: SNAPSHOT_SCHEMA,
    kind: SNAPSHOT_KIND,
    scheduler: snapshot.schedulerKey,
    log: snapshot.coverage,
    tally: snapshot.tally?.toJSON() ?? null,
    cards,
  });
  return new TextEncoder().encode(json);
}

/** `undefined` for anything unexpected: the snapshot is only a cache and can always be rebuilt. */
export function decodeSnapshot(bytes: Uint8Array | undefined, calendar: Calendar): Snapshot | undefined {
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['schema'] !== SNAPSHOT_SCHEMA || value['kind'] !== SNAPSHOT_KIND) return undefined;
  const { scheduler, log, cards } = value;
  if (typeof scheduler !== 'string' || !isRecord(log) || !Array.isArray(cards)) return undefined;
  const { offset, entries, checksum } = log;
  if (!isCount(offset) || !isCount(entries) || typeof checksum !== 'string') return undefined;
  const out = new Map<string, CardState>();
  for (const tuple of cards) {
    const card = toCard(tuple);
    if (!card) return undefined;
    out.set(tuple[0], card);
  }
  const tally = ReviewTally.fromJSON(value['tally'], calendar);
  return { schedulerKey: scheduler, coverage: { offset, entries, checksum }, cards: out, tally };
}

function toCard(t: unknown): CardState | undefined {
  if (!Array.isArray(t) || t.length !== 16 || typeof t[0] !== 'string') return undefined;
  const phase = t[1];
  if (phase !== 0 && phase !== 1 && phase !== 2 && phase !== 3) return undefined;
  for (let i = 2; i <= 8; i++) if (!isFiniteNumber(t[i])) return undefined;
  for (let i = 9; i <= 14; i++) if (i !== 12 && t[i] !== null && !isFiniteNumber(t[i])) return undefined;
  if ((t[12] !== 0 && t[12] !== 1) || (t[15] !== null && typeof t[15] !== 'string')) return undefined;
  return {
    phase,
    due: t[2],
    stability: t[3],
    difficulty: t[4],
    scheduledDays: t[5],
    learningSteps: t[6],
    reps: t[7],
    lapses: t[8],
    lastReview: t[9] ?? undefined,
    introducedAt: t[10] ?? undefined,
    reviewedAt: t[11] ?? undefined,
    suspended: t[12] === 1,
    buriedUntil: t[13] ?? undefined,
    lastAt: t[14] ?? undefined,
    lastId: t[15] ?? undefined,
  };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
