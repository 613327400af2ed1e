import type { Card } from '../../core/deck/types';
import { DEFAULT_MS_PER_QUESTION, DEFAULT_PASS_MARK, countExamQuestions, type CardRef, type ExamCard } from '../../core/exam';

/**
 * What `flashcards.startExam` accepts as its argument: every choice the setup pickers would ask
 * for, so tests, keybindings and "Retry wrong answers" start an exam without any picker. Pure (no
 * `vscode` import), so it is unit-tested directly.
 */
export interface StartExamArgs {
  /** Deck keys (`builtin:exam-data-streaming.deck.md`, `workspace:decks/x.deck.md`); default all decks. */
  decks?: string[];
  /** Only cards with at least one of these tags; default any card. */
  tags?: string[];
  /** Wanted number of questions; default 65 (the AWS exam) or `only.length`. Fewer when the cards have fewer. */
  count?: number;
  /** Default: 2 minutes per question (130 minutes for 65 questions, as in the AWS exam). */
  timeLimitMinutes?: number;
  /** Percent of questions to answer correctly, 0–100; default the setting `flashcards.exam.passMark` (72). */
  passMark?: number;
  /** Only these questions, e.g. the wrong answers of the last exam. */
  only?: CardRef[];
  /** Fixes the question order and the option shuffle; default a random seed. */
  seed?: number;
}

/** The longest exam the setup accepts: one day. */
export const MAX_TIME_LIMIT_MINUTES = 24 * 60;
export const MAX_QUESTIONS = 1000;

/** Reads the command argument; anything that is not a valid `StartExamArgs` gives an error message instead. */
export function parseStartExamArgs(value: unknown): { args: StartExamArgs } | { error: string } {
  if (value === undefined || value === null) return { args: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: 'The argument of flashcards.startExam must be an object.' };
  const v = value as Record<string, unknown>;
  const known = new Set(['decks', 'tags', 'count', 'timeLimitMinutes', 'passMark', 'only', 'seed']);
  const unknown = Object.keys(v).filter((k) => !known.has(k));
  if (unknown.length) return { error: `Unknown exam option${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.` };
  const args: StartExamArgs = {};
  for (const key of ['decks', 'tags'] as const) {
    if (v[key] === undefined) continue;
    const list = v[key];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return { error: `\`${key}\` must be a list of strings.` };
    args[key] = list.slice();
  }
  if (v.count !== undefined) {
    if (!Number.isInteger(v.count) || (v.count as number) < 1 || (v.count as number) > MAX_QUESTIONS) return { error: `\`count\` must be a whole number from 1 to ${MAX_QUESTIONS}.` };
    args.count = v.count as number;
  }
  if (v.timeLimitMinutes !== undefined) {
    const t = v.timeLimitMinutes;
    if (typeof t !== 'number' || !(t > 0) || t > MAX_TIME_LIMIT_MINUTES) return { error: `\`timeLimitMinutes\` must be more than 0 and at most ${MAX_TIME_LIMIT_MINUTES}.` };
    args.timeLimitMinutes = t;
  }
  if (v.passMark !== undefined) {
    const p = v.passMark;
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) return { error: '`passMark` is a percentage from 0 to 100.' };
    args.passMark = p;
  }
  if (v.only !== undefined) {
    const only = v.only;
    if (!Array.isArray(only) || !only.every((r) => r && typeof r === 'object' && typeof r.deck === 'string' && typeof r.card === 'string')) {
      return { error: '`only` must be a list of { deck, card } objects.' };
    }
    if (only.length === 0) return { error: '`only` names no question.' };
    args.only = only.map((r: CardRef) => ({ deck: r.deck, card: r.card }));
  }
  if (v.seed !== undefined) {
    if (typeof v.seed !== 'number' || !Number.isFinite(v.seed)) return { error: '`seed` must be a number.' };
    args.seed = v.seed;
  }
  return { args };
}

export interface DeckCards {
  key: string;
  title: string;
  cards: readonly Card[];
}

/** The cards an exam draws from: the chosen decks (all when none), then the chosen tags (any card when none). */
export function selectExamCards(decks: readonly DeckCards[], args: Pick<StartExamArgs, 'decks' | 'tags' | 'only'>): ExamCard[] {
  const onlyDecks = args.only ? new Set(args.only.map((r) => r.deck)) : undefined;
  const wanted = args.decks?.length ? new Set(args.decks) : onlyDecks;
  const tags = args.tags?.length ? new Set(args.tags.map((t) => t.toLowerCase())) : undefined;
  const out: ExamCard[] = [];
  for (const d of decks) {
    if (wanted && !wanted.has(d.key)) continue;
    for (const card of d.cards) {
      if (tags && !card.tags.some((t) => tags.has(t.toLowerCase()))) continue;
      out.push({ deck: d.key, card });
    }
  }
  return out;
}

/** How many questions the cards can give (a cloze card gives at most one per exam). */
export function availableQuestions(cards: readonly ExamCard[]): number {
  const { gradable, selfGraded } = countExamQuestions(cards);
  return gradable + selfGraded;
}

/** Every tag of the cards with how many cards carry it, most used first. */
export function tagCounts(cards: readonly ExamCard[]): { tag: string; cards: number }[] {
  const counts = new Map<string, number>();
  for (const { card } of cards) for (const tag of new Set(card.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, n]) => ({ tag, cards: n })).sort((a, b) => b.cards - a.cards || a.tag.localeCompare(b.tag));
}

/** The AWS exam's pace: 2 minutes per question. */
export function defaultTimeLimitMinutes(questions: number): number {
  return Math.max(1, Math.round((questions * DEFAULT_MS_PER_QUESTION) / 60_000));
}

/** The setting (or argument) in percent → the engine's fraction; out-of-range values fall back to 72 %. */
export function passMarkFraction(percent: number | undefined): number {
  if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) return DEFAULT_PASS_MARK;
  return Math.round(percent * 100) / 10_000;
}

/** A 32-bit seed for `seededRandom`; `entropy` is e.g. `Math.random`. */
export function randomSeed(entropy: () => number): number {
  return Math.floor(entropy() * 0x1_0000_0000) >>> 0;
}

/** Arguments for "Retry wrong answers": the same decks and pass mark, only the wrong questions, the AWS pace. */
export function retryArgs(wrong: readonly CardRef[], passMark: number): StartExamArgs {
  return {
    decks: [...new Set(wrong.map((r) => r.deck))],
    only: wrong.map((r) => ({ deck: r.deck, card: r.card })),
    count: wrong.length,
    passMark: Math.round(passMark * 10_000) / 100,
  };
}

/** Progress keys (`deckKey/cardId`) of cards, for `flashcards.startReview { cards }` and the schedule. */
export function cardKeys(refs: readonly CardRef[]): string[] {
  return [...new Set(refs.map((r) => `${r.deck}/${r.card}`))];
}
