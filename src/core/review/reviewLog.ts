/**
 * The review log format: JSON lines, a header line first, then one entry per line. The log is the
 * source of truth; everything else (card states, snapshot, statistics) is derived from it.
 */

export const LOG_SCHEMA = 1;
export const LOG_KIND = 'flashcards-review-log';
export const EXPORT_KIND = 'flashcards-review-export';

/** 1 Again, 2 Hard, 3 Good, 4 Easy (the FSRS / Anki grades). */
export type Rating = 1 | 2 | 3 | 4;

/** FSRS card phase: 0 New, 1 Learning, 2 Review, 3 Relearning (same numbers as ts-fsrs `State`). */
export type Phase = 0 | 1 | 2 | 3;

export interface ReviewEntry {
  t: 'review';
  id: string;
  card: string;
  at: number;
  rating: Rating;
  /** How long the learner took to answer. */
  ms: number;
  /**
   * The card's phase when it was answered, as Anki's revlog `type`. Statistics read it so they
   * don't have to replay the scheduler over the whole history; scheduling ignores it.
   */
  phase?: Phase;
}

export interface UndoEntry {
  t: 'undo';
  id: string;
  /** Id of the entry this one cancels. */
  target: string;
  at: number;
}

export interface BuryEntry {
  t: 'bury';
  id: string;
  card: string;
  at: number;
  until: number;
}

export interface SuspendEntry {
  t: 'suspend' | 'unsuspend';
  id: string;
  card: string;
  at: number;
}

export interface ResetEntry {
  t: 'reset';
  id: string;
  /** A card key, or a deck key that resets every card under `deck + '/'`. */
  deck: string;
  at: number;
}

export type CardEntry = ReviewEntry | BuryEntry | SuspendEntry;
export type LogEntry = CardEntry | UndoEntry | ResetEntry;

/** An entry as handed to the store: id and time are filled in when it is recorded. */
export type EntryDraft =
  | Omit<ReviewEntry, 'id' | 'at' | 'phase'>
  | Omit<UndoEntry, 'id' | 'at'>
  | Omit<BuryEntry, 'id' | 'at'>
  | Omit<SuspendEntry, 'id' | 'at'>
  | Omit<ResetEntry, 'id' | 'at'>;

export function headerLine(): string {
  return JSON.stringify({ schema: LOG_SCHEMA, kind: LOG_KIND });
}

export interface HeaderCheck {
  ok: boolean;
  /** The schema number, when it is newer than this version can read. */
  future?: number | undefined;
}

export function checkHeader(value: unknown, kind = LOG_KIND): HeaderCheck {
  if (!isObject(value) || value['kind'] !== kind || typeof value['schema'] !== 'number') return { ok: false };
  if (value['schema'] > LOG_SCHEMA) return { ok: false, future: value['schema'] };
  return value['schema'] === LOG_SCHEMA ? { ok: true } : { ok: false };
}

/** Raised instead of touching a log written by a newer version, whose entries we can't judge. */
export class FutureSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly schema: number,
  ) {
    super(
      `${file} was written by a newer version of Data Engineering Flashcards (log schema ${schema}, ` +
        `this version reads schema ${LOG_SCHEMA}). Update the extension; the file was left untouched.`,
    );
    this.name = 'FutureSchemaError';
  }
}

/** Fixed key order keeps lines diffable and lets duplicates be spotted by eye. */
export function serializeEntry(entry: LogEntry): string {
  switch (entry.t) {
    case 'review': {
      const { t, id, card, at, rating, ms, phase } = entry;
      return JSON.stringify(phase === undefined ? { t, id, card, at, rating, ms } : { t, id, card, at, rating, ms, phase });
    }
    case 'undo':
      return JSON.stringify({ t: entry.t, id: entry.id, target: entry.target, at: entry.at });
    case 'bury':
      return JSON.stringify({ t: entry.t, id: entry.id, card: entry.card, at: entry.at, until: entry.until });
    case 'suspend':
    case 'unsuspend':
      return JSON.stringify({ t: entry.t, id: entry.id, card: entry.card, at: entry.at });
    case 'reset':
      return JSON.stringify({ t: entry.t, id: entry.id, deck: entry.deck, at: entry.at });
  }
}

export type LineKind =
  | { kind: 'entry'; entry: LogEntry }
  /** A well-formed line from a newer version that adds an entry type: kept, not interpreted. */
  | { kind: 'unknown' }
  /** A second header, left by two windows creating the log at once. */
  | { kind: 'header' }
  | { kind: 'bad' };

export function classifyValue(value: unknown): LineKind {
  const entry = asEntry(value);
  if (entry) return { kind: 'entry', entry };
  if (!isObject(value)) return { kind: 'bad' };
  if (checkHeader(value).ok) return { kind: 'header' };
  const t = value['t'];
  if (typeof t === 'string' && !KNOWN_TYPES.has(t) && typeof value['id'] === 'string') return { kind: 'unknown' };
  return { kind: 'bad' };
}

const KNOWN_TYPES = new Set(['review', 'undo', 'bury', 'suspend', 'unsuspend', 'reset']);

/**
 * The value itself, typed, if it is a valid entry. Validated in place rather than copied because
 * loading the full history runs this for every line of the log; properties we don't know are
 * carried along but never written back (`serializeEntry` picks fields by name).
 */
export function asEntry(value: unknown): LogEntry | undefined {
  if (!isObject(value)) return undefined;
  const v = value;
  if (typeof v['id'] !== 'string' || v['id'] === '' || !isTime(v['at'])) return undefined;
  switch (v['t']) {
    case 'review': {
      const ok = isKey(v['card']) && isRating(v['rating']) && typeof v['ms'] === 'number' && v['ms'] >= 0;
      return ok && (v['phase'] === undefined || isPhase(v['phase'])) ? (v as unknown as ReviewEntry) : undefined;
    }
    case 'undo':
      return typeof v['target'] === 'string' ? (v as unknown as UndoEntry) : undefined;
    case 'bury':
      return isKey(v['card']) && isTime(v['until']) ? (v as unknown as BuryEntry) : undefined;
    case 'suspend':
    case 'unsuspend':
      return isKey(v['card']) ? (v as unknown as SuspendEntry) : undefined;
    case 'reset':
      return isKey(v['deck']) ? (v as unknown as ResetEntry) : undefined;
    default:
      return undefined;
  }
}

/**
 * True when a line that failed to parse is an unfinished write: the start of a JSON object cut off
 * before it closed, or the zero bytes some file systems leave after a crash. Such a line was never
 * acknowledged as durable, so dropping it loses nothing; anything else is damage.
 */
export function isTornWrite(line: string): boolean {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0) end--;
  if (end === 0) return line.length > 0;
  if (line.charCodeAt(0) !== 0x7b) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      // A value that closes was written whole, so it is damaged rather than torn.
      if (--depth <= 0) return false;
    } else if (c < 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return true;
}

/**
 * Whether `key` is `prefix` itself or lies under `prefix + '/'`: what a reset aimed at `prefix`
 * covers, and what a deck key groups. Keys are otherwise opaque.
 */
export function keyIsUnder(prefix: string, key: string): boolean {
  return key === prefix || (key.length > prefix.length && key.startsWith(prefix) && key[prefix.length] === '/');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

function isPhase(value: unknown): value is Phase {
  return value === 0 || value === 1 || value === 2 || value === 3;
}
