import type { DeckFormat } from '../../core/deck/types';
import { buildReport, examOverview, isFinished, questionView, type ExamState } from '../../core/exam';
import type { ExamReportState, ExamScreenState } from '../../shared/protocol';

/** What the host keeps in workspaceState for the current exam (one per workspace). */
export interface ExamRecord {
  v: 1;
  /** `serializeExam` output. */
  exam: string;
  title: string;
  /** True once the finished exam is in the history (and, if enabled, in the schedule): never twice. */
  recorded: boolean;
  fedToSchedule: number;
  historyError?: string;
  /** When this version was saved (ms, never decreasing): the newer of two stored copies wins. */
  savedAt: number;
}

export type DeckLookup = (deckKey: string) => { title: string; format: DeckFormat } | undefined;

/**
 * The exam screen's content for `state` at `now`. Correct answers leave the host only once the
 * exam is finished: `questionView` hides them before, and the report exists only after.
 */
export function examScreenContent(state: ExamState, record: Pick<ExamRecord, 'title' | 'fedToSchedule' | 'historyError'>, now: number, decks: DeckLookup): NonNullable<ExamScreenState['exam']> {
  const view = questionView(state);
  const deck = decks(state.questions[state.current].ref.deck);
  const content: NonNullable<ExamScreenState['exam']> = {
    id: state.id,
    title: record.title,
    timeLimitMs: state.timeLimitMs,
    passMark: state.passMark,
    overview: examOverview(state, now),
    question: { ...view, format: deck?.format ?? 'markdown', deckTitle: deck?.title ?? state.questions[state.current].ref.deck },
  };
  if (isFinished(state)) content.report = reportState(state, record, decks);
  return content;
}

function reportState(state: ExamState, record: Pick<ExamRecord, 'fedToSchedule' | 'historyError'>, decks: DeckLookup): ExamReportState {
  const report = buildReport(state);
  const info: ExamReportState['decks'] = {};
  for (const key of report.decks) info[key] = decks(key) ?? { title: key, format: 'markdown' };
  return { report, decks: info, fedToSchedule: record.fedToSchedule, ...(record.historyError ? { historyError: record.historyError } : {}) };
}

/** "Exam practice: data streaming on AWS", or "3 decks" for a mix. */
export function examTitle(deckTitles: readonly string[]): string {
  const unique = [...new Set(deckTitles)];
  if (unique.length === 1) return unique[0];
  return `${unique.length} decks`;
}

/** Reads a stored record back; anything else (an older shape, a damaged value) gives undefined. */
export function readExamRecord(value: unknown): ExamRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  if (r.v !== 1 || typeof r.exam !== 'string' || typeof r.title !== 'string' || typeof r.recorded !== 'boolean') return undefined;
  return {
    v: 1,
    exam: r.exam,
    title: r.title,
    recorded: r.recorded,
    fedToSchedule: typeof r.fedToSchedule === 'number' ? r.fedToSchedule : 0,
    savedAt: typeof r.savedAt === 'number' && Number.isFinite(r.savedAt) ? r.savedAt : 0,
    ...(typeof r.historyError === 'string' ? { historyError: r.historyError } : {}),
  };
}
