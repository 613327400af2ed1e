/**
 * The exam screen's decisions that do not need a DOM: which key does what, how the clock and the
 * navigator read, what the timer announces, and the geometry of the charts. Unit-tested in
 * test/unit/examUi; the DOM code in examApp.ts, examReport.ts and examTrend.ts only draws.
 */
import type { ExamOverview, ExamQuestionView } from '../../core/exam';
import type { ExamTrendPoint } from '../../shared/protocol';

export type QuestionKind = ExamQuestionView['kind'];

// ---------------------------------------------------------------------------------------------
// Keys

export type ExamKeyAction =
  | { type: 'option'; index: number }
  | { type: 'flag' }
  | { type: 'previous' }
  | { type: 'next' }
  | { type: 'reveal' }
  | { type: 'self'; knew: boolean }
  | { type: 'askSubmit' }
  | { type: 'cancel' }
  /** Enter in a cloze box: save the typed answer and go to the next question. */
  | { type: 'saveAndNext' }
  /** Escape in a cloze box: leave it, so the one-letter keys work again. */
  | { type: 'leaveField' }
  | { type: 'focusField' };

export interface KeyContext {
  key: string;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
  /** Focus is in a text box (a cloze blank). */
  inTextField: boolean;
  /** Focus is on a button, which handles Space and Enter itself. */
  onButton: boolean;
  kind: QuestionKind;
  optionCount: number;
  /** Self-graded question: the answer is shown. */
  revealed: boolean;
  /** The "Submit the exam?" confirmation is open. */
  confirming: boolean;
}

/** The help line under the exam: every key the screen understands. */
export const KEY_HELP = 'Keys: 1–9 or A–E choose an option (again to unselect in "Choose N") · F flag · ← → previous / next · '
  + 'Enter saves a typed answer and moves on, Esc leaves the box · Space shows the answer, K I knew it, D I didn\'t · S submit';

/** What a key press means on the running exam screen; undefined for keys it leaves alone. */
export function examKeyAction(c: KeyContext): ExamKeyAction | undefined {
  if (c.ctrl || c.meta || c.alt) return undefined;
  if (c.confirming) return c.key === 'Escape' ? { type: 'cancel' } : undefined;
  if (c.inTextField) {
    if (c.key === 'Enter') return { type: 'saveAndNext' };
    if (c.key === 'Escape') return { type: 'leaveField' };
    return undefined;
  }
  const lower = c.key.length === 1 ? c.key.toLowerCase() : c.key;
  switch (lower) {
    case 'ArrowLeft':
      return { type: 'previous' };
    case 'ArrowRight':
      return { type: 'next' };
    case 'f':
      return { type: 'flag' };
    case 's':
      return { type: 'askSubmit' };
  }
  if (c.kind === 'single' || c.kind === 'multiple') {
    const index = optionIndexForKey(c.key, c.optionCount);
    return index === undefined ? undefined : { type: 'option', index };
  }
  if (c.kind === 'cloze') return c.key === 'Enter' && !c.onButton ? { type: 'focusField' } : undefined;
  // Self-graded.
  if ((c.key === ' ' || c.key === 'Enter') && !c.onButton && !c.revealed) return { type: 'reveal' };
  if (c.revealed && lower === 'k') return { type: 'self', knew: true };
  if (c.revealed && lower === 'd') return { type: 'self', knew: false };
  return undefined;
}

/** `1`–`9` pick options 1–9 and `A`–`E` options 1–5 (as printed on the exam), if the question has them. */
export function optionIndexForKey(key: string, optionCount: number): number | undefined {
  let index: number | undefined;
  if (key.length === 1 && key >= '1' && key <= '9') index = key.charCodeAt(0) - 49;
  else if (key.length === 1 && /[a-e]/i.test(key)) index = key.toLowerCase().charCodeAt(0) - 97;
  return index !== undefined && index < optionCount ? index : undefined;
}

