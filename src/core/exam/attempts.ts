import type { CardRef, FinishReason } from './exam';
import type { ExamReport } from './report';

/**
 * One finished exam, as kept in the history. Stored as one JSON object per line (JSON Lines), so
 * saving an attempt is an append, and a write cut short by a crash costs at most that attempt.
 */
export interface ExamAttempt {
  /** Record version; always the first key, which lets `parseAttempts` find a record glued to a torn line. */
  v: 1;
  id: string;
  startedAt: number;
  finishedAt: number;
  finishReason: FinishReason;
  total: number;
  correct: number;
  score: number;
  passMark: number;
  passed: boolean;
  timeLimitMs: number;
  timeUsedMs: number;
  decks: string[];
  topics: { tag: string; total: number; correct: number }[];
  wrong: CardRef[];
}

export function attemptFromReport(report: ExamReport): ExamAttempt {
  return {
    v: 1,
    id: report.examId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    finishReason: report.finishReason,
    total: report.total,
    correct: report.correct,
    score: report.score,
    passMark: report.passMark,
    passed: report.passed,
    timeLimitMs: report.timeLimitMs,
    timeUsedMs: report.timeUsedMs,
    decks: report.decks.slice(),
    topics: report.topics.map(({ tag, total, correct }) => ({ tag, total, correct })),
    wrong: report.wrongRefs.map(({ deck, card }) => ({ deck, card })),
  };
}

/** One line, `\n` included, to append to the history file. */
export function serializeAttempt(attempt: ExamAttempt): string {
  const { v, id, startedAt, finishedAt, finishReason, total, correct, score, passMark, passed, timeLimitMs, timeUsedMs, decks, topics, wrong } = attempt;
  // Explicit key order: `v` first (see ExamAttempt.v).
  return `${JSON.stringify({ v, id, startedAt, finishedAt, finishReason, total, correct, score, passMark, passed, timeLimitMs, timeUsedMs, decks, topics, wrong })}\n`;
}

export interface ParsedAttempts {
  /** Valid attempts, oldest first (by `finishedAt`), each id once. */
  attempts: ExamAttempt[];
  /** 1-based lines that were not attempts (other than a torn last line). */
  skippedLines: number[];
  /** True when the last line was cut short (no newline and not valid JSON) and was ignored. */
  tornTail: boolean;
}

const RECORD_START = '{"v":';

/**
 * Reads a history file. Tolerant by design: a torn last line (an append interrupted by a crash)
 * is ignored, a record appended right after a torn line is still found, bad lines are skipped and
 * listed, and an attempt merged in twice counts once.
 */
export function parseAttempts(text: string): ParsedAttempts {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  const attempts: ExamAttempt[] = [];
  const ids = new Set<string>();
  const skippedLines: number[] = [];
  let tornTail = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const isLast = i === lines.length - 1 && !endsWithNewline;
    let attempt = readAttempt(line);
    if (!attempt) {
      // A torn line followed by a good append ends up on one line: try from the last record start.
      const at = line.lastIndexOf(RECORD_START);
      if (at > 0) attempt = readAttempt(line.slice(at));
    }
    if (!attempt) {
      if (isLast) tornTail = true;
      else skippedLines.push(i + 1);
      return;
    }
    if (ids.has(attempt.id)) return;
    ids.add(attempt.id);
    attempts.push(attempt);
  });
  attempts.sort((a, b) => a.finishedAt - b.finishedAt);
  return { attempts, skippedLines, tornTail };
}

function readAttempt(line: string): ExamAttempt | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isAttempt(value) ? value : undefined;
}

function isAttempt(v: unknown): v is ExamAttempt {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  const num = (k: string) => typeof a[k] === 'number' && Number.isFinite(a[k]);
  return a.v === 1
    && typeof a.id === 'string'
    && ['startedAt', 'finishedAt', 'total', 'correct', 'score', 'passMark', 'timeLimitMs', 'timeUsedMs'].every(num)
    && (a.finishReason === 'submitted' || a.finishReason === 'timeout')
    && typeof a.passed === 'boolean'
    && Array.isArray(a.decks) && a.decks.every((d) => typeof d === 'string')
    && Array.isArray(a.topics) && a.topics.every((t) => typeof t === 'object' && t !== null && typeof t.tag === 'string' && typeof t.total === 'number' && typeof t.correct === 'number')
    && Array.isArray(a.wrong) && a.wrong.every((r) => typeof r === 'object' && r !== null && typeof r.deck === 'string' && typeof r.card === 'string');
}

export interface TrendPoint {
  attemptId: string;
  /** When the attempt finished, epoch ms. */
  at: number;
  /** 0–1: the exam score, or the topic's score with `tag`. */
  score: number;
  total: number;
  passed: boolean;
  /** Mean score of this attempt and up to `window - 1` earlier points. */
  average: number;
}

export interface TrendOptions {
  /** Only attempts that drew questions from this deck. */
  deck?: string;
  /** Score of one topic; attempts without it are left out. */
  tag?: string;
  /** Rolling-average window, default 3. */
  window?: number;
}

/** Scores over time, oldest first, for a chart. */
export function examTrend(attempts: readonly ExamAttempt[], options: TrendOptions = {}): TrendPoint[] {
  const window = Math.max(1, Math.floor(options.window ?? 3));
  const points: TrendPoint[] = [];
  const sorted = attempts.slice().sort((a, b) => a.finishedAt - b.finishedAt);
  for (const a of sorted) {
    if (options.deck !== undefined && !a.decks.includes(options.deck)) continue;
    let score = a.score;
    let total = a.total;
    let passed = a.passed;
    if (options.tag !== undefined) {
      const t = a.topics.find((x) => x.tag === options.tag);
      if (!t || t.total === 0) continue;
      score = t.correct / t.total;
      total = t.total;
      passed = score >= a.passMark;
    }
    const recent = [...(window > 1 ? points.slice(-(window - 1)) : []).map((p) => p.score), score];
    const average = recent.reduce((s, x) => s + x, 0) / recent.length;
    points.push({ attemptId: a.id, at: a.finishedAt, score, total, passed, average });
  }
  return points;
}
