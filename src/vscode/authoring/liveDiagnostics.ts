import * as vscode from 'vscode';
import { parseDeck } from '../../core/deck/parse';
import { withExamDiagnostics } from '../../core/tree/authoring';
import { toVsDiagnostic, type DeckManager } from '../deckManager';

/** Long enough not to parse on every keystroke, short enough to feel immediate. */
const TYPING_DELAY_MS = 300;

/**
 * Problems of a deck as it is being typed: the open document's text is parsed after a short
 * pause, so the Problems panel follows the editor rather than the last save. On save the file
 * watcher reloads the deck from disk with the same result; closing a document without saving
 * puts the file's own problems back.
 */
export class LiveDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Map<string, number>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly decks: DeckManager,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.isDeck(e.document)) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.isDeck(doc)) this.publish(doc);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.restoreFromDisk(doc)),
    ];
  }

  private isDeck(doc: vscode.TextDocument): boolean {
    return !!this.decks.byUri(doc.uri) || this.decks.isWorkspaceDeck(doc.uri);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed) this.publish(doc);
    }, TYPING_DELAY_MS));
  }

  /** Parses the document's current text; the same checks as the deck loader, exam ones included. */
  publish(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.published.get(key) === doc.version) return;
    this.published.set(key, doc.version);
    const text = doc.getText();
    const deck = withExamDiagnostics(parseDeck(doc.uri.path, text), text);
    this.diagnostics.set(doc.uri, deck.diagnostics.map(toVsDiagnostic));
  }

  private async restoreFromDisk(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    // Only documents typed into have live problems; the file on disk is the truth once they close.
    if (!this.published.delete(key)) return;
    try {
      const bytes = await vscode.workspace.fs.readFile(doc.uri);
      const deck = parseDeck(doc.uri.path, bytes);
      const full = deck.format === 'markdown' ? withExamDiagnostics(deck, new TextDecoder().decode(bytes)) : deck;
      this.diagnostics.set(doc.uri, full.diagnostics.map(toVsDiagnostic));
    } catch {
      this.diagnostics.delete(doc.uri);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