/** The printed key of option `index`: A–E, then 6–9. */
export function optionLabel(index: number): string {
  return index < 5 ? String.fromCharCode(65 + index) : String(index + 1);
}

/** Multiple choice replaces the selection; multiple response toggles the option. */
export function toggleOption(kind: 'single' | 'multiple', selected: readonly number[], optionId: number): number[] {
  if (kind === 'single') return [optionId];
  return selected.includes(optionId) ? selected.filter((id) => id !== optionId) : [...selected, optionId].sort((a, b) => a - b);
}

/** "Choose 1" is implied by a multiple-choice question; a multiple-response one says how many. */
export function kindLabel(kind: QuestionKind, choose?: number): string {
  switch (kind) {
    case 'single':
      return 'Multiple choice: choose 1';
    case 'multiple':
      return `Multiple response: choose ${choose ?? 2}`;
    case 'cloze':
      return 'Fill in the blank: type the missing text';
    case 'self':
      return 'Self-graded: show the answer, then say whether you knew it';
  }
}

// ---------------------------------------------------------------------------------------------
// Time

/** `m:ss` below an hour, `h:mm:ss` above; rounds up so 0:00 shows only when time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "1 h 5 min", "12 min 5 s", "45 s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** Moments the timer is read out to screen readers: never every second, more often near the end. */
export const ANNOUNCE_AT_MS = [60, 30, 15, 10, 5, 2, 1].map((m) => m * 60_000).concat([30_000]);

/**
 * The announcement due when the clock went from `before` to `now` (ms left), or undefined. Only
 * the last threshold crossed is read, so a webview that was asleep does not read a backlog.
 */
export function timerAnnouncement(before: number, now: number): string | undefined {
  const crossed = ANNOUNCE_AT_MS.filter((t) => before > t && now <= t);
  if (!crossed.length) return undefined;
  const t = Math.min(...crossed);
  return `${t >= 60_000 ? `${t / 60_000} minute${t === 60_000 ? '' : 's'}` : `${t / 1000} seconds`} left`;
}

/** The clock turns to a warning style in the last 5 minutes (or the last 10 % of a short exam). */
export function isTimeLow(remainingMs: number, timeLimitMs: number): boolean {
  return remainingMs <= Math.min(5 * 60_000, timeLimitMs * 0.1);
}

// ---------------------------------------------------------------------------------------------
// Navigator and submit

export interface GridCell {
  text: string;
  /** A mark that tells the state without colour: ✓ answered, ⚑ flagged; after the exam ✓ right, ✗ wrong. */
  mark: string;
  label: string;
  classes: string[];
}

export function gridCell(item: ExamOverview['items'][number], current: number): GridCell {
  const n = item.index + 1;
  const states: string[] = [];
  const classes = ['exam-cell'];
  let mark = '';
  if (item.correct !== undefined) {
    states.push(item.correct ? 'correct' : item.answered ? 'wrong' : 'not answered');
    classes.push(item.correct ? 'correct' : 'wrong');
    mark = item.correct ? '✓' : '✗';
  } else {
    states.push(item.answered ? 'answered' : 'not answered');
    classes.push(item.answered ? 'answered' : 'unanswered');
    if (item.answered) mark = '✓';
  }
  if (item.flagged) {
    states.push('flagged for review');
    classes.push('flagged');
    mark = `${mark}⚑`;
  }
  if (item.index === current) {
    states.push('current');
    classes.push('current');
  }
  return { text: String(n), mark, label: `Question ${n}: ${states.join(', ')}`, classes };
}

