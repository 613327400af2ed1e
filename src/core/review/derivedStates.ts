import { NEW_CARD, type CardState } from './cardState';
import type { Calendar } from './clock';
import { ReviewHistory } from './history';
import { applyEntry, deriveCard, type TimelineEntry } from './replay';
import { keyIsUnder, type LogEntry, type UndoEntry } from './reviewLog';
import type { Scheduler } from './scheduler';
import { ReviewTally } from './tally';

/**
 * Card states and the entries they were folded from.
 *
 * After a fast open, only the entries since the snapshot are at hand, on top of the snapshot's
 * states (the "base"). Most work needs no more: new entries fold on top, and an undo or a late
 * entry replays its card from its base state plus the recent entries. Only when that is not
 * enough (an undo of an entry from before the snapshot, an entry older than the snapshot's) does
 * the caller have to supply the full history.
 */
export class DerivedStates {
  /**
   * Base states of the cards changed since the snapshot; the others' base is their current state.
   * Kept this way round so that opening needs no copy of the snapshot's states.
   */
  private readonly baseOfChanged = new Map<string, CardState | undefined>();
  private entries: ReviewHistory;
  private full: boolean;
  private readonly pendingCards = new Set<string>();
  private readonly pendingUndos: UndoEntry[] = [];
  private newestBaseAt: number | undefined;

  private constructor(
    private readonly scheduler: Scheduler,
    private readonly calendar: Calendar,
    readonly states: Map<string, CardState>,
    /**
     * Answers in effect counted per day, kept in step with `states`; `undefined` when the
     * snapshot's counts were made under another calendar and the full history must recount them.
     */
    public tally: ReviewTally | undefined,
    entries: ReviewHistory,
    full: boolean,
  ) {
    this.entries = entries;
    this.full = full;
  }

  /** Takes ownership of `cards`. */
  static fromSnapshot(
    scheduler: Scheduler,
    calendar: Calendar,
    cards: Map<string, CardState>,
    tally: ReviewTally | undefined,
  ): DerivedStates {
    return new DerivedStates(scheduler, calendar, cards, tally, new ReviewHistory(), false);
  }

  static fromHistory(scheduler: Scheduler, calendar: Calendar, history: ReviewHistory): DerivedStates {
    const states = new Map<string, CardState>();
    for (const key of history.cardKeys()) {
      const timeline = history.timeline(key);
      if (timeline.length > 0) states.set(key, deriveCard(timeline, scheduler));
    }
    const tally = ReviewTally.of(history.reviews(), calendar);
    return new DerivedStates(scheduler, calendar, states, tally, history, true);
  }

  /** Whether every entry of the log is at hand, not just those since the snapshot. */
  get hasFullHistory(): boolean {
    return this.full;
  }

  get history(): ReviewHistory {
    return this.entries;
  }

  /** Whether `apply` left cards that can only be settled with the full history. */
  get needsFullHistory(): boolean {
    return this.pendingCards.size > 0 || this.pendingUndos.length > 0;
  }

  /** Folds new entries in; returns the cards that changed. Check `needsFullHistory` after. */
  apply(entries: readonly LogEntry[]): Set<string> {
    const changed = new Set<string>();
    const replay = new Set<string>();
    /** False for an entry the card already holds (a duplicate line), which must not count twice. */
    const fold = (key: string, entry: TimelineEntry): boolean => {
      if (replay.has(key) || this.pendingCards.has(key)) return true;
      const card = this.states.get(key) ?? NEW_CARD;
      if (card.lastId === entry.id) return false;
      if (card.lastAt !== undefined && entry.at < card.lastAt) {
        replay.add(key);
        return true;
      }
      this.setState(key, applyEntry(card, entry, this.scheduler));
      changed.add(key);
      return true;
    };
    for (const entry of entries) {
      if (entry.t === 'undo') {
        const wasUndone = this.entries.isUndone(entry.target);
        if (!this.entries.add(entry)) continue;
        const target = this.entries.get(entry.target);
        if (target) {
          if (!wasUndone && target.t === 'review') this.tally?.add(target, -1);
          for (const key of this.entries.affectedBy(entry)) replay.add(key);
        } else if (!this.full) {
          this.pendingUndos.push(entry);
        }
        continue;
      }
      if (!this.entries.add(entry) || this.entries.isUndone(entry.id)) continue;
      if (entry.t === 'reset') {
        for (const key of [...this.states.keys()]) if (keyIsUnder(entry.deck, key)) fold(key, entry);
      } else if (fold(entry.card, entry) && entry.t === 'review') {
        this.tally?.add(entry);
      }
    }
    for (const key of replay) {
      if (this.replayable(key)) {
        this.rederive(key);
        changed.add(key);
      } else {
        this.pendingCards.add(key);
      }
    }
    return changed;
  }

