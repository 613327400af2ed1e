import { DAY, HOUR, MINUTE } from '../review/clock';

/**
 * "due now", "due in 12 min", "due in 5 h", "due in 3 d": words rather than the answer buttons'
 * compact "3d", because these labels are read in passing in a tree or above a card.
 */
export function describeDue(due: number, now: number): string {
  const ms = due - now;
  if (ms <= 0) return 'due now';
  return `due in ${describeSpan(ms)}`;
}

export function describeSpan(ms: number): string {
  if (ms < MINUTE) return '<1 min';
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${round1(ms / HOUR)} h`;
  if (ms < 30 * DAY) return `${Math.round(ms / DAY)} d`;
  if (ms < 365 * DAY) return `${round1(ms / (30 * DAY))} mo`;
  return `${round1(ms / (365 * DAY))} y`;
}

function round1(value: number): number {
  const r = Math.round(value * 10) / 10;
  return r >= 10 ? Math.round(r) : r;
}
