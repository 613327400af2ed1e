import { NEW_CARD, type CardState } from './cardState';
import { checksum } from './checksum';
import { DerivedStates } from './derivedStates';
import { Calendar, type Clock, type UtcOffset } from './clock';
import { formatExport, parseImport } from './exchange';
import { ReviewHistory } from './history';
import { randomIdGenerator, type IdGenerator } from './ids';
import { decodeText, headerEnd, parseRegion } from './logParser';
import { buildQueue, type StudyQueue } from './queue';
import { repairLog, type RecoveryReport } from './recovery';
import {
  FutureSchemaError,
  checkHeader,
  classifyValue,
  headerLine,
  isTornWrite,
  serializeEntry,
  type BuryEntry,
  type EntryDraft,
  type LogEntry,
  type Rating,
  type ResetEntry,
  type ReviewEntry,
  type SuspendEntry,
} from './reviewLog';
import { Scheduler, resolveSettings, type IntervalPreview, type ReviewSettings } from './scheduler';
import { decodeSnapshot, encodeSnapshot } from './snapshot';
import { reviewStats, type ReviewStats } from './stats';
import type { ReviewTally } from './tally';
import type { ProgressStorage } from './storage';

export interface ProgressStoreOptions {
  settings?: Partial<ReviewSettings>;
  /** Defaults to the machine's zone; tests pass a fixed offset. */
  utcOffset?: UtcOffset;
  logName?: string;
  snapshotName?: string;
  /** Entries folded in between two snapshot writes. */
  snapshotEvery?: number;
  newId?: IdGenerator;
}

export type { RecoveryReport };

export interface ImportResult {
  added: number;
  duplicates: number;
  invalid: number;
}

/** Receives the keys of cards whose state changed (after a reload: every card, old and new). */
export type ChangeListener = (cards: readonly string[]) => void;

const NEWLINE = 0x0a;
/**
 * How much of the log in front of a known offset is compared to tell that the log was not
 * rewritten since. A rewrite (repair in another window, a sync tool, a hand edit) changes these
 * bytes or the length, while reading them costs nothing next to reading the whole log.
 */
const PROBE_BYTES = 4096;
/** Enough for the header line. */
const HEADER_READ = 512;

/** Bytes of the log starting at offset `from`. */
interface LogView {
  bytes: Uint8Array;
  from: number;
}
const encoder = new TextEncoder();

/**
 * Owns the review log and the card states derived from it.
 *
 * The log only ever grows by appends, so two windows can share it: each appends its own entries
 * and `refresh()` folds in what the other appended. States come from a snapshot plus the log
 * tail after it; the full history is parsed only when something needs it.
 */
export class ProgressStore {
  readonly settings: ReviewSettings;
  readonly scheduler: Scheduler;
  readonly calendar: Calendar;

  private readonly logName: string;
  private readonly snapshotName: string;
  private readonly snapshotEvery: number;
  private readonly newId: IdGenerator;

  private derived: DerivedStates;
  /** The log bytes the states account for: `[0, offset)`, holding `entries` entries. */
  private known = { offset: 0, entries: 0, probe: new Uint8Array(0) };
  /** Our own appends that no read has shown us yet; refresh must not fold them in twice. */
  private readonly ownUnread = new Map<string, LogEntry>();
  private entriesSinceSnapshot = 0;
  private snapshotQueued = false;
  private recoveredReport: RecoveryReport | undefined;
  private tasks: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<ChangeListener>();
  private disposed = false;
  private disposal: Promise<void> | undefined;

  private constructor(
    private readonly storage: ProgressStorage,
    private readonly clock: Clock,
    options: ProgressStoreOptions,
  ) {
    this.settings = resolveSettings(options.settings);
    this.scheduler = new Scheduler(this.settings);
    this.calendar = new Calendar(this.settings.dayStartHour, options.utcOffset);
    this.logName = options.logName ?? 'progress.jsonl';
    this.snapshotName = options.snapshotName ?? 'progress.snapshot.json';
    this.snapshotEvery = options.snapshotEvery ?? 500;
    this.newId = options.newId ?? randomIdGenerator(clock);
    this.derived = DerivedStates.fromHistory(this.scheduler, this.calendar, new ReviewHistory());
  }

