import * as vscode from 'vscode';
import { DIAGNOSTIC_KINDS, type DiagnosticKind } from '../../core/codeFacts';
import type { CodeFactsService } from './codeFactsService';

const OUR_KINDS: ReadonlySet<string> = new Set(DIAGNOSTIC_KINDS);

/** "Open the card" on each of our code diagnostics: the card that states the limit or the deprecation. */
export class CodeFactsCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: CodeFactsService) {}

  async provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    // Diagnostics arrive here as copies, so they are recognised by source and code, not identity.
    const diagnostics = context.diagnostics.filter((d) => d.source === 'flashcards' && typeof d.code === 'string' && OUR_KINDS.has(d.code));
    if (!diagnostics.length) return [];
    const facts = await this.service.factIndex();
    if (token.isCancellationRequested) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const ref = facts.cardForDiagnostic(diagnostic.code as DiagnosticKind);
      if (!ref) continue;
      const action = new vscode.CodeAction('Open the card', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { title: 'Open the card', command: 'flashcards.openCard', arguments: [{ deckKey: ref.deckKey, cardId: ref.card.id }] };
      actions.push(action);
    }
    return actions;
  }
}
