/**
 * The one message protocol between the extension host and the webview. Both bundles import this
 * file, so a message that one side sends and the other does not understand fails the type check.
 */
import type { DeckFormat } from '../core/deck/types';
import type { ExamOverview, ExamQuestionView, ExamReport, ExamResponse } from '../core/exam';

export type Rating = 1 | 2 | 3 | 4;

export interface CardView {
  /** `deckKey/cardId`: what progress is keyed by. */
  key: string;
  deckTitle: string;
  format: DeckFormat;
  question: string;
  answer: string;
  tags: string[];
  source?: string;
  /** Where the card is written, for "open in editor" (E). */
  location: string;
  state: 'new' | 'learning' | 'review' | 'relearning';
}

/** Which cards a review screen studies: everything, some decks, or an explicit list. */
export interface StudyScope {
  label: string;
  decks?: readonly string[];
  cards?: readonly string[];
}

export interface QueueCounts {
  new: number;
  learning: number;
  due: number;
}

export interface EmptyQueue {
  /** Human text such as "in 3 hours" or "tomorrow"; absent when nothing is scheduled at all. */
  nextDue?: string;
  /** Cards that could be studied ahead of schedule. */
  aheadAvailable: number;
}

export interface ReviewState {
  type: 'review';
  scope: string;
  /** Kept in the webview's state so an editor panel restores the same scope after a reload. */
  scopeRef: StudyScope;
  counts: QueueCounts;
  card?: CardView;
  /** Button labels per rating, e.g. { 3: '3d' }. */
  intervals?: Record<Rating, string>;
  /**
   * The card the queue shows once the current one is answered (unless the answer brings it
   * straight back), so the webview can show it at once while the grade is being written.
   */
  upcoming?: { card: CardView; intervals: Record<Rating, string> };
  canUndo: boolean;
  empty?: EmptyQueue;
  /** Increments with every state so the webview can ignore stale ones. */
  seq: number;
  /** Id of the last grade this state accounts for (written to disk). */
  acked: number;
}

export interface StatsState {
  type: 'stats';
  /** Reviews per local day, oldest first, for the last 365 days ending today. */
  heatmap: { day: string; count: number }[];
  retention30: { value: number | null; reviews: number };
  forecast: { day: string; count: number }[];
  streak: number;
  decks: { title: string; mastered: number; total: number }[];
  totalReviews: number;
  /** Practice exam scores, oldest first (see `ExamTrendPoint`); absent or empty before the first exam. */
  exams?: ExamTrendPoint[];
}

/** One question of a running or finished exam, as the exam screen shows it. */
export interface ExamQuestionState extends ExamQuestionView {
  format: DeckFormat;
  deckTitle: string;
}

/** A finished exam's result, with what the host did with it. */
export interface ExamReportState {
  report: ExamReport;
  /** Deck key → title and format, for labels and Markdown of the wrong questions. */
  decks: Record<string, { title: string; format: DeckFormat }>;
  /** Wrong answers recorded as "Again" in the review schedule (setting `flashcards.exam.feedWrongAnswersToSchedule`). */
  fedToSchedule: number;
  /** Set when the attempt could not be added to the history. */
  historyError?: string;
}

export interface ExamScreenState {
  type: 'exam';
  /** Increments with every state so the webview can ignore stale ones. */
  seq: number;
  /** The highest `rev` of the webview's exam actions that this state already includes. */
  ack: number;
  /** Absent when there is no exam to show. */
  exam?: {
    id: string;
    title: string;
    timeLimitMs: number;
    passMark: number;
    /** Counts, time left (when the host sent this) and the navigator grid. */
    overview: ExamOverview;
    question: ExamQuestionState;
    report?: ExamReportState;
  };
}

/** One point of the exam score trend in the statistics view. */
export interface ExamTrendPoint {
  /** When the attempt finished, epoch ms. */
  at: number;
  /** 0–1. */
  score: number;
  correct: number;
  total: number;
  passMark: number;
  passed: boolean;
  /** Rolling average of the last attempts, 0–1. */
  average: number;
  finishReason: 'submitted' | 'timeout';
}

export type HostMessage =
  | ReviewState
  | StatsState
  | ExamScreenState
  | { type: 'error'; message: string };

export type WebviewMessage =
  | { type: 'ready'; view: 'review' | 'stats' | 'exam' }
  /** Answered by the next `review` state, sent only once the grade is on disk. */
  | { type: 'grade'; id: number; cardKey: string; rating: Rating; durationMs: number }
  | { type: 'undo' }
  | { type: 'bury'; cardKey: string }
  | { type: 'suspend'; cardKey: string }
  | { type: 'openSource'; cardKey: string }
  | { type: 'studyAhead' }
  | { type: 'openLink'; href: string }
  /**
   * Exam actions carry the exam they are meant for (a stale screen cannot change a newer exam) and
   * a `rev` that increases per webview load; states echo the highest applied one as `ack`.
   */
  | { type: 'examAnswer'; examId: string; rev: number; index: number; response: ExamResponse }
  | { type: 'examFlag'; examId: string; rev: number; index: number; flagged: boolean }
  | { type: 'examNavigate'; examId: string; rev: number; index: number }
  | { type: 'examSubmit'; examId: string; rev: number }
  /** "Retry wrong answers" and "Study these cards" on the report. */
  | { type: 'examRetryWrong'; examId: string }
  | { type: 'examStudyWrong'; examId: string }
  /** Opens the setup pickers for a new exam. */
  | { type: 'examNew' }
  /** Opens a card in the review panel (`flashcards.reviewCard`). */
  | { type: 'openCard'; deckKey: string; cardId: string };

/** The host validates every message: a webview is a separate, less trusted context. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return m.view === 'review' || m.view === 'stats' || m.view === 'exam';
    case 'grade':
      return typeof m.id === 'number' && typeof m.cardKey === 'string' && [1, 2, 3, 4].includes(m.rating as number) && typeof m.durationMs === 'number';
    case 'bury':
    case 'suspend':
    case 'openSource':
      return typeof m.cardKey === 'string';
    case 'undo':
    case 'studyAhead':
      return true;
    case 'openLink':
      return typeof m.href === 'string';
    case 'examAnswer':
      return isExamAction(m) && isIndex(m.index) && isExamResponse(m.response);
    case 'examFlag':
      return isExamAction(m) && isIndex(m.index) && typeof m.flagged === 'boolean';
    case 'examNavigate':
      return isExamAction(m) && isIndex(m.index);
    case 'examSubmit':
      return isExamAction(m);
    case 'examRetryWrong':
    case 'examStudyWrong':
      return typeof m.examId === 'string';
    case 'examNew':
      return true;
    case 'openCard':
      return typeof m.deckKey === 'string' && typeof m.cardId === 'string';
    default:
      return false;
  }
}

function isExamAction(m: Record<string, unknown>): boolean {
  return typeof m.examId === 'string' && typeof m.rev === 'number' && Number.isFinite(m.rev);
}

function isIndex(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}

function isExamResponse(v: unknown): v is ExamResponse {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  switch (r.kind) {
    case 'choice':
      return Array.isArray(r.selected) && r.selected.length <= 100 && r.selected.every(isIndex);
    case 'cloze':
      return Array.isArray(r.answers) && r.answers.length <= 100 && r.answers.every((a) => typeof a === 'string' && a.length <= 10_000);
    case 'self':
      return typeof r.knew === 'boolean';
    default:
      return false;
  }
}
