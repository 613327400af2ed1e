import * as vscode from 'vscode';
import { parseDeck } from '../core/deck/parse';
import type { Deck } from '../core/deck/types';

export type DeckOrigin = 'builtin' | 'workspace';

export interface LoadedDeck {
  /** Stable key for progress: survives moving the workspace, changes only when the file is renamed. */
  key: string;
  uri: vscode.Uri;
  origin: DeckOrigin;
  deck: Deck;
}

const DEFAULT_GLOBS = ['**/*.deck.md', '**/decks/**/*.md', '**/*.cards.txt'];

/**
 * Owns every loaded deck: the built-in ones shipped in the extension and those found in the
 * workspace. All reads go through `vscode.workspace.fs` so the same code can run on vscode.dev.
 */
export class DeckManager implements vscode.Disposable {
  private readonly decks = new Map<string, LoadedDeck>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {}

  /** Starts loading once; later callers share the same promise. */
  ready(): Promise<void> {
    this.loading ??= this.loadAll();
    return this.loading;
  }

  all(): LoadedDeck[] {
    return [...this.decks.values()].sort((a, b) => (a.origin === b.origin ? a.deck.title.localeCompare(b.deck.title) : a.origin === 'builtin' ? -1 : 1));
  }

  get(key: string): LoadedDeck | undefined {
    return this.decks.get(key);
  }

  byUri(uri: vscode.Uri): LoadedDeck | undefined {
    const s = uri.toString();
    for (const d of this.decks.values()) if (d.uri.toString() === s) return d;
    return undefined;
  }

  async reload(): Promise<void> {
    this.decks.clear();
    this.diagnostics.clear();
    this.loading = this.loadAll();
    await this.loading;
  }

  private async loadAll(): Promise<void> {
    const builtinDir = vscode.Uri.joinPath(this.extensionUri, 'decks');
    const builtin = (await vscode.workspace.fs.readDirectory(builtinDir))
      .filter(([name, type]) => type === vscode.FileType.File && /\.(md|txt)$/i.test(name))
      .map(([name]) => vscode.Uri.joinPath(builtinDir, name));
    const workspace = await this.findWorkspaceDecks();
    await Promise.all([
      ...builtin.map((uri) => this.loadFile(uri, 'builtin', false)),
      ...workspace.map((uri) => this.loadFile(uri, 'workspace', false)),
    ]);
    this.watchWorkspace();
    this.changed.fire();
  }

  private globs(): string[] {
    const globs = vscode.workspace.getConfiguration('flashcards').get<string[]>('deckGlobs', DEFAULT_GLOBS);
    return globs.length ? globs : DEFAULT_GLOBS;
  }

  private async findWorkspaceDecks(): Promise<vscode.Uri[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    // Passing our own exclude replaces files.exclude, so fold the user's excludes back in.
    const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude', {});
    const excludes = ['**/node_modules/**', ...Object.entries(filesExclude).filter(([, on]) => on === true).map(([g]) => g)];
    const found = await vscode.workspace.findFiles(`{${this.globs().join(',')}}`, `{${excludes.join(',')}}`);
    return found.filter((uri) => !uri.path.startsWith(`${this.extensionUri.path}/decks/`));
  }

  private watching = false;

  private watchWorkspace(): void {
    if (this.watching || !vscode.workspace.workspaceFolders?.length) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher(`{${this.globs().join(',')}}`);
    const upsert = (uri: vscode.Uri) => void this.loadFile(uri, 'workspace', true);
    watcher.onDidCreate(upsert);
    watcher.onDidChange(upsert);
    watcher.onDidDelete((uri) => {
      const loaded = this.byUri(uri);
      if (!loaded) return;
      this.decks.delete(loaded.key);
      this.diagnostics.delete(uri);
      this.changed.fire();
    });
    this.disposables.push(watcher);
  }

  private async loadFile(uri: vscode.Uri, origin: DeckOrigin, notify: boolean): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return; // Deleted between discovery and read; the watcher reports the deletion.
    }
    const deck = parseDeck(uri.path, bytes);
    const key = this.keyFor(uri, origin);
    this.decks.set(key, { key, uri, origin, deck });
    this.diagnostics.set(uri, deck.diagnostics.map(toVsDiagnostic));
    if (notify) this.changed.fire();
  }

  private keyFor(uri: vscode.Uri, origin: DeckOrigin): string {
    if (origin === 'builtin') return `builtin:${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`;
    return `workspace:${vscode.workspace.asRelativePath(uri, true)}`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

function toVsDiagnostic(d: Deck['diagnostics'][number]): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const col = Math.max(0, d.column - 1);
  const range = new vscode.Range(line, col, line, d.endColumn ? Math.max(col, d.endColumn - 1) : Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'flashcards';
  diagnostic.code = d.code;
  return diagnostic;
}
