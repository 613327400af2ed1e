import * as vscode from 'vscode';
import type { StudyScope } from '../../shared/protocol';
import type { ProgressService } from './progressService';
import { ReviewScreen } from './reviewScreen';

export const REVIEW_VIEW = 'flashcards.review';
const REVIEW_PANEL = 'flashcards.reviewPanel';
const ALL: StudyScope = { label: 'All decks' };

/** Arguments `flashcards.startReview` accepts from the tree, hovers and other commands. */
export interface StartReviewArgs {
  deckKey?: string;
  decks?: string[];
  cards?: string[];
  /** Show this card first, e.g. "Review this card" in a hover. */
  cardKey?: string;
  label?: string;
}

/**
 * The review app in two places: a sidebar view for studying beside the code, and one editor
 * panel for focused sessions. Both restore after a window reload.
 */
export class ReviewViews implements vscode.Disposable {
  private sidebar: ReviewScreen | undefined;
  private panel: { panel: vscode.WebviewPanel; screen: ReviewScreen } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly progress: ProgressService,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(REVIEW_VIEW, {
        resolveWebviewView: (view) => {
          this.sidebar?.dispose();
          this.sidebar = new ReviewScreen(view.webview, extensionUri, progress, ALL);
          view.onDidDispose(() => {
            this.sidebar?.dispose();
            this.sidebar = undefined;
          });
        },
      }, { webviewOptions: { retainContextWhenHidden: false } }),
      vscode.window.registerWebviewPanelSerializer(REVIEW_PANEL, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.adoptPanel(panel, scopeFromState(state));
        },
      }),
    );
  }

  /** Opens (or re-targets) the editor panel. */
  async startReview(args: StartReviewArgs = {}): Promise<void> {
    if (!(await this.progress.decks.requireLoaded(args.decks ?? (args.deckKey ? [args.deckKey] : [])))) return;
    const scope = this.scopeFor(args);
    if (this.panel) {
      this.panel.panel.reveal();
      this.panel.screen.show(scope, args.cardKey);
      return;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_PANEL, 'Flashcards Review', vscode.ViewColumn.Active, { enableFindWidget: false });
    this.adoptPanel(panel, scope, args.cardKey);
  }

  private adoptPanel(panel: vscode.WebviewPanel, scope: StudyScope, cardKey?: string): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flashcards.svg');
    const screen = new ReviewScreen(panel.webview, this.extensionUri, this.progress, scope, cardKey);
    this.panel = { panel, screen };
    panel.onDidDispose(() => {
      screen.dispose();
      if (this.panel?.panel === panel) this.panel = undefined;
    });
  }

  private scopeFor(args: StartReviewArgs): StudyScope {
    if (args.cards?.length) return { label: args.label ?? `${args.cards.length} selected card${args.cards.length === 1 ? '' : 's'}`, cards: args.cards };
    const decks = args.decks ?? (args.deckKey ? [args.deckKey] : undefined);
    if (decks?.length) {
      const titles = decks.map((k) => this.progress.decks.get(k)?.deck.title ?? k);
      return { label: args.label ?? titles.join(', '), decks };
    }
    return ALL;
  }

  dispose(): void {
    this.sidebar?.dispose();
    this.panel?.screen.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function scopeFromState(state: unknown): StudyScope {
  const s = (state as { scopeRef?: StudyScope } | undefined)?.scopeRef;
  if (!s || typeof s.label !== 'string') return ALL;
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  return { label: s.label, decks: strings(s.decks), cards: strings(s.cards) };
}
