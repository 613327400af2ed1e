import * as vscode from 'vscode';
import type { FlashcardsApi } from './api';
import { registerAuthoring } from './authoring';
import { registerCodeFacts } from './codeFacts';
import { DeckManager } from './deckManager';
import { DeckTreeProvider } from './deckTreeProvider';
import { registerExam } from './exam/examManager';
import { registerProgressCommands } from './review/progressCommands';
import { ProgressService } from './review/progressService';
import { ReviewViews, type StartReviewArgs } from './review/reviewViews';
import { StatsPanel } from './review/statsPanel';
import { DueStatusBar } from './review/statusBar';

/**
 * Only wiring happens here: decks load in the background after activation returns, the progress
 * store opens on first use, and markdown-it ships inside the webview bundle, loaded when a card
 * is first shown.
 */
export function activate(context: vscode.ExtensionContext): FlashcardsApi {
  const started = performance.now();
  const diagnostics = vscode.languages.createDiagnosticCollection('flashcards');
  const decks = new DeckManager(context.extensionUri, diagnostics);
  const progress = new ProgressService(context, decks);
  const tree = new DeckTreeProvider(progress);
  const views = new ReviewViews(context.extensionUri, progress);
  const stats = new StatsPanel(context.extensionUri, progress);

  context.subscriptions.push(
    diagnostics,
    decks,
    progress,
    tree,
    views,
    stats,
    new DueStatusBar(progress),
    ...tree.register(),
    ...registerAuthoring(progress, diagnostics),
    vscode.commands.registerCommand('flashcards.reloadDecks', () => decks.reload()),
    vscode.commands.registerCommand('flashcards.startReview', (args?: StartReviewArgs) => views.startReview(args)),
    vscode.commands.registerCommand('flashcards.reviewCard', (args: { deckKey: string; cardId: string }) =>
      views.startReview({ deckKey: args.deckKey, cardKey: `${args.deckKey}/${args.cardId}` })),
    vscode.commands.registerCommand('flashcards.showStats', () => stats.show()),
    registerExam(context, progress, () => stats.refresh()),
    ...registerProgressCommands(progress),
  );
  registerCodeFacts(context, decks);
  void decks.ready();
  shutdown = () => progress.dispose();

  return {
    ready: () => decks.ready(),
    decks: () =>
      decks.all().map((d) => ({
        key: d.key,
        uri: d.uri.toString(),
        title: d.deck.title,
        origin: d.origin,
        cards: d.deck.cards.length,
        diagnostics: d.deck.diagnostics,
      })),
    progressFolder: () => progress.folder.toString(),
    treeSnapshot: (expand) => tree.snapshot(expand),
    activationMs: performance.now() - started,
  };
}

/** Lets the progress store write its snapshot so the next start is fast; reviews are already on disk. */
export function deactivate(): Promise<void> | undefined {
  return shutdown?.();
}

let shutdown: (() => Promise<void>) | undefined;
