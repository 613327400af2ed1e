import { DAY, HOUR, MINUTE } from './clock';

const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * Short interval label for answer buttons, as Anki writes them: "<1m", "10m", "1.5h", "3d",
 * "2mo", "1.2y". Each unit is chosen after rounding, so 59.7 minutes reads "1h", not "60m".
 */
export function formatInterval(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE / 2) return '<1m';
  const minutes = Math.round(span / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = round1(span / HOUR);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(span / DAY);
  if (days < 30) return `${days}d`;
  const months = round1(span / MONTH);
  if (months < 12) return `${months}mo`;
  return `${round1(span / YEAR)}y`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
