import * as vscode from 'vscode';
import { parseDeck } from '../core/deck/parse';
import type { Deck } from '../core/deck/types';
import { withExamDiagnostics } from '../core/tree/authoring';
import { deckGlobs, excludeGlobs, findFilesQuery, isInside, isWorkspaceDeck } from '../core/tree/discovery';

export type DeckOrigin = 'builtin' | 'workspace';

export interface LoadedDeck {
  /** Stable key for progress: survives moving the workspace, changes only when the file is renamed. */
  key: string;
  uri: vscode.Uri;
  origin: DeckOrigin;
  deck: Deck;
}

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

  /**
   * Waits for the first load, then tells the user which of `keys` name no loaded deck. A deck
   * named by a keybinding or another extension may not exist, and an empty screen would hide the
   * mistake. True when every key names a loaded deck.
   */
  async requireLoaded(keys: readonly string[]): Promise<boolean> {
    if (!keys.length) return true;
    await this.ready();
    const missing = keys.filter((k) => !this.decks.has(k));
    if (missing.length) void vscode.window.showErrorMessage(`Flashcards: no deck ${missing.map((k) => `"${k}"`).join(', ')} is loaded.`);
    return !missing.length;
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
    return deckGlobs(vscode.workspace.getConfiguration('flashcards').get('deckGlobs'));
  }

  private excludes(): string[] {
    return excludeGlobs(vscode.workspace.getConfiguration('files').get('exclude'));
  }

  /**
   * The same rule for `findFiles` and for watcher events (which ignore `files.exclude`); the
   * extension's own `decks/` is skipped when its repository is the open workspace.
   */
  isWorkspaceDeck(uri: vscode.Uri): boolean {
    if (isInside(uri.path, vscode.Uri.joinPath(this.extensionUri, 'decks').path)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return !!folder && isWorkspaceDeck(vscode.workspace.asRelativePath(uri, false), this.globs(), this.excludes());
  }

  private async findWorkspaceDecks(): Promise<vscode.Uri[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const { include, exclude } = findFilesQuery(this.globs(), this.excludes());
    const found = await vscode.workspace.findFiles(include, exclude);
    return found.filter((uri) => !isInside(uri.path, vscode.Uri.joinPath(this.extensionUri, 'decks').path));
  }

  private watching = false;

  private watchWorkspace(): void {
    if (this.watching || !vscode.workspace.workspaceFolders?.length) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher(findFilesQuery(this.globs(), []).include);
    const upsert = (uri: vscode.Uri) => {
      if (this.isWorkspaceDeck(uri)) void this.loadFile(uri, 'workspace', true);
    };
    watcher.onDidCreate(upsert);
    watcher.onDidChange(upsert);
    const forget = (uri: vscode.Uri) => {
      const gone = [...this.decks.values()].filter((d) => d.origin === 'workspace' && d.uri.scheme === uri.scheme && isInside(d.uri.path, uri.path));
      if (!gone.length) return;
      for (const d of gone) {
        this.decks.delete(d.key);
        this.diagnostics.delete(d.uri);
      }
      this.changed.fire();
    };
    watcher.onDidDelete(forget);
    // Deleting a folder is reported as the folder alone, which no deck glob matches.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    folders.onDidDelete(forget);
    // A deck written right after its new folder (a checkout, an unzip, `mkdir -p && write`) can be
    // missed by the OS watcher, which starts watching a folder only once it has seen it: look
    // inside new folders. Creations are batched, so a build writing many files costs one pass.
    const created = new Set<string>();
    let pending: ReturnType<typeof setTimeout> | undefined;
    folders.onDidCreate((uri) => {
      if (this.isWorkspaceDeck(uri)) return; // the deck watcher has it
      created.add(uri.toString());
      pending ??= setTimeout(() => {
        pending = undefined;
        const batch = [...created].map((u) => vscode.Uri.parse(u));
        created.clear();
        void this.scanNewFolders(batch, upsert);
      }, 100);
    });
    // New globs or excludes change which files are decks: start over with a matching watcher.
    const settings = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('flashcards.deckGlobs') && !e.affectsConfiguration('files.exclude')) return;
      watcher.dispose();
      folders.dispose();
      settings.dispose();
      this.watching = false;
      void this.reload();
    });
    this.disposables.push(watcher, folders, settings, { dispose: () => clearTimeout(pending) });
  }

  /** Loads the decks inside those of `uris` that are folders (outermost only). */
  private async scanNewFolders(uris: vscode.Uri[], upsert: (uri: vscode.Uri) => void): Promise<void> {
    const dirs: vscode.Uri[] = [];
    for (const uri of uris.sort((a, b) => a.path.length - b.path.length)) {
      if (dirs.some((d) => d.scheme === uri.scheme && isInside(uri.path, d.path))) continue;
      const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
      if (stat && stat.type & vscode.FileType.Directory) dirs.push(uri);
    }
    const { exclude } = findFilesQuery(this.globs(), this.excludes());
    for (const dir of dirs) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(dir, '**/*'), exclude)) upsert(uri);
    }
  }

  private async loadFile(uri: vscode.Uri, origin: DeckOrigin, notify: boolean): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return; // Deleted between discovery and read; the watcher reports the deletion.
    }
    let deck = parseDeck(uri.path, bytes);
    if (deck.format === 'markdown') deck = withExamDiagnostics(deck, new TextDecoder().decode(bytes));
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

export function toVsDiagnostic(d: Deck['diagnostics'][number]): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const col = Math.max(0, d.column - 1);
  const range = new vscode.Range(line, col, line, d.endColumn ? Math.max(col, d.endColumn - 1) : Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'flashcards';
  diagnostic.code = d.code;
  return diagnostic;
}
