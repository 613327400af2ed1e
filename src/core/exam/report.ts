import { ExamError, isCorrect, isFinished, type CardRef, type ExamQuestion, type ExamResponse, type ExamState, type FinishReason } from './exam';

export interface TopicScore {
  tag: string;
  total: number;
  correct: number;
  /** correct / total, 0–1. */
  score: number;
}

export interface WrongAnswer {
  /** Position in the exam, 0-based. */
  index: number;
  ref: CardRef;
  kind: ExamQuestion['kind'];
  prompt: string;
  unanswered: boolean;
  /** What the learner answered, as Markdown ('' when unanswered). */
  given: string;
  /** The right answer, as Markdown. */
  correctAnswer: string;
  /** The author's explanation (choice), the revealed text (cloze) or the card's answer (self-graded). */
  explanation: string;
  source?: string;
  line: number;
}

export interface ExamReport {
  examId: string;
  startedAt: number;
  finishedAt: number;
  finishReason: FinishReason;
  total: number;
  correct: number;
  answered: number;
  /** correct / total, 0–1. */
  score: number;
  /** The score on the AWS 0–1,000 display scale (720 = 72 %). */
  scaledScore: number;
  passMark: number;
  passed: boolean;
  timeLimitMs: number;
  /** From start to submission, never more than the limit. */
  timeUsedMs: number;
  /** Deck keys the questions came from, sorted. */
  decks: string[];
  /** One row per tag (`untagged` for cards without tags), sorted by tag. A question counts once for each of its tags. */
  topics: TopicScore[];
  /** Every question answered wrongly or not at all, in exam order. */
  wrong: WrongAnswer[];
  /** The cards of `wrong`, without repeats: input for "Retry wrong answers" (`createExam({ only })`) and "Study these cards". */
  wrongRefs: CardRef[];
}

export const UNTAGGED = 'untagged';

/** The result of a finished exam. */
export function buildReport(state: ExamState): ExamReport {
  if (!isFinished(state)) throw new ExamError('The exam is still running: submit it before building the report.');
  const finishedAt = state.finishedAt!;
  const topics = new Map<string, { total: number; correct: number }>();
  const wrong: WrongAnswer[] = [];
  const wrongRefs: CardRef[] = [];
  const seenRefs = new Set<string>();
  let correct = 0;
  let answered = 0;
  state.questions.forEach((q, index) => {
    const response = state.responses[index];
    const ok = isCorrect(q, response);
    if (ok) correct++;
    if (response) answered++;
    for (const tag of q.tags.length ? q.tags : [UNTAGGED]) {
      const t = topics.get(tag) ?? { total: 0, correct: 0 };
      t.total++;
      if (ok) t.correct++;
      topics.set(tag, t);
    }
    if (ok) return;
    wrong.push({
      index,
      ref: q.ref,
      kind: q.kind,
      prompt: q.prompt,
      unanswered: response === null,
      given: describeResponse(q, response),
      correctAnswer: describeCorrect(q),
      explanation: q.kind === 'cloze' ? q.solution : q.kind === 'self' ? q.answer : q.explanation,
      line: q.line,
      ...(q.source ? { source: q.source } : {}),
    });
    const key = `${q.ref.deck}\u0000${q.ref.card}`;
    if (!seenRefs.has(key)) {
      seenRefs.add(key);
      wrongRefs.push(q.ref);
    }
  });
  const total = state.questions.length;
  const score = total ? correct / total : 0;
  return {
    examId: state.id,
    startedAt: state.startedAt,
    finishedAt,
    finishReason: state.finishReason!,
    total,
    correct,
    answered,
    score,
    scaledScore: Math.round(score * 1000),
    passMark: state.passMark,
    passed: passes(correct, total, state.passMark),
    timeLimitMs: state.timeLimitMs,
    timeUsedMs: Math.min(state.timeLimitMs, Math.max(0, finishedAt - state.startedAt)),
    decks: [...new Set(state.questions.map((q) => q.ref.deck))].sort(),
    topics: [...topics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tag, t]) => ({ tag, ...t, score: t.correct / t.total })),
    wrong,
    wrongRefs,
  };
}

/** `correct / total >= passMark`, without floating-point surprises (47 of 65 passes at 72 %, 46 does not). */
export function passes(correct: number, total: number, passMark: number): boolean {
  if (total <= 0) return false;
  return correct >= Math.ceil(passMark * total - 1e-9);
}

function describeResponse(q: ExamQuestion, r: ExamResponse | null): string {
  if (!r) return '';
  if (r.kind === 'choice' && (q.kind === 'single' || q.kind === 'multiple')) {
    return optionList(q.options.filter((o) => r.selected.includes(o.id)).map((o) => o.text));
  }
  if (r.kind === 'cloze') return r.answers.map((a) => a.trim() || '—').join('; ');
  if (r.kind === 'self') return r.knew ? 'I knew it' : "I didn't know it";
  return '';
}

function describeCorrect(q: ExamQuestion): string {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return optionList(q.options.filter((o) => o.correct).map((o) => o.text));
    case 'cloze':
      return q.blanks.map((b) => b.text).join('; ');
    case 'self':
      return q.answer;
  }
}

function optionList(texts: string[]): string {
  return texts.length === 1 ? texts[0] : texts.map((t) => `- ${t.replace(/\n/g, '\n  ')}`).join('\n');
}
