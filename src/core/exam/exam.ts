import type { Card } from '../deck/types';
import { answersMatch } from './lenient';
import { clozeCardId, clozeSides } from './cloze';
import { isUsableQuestion, parseQuestion } from './question';
import { randomChars, shuffled, type Random } from './random';

/**
 * The exam engine: picks questions, keeps the answers, the flags and the clock, and grades. Every
 * function is pure: it takes an `ExamState` and returns a new one (or the same object when nothing
 * changed), and reads time only from the `now` it is given. The state is plain JSON, so the
 * extension can store it on every change and a reloaded webview resumes the exam.
 */

/** The AWS Certified Data Engineer – Associate exam: 65 questions in 130 minutes. */
export const AWS_EXAM_QUESTIONS = 65;
export const AWS_EXAM_MINUTES = 130;
export const DEFAULT_MS_PER_QUESTION = (AWS_EXAM_MINUTES * 60_000) / AWS_EXAM_QUESTIONS;
/** 720 of 1,000 scaled points. */
export const DEFAULT_PASS_MARK = 0.72;

export const EXAM_SCHEMA = 1;

/** Which card a question came from. `card` is the review id: `<cardId>::cN` for a cloze question. */
export interface CardRef {
  /** The deck's key as the caller gave it (a file URI, a path…). */
  deck: string;
  card: string;
}

/** A deck card offered to the exam, with the key of the deck it belongs to. */
export interface ExamCard {
  deck: string;
  card: Card;
}

export interface ExamOption {
  /** The option's position in the author's list; responses name options by this id. */
  id: number;
  text: string;
  correct: boolean;
}

interface QuestionBase {
  ref: CardRef;
  tags: string[];
  source?: string;
  /** 1-based line of the card in its deck file, for "open in editor". */
  line: number;
  /** Markdown shown as the question. */
  prompt: string;
}

export interface ChoiceExamQuestion extends QuestionBase {
  kind: 'single' | 'multiple';
  /** In the order shown (shuffled when the exam was created). */
  options: ExamOption[];
  /** How many options to pick: 1 for `single`, the number of correct options for `multiple`. */
  choose: number;
  explanation: string;
}

export interface ClozeExamQuestion extends QuestionBase {
  kind: 'cloze';
  /** One per hidden deletion, in reading order; the prompt shows them as `[…]` or `[hint]`. */
  blanks: { text: string; hint?: string }[];
  /** The text with the deletions revealed in bold. */
  solution: string;
}

export interface SelfExamQuestion extends QuestionBase {
  kind: 'self';
  /** The card's answer, shown once the learner reveals it; they then grade themselves. */
  answer: string;
}

export type ExamQuestion = ChoiceExamQuestion | ClozeExamQuestion | SelfExamQuestion;

export type ExamResponse =
  | { kind: 'choice'; selected: number[] }
  | { kind: 'cloze'; answers: string[] }
  | { kind: 'self'; knew: boolean };

export type FinishReason = 'submitted' | 'timeout';

export interface ExamState {
  schema: typeof EXAM_SCHEMA;
  id: string;
  startedAt: number;
  timeLimitMs: number;
  /** Fraction of questions to answer correctly to pass, 0–1. */
  passMark: number;
  questions: ExamQuestion[];
  /** `null` while unanswered. */
  responses: (ExamResponse | null)[];
  flagged: boolean[];
  /** Index of the question on screen. */
  current: number;
  finishedAt: number | null;
  finishReason: FinishReason | null;
}

/** Misuse of the engine (bad index, wrong response kind, no questions): a bug in the caller. */
export class ExamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExamError';
  }
}

export interface CreateExamOptions {
  cards: readonly ExamCard[];
  /** Wanted number of questions; fewer when the cards do not have that many. */
  count: number;
  random: Random;
  /** Start time, epoch ms. */
  now: number;
  /** Default: 2 minutes per question, as in the AWS exam (130 min for 65). */
  timeLimitMs?: number;
  /** Default 0.72. */
  passMark?: number;
  /** Only these questions (e.g. "Retry wrong answers"); `card` may name one cloze (`id::c2`) or a whole card. */
  only?: readonly CardRef[];
  /** Default: derived from `now` and `random`. */
  id?: string;
}

