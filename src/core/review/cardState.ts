import type { Phase } from './reviewLog';

/**
 * What the engine knows about one card, derived from the log. Plain numbers (no Date) so it can be
 * snapshotted as JSON and posted to a webview unchanged. Every key is always present, in this
 * order, so that all card objects share one shape: replay creates hundreds of thousands of them.
 */
export interface CardState {
  readonly phase: Phase;
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview: number | undefined;
  /** When the card left New (since its last reset); counts toward that day's new-card limit. */
  readonly introducedAt: number | undefined;
  /** The last answer given while the card was in Review; counts toward that day's review limit. */
  readonly reviewedAt: number | undefined;
  readonly suspended: boolean;
  readonly buriedUntil: number | undefined;
  /** Time and id of the newest entry folded in; an older entry arriving later forces a replay. */
  readonly lastAt: number | undefined;
  readonly lastId: string | undefined;
}

export const NEW_CARD: CardState = Object.freeze({
  phase: 0,
  due: 0,
  stability: 0,
  difficulty: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  lastReview: undefined,
  introducedAt: undefined,
  reviewedAt: undefined,
  suspended: false,
  buriedUntil: undefined,
  lastAt: undefined,
  lastId: undefined,
});

export function isBuried(card: CardState, now: number): boolean {
  return card.buriedUntil !== undefined && card.buriedUntil > now;
}