  /**
   * Loads the log (creating it if missing). Throws `FutureSchemaError` for a log written by a
   * newer version rather than risk overwriting it.
   */
  static async open(storage: ProgressStorage, clock: Clock, options: ProgressStoreOptions = {}): Promise<ProgressStore> {
    const store = new ProgressStore(storage, clock, options);
    await store.exclusive(() => store.load());
    store.maybeScheduleSnapshot();
    return store;
  }

  /** Set when opening had to repair a damaged log; show it to the learner once. */
  get recovered(): RecoveryReport | undefined {
    return this.recoveredReport;
  }

  card(key: string): CardState {
    return this.derived.states.get(key) ?? NEW_CARD;
  }

  /**
   * Every card that has progress; cards not in it are new. A live view: it changes as entries
   * arrive, and a reload replaces it, so fetch it again after `onDidChange`.
   */
  cards(): ReadonlyMap<string, CardState> {
    return this.derived.states;
  }

  preview(key: string, now = this.clock.now()): IntervalPreview[] {
    return this.scheduler.preview(this.card(key), now);
  }

  /**
   * Answers counted per study day: the input for statistics. Kept in the snapshot, so normally
   * at hand at once; recounted from the full log after a change of time zone or day-start hour.
   */
  tally(): Promise<ReviewTally> {
    return this.exclusive(async () => {
      if (!this.derived.tally) await this.historyLocked();
      return this.derived.tally!;
    });
  }

  /** Heatmap, retention, due forecast and streak. */
  async stats(now = this.clock.now()): Promise<ReviewStats> {
    return reviewStats(await this.tally(), this.derived.states, now);
  }

