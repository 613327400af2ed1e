import * as vscode from 'vscode';
import { isFinished, remainingMs, type ExamState } from '../../core/exam';

/**
 * A status bar entry while a practice exam runs: the minutes left, and a click goes back to the
 * exam. The clock runs whether or not the panel is open: the learner may have closed it, and VS
 * Code for the Web does not restore it after a reload that comes within seconds of opening it
 * (its editor layout is saved late). The way back should stay in sight.
 */
export class ExamStatusBar implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly command: string,
    private readonly now: () => number = Date.now,
  ) {}

  update(state: ExamState | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const left = state && !isFinished(state) ? remainingMs(state, this.now()) : 0;
    if (!state || left <= 0) {
      this.item?.hide();
      return;
    }
    const minutes = Math.ceil(left / 60_000);
    const answered = state.responses.filter((r) => r !== null).length;
    const item = (this.item ??= this.create());
    item.text = `$(watch) Exam · ${minutes} min left`;
    item.tooltip = `Practice exam in progress: ${answered} of ${state.questions.length} answered, ${minutes} min left. Click to go back to it.`;
    item.accessibilityInformation = { label: `Practice exam, ${minutes} minutes left, ${answered} of ${state.questions.length} answered. Go back to the exam.` };
    item.show();
    // Wake when the minute count changes, not every second.
    this.timer = setTimeout(() => this.update(state), left - (minutes - 1) * 60_000 + 50);
  }

  private create(): vscode.StatusBarItem {
    const item = vscode.window.createStatusBarItem('flashcards.exam', vscode.StatusBarAlignment.Left, 11);
    item.name = 'Flashcards: practice exam';
    item.command = this.command;
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item?.dispose();
  }
}
