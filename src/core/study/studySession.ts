import type { Card, DeckFormat } from '../deck/types';
import { formatInterval } from '../review/formatInterval';
import type { ProgressStore } from '../review/progressStore';
import { studyAhead } from '../review/queue';
import type { Rating } from '../review/reviewLog';
import type { CardView, ReviewState, StudyScope } from '../../shared/protocol';

export type { StudyScope };

/** A card as the review queue sees it: a deck card (or one cloze of it) with its progress key. */
export interface StudyCard {
  /** `deckKey/cardId`: what progress is keyed by. */
  key: string;
  deckKey: string;
  deckTitle: string;
  format: DeckFormat;
  card: Card;
  /** Human location such as `decks/kinesis.deck.md:12`. */
  location: string;
}


const PHASE: CardView['state'][] = ['new', 'learning', 'review', 'relearning'];

/**
 * One review screen's state machine over the shared progress store: it picks the card to show,
 * and turns grades, undo, bury and suspend into log entries. Several sessions (the sidebar and
 * editor panels) can share one store; each keeps its own scope.
 */
export class StudySession {
  private ahead: string[] | undefined;
  /** Shown first regardless of the schedule: a card opened from a hover, or one just undone. */
  private pinned: string | undefined;
  private undoable = 0;
  /** The card the last view showed: messages about any other card are stale. */
  private shown: string | undefined;

  constructor(
    private readonly store: ProgressStore,
    private readonly allCards: () => readonly StudyCard[],
    public scope: StudyScope = { label: 'All decks' },
    private readonly now: () => number = Date.now,
  ) {}

  setScope(scope: StudyScope, pinned?: string): void {
    this.scope = scope;
    this.ahead = undefined;
    this.pinned = pinned;
  }

  cards(): StudyCard[] {
    const all = this.allCards();
    const { decks, cards } = this.scope;
    if (cards) {
      const wanted = new Set(cards);
      return all.filter((c) => wanted.has(c.key));
    }
    if (decks) {
      const wanted = new Set(decks);
      return all.filter((c) => wanted.has(c.deckKey));
    }
    return [...all];
  }

  /** What the webview shows now (the caller adds the message type and sequence number). */
  view(): Omit<ReviewState, 'type' | 'seq' | 'acked'> {
    const now = this.now();
    const cards = this.cards();
    const byKey = new Map(cards.map((c) => [c.key, c]));
    const keys = cards.map((c) => c.key);
    const queue = this.store.queue(keys, now);
    const pinned = this.pinned && byKey.has(this.pinned) ? this.pinned : undefined;
    const currentKey = pinned ?? queue.items[0]?.card ?? this.ahead?.find((k) => byKey.has(k));

    this.shown = currentKey;
    const base = { scope: this.scope.label, scopeRef: this.scope, counts: queue.counts, canUndo: this.undoable > 0 };
    if (!currentKey) {
      const aheadAvailable = studyAhead({ cards: keys, states: this.store.cards(), settings: this.store.settings, calendar: this.store.calendar, now }).length;
      return { ...base, empty: { nextDue: queue.nextDueAt === undefined ? undefined : describeWhen(queue.nextDueAt - now), aheadAvailable } };
    }
    const upcomingKey = queue.items.find((i) => i.card !== currentKey)?.card ?? this.ahead?.find((k) => k !== currentKey && byKey.has(k));
    return {
      ...base,
      card: this.cardView(byKey.get(currentKey)!),
      intervals: this.intervals(currentKey, now),
      upcoming: upcomingKey ? { card: this.cardView(byKey.get(upcomingKey)!), intervals: this.intervals(upcomingKey, now) } : undefined,
    };
  }

  private intervals(key: string, now: number): Record<Rating, string> {
    const out = {} as Record<Rating, string>;
    for (const p of this.store.preview(key, now)) out[p.rating] = p.label;
    return out;
  }

  private cardView(study: StudyCard): CardView {
    return {
      key: study.key,
      deckTitle: study.deckTitle,
      format: study.format,
      question: study.card.question,
      answer: study.card.answer,
      tags: study.card.tags,
      source: study.card.source,
      location: study.location,
      state: PHASE[this.store.card(study.key).phase] ?? 'new',
    };
  }

  /** The card a message refers to must still be the one on screen; a stale message is ignored. */
  private isCurrent(cardKey: string): boolean {
    return this.shown === cardKey;
  }

  async grade(cardKey: string, rating: Rating, durationMs: number): Promise<boolean> {
    if (!this.isCurrent(cardKey)) return false;
    await this.store.answer(cardKey, rating, Math.max(0, Math.min(durationMs, 3_600_000)));
    this.afterAction(cardKey);
    return true;
  }

  async bury(cardKey: string): Promise<boolean> {
    if (!this.isCurrent(cardKey)) return false;
    await this.store.bury(cardKey);
    this.afterAction(cardKey);
    return true;
  }

  async suspend(cardKey: string): Promise<boolean> {
    if (!this.isCurrent(cardKey)) return false;
    await this.store.suspend(cardKey);
    this.afterAction(cardKey);
    return true;
  }

  /** Takes back this screen's last action; the card it concerned comes back on screen. */
  async undo(): Promise<boolean> {
    if (this.undoable === 0) return false;
    const undone = await this.store.undo();
    if (!undone) {
      this.undoable = 0;
      return false;
    }
    this.undoable--;
    if ('card' in undone) this.pinned = undone.card;
    return true;
  }

  studyAhead(): void {
    const keys = this.cards().map((c) => c.key);
    this.ahead = studyAhead({ cards: keys, states: this.store.cards(), settings: this.store.settings, calendar: this.store.calendar, now: this.now() }).map((i) => i.card);
  }

  private afterAction(cardKey: string): void {
    this.undoable++;
    if (this.pinned === cardKey) this.pinned = undefined;
    this.ahead = this.ahead?.filter((k) => k !== cardKey);
  }
}

/** "in 5 minutes", "in 3 hours", "tomorrow", "in 4 days". */
export function describeWhen(ms: number): string {
  if (ms < 60_000) return 'in less than a minute';
  const label = formatInterval(ms);
  const m = /^([\d.]+)(m|h|d|mo|y)$/.exec(label);
  if (!m) return `in ${label}`;
  const n = Number(m[1]);
  const unit = { m: 'minute', h: 'hour', d: 'day', mo: 'month', y: 'year' }[m[2] as 'm' | 'h' | 'd' | 'mo' | 'y'];
  if (unit === 'day' && n === 1) return 'tomorrow';
  return `in ${n} ${unit}${n === 1 ? '' : 's'}`;
}