  /** Takes over the whole log's entries and settles what `apply` could not. */
  useFullHistory(history: ReviewHistory): Set<string> {
    this.baseOfChanged.clear();
    this.entries = history;
    this.full = true;
    this.tally = ReviewTally.of(history.reviews(), this.calendar);
    const replay = new Set(this.pendingCards);
    for (const undo of this.pendingUndos) for (const key of history.affectedBy(undo)) replay.add(key);
    this.pendingCards.clear();
    this.pendingUndos.length = 0;
    for (const key of replay) this.rederive(key);
    return replay;
  }

  /** Replaces every state by a replay of the full history (the snapshot could not be trusted). */
  rederiveAll(): Set<string> {
    const fresh = DerivedStates.fromHistory(this.scheduler, this.calendar, this.entries);
    this.tally = fresh.tally;
    const changed = new Set([...this.states.keys(), ...fresh.states.keys()]);
    this.states.clear();
    for (const [key, card] of fresh.states) this.states.set(key, card);
    return changed;
  }

  /**
   * The newest action still in effect, or `undefined` if there is none. With only the recent
   * entries at hand the answer is certain when it is newer than anything in the snapshot;
   * otherwise this returns 'unknown' and the caller loads the full history.
   */
  lastUndoable(): LogEntry | undefined | 'unknown' {
    const candidate = this.entries.lastUndoable();
    if (this.full) return candidate;
    if (candidate && candidate.at >= this.newestInBase()) return candidate;
    return 'unknown';
  }

  /** The state the recent entries of `key` apply to: the snapshot's, or none with the full history. */
  private baseOf(key: string): CardState | undefined {
    if (this.full) return undefined;
    return this.baseOfChanged.has(key) ? this.baseOfChanged.get(key) : this.states.get(key);
  }

  private setState(key: string, card: CardState | undefined): void {
    if (!this.full && !this.baseOfChanged.has(key)) this.baseOfChanged.set(key, this.states.get(key));
    if (card) this.states.set(key, card);
    else this.states.delete(key);
  }

  /** A card left with no entries in effect is dropped, as a full replay would never create it. */
  private rederive(key: string): void {
    const timeline = this.entries.timeline(key);
    const from = this.baseOf(key);
    this.setState(key, timeline.length === 0 && !from ? undefined : deriveCard(timeline, this.scheduler, from ?? NEW_CARD));
  }

  /** A card can be replayed from its base state if nothing in its recent timeline predates it. */
  private replayable(key: string): boolean {
    const from = this.baseOf(key);
    if (from?.lastAt === undefined) return true;
    return this.entries.timeline(key).every((e) => e.at > from.lastAt! || (e.at === from.lastAt && e.id !== from.lastId));
  }

  private newestInBase(): number {
    if (this.newestBaseAt === undefined) {
      let newest = -Infinity;
      const consider = (card: CardState | undefined) => {
        if (card?.lastAt !== undefined && card.lastAt > newest) newest = card.lastAt;
      };
      for (const [key, card] of this.states) if (!this.baseOfChanged.has(key)) consider(card);
      for (const card of this.baseOfChanged.values()) consider(card);
      this.newestBaseAt = newest;
    }
    return this.newestBaseAt;
  }
}
