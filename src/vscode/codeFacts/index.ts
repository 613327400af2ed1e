import * as vscode from 'vscode';
import { HOVER_LANGUAGE_IDS } from '../../core/codeFacts';
import type { DeckManager } from '../deckManager';
import { CodeFactsCodeActionProvider } from './codeActions';
import { CodeFactsService } from './codeFactsService';
import { openCard, quizFile } from './commands';
import { CodeFactsDiagnostics } from './diagnostics';
import { CodeFactsHoverProvider } from './hoverProvider';

/** Build manifests get diagnostics (KCL 1.x, CDK v1) but no hovers. */
const MANIFEST_SELECTOR: vscode.DocumentFilter[] = [
  { pattern: '**/pom.xml' },
  { pattern: '**/build.gradle' },
  { pattern: '**/build.gradle.kts' },
  { pattern: '**/requirements*.txt' },
];

/**
 * Wires code hovers, limit diagnostics, their "Open the card" quick fix and the two commands.
 * Nothing is computed here: the fact index is built on the first hover or relevant document.
 */
export function registerCodeFacts(context: vscode.ExtensionContext, decks: DeckManager): void {
  const service = new CodeFactsService(decks);
  const languages: vscode.DocumentFilter[] = HOVER_LANGUAGE_IDS.map((language) => ({ language }));
  const diagnostics = new CodeFactsDiagnostics(service);
  context.subscriptions.push(
    service,
    diagnostics,
    vscode.languages.registerHoverProvider(languages, new CodeFactsHoverProvider(service)),
    vscode.languages.registerCodeActionsProvider([...languages, ...MANIFEST_SELECTOR], new CodeFactsCodeActionProvider(service), {
      providedCodeActionKinds: CodeFactsCodeActionProvider.kinds,
    }),
    vscode.commands.registerCommand('flashcards.openCard', (args: unknown) => openCard(decks, args)),
    vscode.commands.registerCommand('flashcards.quizFile', () => quizFile(service)),
  );
}