interface Candidate {
  /** Cards whose questions must not share an exam: the cloze siblings of one card reveal each other. */
  group: string;
  gradable: boolean;
  build: (random: Random) => ExamQuestion;
}

/** How many questions the cards can give, for the exam setup screen. */
export function countExamQuestions(cards: readonly ExamCard[]): { gradable: number; selfGraded: number } {
  const pool = candidates(cards, undefined);
  const gradableGroups = new Set(pool.filter((c) => c.gradable).map((c) => c.group));
  return { gradable: gradableGroups.size, selfGraded: pool.filter((c) => !c.gradable).length };
}

export function createExam(options: CreateExamOptions): ExamState {
  const { random, now } = options;
  if (!Number.isFinite(now)) throw new ExamError('`now` must be a finite time.');
  const count = Math.floor(options.count);
  if (!(count >= 1)) throw new ExamError('An exam needs at least one question.');
  const passMark = options.passMark ?? DEFAULT_PASS_MARK;
  if (!(passMark >= 0 && passMark <= 1)) throw new ExamError('`passMark` is a fraction between 0 and 1.');
  if (options.timeLimitMs !== undefined && !(options.timeLimitMs > 0)) throw new ExamError('`timeLimitMs` must be positive.');

  const pool = candidates(options.cards, options.only);
  const picked: Candidate[] = [];
  const usedGroups = new Set<string>();
  const take = (list: Candidate[]) => {
    for (const c of shuffled(list, random)) {
      if (picked.length >= count) return;
      if (usedGroups.has(c.group)) continue;
      usedGroups.add(c.group);
      picked.push(c);
    }
  };
  take(pool.filter((c) => c.gradable));
  take(pool.filter((c) => !c.gradable));
  if (picked.length === 0) throw new ExamError('None of the cards can be used in an exam.');

  const questions = shuffled(picked, random).map((c) => c.build(random));
  const n = questions.length;
  return {
    schema: EXAM_SCHEMA,
    id: options.id ?? `exam-${now.toString(36)}-${randomChars(random, 6)}`,
    startedAt: now,
    timeLimitMs: options.timeLimitMs ?? Math.round(n * DEFAULT_MS_PER_QUESTION),
    passMark,
    questions,
    responses: new Array<ExamResponse | null>(n).fill(null),
    flagged: new Array<boolean>(n).fill(false),
    current: 0,
    finishedAt: null,
    finishReason: null,
  };
}

function candidates(cards: readonly ExamCard[], only: readonly CardRef[] | undefined): Candidate[] {
  const wanted = only ? new Set(only.map((r) => refKey(r.deck, r.card))) : undefined;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const { deck, card } of cards) {
    const key = refKey(deck, card.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const parse = parseQuestion(card);
    if (!isUsableQuestion(parse)) continue;
    const base = { tags: card.tags.slice(), line: card.line, ...(card.source ? { source: card.source } : {}) };
    const q = parse.question;
    switch (q.kind) {
      case 'single':
      case 'multiple': {
        if (wanted && !wanted.has(key)) break;
        out.push({
          group: key,
          gradable: true,
          build: (random) => ({
            ...base,
            kind: q.kind,
            ref: { deck, card: card.id },
            prompt: q.stem,
            options: shuffled(q.options.map((o, id) => ({ id, text: o.text, correct: o.correct })), random),
            choose: q.correctCount,
            explanation: q.explanation,
          }),
        });
        break;
      }
      case 'cloze':
        for (const n of q.numbers) {
          const id = clozeCardId(card.id, n);
          if (wanted && !wanted.has(key) && !wanted.has(refKey(deck, id))) continue;
          out.push({
            group: key,
            gradable: true,
            build: () => {
              const sides = clozeSides(card, n);
              return { ...base, kind: 'cloze', ref: { deck, card: id }, prompt: sides.question, blanks: sides.blanks, solution: sides.answer };
            },
          });
        }
        break;
      case 'plain':
        if (wanted && !wanted.has(key)) break;
        out.push({
          group: key,
          gradable: false,
          build: () => ({ ...base, kind: 'self', ref: { deck, card: card.id }, prompt: card.question, answer: card.answer }),
        });
        break;
    }
  }
  return out;
}

