import type { Card } from '../deck/types';

/**
 * Cloze deletions in Anki syntax: `{{c1::text}}` or `{{c1::text::hint}}`. The same number may be
 * used several times; all of them are hidden together on that number's card.
 */
export interface ClozeDeletion {
  /** The `N` of `cN`, 1 or more. */
  number: number;
  text: string;
  hint?: string;
  /** Offsets of the whole `{{…}}` in the scanned text. */
  start: number;
  end: number;
}

export interface ClozeProblem {
  offset: number;
  length: number;
  message: string;
  code: string;
}

export interface ClozeScan {
  deletions: ClozeDeletion[];
  problems: ClozeProblem[];
}

const OPEN = /\{\{c(\d+)::/gi;
/** Things that look like an attempt at a cloze but are not one: `{{c1:x}}`, `{{c::x}}`, `{{1::x}}`. */
const NEAR_MISS = /\{\{\s*(?:c\d*\s*:(?!:)|c\s*::|\d+\s*::|c\s+\d+\s*::)/gi;

/**
 * Finds the deletions of one text (a card's question or answer); never throws. Linear in the text:
 * an open deletion looks for its `}}` and for a nested `{{c…::` only past where the previous one
 * looked, so a run of unclosed `{{c1::` does not rescan the rest of the text from each of them.
 */
export function scanClozes(text: string): ClozeScan {
  const deletions: ClozeDeletion[] = [];
  const problems: ClozeProblem[] = [];
  if (!text.includes('{{')) return { deletions, problems };
  OPEN.lastIndex = 0;
  // No match of OPEN contains `}`, so the one after an opening lies inside its deletion exactly
  // when it starts before the `}}`: that is a nested deletion.
  let next = OPEN.exec(text);
  let close: number | undefined;
  while (next) {
    const m = next;
    next = OPEN.exec(text);
    const start = m.index;
    const bodyStart = start + m[0].length;
    // The `}}` found for an earlier opening still closes this one unless it lies before it; and
    // when there was none then, there is none now.
    if (close === undefined || (close >= 0 && close < bodyStart)) close = text.indexOf('}}', bodyStart);
    if (close < 0) {
      problems.push({ offset: start, length: m[0].length, message: 'This cloze deletion is not closed with `}}`.', code: 'unclosed-cloze' });
      continue;
    }
    if (next && next.index < close) {
      problems.push({ offset: start, length: m[0].length, message: 'Cloze deletions cannot be nested; close this one with `}}` before the next `{{c…::`.', code: 'nested-cloze' });
      continue;
    }
    const number = Number(m[1]);
    const body = text.slice(bodyStart, close);
    const hintAt = body.indexOf('::');
    const clozeText = (hintAt < 0 ? body : body.slice(0, hintAt)).trim();
    const hint = hintAt < 0 ? undefined : body.slice(hintAt + 2).trim() || undefined;
    if (!Number.isSafeInteger(number) || number < 1) {
      problems.push({ offset: start, length: m[0].length, message: `Cloze numbers start at 1: \`c${m[1]}\` is not valid.`, code: 'invalid-cloze-number' });
      continue;
    }
    if (!clozeText) {
      problems.push({ offset: start, length: close + 2 - start, message: 'This cloze deletion hides no text.', code: 'empty-cloze' });
      continue;
    }
    deletions.push({ number, text: clozeText, hint, start, end: close + 2 });
  }
  // Near misses come in text order, like the deletions, so one cursor finds the deletion around each.
  let around = 0;
  NEAR_MISS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NEAR_MISS.exec(text))) {
    const at = m.index;
    while (around < deletions.length && deletions[around].end <= at) around++;
    if (around < deletions.length && deletions[around].start <= at) continue;
    problems.push({ offset: at, length: m[0].length, message: 'This looks like a cloze deletion but is not one: write `{{c1::text}}` or `{{c1::text::hint}}`.', code: 'malformed-cloze' });
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { deletions, problems };
}

/** The distinct cloze numbers of a card, ascending. Empty when the card has no deletions. */
export function clozeNumbers(card: Pick<Card, 'question' | 'answer'>): number[] {
  const set = new Set<number>();
  for (const d of scanClozes(card.question).deletions) set.add(d.number);
  for (const d of scanClozes(card.answer).deletions) set.add(d.number);
  return [...set].sort((a, b) => a - b);
}

export const CLOZE_PLACEHOLDER = '[…]';

export type ClozeMode = 'hide' | 'reveal';

/**
 * The text with deletion `number` hidden (`[…]`, or `[hint]` when it has a hint) or revealed in
 * bold; every other deletion shows as its plain text.
 */
export function renderCloze(text: string, number: number, mode: ClozeMode, scan: ClozeScan = scanClozes(text)): string {
  if (scan.deletions.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const d of scan.deletions) {
    out += text.slice(pos, d.start);
    if (d.number !== number) out += d.text;
    else if (mode === 'reveal') out += `**${d.text}**`;
    else out += d.hint ? `[${d.hint}]` : CLOZE_PLACEHOLDER;
    pos = d.end;
  }
  return out + text.slice(pos);
}

/** Separator between a card id and its cloze number in virtual card ids: `f05-write::c1`. */
export const CLOZE_ID_SEPARATOR = '::c';

export function clozeCardId(cardId: string, number: number): string {
  return `${cardId}${CLOZE_ID_SEPARATOR}${number}`;
}

/** Splits a virtual cloze id back into the deck card id and the number; plain ids have no number. */
export function splitClozeCardId(id: string): { cardId: string; cloze?: number } {
  const m = /^(.*)::c(\d+)$/.exec(id);
  return m ? { cardId: m[1], cloze: Number(m[2]) } : { cardId: id };
}

export interface ClozeSide {
  /** Front: the deletion hidden. */
  question: string;
  /** Back: the deletion revealed in bold (plus the card's notes when the deletions are in the question part). */
  answer: string;
  /** The hidden texts, in reading order, for type-in checking. */
  blanks: { text: string; hint?: string }[];
}

/**
 * Front and back of cloze number `number`. Deletions may sit in the card body (usual: no `?`, the
 * heading gives context) or in the question part (then the answer part is extra notes shown on the
 * back).
 */
export function clozeSides(card: Pick<Card, 'question' | 'answer'>, number: number): ClozeSide {
  const q = scanClozes(card.question);
  const a = scanClozes(card.answer);
  const inQuestion = q.deletions.length > 0;
  const inAnswer = a.deletions.length > 0;
  const question = inAnswer
    ? `${renderCloze(card.question, number, 'hide', q)}\n\n${renderCloze(card.answer, number, 'hide', a)}`
    : renderCloze(card.question, number, 'hide', q);
  const answer = inQuestion
    ? `${renderCloze(card.question, number, 'reveal', q)}\n\n${renderCloze(card.answer, number, 'reveal', a)}`
    : renderCloze(card.answer, number, 'reveal', a);
  const blanks = [...q.deletions, ...a.deletions]
    .filter((d) => d.number === number)
    .map((d) => (d.hint ? { text: d.text, hint: d.hint } : { text: d.text }));
  return { question, answer, blanks };
}

/**
 * Review cards for a card: one virtual card per cloze number, with id `<cardId>::cN`, or the card
 * itself (in a one-element array) when it has no deletions, so `deck.cards.flatMap(expandCloze)`
 * gives the review queue's cards.
 */
export function expandCloze(card: Card): Card[] {
  const numbers = clozeNumbers(card);
  if (numbers.length === 0) return [card];
  return numbers.map((n) => {
    const sides = clozeSides(card, n);
    return { ...card, id: clozeCardId(card.id, n), question: sides.question, answer: sides.answer };
  });
}
