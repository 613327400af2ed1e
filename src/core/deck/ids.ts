/**
 * Ids derived from text must not depend on a card's position, so that inserting, removing or
 * reordering cards never orphans progress. FNV-1a is tiny, fast, and identical in Node and browsers.
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function normalizeForId(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Hands out derived ids; a question that repeats (the seed has two "Kinesis Firehouse" cards) gets `-2`, `-3`… */
export class DerivedIds {
  private readonly seen = new Map<string, number>();

  next(question: string): string {
    const base = `q-${fnv1a(normalizeForId(question))}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}

export const EXPLICIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