function refKey(deck: string, card: string): string {
  return `${deck}\u0000${card}`;
}

// ---------------------------------------------------------------------------------------------
// Time

export function deadline(state: ExamState): number {
  return state.startedAt + state.timeLimitMs;
}

/** Time left; frozen at the moment the exam finished. Never negative, never above the limit. */
export function remainingMs(state: ExamState, now: number): number {
  const at = state.finishedAt ?? now;
  return Math.min(state.timeLimitMs, Math.max(0, deadline(state) - at));
}

/** True once the time limit is used up (also for an exam that finished by timing out). */
export function isTimedOut(state: ExamState, now: number): boolean {
  return remainingMs(state, now) === 0;
}

export function isFinished(state: ExamState): boolean {
  return state.finishedAt !== null;
}

/**
 * Call from the UI's timer: submits the exam automatically once the time is up (as of the
 * deadline, not of the late tick). Returns the same object when nothing changed.
 */
export function tick(state: ExamState, now: number): ExamState {
  if (isFinished(state) || now < deadline(state)) return state;
  return { ...state, finishedAt: deadline(state), finishReason: 'timeout' };
}

// ---------------------------------------------------------------------------------------------
// Answering and moving around

/**
 * Records (or, with an empty selection / empty texts, clears) the answer to question `index`, and
 * makes it the current question. After the deadline the exam is submitted instead and the answer
 * is dropped; after submission nothing changes.
 */
export function answer(state: ExamState, index: number, response: ExamResponse, now: number): ExamState {
  if (isFinished(state)) return state;
  const timedOut = tick(state, now);
  if (timedOut !== state) return timedOut;
  const question = questionAt(state, index);
  const clean = normalizeResponse(question, response);
  const responses = state.responses.slice();
  responses[index] = clean;
  return { ...state, responses, current: index };
}

function normalizeResponse(question: ExamQuestion, response: ExamResponse): ExamResponse | null {
  switch (question.kind) {
    case 'single':
    case 'multiple': {
      if (response.kind !== 'choice') throw new ExamError(`Question "${question.ref.card}" takes a choice, not a ${response.kind} response.`);
      const ids = new Set(question.options.map((o) => o.id));
      const selected = [...new Set(response.selected)].sort((a, b) => a - b);
      for (const id of selected) if (!ids.has(id)) throw new ExamError(`Option ${id} does not exist in question "${question.ref.card}".`);
      if (question.kind === 'single' && selected.length > 1) throw new ExamError('A multiple-choice question takes one option.');
      return selected.length ? { kind: 'choice', selected } : null;
    }
    case 'cloze': {
      if (response.kind !== 'cloze') throw new ExamError(`Question "${question.ref.card}" takes typed answers, not a ${response.kind} response.`);
      const answers = question.blanks.map((_, i) => String(response.answers[i] ?? ''));
      return answers.some((a) => a.trim()) ? { kind: 'cloze', answers } : null;
    }
    case 'self':
      if (response.kind !== 'self') throw new ExamError(`Question "${question.ref.card}" is self-graded, not a ${response.kind} response.`);
      return { kind: 'self', knew: response.knew === true };
  }
}

export function setFlag(state: ExamState, index: number, flagged: boolean): ExamState {
  questionAt(state, index);
  if (isFinished(state) || state.flagged[index] === flagged) return state;
  const next = state.flagged.slice();
  next[index] = flagged;
  return { ...state, flagged: next };
}

export function flag(state: ExamState, index: number): ExamState {
  return setFlag(state, index, true);
}

export function unflag(state: ExamState, index: number): ExamState {
  return setFlag(state, index, false);
}

/** Shows question `index`; allowed after submission too (to walk through the answers). */
export function navigate(state: ExamState, index: number): ExamState {
  questionAt(state, index);
  return state.current === index ? state : { ...state, current: index };
}

export function next(state: ExamState): ExamState {
  return state.current + 1 < state.questions.length ? navigate(state, state.current + 1) : state;
}

