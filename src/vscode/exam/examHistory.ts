import { attemptFromReport, examTrend, parseAttempts, serializeAttempt, type ExamAttempt, type ExamReport, type ParsedAttempts } from '../../core/exam';
import type { ProgressStorage } from '../../core/review/storage';
import type { ExamTrendPoint } from '../../shared/protocol';

export const EXAM_HISTORY_FILE = 'exam-attempts.jsonl';

/**
 * Every finished exam of a workspace, one JSON line per attempt in the progress folder. Appending
 * is one durable append (the storage's O_APPEND + fsync on disk), so two windows finishing exams
 * at once both keep theirs, and a crash mid-write costs at most that one line (`parseAttempts`
 * skips a torn tail). No `vscode` import: tests pass an in-memory storage.
 */
export class ExamHistory {
  constructor(private readonly storage: ProgressStorage) {}

  async append(report: ExamReport): Promise<ExamAttempt> {
    const attempt = attemptFromReport(report);
    // No read first: a record glued to a torn tail is still found by `parseAttempts`.
    await this.storage.append(EXAM_HISTORY_FILE, new TextEncoder().encode(serializeAttempt(attempt)));
    return attempt;
  }

  async read(): Promise<ParsedAttempts> {
    const bytes = await this.storage.read(EXAM_HISTORY_FILE);
    return parseAttempts(bytes ? new TextDecoder().decode(bytes) : '');
  }

  /** Scores over time for the statistics view, oldest first. */
  async trend(): Promise<ExamTrendPoint[]> {
    const { attempts } = await this.read();
    return trendPoints(attempts);
  }
}

export function trendPoints(attempts: readonly ExamAttempt[]): ExamTrendPoint[] {
  const byId = new Map(attempts.map((a) => [a.id, a]));
  return examTrend(attempts).map((p) => {
    const a = byId.get(p.attemptId)!;
    return { at: p.at, score: p.score, correct: a.correct, total: p.total, passMark: a.passMark, passed: p.passed, average: p.average, finishReason: a.finishReason };
  });
}