  /** Today's queue over `cards` (a deck's keys in deck order); see `buildQueue`. */
  queue(cards: readonly string[], now = this.clock.now()): StudyQueue {
    return buildQueue({ cards, states: this.derived.states, settings: this.settings, calendar: this.calendar, now });
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  answer(card: string, rating: Rating, ms: number): Promise<ReviewEntry> {
    return this.record({ t: 'review', card, rating, ms }) as Promise<ReviewEntry>;
  }

  /** Hides the card until `until`, by default the start of the next study day. */
  bury(card: string, until?: number): Promise<BuryEntry> {
    return this.record({ t: 'bury', card, until: until ?? this.calendar.nextDayStart(this.clock.now()) }) as Promise<BuryEntry>;
  }

  suspend(card: string): Promise<SuspendEntry> {
    return this.record({ t: 'suspend', card }) as Promise<SuspendEntry>;
  }

  unsuspend(card: string): Promise<SuspendEntry> {
    return this.record({ t: 'unsuspend', card }) as Promise<SuspendEntry>;
  }

  /** Forgets the progress of one card, or of every card under a deck key. */
  reset(deckOrCard: string): Promise<ResetEntry> {
    return this.record({ t: 'reset', deck: deckOrCard }) as Promise<ResetEntry>;
  }

  /** Appends one entry; resolves once it is durable and folded into the card states. */
  record(draft: EntryDraft): Promise<LogEntry> {
    return this.exclusive(async () => {
      const entry = this.complete(draft);
      await this.appendLocked([entry]);
      return entry;
    });
  }

  /**
   * Takes back the newest action still in effect by appending an undo entry; calling it again
   * walks further back. Resolves to the entry that was undone, or `undefined` if there is none.
   */
  undo(): Promise<LogEntry | undefined> {
    return this.exclusive(async () => {
      let target = this.derived.lastUndoable();
      if (target === 'unknown') target = (await this.historyLocked()).lastUndoable();
      if (!target) return undefined;
      await this.appendLocked([{ t: 'undo', id: this.newId(), target: target.id, at: this.clock.now() }]);
      return target;
    });
  }

  /** Folds in entries other windows appended. Resolves to the keys of cards that changed. */
  refresh(): Promise<readonly string[]> {
    return this.exclusive(async () => {
      const changed = await this.refreshLocked();
      this.maybeScheduleSnapshot();
      return [...changed];
    });
  }

  /** Every entry, parsed on first use (the slow part: hundreds of ms for a 100,000-entry log). */
  history(): Promise<ReviewHistory> {
    return this.exclusive(() => this.historyLocked());
  }

  /** Merges another log or export by entry id; importing the same file twice adds nothing. */
  import(text: string): Promise<ImportResult> {
    return this.exclusive(async () => {
      const { entries, invalid } = parseImport(text);
      await this.refreshLocked();
      const history = await this.historyLocked();
      const fresh: LogEntry[] = [];
      const seen = new Set<string>();
      for (const entry of entries) {
        if (history.has(entry.id) || seen.has(entry.id)) continue;
        seen.add(entry.id);
        fresh.push(entry);
      }
      if (fresh.length > 0) await this.appendLocked(fresh);
      return { added: fresh.length, duplicates: entries.length - fresh.length, invalid };
    });
  }

  /** All entries, undo entries included, as a JSON document that `import()` reads back. */
  export(): Promise<string> {
    return this.exclusive(async () => {
      await this.refreshLocked();
      const history = await this.historyLocked();
      return formatExport(history.all(), this.clock.now());
    });
  }

  saveSnapshot(): Promise<void> {
    return this.exclusive(() => this.saveSnapshotLocked());
  }

  /** Writes a snapshot if anything changed since the last one, so the next open is fast. */
  dispose(): Promise<void> {
    return (this.disposal ??= this.exclusive(async () => {
      try {
        if (this.entriesSinceSnapshot > 0) await this.saveSnapshotLocked();
      } finally {
        this.disposed = true;
        this.listeners.clear();
      }
    }));
  }

  // ---- everything below runs inside `exclusive` ----

  /** Serialises all reads and writes of this store, so an append never races a refresh. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tasks.then(() => {
      if (this.disposed) throw new Error('The progress store was disposed.');
      return task();
    });
    this.tasks = run.catch(() => undefined);
    return run;
  }

  private complete(draft: EntryDraft): LogEntry {
    const base = { ...draft, id: this.newId(), at: this.clock.now() };
    const candidate = draft.t === 'review' ? { ...base, phase: this.card(draft.card).phase } : base;
    const kind = classifyValue(candidate);
    if (kind.kind !== 'entry') throw new TypeError(`Not a valid ${draft.t} entry: ${JSON.stringify(draft)}`);
    return kind.entry;
  }

  private async appendLocked(entries: LogEntry[]): Promise<void> {
    await this.storage.append(this.logName, encoder.encode(linesOf(entries)));
    for (const entry of entries) this.ownUnread.set(entry.id, entry);
    const changed = await this.ingest(entries);
    this.emit(changed);
    this.maybeScheduleSnapshot();
  }

  /**
   * Brings the states in line with the log: from the snapshot plus the log tail after it when
   * the snapshot still describes the log, else by replaying the whole log (repairing it first if
   * it is damaged).
   */
  private async load(useSnapshot = true): Promise<void> {
    if (useSnapshot && (await this.openFromSnapshot())) return;
    let bytes = await this.storage.read(this.logName);
    if (!bytes) bytes = await this.createLog(true);
    if (isBlank(bytes)) bytes = await this.createLog();
    const header = this.checkHeader(bytes);
    if (header.ok) return this.rebuild(bytes, true);
    const end = headerEnd(bytes);
    if (end === bytes.length && isTornWrite(decodeText(bytes, 0, end))) {
      // The process died while creating the log, before anything was recorded.
      return this.rebuild(await this.createLog(), true);
    }
    return this.rebuild(bytes, false);
  }

  /** Throws for a log from a newer version: its entries can't be judged, so nothing is touched. */
  private checkHeader(bytes: Uint8Array): { ok: boolean } {
    const header = checkHeader(parseJson(decodeText(bytes, 0, headerEnd(bytes))));
    if (header.future !== undefined) throw new FutureSchemaError(this.logName, header.future);
    return header;
  }

  /**
   * Writes a log holding only the header. With `ifMissing`, the log did not exist when we looked,
   * but another window may have created it since and already recorded into it: replacing its file
   * would drop those acknowledged entries, so where the storage can create a file exclusively, the
   * log that is there by now is used instead.
   */
  private async createLog(ifMissing = false): Promise<Uint8Array> {
    const bytes = encoder.encode(headerLine());
    if (ifMissing && this.storage.create) {
      if (await this.storage.create(this.logName, bytes)) return bytes;
      const existing = await this.storage.read(this.logName);
      if (existing && !isBlank(existing)) return existing;
    }
    await this.storage.write(this.logName, bytes);
    return bytes;
  }

  /** Reads only the header, the snapshot and the log after it: no cost for the log's length. */
  private async openFromSnapshot(): Promise<boolean> {
    const snapshot = decodeSnapshot(await this.storage.read(this.snapshotName).catch(() => undefined), this.calendar);
    if (!snapshot || snapshot.schedulerKey !== this.scheduler.key) return false;
    const head = await this.readLog(0, HEADER_READ);
    if (!head || head.bytes.indexOf(NEWLINE) < 0 || !this.checkHeader(head.bytes).ok) return false;

    const { offset, entries } = snapshot.coverage;
    const view = await this.readLog(Math.max(0, offset - PROBE_BYTES));
    if (!view || view.from + view.bytes.length < offset) return false;
    const at = offset - view.from;
    if (checksum(view.bytes.subarray(0, at)) !== snapshot.coverage.checksum) return false;
    if (at < view.bytes.length && view.bytes[at] !== NEWLINE) return false;
    const tail = parseRegion(view.bytes, at);
    // Damage after the snapshot: the slow path copies the file aside and repairs it.
    if (tail.badLines.length > 0) return false;

    this.derived = DerivedStates.fromSnapshot(this.scheduler, this.calendar, snapshot.cards, snapshot.tally);
    this.setKnown(view, view.from + tail.end, entries + tail.entries.length);
    await this.ingest(tail.entries);
    return true;
  }

  /** Parses the whole log and replays it: the path when there is no usable snapshot. */
  private async rebuild(bytes: Uint8Array, headerOk: boolean): Promise<void> {
    let parsed = parseRegion(bytes, headerOk ? headerEnd(bytes) : 0);
    if (!headerOk || parsed.badLines.length > 0) {
      const repaired = await repairLog(this.storage, this.logName, bytes, headerOk, this.clock.now());
      this.recoveredReport = repaired.report;
      bytes = repaired.clean;
      parsed = parseRegion(bytes, headerEnd(bytes));
    }
    const history = new ReviewHistory();
    for (const entry of parsed.entries) history.add(entry);
    for (const entry of this.ownUnread.values()) history.add(entry);
    this.derived = DerivedStates.fromHistory(this.scheduler, this.calendar, history);
    this.setKnown({ bytes, from: 0 }, parsed.end, parsed.entries.length);
    // Only a cache: failing to write it costs the next open time, not data.
    await this.writeSnapshot().catch(() => undefined);
  }

  /** The log from `from` (to `to`), through a ranged read when the storage offers one. */
  private async readLog(from: number, to?: number): Promise<LogView | undefined> {
    if (this.storage.readRange) {
      const bytes = await this.storage.readRange(this.logName, from, to);
      return bytes && { bytes, from };
    }
    const bytes = await this.storage.read(this.logName);
    return bytes && { bytes: bytes.subarray(Math.min(from, bytes.length), to), from };
  }

  private setKnown(view: LogView, offset: number, entries: number): void {
    const end = offset - view.from;
    this.known = { offset, entries, probe: view.bytes.slice(Math.max(0, end - PROBE_BYTES), end) };
  }

  /** Whether the log still holds what we read before at the same place: nobody rewrote it. */
  private extendsKnown(view: LogView): boolean {
    const { offset, probe } = this.known;
    const start = offset - probe.length - view.from;
    if (start < 0 || view.bytes.length < start + probe.length) return false;
    for (let i = 0; i < probe.length; i++) {
      if (view.bytes[start + i] !== probe[i]) return false;
    }
    return true;
  }

  private async refreshLocked(): Promise<Set<string>> {
    const view = await this.readLog(this.known.offset - this.known.probe.length);
    if (!view || !this.extendsKnown(view)) return this.reloadLocked();
    const region = parseRegion(view.bytes, this.known.offset - view.from);
    if (region.badLines.length > 0) return this.reloadLocked();
    const incoming = region.entries.filter((entry) => !this.ownUnread.delete(entry.id));
    this.setKnown(view, view.from + region.end, this.known.entries + region.entries.length);
    if (this.ownUnread.size > 0) {
      // Each of our appends resolved before this read began, so it must be in the file. One
      // that is not was lost to a rewrite by another writer; append it again.
      await this.storage.append(this.logName, encoder.encode(linesOf([...this.ownUnread.values()])));
    }
    const changed = await this.ingest(incoming);
    this.emit(changed);
    return changed;
  }

  /** The log was replaced under us (recovery in another window, sync, hand edit): start over. */
  private async reloadLocked(useSnapshot = true): Promise<Set<string>> {
    const before = [...this.derived.states.keys()];
    const lost = [...this.ownUnread.values()];
    this.ownUnread.clear();
    await this.load(useSnapshot);
    if (lost.length > 0) {
      // Entries we appended to the file that was replaced: put back any the new one lacks.
      const history = await this.historyLocked();
      const missing = lost.filter((entry) => !history.has(entry.id));
      if (missing.length > 0) await this.appendLocked(missing);
    }
    const changed = new Set([...before, ...this.derived.states.keys()]);
    this.emit(changed);
    return changed;
  }

  /** The whole log's entries, parsed on first need (statistics, merging, an old undo). */
  private async historyLocked(): Promise<ReviewHistory> {
    if (!this.derived.hasFullHistory) this.emit(await this.loadFullHistory());
    return this.derived.history;
  }

  private async loadFullHistory(): Promise<Set<string>> {
    const view = await this.readLog(0);
    if (!view || !this.extendsKnown(view)) return this.reloadForHistory(true);
    const parsed = parseRegion(view.bytes.subarray(0, this.known.offset), headerEnd(view.bytes));
    // Damage inside what a snapshot covered (a disk error, a hand edit that kept the length):
    // repair it the usual way, which replays everything.
    if (parsed.badLines.length > 0) return this.reloadForHistory(false);
    const history = new ReviewHistory();
    for (const entry of parsed.entries) history.add(entry);
    for (const entry of this.ownUnread.values()) history.add(entry);
    const changed = this.derived.useFullHistory(history);
    if (parsed.entries.length !== this.known.entries) {
      // The snapshot's count disagrees with the log it claims to cover: trust the log.
      for (const key of this.derived.rederiveAll()) changed.add(key);
      this.entriesSinceSnapshot++;
    }
    return changed;
  }

  private async reloadForHistory(useSnapshot: boolean): Promise<Set<string>> {
    const changed = await this.reloadLocked(useSnapshot);
    if (!this.derived.hasFullHistory) for (const key of await this.loadFullHistory()) changed.add(key);
    return changed;
  }

  /**
   * Folds entries into the card states; when some card can only be settled from the whole log
   * (an undo of an entry from before the snapshot, a late entry older than the snapshot's),
   * loads it first.
   */
  private async ingest(entries: readonly LogEntry[]): Promise<Set<string>> {
    const changed = this.derived.apply(entries);
    this.entriesSinceSnapshot += entries.length;
    if (this.derived.needsFullHistory) {
      for (const key of await this.loadFullHistory()) changed.add(key);
    }
    return changed;
  }

  private maybeScheduleSnapshot(): void {
    if (this.snapshotQueued || this.entriesSinceSnapshot < this.snapshotEvery) return;
    this.snapshotQueued = true;
    // Queued behind the current task rather than awaited, so the answer that crossed the
    // threshold is not slowed down. A failed snapshot only costs a slower next open.
    this.exclusive(async () => {
      this.snapshotQueued = false;
      await this.saveSnapshotLocked();
    }).catch(() => undefined);
  }

  private async saveSnapshotLocked(): Promise<void> {
    // Read first so the snapshot covers a byte range that holds exactly the entries in `states`.
    await this.refreshLocked();
    if (this.ownUnread.size > 0) return;
    await this.writeSnapshot();
  }

  private async writeSnapshot(): Promise<void> {
    const { offset, entries, probe } = this.known;
    const coverage = { offset, entries, checksum: checksum(probe) };
    await this.storage.write(this.snapshotName, encodeSnapshot({ schedulerKey: this.scheduler.key, coverage, cards: this.derived.states, tally: this.derived.tally }));
    this.entriesSinceSnapshot = 0;
  }

  private emit(changed: ReadonlySet<string>): void {
    if (changed.size === 0) return;
    const keys = [...changed];
    for (const listener of this.listeners) listener(keys);
  }
}

/** The newline goes first: if an earlier writer died mid-line, our entry still starts clean. */
function linesOf(entries: readonly LogEntry[]): string {
  return entries.map((entry) => '\n' + serializeEntry(entry)).join('');
}

function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== NEWLINE && byte !== 0x0d && byte !== 0x09) return false;
  }
  return true;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