export function previous(state: ExamState): ExamState {
  return state.current > 0 ? navigate(state, state.current - 1) : state;
}

export function unansweredIndexes(state: ExamState): number[] {
  const out: number[] = [];
  state.responses.forEach((r, i) => {
    if (r === null) out.push(i);
  });
  return out;
}

export function flaggedIndexes(state: ExamState): number[] {
  const out: number[] = [];
  state.flagged.forEach((f, i) => {
    if (f) out.push(i);
  });
  return out;
}

/** What the "Submit the exam?" confirmation should warn about. */
export function submitWarning(state: ExamState): { unanswered: number[]; flagged: number[] } {
  return { unanswered: unansweredIndexes(state), flagged: flaggedIndexes(state) };
}

/** Ends the exam. Past the deadline it counts as a timeout at the deadline. Idempotent. */
export function submit(state: ExamState, now: number): ExamState {
  if (isFinished(state)) return state;
  const timedOut = tick(state, now);
  if (timedOut !== state) return timedOut;
  return { ...state, finishedAt: Math.max(now, state.startedAt), finishReason: 'submitted' };
}

function questionAt(state: ExamState, index: number): ExamQuestion {
  if (!Number.isInteger(index) || index < 0 || index >= state.questions.length) {
    throw new ExamError(`No question ${index} in an exam of ${state.questions.length}.`);
  }
  return state.questions[index];
}

// ---------------------------------------------------------------------------------------------
// Grading

/** No partial credit: a choice needs exactly the correct set, a cloze every blank, self-graded "I knew it". */
export function isCorrect(question: ExamQuestion, response: ExamResponse | null): boolean {
  if (!response) return false;
  switch (question.kind) {
    case 'single':
    case 'multiple': {
      if (response.kind !== 'choice') return false;
      const correct = question.options.filter((o) => o.correct).map((o) => o.id).sort((a, b) => a - b);
      const selected = [...new Set(response.selected)].sort((a, b) => a - b);
      return correct.length === selected.length && correct.every((id, i) => id === selected[i]);
    }
    case 'cloze':
      return response.kind === 'cloze' && question.blanks.every((b, i) => answersMatch(response.answers[i] ?? '', b.text));
    case 'self':
      return response.kind === 'self' && response.knew;
  }
}

// ---------------------------------------------------------------------------------------------
// What the webview shows

export interface ExamQuestionView {
  index: number;
  total: number;
  kind: ExamQuestion['kind'];
  prompt: string;
  /** Choice questions: the options in the order shown, without their correctness. */
  options?: { id: number; text: string }[];
  /** Choice questions: 1, or the "Choose N" of a multiple-response question. */
  choose?: number;
  /** Cloze questions: one input per blank. */
  blanks?: { hint?: string }[];
  /** Self-graded questions: the card's answer, to reveal before grading. */
  answer?: string;
  response: ExamResponse | null;
  flagged: boolean;
  /** Only once the exam is finished. */
  review?: {
    correct: boolean;
    correctOptionIds?: number[];
    solution?: string;
    explanation?: string;
    source?: string;
    ref: CardRef;
  };
}

/** The current (or given) question as the UI needs it; correct answers stay hidden until the exam ends. */
export function questionView(state: ExamState, index: number = state.current): ExamQuestionView {
  const q = questionAt(state, index);
  const view: ExamQuestionView = {
    index,
    total: state.questions.length,
    kind: q.kind,
    prompt: q.prompt,
    response: state.responses[index],
    flagged: state.flagged[index],
  };
  const finished = isFinished(state);
  const review: NonNullable<ExamQuestionView['review']> = { correct: isCorrect(q, state.responses[index]), ref: q.ref, ...(q.source ? { source: q.source } : {}) };
  switch (q.kind) {
    case 'single':
    case 'multiple':
      view.options = q.options.map((o) => ({ id: o.id, text: o.text }));
      view.choose = q.choose;
      review.correctOptionIds = q.options.filter((o) => o.correct).map((o) => o.id);
      review.explanation = q.explanation;
      break;
    case 'cloze':
      view.blanks = q.blanks.map((b) => (b.hint ? { hint: b.hint } : {}));
      review.solution = q.solution;
      break;
    case 'self':
      view.answer = q.answer;
      review.solution = q.answer;
      break;
  }
  if (finished) view.review = review;
  return view;
}

