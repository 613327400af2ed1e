import { NEW_CARD, type CardState } from './cardState';
import type { CardEntry, ResetEntry } from './reviewLog';
import type { Scheduler } from './scheduler';

export type TimelineEntry = CardEntry | ResetEntry;

/** Folds one entry into a card. The whole engine derives card states through this function. */
export function applyEntry(card: CardState, entry: TimelineEntry, scheduler: Scheduler): CardState {
  const stamp = { lastAt: entry.at, lastId: entry.id };
  switch (entry.t) {
    case 'review': {
      return {
        ...scheduler.answer(card, entry.at, entry.rating),
        introducedAt: card.phase === 0 ? entry.at : card.introducedAt,
        reviewedAt: card.phase === 2 ? entry.at : card.reviewedAt,
        ...stamp,
      };
    }
    case 'bury':
      return { ...card, buriedUntil: entry.until, ...stamp };
    case 'suspend':
      return { ...card, suspended: true, ...stamp };
    case 'unsuspend':
      return { ...card, suspended: false, ...stamp };
    case 'reset':
      // Reset forgets the learning, not the learner's wish to hide the card.
      return { ...NEW_CARD, suspended: card.suspended, ...stamp };
  }
}

/** Folds a card's timeline, starting from `from` (a snapshot's state, or a new card). */
export function deriveCard(timeline: Iterable<TimelineEntry>, scheduler: Scheduler, from: CardState = NEW_CARD): CardState {
  let card = from;
  for (const entry of timeline) card = applyEntry(card, entry, scheduler);
  return card;
}
