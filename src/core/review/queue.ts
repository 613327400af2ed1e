import { NEW_CARD, isBuried, type CardState } from './cardState';
import { MINUTE, type Calendar } from './clock';
import type { ReviewSettings } from './scheduler';

export type QueueKind = 'learning' | 'review' | 'new';

export interface QueueItem {
  card: string;
  kind: QueueKind;
  due: number;
}

export interface QueueCounts {
  new: number;
  learning: number;
  due: number;
}

export interface QueueInput {
  /** The deck's card keys, in deck order (the order new cards are introduced in). */
  cards: readonly string[];
  states: ReadonlyMap<string, CardState>;
  settings: Pick<ReviewSettings, 'newPerDay' | 'maxReviewsPerDay'>;
  calendar: Calendar;
  now: number;
  /**
   * Learning cards due this soon are shown once nothing else is left, rather than making the
   * learner wait a few minutes (Anki's "learn ahead limit", 20 minutes by default).
   */
  learnAheadMs?: number;
}

export interface StudyQueue {
  /** In study order; rebuild after every answer, as learning cards come due as time passes. */
  items: QueueItem[];
  counts: QueueCounts;
  /** When the next card not in `items` becomes available (a step ends, a day starts). */
  nextDueAt: number | undefined;
  /** How much of today's limits the given cards have used. */
  today: { newIntroduced: number; reviewed: number };
}

const DEFAULT_LEARN_AHEAD = 20 * MINUTE;

/**
 * Today's queue, as Anki builds it by default: learning cards that are due first, then due reviews
 * with the day's new cards spread evenly among them. Reviews are due by day (any time today),
 * learning steps by the minute. The review limit also caps new cards, so a big backlog of reviews
 * is not made worse by new ones. Limits count what was done today with the given cards.
 */
export function buildQueue(input: QueueInput): StudyQueue {
  const { calendar, now, settings } = input;
  const todayStart = calendar.startOfToday(now);
  const tomorrow = calendar.nextDayStart(now);
  const learnAhead = now + (input.learnAheadMs ?? DEFAULT_LEARN_AHEAD);

  let newIntroduced = 0;
  let reviewed = 0;
  const learningNow: QueueItem[] = [];
  const learningSoon: QueueItem[] = [];
  const reviews: QueueItem[] = [];
  const fresh: QueueItem[] = [];
  let nextDueAt = Infinity;
  const later = (at: number) => {
    if (at > now && at < nextDueAt) nextDueAt = at;
  };
  // Reviews become available when their due day starts; only the earliest matters, so the day
  // arithmetic runs once rather than per card.
  let firstLaterReview = Infinity;

  for (const key of input.cards) {
    const card = input.states.get(key) ?? NEW_CARD;
    if (card.introducedAt !== undefined && card.introducedAt >= todayStart) newIntroduced++;
    if (card.reviewedAt !== undefined && card.reviewedAt >= todayStart) reviewed++;
    if (card.suspended) continue;
    if (isBuried(card, now)) {
      later(Math.max(card.buriedUntil!, availableAt(card, calendar)));
      continue;
    }
    if (card.phase === 0) {
      fresh.push({ card: key, kind: 'new', due: now });
    } else if (card.phase === 2) {
      if (card.due < tomorrow) reviews.push({ card: key, kind: 'review', due: card.due });
      else if (card.due < firstLaterReview) firstLaterReview = card.due;
    } else if (card.due <= now) {
      learningNow.push({ card: key, kind: 'learning', due: card.due });
    } else if (card.due <= learnAhead) {
      learningSoon.push({ card: key, kind: 'learning', due: card.due });
    } else {
      later(card.due);
    }
  }

  if (firstLaterReview !== Infinity) later(calendar.startOfDay(calendar.dayOf(firstLaterReview)));

  // Stable sort: equal due times keep deck order.
  reviews.sort((a, b) => a.due - b.due);
  learningNow.sort((a, b) => a.due - b.due);
  learningSoon.sort((a, b) => a.due - b.due);

  const reviewSlots = Math.max(0, settings.maxReviewsPerDay - reviewed);
  const shownReviews = reviews.slice(0, reviewSlots);
  const newSlots = Math.max(0, Math.min(settings.newPerDay - newIntroduced, reviewSlots - shownReviews.length));
  const shownNew = fresh.slice(0, newSlots);
  if (shownReviews.length < reviews.length || shownNew.length < fresh.length) later(tomorrow);

  const mixed = interleave(shownReviews, shownNew);
  const aheadOnly = learningNow.length + mixed.length === 0;
  const learning = aheadOnly ? learningSoon : learningNow;
  if (!aheadOnly && learningSoon.length > 0) later(learningSoon[0]!.due);
  return {
    items: [...learning, ...mixed],
    // Like Anki, the learning count includes steps ending within the learn-ahead window: they
    // will be shown in this sitting even though they are not due this second.
    counts: { new: shownNew.length, learning: learningNow.length + learningSoon.length, due: shownReviews.length },
    nextDueAt: Number.isFinite(nextDueAt) ? nextDueAt : undefined,
    today: { newIntroduced, reviewed },
  };
}

/** The cards due soonest that today's queue does not offer, for "study ahead" once it is empty. */
export function studyAhead(input: QueueInput, limit = 20): QueueItem[] {
  const offered = new Set(buildQueue(input).items.map((item) => item.card));
  const ahead: QueueItem[] = [];
  for (const key of input.cards) {
    const card = input.states.get(key) ?? NEW_CARD;
    if (card.phase === 0 || card.suspended || isBuried(card, input.now) || offered.has(key)) continue;
    ahead.push({ card: key, kind: card.phase === 2 ? 'review' : 'learning', due: card.due });
  }
  return ahead.sort((a, b) => a.due - b.due).slice(0, limit);
}

export function queueCounts(items: readonly QueueItem[]): QueueCounts {
  const counts: QueueCounts = { new: 0, learning: 0, due: 0 };
  for (const item of items) {
    if (item.kind === 'new') counts.new++;
    else if (item.kind === 'learning') counts.learning++;
    else counts.due++;
  }
  return counts;
}

/** Reviews become available at the start of their due day; learning steps at their due time. */
function availableAt(card: CardState, calendar: Calendar): number {
  if (card.phase === 0) return -Infinity;
  return card.phase === 2 ? calendar.startOfDay(calendar.dayOf(card.due)) : card.due;
}

/**
 * Spreads `b` evenly through `a` (new cards among reviews): each next item comes from the list
 * that is further behind its proportional position.
 */
function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeB = j < b.length && (i >= a.length || (j + 0.5) / b.length <= (i + 0.5) / a.length);
    out.push(takeB ? b[j++]! : a[i++]!);
  }
  return out;
}