export interface ExamOverview {
  id: string;
  total: number;
  current: number;
  remainingMs: number;
  finished: boolean;
  finishReason: FinishReason | null;
  answered: number;
  /** One entry per question, for the navigation grid. */
  items: { index: number; answered: boolean; flagged: boolean; correct?: boolean }[];
}

export function examOverview(state: ExamState, now: number): ExamOverview {
  const finished = isFinished(state);
  const items = state.questions.map((q, index) => {
    const item: ExamOverview['items'][number] = { index, answered: state.responses[index] !== null, flagged: state.flagged[index] };
    if (finished) item.correct = isCorrect(q, state.responses[index]);
    return item;
  });
  return {
    id: state.id,
    total: state.questions.length,
    current: state.current,
    remainingMs: remainingMs(state, now),
    finished,
    finishReason: state.finishReason,
    answered: items.filter((i) => i.answered).length,
    items,
  };
}

// ---------------------------------------------------------------------------------------------
// Persistence

export function serializeExam(state: ExamState): string {
  return JSON.stringify(state);
}

/**
 * Reads back a stored exam (a JSON string or the parsed value, e.g. from webview state). Returns
 * undefined for anything that is not a well-formed exam of this schema, so a corrupt or future
 * record starts a fresh exam instead of crashing the view.
 */
export function restoreExam(stored: unknown): ExamState | undefined {
  let value = stored;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || value.schema !== EXAM_SCHEMA) return undefined;
  const s = value as unknown as ExamState;
  const n = Array.isArray(s.questions) ? s.questions.length : -1;
  if (n < 1 || typeof s.id !== 'string') return undefined;
  if (!isFiniteNumber(s.startedAt) || !(isFiniteNumber(s.timeLimitMs) && s.timeLimitMs > 0)) return undefined;
  if (!(isFiniteNumber(s.passMark) && s.passMark >= 0 && s.passMark <= 1)) return undefined;
  if (!Array.isArray(s.responses) || s.responses.length !== n || !Array.isArray(s.flagged) || s.flagged.length !== n) return undefined;
  if (!Number.isInteger(s.current) || s.current < 0 || s.current >= n) return undefined;
  if (!(s.finishedAt === null || isFiniteNumber(s.finishedAt))) return undefined;
  if (!(s.finishReason === null || s.finishReason === 'submitted' || s.finishReason === 'timeout')) return undefined;
  if ((s.finishedAt === null) !== (s.finishReason === null)) return undefined;
  if (!s.questions.every(isQuestion)) return undefined;
  if (!s.flagged.every((f) => typeof f === 'boolean')) return undefined;
  if (!s.responses.every((r, i) => r === null || responseFits(s.questions[i], r))) return undefined;
  return s;
}

function isQuestion(q: unknown): q is ExamQuestion {
  if (!isRecord(q) || !isRecord(q.ref) || typeof q.ref.deck !== 'string' || typeof q.ref.card !== 'string') return false;
  if (typeof q.prompt !== 'string' || !Array.isArray(q.tags)) return false;
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return Array.isArray(q.options) && q.options.every((o) => isRecord(o) && Number.isInteger(o.id) && typeof o.text === 'string' && typeof o.correct === 'boolean') && typeof q.explanation === 'string';
    case 'cloze':
      return Array.isArray(q.blanks) && q.blanks.every((b) => isRecord(b) && typeof b.text === 'string') && typeof q.solution === 'string';
    case 'self':
      return typeof q.answer === 'string';
    default:
      return false;
  }
}

function responseFits(q: ExamQuestion, r: unknown): boolean {
  if (!isRecord(r)) return false;
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return r.kind === 'choice' && Array.isArray(r.selected) && r.selected.every((id) => q.options.some((o) => o.id === id));
    case 'cloze':
      return r.kind === 'cloze' && Array.isArray(r.answers) && r.answers.every((a) => typeof a === 'string');
    case 'self':
      return r.kind === 'self' && typeof r.knew === 'boolean';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

