import * as vscode from 'vscode';
import { StudySession, type StudyScope } from '../../core/study/studySession';
import { isWebviewMessage, type HostMessage, type ReviewState } from '../../shared/protocol';
import type { ProgressService } from './progressService';
import { webviewHtml, webviewOptions } from './webviewHtml';

/**
 * One review screen (the sidebar view or an editor panel): translates webview messages into
 * study-session calls and posts the resulting state back. A grade is answered only after the
 * progress store has made it durable.
 */
export class ReviewScreen implements vscode.Disposable {
  private session: StudySession | undefined;
  private seq = 0;
  private ready = false;
  private acked = 0;
  private inbox: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly progress: ProgressService,
    private scope: StudyScope,
    private pinned?: string,
  ) {
    webview.options = webviewOptions(extensionUri);
    webview.html = webviewHtml(webview, extensionUri, 'review', 'Flashcards Review');
    this.disposables.push(
      // One message at a time, in order: a grade for the next card must not overtake the one before.
      webview.onDidReceiveMessage((m) => {
        this.inbox = this.inbox.then(() => this.onMessage(m));
      }),
      progress.onDidChange(() => void this.push()),
    );
  }

  /** Re-targets this screen, e.g. "Study deck" in the tree or "Review this card" in a hover. */
  show(scope: StudyScope, pinned?: string): void {
    this.scope = scope;
    this.pinned = pinned;
    this.session?.setScope(scope, pinned);
    void this.push();
  }

  private async sessionFor(): Promise<StudySession> {
    if (!this.session) {
      const store = await this.progress.open();
      await this.progress.decks.ready();
      this.session = new StudySession(store, () => this.progress.studyCards(), this.scope);
      this.session.setScope(this.scope, this.pinned);
    }
    return this.session;
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) return;
    try {
      const session = await this.sessionFor();
      switch (raw.type) {
        case 'ready':
          this.ready = true;
          break;
        case 'grade':
          await session.grade(raw.cardKey, raw.rating, raw.durationMs);
          this.acked = raw.id;
          break;
        case 'undo':
          await session.undo();
          break;
        case 'bury':
          await session.bury(raw.cardKey);
          break;
        case 'suspend':
          await session.suspend(raw.cardKey);
          break;
        case 'studyAhead':
          session.studyAhead();
          break;
        case 'openSource':
          await this.openSource(raw.cardKey);
          return;
        case 'openLink':
          if (/^https?:\/\//i.test(raw.href)) await vscode.env.openExternal(vscode.Uri.parse(raw.href));
          return;
      }
      await this.push();
    } catch (e) {
      await this.post({ type: 'error', message: `Could not save: ${(e as Error).message}` });
    }
  }

  private async push(): Promise<void> {
    if (!this.ready) return;
    const session = await this.sessionFor();
    const state: ReviewState = { type: 'review', seq: ++this.seq, acked: this.acked, ...session.view() };
    await this.post(state);
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.webview.postMessage(message);
  }

  private async openSource(cardKey: string): Promise<void> {
    const card = this.progress.studyCards().find((c) => c.key === cardKey);
    const deck = card && this.progress.decks.get(card.deckKey);
    if (!card || !deck) return;
    const line = card.card.line - 1;
    await vscode.window.showTextDocument(deck.uri, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
