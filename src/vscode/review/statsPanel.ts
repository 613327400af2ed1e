import * as vscode from 'vscode';
import { deckMastery } from '../../core/review/stats';
import { isWebviewMessage, type StatsState } from '../../shared/protocol';
import { examHistoryFor } from '../exam/examStorage';
import type { ProgressService } from './progressService';
import { webviewHtml, webviewOptions } from './webviewHtml';

const STATS_PANEL = 'flashcards.stats';

/** The statistics editor panel: one at a time, refreshed whenever progress changes. */
export class StatsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly progress: ProgressService,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(STATS_PANEL, { deserializeWebviewPanel: async (panel) => this.adopt(panel) }),
      progress.onDidChange(() => void this.push()),
    );
  }

  /** Redraws an open panel, e.g. after an exam attempt was added to the history. */
  refresh(): void {
    void this.push();
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    this.adopt(vscode.window.createWebviewPanel(STATS_PANEL, 'Flashcards Statistics', vscode.ViewColumn.Active, {}));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flashcards.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'stats', 'Flashcards Statistics');
    const sub = panel.webview.onDidReceiveMessage((m) => {
      if (isWebviewMessage(m) && m.type === 'ready') void this.push();
      if (isWebviewMessage(m) && m.type === 'openLink' && /^https?:\/\//i.test(m.href)) void vscode.env.openExternal(vscode.Uri.parse(m.href));
    });
    panel.onDidDispose(() => {
      sub.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private async push(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const store = await this.progress.open();
    await this.progress.decks.ready();
    const stats = await store.stats();
    const cards = this.progress.studyCards();
    const byDeck = new Map<string, string[]>();
    for (const c of cards) byDeck.set(c.deckKey, [...(byDeck.get(c.deckKey) ?? []), c.key]);
    const mastery = deckMastery(store.cards(), [...byDeck].map(([deckKey, keys]) => ({ deckKey, cards: keys })));
    const today = stats.heatmap.at(-1);
    const exams = await examHistoryFor(this.progress.folder).trend().catch(() => []);
    const message: StatsState = {
      type: 'stats',
      heatmap: stats.heatmap.map((d) => ({ day: d.date, count: d.count })),
      retention30: { value: stats.retention.rate ?? null, reviews: stats.retention.answered },
      forecast: stats.forecast.map((count, i) => ({ day: today ? store.calendar.dateOf(today.day + i) : `+${i}`, count })),
      streak: stats.streak,
      decks: mastery.map((m) => ({ title: this.progress.decks.get(m.deckKey)?.deck.title ?? m.deckKey, mastered: m.mastered, total: m.total })),
      totalReviews: stats.heatmap.reduce((a, d) => a + d.count, 0),
      exams,
    };
    await panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
