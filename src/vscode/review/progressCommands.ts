import * as vscode from 'vscode';
import type { ProgressService } from './progressService';

/** Export, import and reset: the learner's progress is theirs to move and to clear. */
export function registerProgressCommands(progress: ProgressService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('flashcards.exportProgress', async (target?: vscode.Uri) => {
      const store = await progress.open();
      const uri = target ?? await vscode.window.showSaveDialog({
        title: 'Export Flashcards Progress',
        filters: { JSON: ['json'] },
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? progress.folder, 'flashcards-progress.json'),
      });
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(await store.export()));
      if (!target) void vscode.window.showInformationMessage(`Flashcards progress exported to ${vscode.workspace.asRelativePath(uri)}.`);
    }),
    vscode.commands.registerCommand('flashcards.importProgress', async (source?: vscode.Uri) => {
      const store = await progress.open();
      const uri = source ?? (await vscode.window.showOpenDialog({ title: 'Import Flashcards Progress', filters: { JSON: ['json', 'jsonl'] }, canSelectMany: false }))?.[0];
      if (!uri) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const result = await store.import(text);
      const message = `Flashcards: imported ${result.added} review${result.added === 1 ? '' : 's'}; ${result.duplicates} already present${result.invalid ? `, ${result.invalid} unreadable skipped` : ''}.`;
      if (!source) void vscode.window.showInformationMessage(message);
      return result;
    }),
    vscode.commands.registerCommand('flashcards.resetDeckProgress', async (arg?: { deckKey?: string } | string, options?: { confirmed?: boolean }) => {
      await progress.decks.ready();
      let deckKey = typeof arg === 'string' ? arg : arg?.deckKey;
      if (!deckKey) {
        const pick = await vscode.window.showQuickPick(progress.decks.all().map((d) => ({ label: d.deck.title, description: vscode.workspace.asRelativePath(d.uri), key: d.key })), { title: 'Reset progress of which deck?' });
        deckKey = pick?.key;
      }
      const deck = deckKey && progress.decks.get(deckKey);
      if (!deck) return false;
      if (!options?.confirmed) {
        const ok = await vscode.window.showWarningMessage(
          `Reset all progress for "${deck.deck.title}"? Its cards become new again.`,
          { modal: true },
          'Reset Progress',
        );
        if (ok !== 'Reset Progress') return false;
      }
      const store = await progress.open();
      await store.reset(deck.key);
      return true;
    }),
  ];
}
