import type { CardState } from './cardState';
import type { Calendar } from './clock';
import { keyIsUnder } from './reviewLog';
import type { ReviewTally } from './tally';

export interface DayCount {
  /** Study-day number (see `Calendar.dayOf`). */
  day: number;
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  count: number;
}

export interface Retention {
  /** Answers given to cards in Review. */
  answered: number;
  /** Of those, answered Hard or better. */
  passed: number;
  /** `passed / answered`, or undefined with no answers. */
  rate: number | undefined;
}

export interface DeckMastery {
  deckKey: string;
  total: number;
  mastered: number;
  share: number;
}

export interface ReviewStats {
  heatmap: DayCount[];
  retention: Retention;
  forecast: number[];
  streak: number;
}

/** Answers per study day, oldest first, ending today: the heatmap. */
export function reviewsPerDay(tally: ReviewTally, now: number, days = 365): DayCount[] {
  const { calendar } = tally;
  const today = calendar.dayOf(now);
  const first = today - days + 1;
  const totals = tally.days(first, today);
  return Array.from({ length: days }, (_, i) => ({
    day: first + i,
    date: calendar.dateOf(first + i),
    count: totals.get(first + i)?.answers ?? 0,
  }));
}

/**
 * True retention as Anki's statistics define it: of the answers given to cards in Review over
 * the last `days` study days (today included), the share that were not Again. Learning steps are
 * left out because they measure short-term memory, not what the scheduler aims at.
 */
export function trueRetention(tally: ReviewTally, now: number, days = 30): Retention {
  const today = tally.calendar.dayOf(now);
  let answered = 0;
  let passed = 0;
  for (const day of tally.days(today - days + 1, today).values()) {
    answered += day.reviewAnswers;
    passed += day.reviewPassed;
  }
  return { answered, passed, rate: answered > 0 ? passed / answered : undefined };
}

/** Cards falling due on each of the next `days` study days; overdue cards count toward today. */
export function dueForecast(states: Iterable<CardState>, calendar: Calendar, now: number, days = 30): number[] {
  const today = calendar.dayOf(now);
  const counts = new Array<number>(days).fill(0);
  for (const card of states) {
    if (card.phase === 0 || card.suspended) continue;
    const index = Math.max(0, calendar.dayOf(card.due) - today);
    if (index < days) counts[index]!++;
  }
  return counts;
}

/**
 * Consecutive study days with at least one answer, ending today; a streak is not broken until
 * today is over, so if nothing was answered yet today it counts up to yesterday.
 */
export function currentStreak(tally: ReviewTally, now: number): number {
  let day = tally.calendar.dayOf(now);
  const studied = tally.days(-Infinity, day);
  if (!studied.has(day)) day--;
  let streak = 0;
  while (studied.has(day)) {
    streak++;
    day--;
  }
  return streak;
}

/**
 * Share of each deck's cards whose stability has reached `threshold` days (Anki's "mature").
 * With `cards` every card of the deck counts, new ones included; without, only cards that have
 * progress and whose key lies under the deck key.
 */
export function deckMastery(
  states: ReadonlyMap<string, CardState>,
  decks: ReadonlyArray<{ deckKey: string; cards?: readonly string[] }>,
  threshold = 21,
): DeckMastery[] {
  const isMastered = (card: CardState | undefined) => card !== undefined && card.phase !== 0 && card.stability >= threshold;
  return decks.map(({ deckKey, cards }) => {
    let total = 0;
    let mastered = 0;
    if (cards) {
      total = cards.length;
      for (const key of cards) if (isMastered(states.get(key))) mastered++;
    } else {
      for (const [key, card] of states) {
        if (!keyIsUnder(deckKey, key)) continue;
        total++;
        if (isMastered(card)) mastered++;
      }
    }
    return { deckKey, total, mastered, share: total > 0 ? mastered / total : 0 };
  });
}

export function reviewStats(tally: ReviewTally, states: ReadonlyMap<string, CardState>, now: number): ReviewStats {
  return {
    heatmap: reviewsPerDay(tally, now),
    retention: trueRetention(tally, now),
    forecast: dueForecast(states.values(), tally.calendar, now),
    streak: currentStreak(tally, now),
  };
}
