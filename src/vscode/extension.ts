import * as vscode from 'vscode';
import type { FlashcardsApi } from './api';
import { DeckManager } from './deckManager';
import { DeckTreeProvider } from './deckTreeProvider';

/**
 * Only wiring happens here: decks load in the background after activation returns, and
 * markdown-it and the webview bundle load when a card is first shown.
 */
export function activate(context: vscode.ExtensionContext): FlashcardsApi {
  const started = performance.now();
  const diagnostics = vscode.languages.createDiagnosticCollection('flashcards');
  const decks = new DeckManager(context.extensionUri, diagnostics);
  const tree = new DeckTreeProvider(decks);

  context.subscriptions.push(
    diagnostics,
    decks,
    tree,
    vscode.window.registerTreeDataProvider('flashcards.decks', tree),
    vscode.commands.registerCommand('flashcards.reloadDecks', () => decks.reload()),
  );
  void decks.ready();

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
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {}
