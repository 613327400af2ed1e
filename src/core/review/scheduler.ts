import {
  FSRSVersion,
  GenSeedStrategyWithCardId,
  State,
  StrategyMode,
  fsrs,
  type Card,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import type { CardState } from './cardState';
import { DAY, MINUTE } from './clock';
import { formatInterval } from './formatInterval';
import type { Rating } from './reviewLog';

export interface ReviewSettings {
  /** Probability of recall FSRS aims for when it picks an interval. */
  desiredRetention: number;
  newPerDay: number;
  maxReviewsPerDay: number;
  /** Anki-style steps: `'1m'`, `'10m'`, `'1h'`, `'1d'`. */
  learningSteps: readonly string[];
  relearningSteps: readonly string[];
  /** Local hour at which a new study day starts. */
  dayStartHour: number;
  /** Longest interval in days. */
  maximumInterval: number;
  /** Spreads long intervals a little so cards learned together don't stay due together. */
  fuzz: boolean;
}

export const DEFAULT_REVIEW_SETTINGS: Readonly<ReviewSettings> = Object.freeze({
  desiredRetention: 0.9,
  newPerDay: 20,
  maxReviewsPerDay: 200,
  learningSteps: Object.freeze(['1m', '10m']),
  relearningSteps: Object.freeze(['10m']),
  dayStartHour: 4,
  maximumInterval: 36500,
  fuzz: true,
});

const STEP = /^\d+(\.\d+)?[mhd]$/;

/** Fills defaults and rejects values FSRS would misbehave on, naming the offending setting. */
export function resolveSettings(partial: Partial<ReviewSettings> = {}): ReviewSettings {
  const s: ReviewSettings = { ...DEFAULT_REVIEW_SETTINGS, ...partial };
  const fail = (name: string, why: string) => {
    throw new RangeError(`Review setting ${name} ${why}`);
  };
  if (!(s.desiredRetention > 0 && s.desiredRetention < 1)) fail('desiredRetention', 'must be between 0 and 1');
  if (!(Number.isInteger(s.newPerDay) && s.newPerDay >= 0)) fail('newPerDay', 'must be a whole number ≥ 0');
  if (!(Number.isInteger(s.maxReviewsPerDay) && s.maxReviewsPerDay >= 0)) fail('maxReviewsPerDay', 'must be a whole number ≥ 0');
  if (!(Number.isInteger(s.dayStartHour) && s.dayStartHour >= 0 && s.dayStartHour <= 23)) fail('dayStartHour', 'must be 0–23');
  if (!(Number.isInteger(s.maximumInterval) && s.maximumInterval >= 1)) fail('maximumInterval', 'must be a whole number of days ≥ 1');
  for (const [name, steps] of [['learningSteps', s.learningSteps], ['relearningSteps', s.relearningSteps]] as const) {
    const bad = steps.find((step) => !STEP.test(step));
    if (bad !== undefined) fail(name, `has "${bad}"; use steps like "1m", "10m", "1h", "1d"`);
  }
  return s;
}

export interface IntervalPreview {
  rating: Rating;
  due: number;
  intervalMs: number;
  /** Ready for a button: "1m", "10m", "3d"… */
  label: string;
}

const GRADES: readonly Rating[] = [1, 2, 3, 4];
const FUZZ_SEED = 'fuzz_seed';

/** The only place that talks to ts-fsrs; the rest of the engine sees plain `CardState`s. */
export class Scheduler {
  private readonly fsrs: FSRS;
  /**
   * Identifies everything that changes derived states. A snapshot made under a different key is
   * stale (new retention target, new steps, or a new ts-fsrs release) and is rebuilt.
   */
  readonly key: string;

  constructor(readonly settings: ReviewSettings) {
    this.fsrs = fsrs({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: settings.fuzz,
      enable_short_term: true,
      learning_steps: settings.learningSteps as readonly StepUnit[],
      relearning_steps: settings.relearningSteps as readonly StepUnit[],
    });
    // The default fuzz seed is a ~40-character string that ts-fsrs hashes three times per answer,
    // which made fuzz the largest cost of replaying a long log. A short numeric seed (the review
    // minute, plus reps) is as deterministic and several times cheaper.
    this.fsrs.useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId(FUZZ_SEED));
    this.key = JSON.stringify([
      FSRSVersion,
      FUZZ_SEED,
      settings.desiredRetention,
      settings.maximumInterval,
      settings.fuzz,
      settings.learningSteps,
      settings.relearningSteps,
      this.fsrs.parameters.w,
    ]);
  }

  /** The card after answering `rating` at `at`; only the scheduling fields change. */
  answer(card: CardState, at: number, rating: Rating): CardState {
    const next = this.capped(this.fsrs.next(toFsrsCard(card, at), new Date(at), rating as Grade).card, at);
    return { ...card, ...fromFsrsCard(next) };
  }

  /** Where each answer would send the card, for labelling the four buttons. */
  preview(card: CardState, now: number): IntervalPreview[] {
    const outcomes = this.fsrs.repeat(toFsrsCard(card, now), new Date(now));
    return GRADES.map((rating) => {
      const due = this.capped(outcomes[rating as Grade].card, now).due.getTime();
      return { rating, due, intervalMs: due - now, label: formatInterval(due - now) };
    });
  }

  /**
   * ts-fsrs keeps Good above Hard and Easy above Good by a day even past `maximum_interval`;
   * the learner asked for a ceiling, so hold to it.
   */
  private capped(card: Card, at: number): Card {
    const max = this.settings.maximumInterval;
    if (card.scheduled_days <= max) return card;
    return { ...card, scheduled_days: max, due: new Date(at + max * DAY) };
  }
}

function toFsrsCard(card: CardState, at: number): Card {
  // Always the same keys in the same order as ts-fsrs's own cards: ts-fsrs spreads the card
  // several times per answer, and a second object shape makes that several times slower.
  return {
    due: new Date(card.phase === State.New ? at : card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.phase as State,
    last_review: card.lastReview === undefined ? undefined : new Date(card.lastReview),
    [FUZZ_SEED]: Math.floor(at / MINUTE),
  } as Card;
}

function fromFsrsCard(card: Card) {
  return {
    phase: card.state as CardState['phase'],
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review?.getTime(),
  };
}
