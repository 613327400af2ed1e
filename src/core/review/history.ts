import { keyIsUnder, type LogEntry, type ReviewEntry } from './reviewLog';
import type { TimelineEntry } from './replay';

/**
 * Log entries indexed by id and by card, for replaying single cards. Holds either the whole log
 * (parsed only when needed: export, merging, an undo or a late entry reaching back past the
 * snapshot, since parsing a large log is slow) or just the entries since the snapshot.
 */
export class ReviewHistory {
  private readonly entries: LogEntry[] = [];
  private readonly seqById = new Map<string, number>();
  private readonly seqsByCard = new Map<string, number[]>();
  private readonly resetSeqs: number[] = [];
  /** target id → id of the undo that cancels it; kept even before the target arrives. */
  private readonly undone = new Map<string, string>();

  get size(): number {
    return this.entries.length;
  }

  /** False, and nothing changes, when an entry with this id is already known. */
  add(entry: LogEntry): boolean {
    if (this.seqById.has(entry.id)) return false;
    const seq = this.entries.length;
    this.entries.push(entry);
    this.seqById.set(entry.id, seq);
    switch (entry.t) {
      case 'undo':
        if (!this.undone.has(entry.target)) this.undone.set(entry.target, entry.id);
        break;
      case 'reset':
        this.resetSeqs.push(seq);
        break;
      default: {
        const seqs = this.seqsByCard.get(entry.card);
        if (seqs) seqs.push(seq);
        else this.seqsByCard.set(entry.card, [seq]);
      }
    }
    return true;
  }

  has(id: string): boolean {
    return this.seqById.has(id);
  }

  get(id: string): LogEntry | undefined {
    const seq = this.seqById.get(id);
    return seq === undefined ? undefined : this.entries[seq];
  }

  isUndone(id: string): boolean {
    return this.undone.has(id);
  }

  /** All entries in the order they were read, undo entries included. */
  all(): readonly LogEntry[] {
    return this.entries;
  }

  cardKeys(): IterableIterator<string> {
    return this.seqsByCard.keys();
  }

  /** The entries that shape a card, minus undone ones, in time order (log order breaks ties). */
  timeline(cardKey: string): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (const seq of this.seqsByCard.get(cardKey) ?? []) {
      const entry = this.entries[seq] as TimelineEntry;
      if (!this.undone.has(entry.id)) out.push(entry);
    }
    for (const seq of this.resetSeqs) {
      const entry = this.entries[seq] as TimelineEntry & { t: 'reset' };
      if (!this.undone.has(entry.id) && keyIsUnder(entry.deck, cardKey)) out.push(entry);
    }
    if (this.resetSeqs.length > 0) out.sort((a, b) => a.at - b.at || this.seqById.get(a.id)! - this.seqById.get(b.id)!);
    else out.sort((a, b) => a.at - b.at);
    return out;
  }

  /** Cards whose derived state depends on `entry`. */
  affectedBy(entry: LogEntry): string[] {
    switch (entry.t) {
      case 'undo': {
        const target = this.get(entry.target);
        return target && target.t !== 'undo' ? this.affectedBy(target) : [];
      }
      case 'reset':
        return [...this.seqsByCard.keys()].filter((key) => keyIsUnder(entry.deck, key));
      default:
        return [entry.card];
    }
  }

  /** The newest action still in effect: what "undo" takes back next. */
  lastUndoable(): LogEntry | undefined {
    let best: LogEntry | undefined;
    for (let seq = this.entries.length - 1; seq >= 0; seq--) {
      const entry = this.entries[seq]!;
      if (entry.t === 'undo' || this.undone.has(entry.id)) continue;
      if (!best || entry.at > best.at) best = entry;
    }
    return best;
  }

  /** Answers still in effect, in log order (to recount statistics). */
  reviews(): ReviewEntry[] {
    const out: ReviewEntry[] = [];
    for (const entry of this.entries) {
      if (entry.t === 'review' && !this.undone.has(entry.id)) out.push(entry);
    }
    return out;
  }
}
