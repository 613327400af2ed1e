import * as vscode from 'vscode';
import { exportAnkiText, importAnkiText, type ImportProblem } from '../../core/anki';
import { deckFileName, slugify } from '../../core/tree/authoring';
import type { DeckManager } from '../deckManager';
import { defaultDeckFolder, unusedName } from './deckCommands';

/** Anki exports can hold a whole collection's notes; beyond this the file is surely not one deck. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportAnkiArgs {
  source?: vscode.Uri | string;
  target?: vscode.Uri | string;
  title?: string;
  open?: boolean;
}

export interface ImportAnkiResult {
  target: string;
  cards: number;
  problems: ImportProblem[];
}

/**
 * Import from Anki. Rows that could not be imported are listed in the Problems panel on the
 * export file itself, at their line, so each one is a click away.
 */
export class AnkiCommands implements vscode.Disposable {
  private readonly importProblems = vscode.languages.createDiagnosticCollection('flashcards-anki');

  constructor(private readonly decks: DeckManager) {}

  async importAnki(args: ImportAnkiArgs = {}): Promise<ImportAnkiResult | undefined> {
    const source = toUri(args.source) ?? (await vscode.window.showOpenDialog({
      title: 'Import from Anki',
      openLabel: 'Import',
      canSelectMany: false,
      filters: { 'Anki text export': ['txt', 'tsv', 'csv'], 'All files': ['*'] },
    }))?.[0];
    if (!source) return undefined;
    const stat = await vscode.workspace.fs.stat(source);
    if (stat.size > MAX_IMPORT_BYTES) {
      void vscode.window.showErrorMessage(`Flashcards: ${basename(source)} is ${(stat.size / 1048576).toFixed(0)} MB; export one Anki deck at a time (up to 50 MB).`);
      return undefined;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
    const result = importAnkiText(text, { fileName: basename(source), title: args.title });
    if (result.cards === 0 && result.problems.length === 0) {
      void vscode.window.showWarningMessage(`Flashcards: ${basename(source)} holds no notes. In Anki use File › Export… › "Notes in Plain Text".`);
      return undefined;
    }
    let target = toUri(args.target);
    if (!target) {
      const folder = await defaultDeckFolder();
      const suggested = folder ? await unusedName(folder, deckFileName(result.title)) : undefined;
      target = await vscode.window.showSaveDialog({ title: 'Save the imported deck', defaultUri: suggested, filters: { 'Flashcard deck': ['md'] }, saveLabel: 'Save Deck' });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.markdown));

    this.importProblems.set(source, result.problems.map((p) => toDiagnostic(p)));
    if (args.open !== false) await vscode.window.showTextDocument(target, { preview: false });
    const skipped = result.problems.filter((p) => p.severity === 'error' && p.row > 0).length;
    const summary = `Flashcards: imported ${result.cards} card${result.cards === 1 ? '' : 's'} into ${vscode.workspace.asRelativePath(target)}`;
    if (result.problems.length) {
      const details = skipped ? `; ${skipped} row${skipped === 1 ? '' : 's'} skipped` : `; ${result.problems.length} note${result.problems.length === 1 ? '' : 's'}`;
      void vscode.window.showWarningMessage(`${summary}${details}.`, 'Show Problems').then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
    } else {
      void vscode.window.showInformationMessage(`${summary}.`);
    }
    return { target: target.toString(), cards: result.cards, problems: result.problems };
  }

  async exportAnki(arg?: { deckKey?: string }, options: { target?: vscode.Uri | string; html?: boolean } = {}): Promise<{ target: string; cards: number } | undefined> {
    await this.decks.ready();
    const loaded = arg?.deckKey ? this.decks.get(arg.deckKey) : (await vscode.window.showQuickPick(
      this.decks.all().map((d) => ({ label: d.deck.title, description: `${d.deck.cards.length} cards`, deck: d })),
      { title: 'Export which deck for Anki?' },
    ))?.deck;
    if (!loaded) return undefined;
    let html = options.html;
    if (html === undefined) {
      const pick = await vscode.window.showQuickPick([
        { label: 'Plain text', detail: 'The Markdown as written. Importing the file back gives the same cards.', html: false },
        { label: 'HTML', detail: 'Formatted in Anki: bold, lists and code show as they do here.', html: true },
      ], { title: `Export "${loaded.deck.title}" as` });
      if (!pick) return undefined;
      html = pick.html;
    }
    let target = toUri(options.target);
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${slugify(loaded.deck.title) || 'deck'}.anki.txt`;
      target = await vscode.window.showSaveDialog({ title: 'Export for Anki', defaultUri: folder && vscode.Uri.joinPath(folder, name), filters: { 'Anki text import': ['txt'] }, saveLabel: 'Export' });
      if (!target) return undefined;
    }
    // markdown-it is only needed here; loading it on demand keeps activation light.
    const renderHtml = html ? (await import('../../core/render/markdown')).renderCardMarkdown : undefined;
    const text = exportAnkiText(loaded.deck, { html, renderHtml: renderHtml && ((md) => renderHtml(md, loaded.deck.format)) });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    if (!options.target) {
      void vscode.window.showInformationMessage(`Flashcards: exported ${loaded.deck.cards.length} cards to ${vscode.workspace.asRelativePath(target)}. In Anki: File › Import.`);
    }
    return { target: target.toString(), cards: loaded.deck.cards.length };
  }

  dispose(): void {
    this.importProblems.dispose();
  }
}

function toDiagnostic(p: ImportProblem): vscode.Diagnostic {
  const line = Math.max(0, p.line - 1);
  const where = p.row > 0 ? `Row ${p.row}: ` : '';
  const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), `${where}${p.message}`, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'flashcards (Anki import)';
  return d;
}

function toUri(value: vscode.Uri | string | undefined): vscode.Uri | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value)) : value;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
