import type { ProgressStorage } from '../../core/review/storage';
import { readExamRecord, type ExamRecord } from './examView';

export const CURRENT_EXAM_FILE = 'exam-current.json';
/** workspaceState key of the current exam. */
export const CURRENT_EXAM_KEY = 'flashcards.exam.current';

/** The part of `vscode.Memento` this needs (tests pass a Map-backed one). */
export interface ExamMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * Where the current exam is kept between changes: workspaceState, as VS Code intends, and a copy in
 * the progress folder written atomically with fsync. In the web workbench workspaceState lives in
 * the browser and an update made just before a reload can be lost; the file cannot. On load the
 * newer of the two wins. No `vscode` import.
 */
export class ExamStateStore {
  private lastSavedAt = 0;

  constructor(
    private readonly memento: ExamMemento,
    private readonly storage: ProgressStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<ExamRecord | undefined> {
    const fromMemento = readExamRecord(this.memento.get(CURRENT_EXAM_KEY));
    let fromFile: ExamRecord | undefined;
    try {
      const bytes = await this.storage.read(CURRENT_EXAM_FILE);
      fromFile = bytes && readExamRecord(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      fromFile = undefined; // unreadable copy: the memento may still have it
    }
    const newest = [fromMemento, fromFile].filter((r): r is ExamRecord => !!r).sort((a, b) => b.savedAt - a.savedAt)[0];
    this.lastSavedAt = Math.max(this.lastSavedAt, newest?.savedAt ?? 0);
    return newest;
  }

  /** Stamps the record with a save time that never goes backwards, then writes both copies. */
  async save(record: ExamRecord): Promise<ExamRecord> {
    this.lastSavedAt = Math.max(this.now(), this.lastSavedAt + 1);
    const stamped: ExamRecord = { ...record, savedAt: this.lastSavedAt };
    await Promise.all([
      this.memento.update(CURRENT_EXAM_KEY, stamped),
      this.storage.write(CURRENT_EXAM_FILE, new TextEncoder().encode(JSON.stringify(stamped))),
    ]);
    return stamped;
  }
}
