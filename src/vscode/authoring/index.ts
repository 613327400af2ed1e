import * as vscode from 'vscode';
import type { ProgressService } from '../review/progressService';
import { AnkiCommands } from './ankiCommands';
import { CardCodeLensProvider } from './cardCodeLens';
import { createDeck, newCard } from './deckCommands';
import { LiveDiagnostics } from './liveDiagnostics';

/** Deck authoring: live problems, CodeLenses over cards, new decks and cards, Anki import and export. */
export function registerAuthoring(progress: ProgressService, diagnostics: vscode.DiagnosticCollection): vscode.Disposable[] {
  const lenses = new CardCodeLensProvider(progress);
  const anki = new AnkiCommands(progress.decks);
  return [
    new LiveDiagnostics(progress.decks, diagnostics),
    lenses,
    anki,
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.deck.md' }, lenses),
    vscode.commands.registerCommand('flashcards.createDeck', createDeck),
    vscode.commands.registerCommand('flashcards.newCard', newCard),
    vscode.commands.registerCommand('flashcards.importAnki', (args?: Parameters<AnkiCommands['importAnki']>[0]) => anki.importAnki(args)),
    vscode.commands.registerCommand('flashcards.exportAnki', (arg?: { deckKey?: string }, options?: Parameters<AnkiCommands['exportAnki']>[1]) => anki.exportAnki(arg, options)),
  ];
}
