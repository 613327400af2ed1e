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

/**
 * `fnv1a(normalizeForId(text))` without building the normalised copy: on a long question with
 * many spaces that copy (and the regex's list of matches) cost more than everything else, and
 * grew faster than the text. Lower-casing first gives the same characters as lower-casing last,
 * except for a capital sigma next to U+FEFF (its final form depends on the neighbours, and U+FEFF
 * is white space to `\s` but invisible to the casing rules), which takes the exact path.
 */
export function normalizedHash(text: string): string {
  if (text.includes('\u03a3') && text.includes('\ufeff')) return fnv1a(normalizeForId(text));
  const lower = text.toLowerCase();
  let h = 0x811c9dc5;
  let space = false;
  let started = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isSpace(c)) {
      space = started;
      continue;
    }
    if (space) {
      h = Math.imul(h ^ 32, 0x01000193);
      space = false;
    }
    started = true;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** What `\s` matches: ECMAScript WhiteSpace and LineTerminator. */
function isSpace(c: number): boolean {
  if (c < 0xa0) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Hands out derived ids; a question that repeats (the seed has two "Kinesis Firehouse" cards) gets `-2`, `-3`… */
export class DerivedIds {
  private readonly seen = new Map<string, number>();

  next(question: string): string {
    const base = `q-${normalizedHash(question)}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}

export const EXPLICIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * `<id>::c<n>` is the review id of cloze deletion n of card `<id>` (exam/cloze.ts), so an author's
 * id may not end like that: card `a::c1` and the first cloze of card `a` would share progress.
 */
export const CLOZE_ID_SUFFIX = /::c\d+$/;
