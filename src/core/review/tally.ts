import type { Calendar } from './clock';
import type { Phase, Rating } from './reviewLog';

/** What statistics need of an answer; `ReviewEntry` has this shape. */
export interface ReviewFact {
  at: number;
  rating: Rating;
  phase?: Phase | undefined;
}

export interface DayTally {
  /** Study-day number (see `Calendar.dayOf`). */
  day: number;
  answers: number;
  /** Answers given to cards in Review… */
  reviewAnswers: number;
  /** …of which Hard or better. */
  reviewPassed: number;
}

/**
 * Answers counted per study day: all that the heatmap, retention and streak need, small enough to
 * live in the snapshot (a few kB a year), so statistics don't have to parse the whole log.
 *
 * Which day an answer falls on depends on the calendar (time zone, day-start hour); a tally
 * saved under another calendar is not reused but rebuilt from the log.
 */
export class ReviewTally {
  /** day → [answers, reviewAnswers, reviewPassed] */
  private readonly counts = new Map<number, [number, number, number]>();

  constructor(readonly calendar: Calendar) {}

  static of(reviews: Iterable<ReviewFact>, calendar: Calendar): ReviewTally {
    const tally = new ReviewTally(calendar);
    for (const review of reviews) tally.add(review);
    return tally;
  }

  /** `sign` -1 takes an undone answer back out. */
  add(review: ReviewFact, sign: 1 | -1 = 1): void {
    const day = this.calendar.dayOf(review.at);
    let counts = this.counts.get(day);
    if (!counts) this.counts.set(day, (counts = [0, 0, 0]));
    counts[0] += sign;
    if (review.phase === 2) {
      counts[1] += sign;
      if (review.rating >= 2) counts[2] += sign;
    }
    if (counts[0] === 0) this.counts.delete(day);
  }

  /** Days in `[fromDay, toDay]` that have answers. */
  days(fromDay = -Infinity, toDay = Infinity): Map<number, DayTally> {
    const out = new Map<number, DayTally>();
    for (const [day, [answers, reviewAnswers, reviewPassed]] of this.counts) {
      if (day >= fromDay && day <= toDay) out.set(day, { day, answers, reviewAnswers, reviewPassed });
    }
    return out;
  }

  /** For the snapshot: the calendar it was counted under, then flat `[day, answers, …]`, sorted. */
  toJSON(): { calendar: string; days: number[] } {
    const days: number[] = [];
    for (const day of [...this.counts.keys()].sort((a, b) => a - b)) days.push(day, ...this.counts.get(day)!);
    return { calendar: this.calendar.key, days };
  }

  /** `undefined` if malformed, or counted under a different calendar. */
  static fromJSON(value: unknown, calendar: Calendar): ReviewTally | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const { calendar: key, days } = value as { calendar?: unknown; days?: unknown };
    if (key !== calendar.key || !Array.isArray(days) || days.length % 4 !== 0) return undefined;
    const tally = new ReviewTally(calendar);
    for (let i = 0; i < days.length; i += 4) {
      const [day, answers, reviewAnswers, reviewPassed] = days.slice(i, i + 4) as number[];
      if (![day, answers, reviewAnswers, reviewPassed].every(Number.isInteger)) return undefined;
      tally.counts.set(day!, [answers!, reviewAnswers!, reviewPassed!]);
    }
    return tally;
  }
}
