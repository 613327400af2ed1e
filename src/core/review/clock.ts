/** Epoch milliseconds; injected so the engine never reads the wall clock itself. */
export interface Clock {
  now(): number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Minutes east of UTC at an instant (UTC+2 → 120). A function, not a number, because DST moves it. */
export type UtcOffset = (at: number) => number;

export const localUtcOffset: UtcOffset = (at) => -new Date(at).getTimezoneOffset();

export function fixedUtcOffset(minutes: number): UtcOffset {
  return () => minutes;
}

/**
 * The study calendar: a "day" starts at `dayStartHour` local time, as in Anki, so a late-night
 * session still counts toward the day the learner thinks of as today.
 */
export class Calendar {
  /**
   * Tells calendars apart that would put some answer on a different day: the day-start hour and
   * the zone's offsets in winter and summer. Counts kept per day are reused only under the same key.
   */
  readonly key: string;

  constructor(
    readonly dayStartHour: number,
    private readonly utcOffset: UtcOffset = localUtcOffset,
  ) {
    this.key = [dayStartHour, utcOffset(Date.UTC(2024, 0, 15, 12)), utcOffset(Date.UTC(2024, 6, 15, 12))].join(':');
  }

  /** Day number since the epoch; only differences and equality are meaningful. */
  dayOf(at: number): number {
    return Math.floor((at + this.utcOffset(at) * MINUTE - this.dayStartHour * HOUR) / DAY);
  }

  startOfDay(day: number): number {
    const base = day * DAY + this.dayStartHour * HOUR;
    // The offset that applies at the boundary can differ from the one a day earlier (DST), so
    // settle it in two passes.
    const guess = base - this.utcOffset(base) * MINUTE;
    return base - this.utcOffset(guess) * MINUTE;
  }

  startOfToday(now: number): number {
    return this.startOfDay(this.dayOf(now));
  }

  nextDayStart(now: number): number {
    return this.startOfDay(this.dayOf(now) + 1);
  }

  /** Local calendar date of a study day, `YYYY-MM-DD`. */
  dateOf(day: number): string {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }
}