/** Question numbers as people read them: "2, 5 and 7". */
export function numberList(indexes: readonly number[]): string {
  const n = indexes.map((i) => String(i + 1));
  return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/** The text of the "Submit the exam?" confirmation. */
export function submitWarningLines(warning: { unanswered: readonly number[]; flagged: readonly number[] }, total: number): string[] {
  const lines: string[] = [];
  const u = warning.unanswered.length;
  const f = warning.flagged.length;
  if (u) lines.push(`${u} of ${total} question${total === 1 ? '' : 's'} ${u === 1 ? 'is' : 'are'} not answered (${numberList(warning.unanswered)}); ${u === 1 ? 'it counts' : 'they count'} as wrong.`);
  else lines.push(`All ${total} question${total === 1 ? ' is' : 's are'} answered.`);
  if (f) lines.push(`${f} question${f === 1 ? ' is' : 's are'} flagged for review (${numberList(warning.flagged)}).`);
  lines.push('You cannot change your answers after submitting.');
  return lines;
}

export function submitWarningOf(items: ExamOverview['items']): { unanswered: number[]; flagged: number[] } {
  return { unanswered: items.filter((i) => !i.answered).map((i) => i.index), flagged: items.filter((i) => i.flagged).map((i) => i.index) };
}

// ---------------------------------------------------------------------------------------------
// Numbers and charts

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** Local date and time as `2026-05-01 14:03`, the same in every locale. */
export function formatDateTime(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface TopicBar {
  tag: string;
  y: number;
  /** Bar length in chart units (0 to `BAR_WIDTH`). */
  width: number;
  passed: boolean;
  value: string;
}

export const TOPIC_CHART = { labelWidth: 150, barWidth: 330, valueWidth: 110, rowHeight: 24, top: 18 } as const;

/** One bar per topic; the pass mark line sits at `passX`. */
export function topicBars(topics: readonly { tag: string; correct: number; total: number }[], passMark: number): { bars: TopicBar[]; passX: number; height: number; width: number } {
  const c = TOPIC_CHART;
  const bars = topics.map((t, i) => {
    const score = t.total ? t.correct / t.total : 0;
    return {
      tag: t.tag,
      y: c.top + i * c.rowHeight,
      width: Math.round(score * c.barWidth),
      passed: score >= passMark - 1e-9,
      value: `${t.correct}/${t.total} · ${percent(score)}`,
    };
  });
  return { bars, passX: c.labelWidth + Math.round(passMark * c.barWidth), height: c.top + Math.max(1, topics.length) * c.rowHeight + 4, width: c.labelWidth + c.barWidth + c.valueWidth };
}

export const TREND_CHART = { width: 600, height: 200, left: 40, right: 12, top: 12, bottom: 28 } as const;

export interface TrendGeometry {
  points: { x: number; y: number; passed: boolean }[];
  /** SVG polyline `points` of the scores and of the rolling average. */
  scoreLine: string;
  averageLine: string;
  passY: number;
  yTicks: { y: number; label: string }[];
}

/** Attempts spaced evenly left to right (oldest first), score 0–100 % bottom to top. */
export function trendGeometry(points: readonly ExamTrendPoint[]): TrendGeometry {
  const c = TREND_CHART;
  const plotW = c.width - c.left - c.right;
  const plotH = c.height - c.top - c.bottom;
  const x = (i: number) => Math.round(c.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1)));
  const y = (score: number) => Math.round(c.top + (1 - Math.min(1, Math.max(0, score))) * plotH);
  const xy = points.map((p, i) => ({ x: x(i), y: y(p.score), passed: p.passed }));
  const passMark = points.length ? points[points.length - 1].passMark : 0.72;
  return {
    points: xy,
    scoreLine: xy.map((p) => `${p.x},${p.y}`).join(' '),
    averageLine: points.map((p, i) => `${x(i)},${y(p.average)}`).join(' '),
    passY: y(passMark),
    yTicks: [0, 0.5, 1].map((s) => ({ y: y(s), label: `${s * 100}%` })),
  };
}

/** The trend as table rows: date, score, correct of total, result, rolling average. */
export function trendRows(points: readonly ExamTrendPoint[]): string[][] {
  return points.map((p) => [
    formatDateTime(p.at),
    percent(p.score),
    `${p.correct} of ${p.total}`,
    `${p.passed ? 'Passed' : 'Not passed'}${p.finishReason === 'timeout' ? ' (time ran out)' : ''}`,
    percent(p.average),
  ]);
}
