import type * as vscode from 'vscode';
import type { ProgressStorage } from '../../core/review/storage';
import { NodeProgressStorage } from '../../node/nodeProgressStorage';
import { WorkspaceFsProgressStorage } from '../review/workspaceFsProgressStorage';
import { ExamHistory } from './examHistory';

/** The progress folder through the same storage choice as ProgressService: durable appends on disk. */
export function examStorageFor(folder: vscode.Uri): ProgressStorage {
  return folder.scheme === 'file' ? new NodeProgressStorage(folder.fsPath) : new WorkspaceFsProgressStorage(folder);
}

/** The exam history beside the review log. */
export function examHistoryFor(folder: vscode.Uri): ExamHistory {
  return new ExamHistory(examStorageFor(folder));
}
