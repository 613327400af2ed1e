import * as vscode from 'vscode';
import type { ProgressService } from './progressService';

/**
 * "$(mortar-board) 12 due" for this workspace; a click starts a review. Counting needs the
 * progress store, so it is opened after activation, in the background.
 */
export class DueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flashcards.due', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly progress: ProgressService) {
    this.item.name = 'Flashcards: cards due';
    this.item.command = 'flashcards.startReview';
    this.disposables.push(
      progress.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('flashcards.statusBar') && this.schedule()),
    );
    this.schedule();
  }

  /** Coalesces bursts (a deck folder being checked out) into one recount. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 250);
  }

  private async update(): Promise<void> {
    const config = vscode.workspace.getConfiguration('flashcards.statusBar');
    if (!config.get('enabled', true)) return this.item.hide();
    try {
      await this.progress.decks.ready();
      const store = await this.progress.open();
      const counts = store.queue(this.progress.studyCards().map((c) => c.key)).counts;
      const due = counts.due + counts.learning;
      if (due === 0 && config.get('hideWhenNothingDue', true)) return this.item.hide();
      this.item.text = `$(mortar-board) ${due} due`;
      this.item.tooltip = `Flashcards: ${counts.due} to review, ${counts.learning} learning, ${counts.new} new today. Click to study.`;
      this.item.accessibilityInformation = { label: `${due} flashcards due. Start review.` };
      this.item.show();
    } catch {
      this.item.hide();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
