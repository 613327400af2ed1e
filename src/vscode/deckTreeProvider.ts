import * as vscode from 'vscode';
import type { ProgressStore } from '../core/review/progressStore';
import type { QueueCounts } from '../core/review/queue';
import { NEW_CARD } from '../core/review/cardState';
import { cardRows, deckRow, describeCounts, earliest, studyKeys, sumCounts, type CardRow, type CardStatus, type DeckRow, type DeckStatus } from '../core/tree/deckTree';
import { describeDue } from '../core/tree/due';
import type { DeckOrigin, LoadedDeck } from './deckManager';
import type { ProgressService } from './review/progressService';
import type { StartReviewArgs } from './review/reviewViews';

/**
 * Nodes carry `deckKey` so that commands shared with other views (`flashcards.startReview`,
 * `flashcards.resetDeckProgress`) accept a tree node as their argument unchanged.
 */
export interface GroupNode {
  kind: 'group';
  origin: DeckOrigin;
}
export interface DeckNode {
  kind: 'deck';
  deckKey: string;
}
export interface CardNode {
  kind: 'card';
  deckKey: string;
  row: CardRow;
}
export type TreeNode = GroupNode | DeckNode | CardNode;

/** What the host tests read through `api.treeSnapshot()`: the tree as VS Code receives it. */
export interface TreeSnapshot {
  groups: Array<{
    origin: DeckOrigin;
    label: string;
    description: string;
    decks: TreeDeckSnapshot[];
  }>;
  /** Whether the workspace has decks of its own (when not, the welcome view shows instead). */
  hasWorkspaceDecks: boolean;
}

export interface TreeDeckSnapshot {
  key: string;
  label: string;
  description: string;
  icon: string;
  contextValue: string;
  counts: QueueCounts;
  cards: number;
  errors: number;
  /** Only for the decks asked to expand. */
  children?: Array<{ label: string; description: string; icon: string; contextValue: string }>;
  /** Time to produce the children and their TreeItems, as when the deck is expanded. */
  expandMs?: number;
}

const GROUP_LABEL: Record<DeckOrigin, string> = { workspace: 'Workspace', builtin: 'Built-in' };

const DECK_ICON: Record<DeckStatus, vscode.ThemeIcon> = {
  problems: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  due: new vscode.ThemeIcon('flame', new vscode.ThemeColor('charts.orange')),
  new: new vscode.ThemeIcon('sparkle', new vscode.ThemeColor('charts.blue')),
  done: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  empty: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

const CARD_ICON: Record<CardStatus, vscode.ThemeIcon> = {
  new: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.blue')),
  learning: new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.orange')),
  relearning: new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.red')),
  due: new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.yellow')),
  review: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  buried: new vscode.ThemeIcon('eye-closed', new vscode.ThemeColor('disabledForeground')),
  suspended: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('disabledForeground')),
};

/** Longest wait before the tree recounts on its own: counts drift as learning steps end and days turn. */
const MAX_IDLE_MS = 60 * 60_000;

/**
 * The Decks view: built-in and workspace decks in two groups, each deck with today's counts, its
 * cards listed on expansion. Counts come from the progress store; the tree refreshes when progress
 * or decks change and when the next card comes due.
 */
export class DeckTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private store: ProgressStore | undefined;
  /** Deck rows of the current generation; cleared on every change. */
  private rows = new Map<string, DeckRow>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private dueTimer: ReturnType<typeof setTimeout> | undefined;
  private hasWorkspaceDecks: boolean | undefined;

  constructor(private readonly progress: ProgressService) {
    // The welcome view's `when` needs this even while the tree itself is collapsed and never asked for children.
    const updateContext = () => this.setHasWorkspaceDecks(progress.decks.all().some((d) => d.origin === 'workspace'));
    this.disposables.push(progress.onDidChange(() => this.refresh()), progress.decks.onDidChange(updateContext));
    void progress.decks.ready().then(updateContext);
  }

  /** Registers the view, the welcome view beside it and the commands of its menus. */
  register(): vscode.Disposable[] {
    const view = vscode.window.createTreeView('flashcards.decks', { treeDataProvider: this, showCollapseAll: true, canSelectMany: true });
    const welcome = vscode.window.createTreeView('flashcards.welcome', { treeDataProvider: new EmptyTree() });
    return [
      view,
      welcome,
      vscode.commands.registerCommand('flashcards.studyDeck', (node?: TreeNode | { deckKey?: string }) => this.study(node)),
      vscode.commands.registerCommand('flashcards.openDeckFile', (node?: { deckKey?: string }) => this.openDeck(node?.deckKey)),
      vscode.commands.registerCommand('flashcards.revealCard', (node?: CardNode | CardRef) => this.revealCard(node)),
      vscode.commands.registerCommand('flashcards.suspendCard', (node?: CardNode | CardRef, nodes?: TreeNode[]) => this.setSuspended(true, node, nodes)),
      vscode.commands.registerCommand('flashcards.unsuspendCard', (node?: CardNode | CardRef, nodes?: TreeNode[]) => this.setSuspended(false, node, nodes)),
    ];
  }

  /** Coalesces bursts (a grade fires for the log and the queue; a checkout changes many decks). */
  refresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.rows.clear();
      this.changed.fire(undefined);
    }, 50);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      await this.progress.decks.ready();
      await this.openStore();
      this.rows.clear();
      const all = this.progress.decks.all();
      const origins = (['builtin', 'workspace'] as const).filter((o) => all.some((d) => d.origin === o));
      this.setHasWorkspaceDecks(origins.includes('workspace'));
      this.scheduleDueRefresh(all);
      return origins.map((origin) => ({ kind: 'group', origin }));
    }
    if (node.kind === 'group') {
      return this.progress.decks.all().filter((d) => d.origin === node.origin).map((d) => ({ kind: 'deck', deckKey: d.key }));
    }
    if (node.kind === 'deck') {
      const loaded = this.progress.decks.get(node.deckKey);
      if (!loaded) return [];
      return cardRows(loaded.key, loaded.deck.cards, this.stateOf, this.clock()).map((row) => ({ kind: 'card', deckKey: loaded.key, row }));
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'card') return { kind: 'deck', deckKey: node.deckKey };
    if (node.kind === 'deck') {
      const origin = this.progress.decks.get(node.deckKey)?.origin;
      return origin && { kind: 'group', origin };
    }
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'deck':
        return this.deckItem(node);
      case 'card':
        return this.cardItem(node);
    }
  }

  /** Card tooltips need the progress state in full; built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'card' && !item.tooltip) item.tooltip = this.cardTooltip(node);
    return item;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const decks = this.progress.decks.all().filter((d) => d.origin === node.origin);
    const counts = sumCounts(decks.map((d) => this.rowOf(d)));
    const item = new vscode.TreeItem(GROUP_LABEL[node.origin], vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${node.origin}`;
    item.description = describeCounts(counts) || `${decks.length} deck${decks.length === 1 ? '' : 's'}`;
    item.contextValue = `group ${node.origin}`;
    item.tooltip = node.origin === 'builtin' ? 'Decks that ship with the extension' : 'Decks found in this workspace (setting flashcards.deckGlobs)';
    return item;
  }

  private deckItem(node: DeckNode): vscode.TreeItem {
    const loaded = this.progress.decks.get(node.deckKey);
    if (!loaded) return new vscode.TreeItem('(deck removed)');
    const row = this.rowOf(loaded);
    const item = new vscode.TreeItem(loaded.deck.title, loaded.deck.cards.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `deck:${loaded.key}`;
    item.description = row.description;
    item.iconPath = DECK_ICON[row.status];
    item.contextValue = `deck ${loaded.origin}`;
    item.tooltip = this.deckTooltip(loaded, row);
    item.accessibilityInformation = { label: `${loaded.deck.title}: ${row.description}` };
    return item;
  }

  private cardItem(node: CardNode): vscode.TreeItem {
    const { row } = node;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `card:${node.deckKey}#${row.cardId}`;
    item.description = row.description;
    item.iconPath = CARD_ICON[row.status];
    item.contextValue = `card ${row.status === 'suspended' ? 'suspended' : 'active'}`;
    item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    const first = row.keys[0].slice(node.deckKey.length + 1);
    item.command = { command: 'flashcards.reviewCard', title: 'Review Card', arguments: [{ deckKey: node.deckKey, cardId: first }] };
    return item;
  }

  private deckTooltip(loaded: LoadedDeck, row: DeckRow): vscode.MarkdownString {
    const now = Date.now();
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(loaded.deck.title)}**  \n`);
    md.appendMarkdown(`${escape(loaded.origin === 'builtin' ? `Built-in: ${basename(loaded.uri)}` : vscode.workspace.asRelativePath(loaded.uri))}\n\n`);
    const c = row.counts;
    md.appendMarkdown(`$(circle-large-outline) ${c.new} new · $(history) ${c.learning} learning · $(bell-dot) ${c.due} due today\n\n`);
    md.appendMarkdown(`${row.total} card${row.total === 1 ? '' : 's'}, ${row.studied} studied${row.suspended ? `, ${row.suspended} suspended` : ''}  \n`);
    md.appendMarkdown(row.retention === undefined ? 'Retention: not studied yet  \n' : `Retention now (FSRS estimate): ${Math.round(row.retention * 100)} %  \n`);
    md.appendMarkdown(row.nextDueAt === undefined ? 'Next due: nothing scheduled' : `Next due: ${describeDue(row.nextDueAt, now).replace(/^due /, '')} (${new Date(row.nextDueAt).toLocaleString()})`);
    if (row.errors) md.appendMarkdown(`\n\n$(warning) ${row.errors} problem${row.errors === 1 ? '' : 's'}: see the Problems panel`);
    return md;
  }

  private cardTooltip(node: CardNode): vscode.MarkdownString {
    const loaded = this.progress.decks.get(node.deckKey);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(node.row.label)}**\n\n`);
    md.appendMarkdown(`${escape(node.row.description)}`);
    const states = node.row.keys.map(this.stateOf).filter((s) => s.phase !== 0);
    if (states.length) {
      const reps = states.reduce((n, s) => n + s.reps, 0);
      const lapses = states.reduce((n, s) => n + s.lapses, 0);
      md.appendMarkdown(`  \n${reps} review${reps === 1 ? '' : 's'}, ${lapses} lapse${lapses === 1 ? '' : 's'}`);
    }
    if (loaded) md.appendMarkdown(`\n\n${escape(vscode.workspace.asRelativePath(loaded.uri))}:${node.row.line}`);
    return md;
  }

  private rowOf(loaded: LoadedDeck): DeckRow {
    let row = this.rows.get(loaded.key);
    if (!row) {
      const keys = loaded.deck.cards.flatMap((c) => studyKeys(loaded.key, c));
      const now = Date.now();
      const queue = this.store?.queue(keys, now) ?? { counts: { new: 0, learning: 0, due: 0 }, nextDueAt: undefined };
      row = deckRow({
        keys,
        cards: loaded.deck.cards.length,
        errors: loaded.deck.diagnostics.filter((d) => d.severity === 'error').length,
        states: this.store?.cards() ?? new Map(),
        queue,
        now,
      });
      this.rows.set(loaded.key, row);
    }
    return row;
  }

  private readonly stateOf = (key: string) => this.store?.card(key) ?? NEW_CARD;

  private clock(): { now: number; dayEnd: number } {
    const now = Date.now();
    return { now, dayEnd: this.store?.calendar.nextDayStart(now) ?? now };
  }

  /** The tree shows decks without counts rather than nothing when progress cannot be read. */
  private async openStore(): Promise<void> {
    if (this.store) return;
    try {
      this.store = await this.progress.open();
    } catch {
      this.store = undefined;
    }
  }

  private setHasWorkspaceDecks(value: boolean): void {
    if (this.hasWorkspaceDecks === value) return;
    this.hasWorkspaceDecks = value;
    void vscode.commands.executeCommand('setContext', 'flashcards.hasWorkspaceDecks', value);
    void vscode.commands.executeCommand('setContext', 'flashcards.decksLoaded', true);
  }

  /** Recount when the next card comes due (a learning step ends, a new day starts). */
  private scheduleDueRefresh(decks: LoadedDeck[]): void {
    if (this.dueTimer) clearTimeout(this.dueTimer);
    const next = earliest(decks.map((d) => this.rowOf(d).nextDueAt));
    const wait = next === undefined ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, Math.max(1000, next - Date.now() + 500));
    this.dueTimer = setTimeout(() => this.refresh(), wait);
  }

  // ---- commands ----

  private async study(node?: TreeNode | { deckKey?: string }): Promise<StartReviewArgs | undefined> {
    await this.progress.decks.ready();
    let args: StartReviewArgs | undefined;
    if (node && 'kind' in node && node.kind === 'group') {
      const decks = this.progress.decks.all().filter((d) => d.origin === node.origin).map((d) => d.key);
      args = { decks, label: `${GROUP_LABEL[node.origin]} decks` };
    } else if (node && 'deckKey' in node && node.deckKey) {
      args = { deckKey: node.deckKey };
    } else {
      const pick = await this.pickDeck('Study which deck?');
      args = pick && { deckKey: pick.key };
    }
    if (!args) return undefined;
    await vscode.commands.executeCommand('flashcards.startReview', args);
    return args;
  }

  private async openDeck(deckKey?: string): Promise<void> {
    const loaded = deckKey ? this.progress.decks.get(deckKey) : await this.pickDeck('Open which deck?');
    if (loaded) await vscode.window.showTextDocument(loaded.uri, { preview: false });
  }

  private async revealCard(node?: CardNode | CardRef): Promise<void> {
    const target = this.cardOf(node);
    if (!target) return;
    const line = Math.max(0, target.line - 1);
    const editor = await vscode.window.showTextDocument(target.deck.uri, { preview: false });
    const range = editor.document.lineAt(Math.min(line, editor.document.lineCount - 1)).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Suspends every deletion of a cloze card; with several cards selected, all of them. */
  private async setSuspended(suspended: boolean, node?: CardNode | CardRef, nodes?: TreeNode[]): Promise<number> {
    const targets = (nodes?.length ? nodes : [node]).filter((n): n is CardNode | CardRef => !!n && (!('kind' in n) || n.kind === 'card'));
    const keys = targets.flatMap((t) => {
      const card = this.cardOf(t);
      return card ? card.keys : [];
    });
    if (!keys.length) return 0;
    const store = await this.progress.open();
    let changed = 0;
    for (const key of keys) {
      if (store.card(key).suspended === suspended) continue;
      await (suspended ? store.suspend(key) : store.unsuspend(key));
      changed++;
    }
    return changed;
  }

  private cardOf(node?: CardNode | CardRef): { deck: LoadedDeck; keys: string[]; line: number } | undefined {
    if (!node?.deckKey) return undefined;
    const deck = this.progress.decks.get(node.deckKey);
    if (!deck) return undefined;
    if ('row' in node) return { deck, keys: node.row.keys, line: node.row.line };
    const card = deck.deck.cards.find((c) => c.id === node.cardId);
    return card && { deck, keys: studyKeys(deck.key, card), line: card.line };
  }

  private async pickDeck(title: string): Promise<LoadedDeck | undefined> {
    await this.progress.decks.ready();
    const pick = await vscode.window.showQuickPick(
      this.progress.decks.all().map((d) => ({ label: d.deck.title, description: d.origin === 'builtin' ? 'built-in' : vscode.workspace.asRelativePath(d.uri), deck: d })),
      { title, matchOnDescription: true },
    );
    return pick?.deck;
  }

  // ---- for the host tests ----

  async snapshot(expand: readonly string[] = []): Promise<TreeSnapshot> {
    const groups: TreeSnapshot['groups'] = [];
    for (const group of await this.getChildren()) {
      if (group.kind !== 'group') continue;
      const groupItem = this.getTreeItem(group);
      const decks: TreeDeckSnapshot[] = [];
      for (const deck of await this.getChildren(group)) {
        if (deck.kind !== 'deck') continue;
        const item = this.getTreeItem(deck);
        const loaded = this.progress.decks.get(deck.deckKey)!;
        const row = this.rowOf(loaded);
        const entry: TreeDeckSnapshot = {
          key: deck.deckKey,
          label: String(item.label),
          description: String(item.description ?? ''),
          icon: (item.iconPath as vscode.ThemeIcon).id,
          contextValue: item.contextValue ?? '',
          counts: row.counts,
          cards: row.total,
          errors: row.errors,
        };
        if (expand.includes(deck.deckKey)) {
          const started = performance.now();
          const items = (await this.getChildren(deck)).map((child) => this.getTreeItem(child));
          entry.expandMs = performance.now() - started;
          entry.children = items.map((i) => ({ label: String(i.label), description: String(i.description ?? ''), icon: (i.iconPath as vscode.ThemeIcon).id, contextValue: i.contextValue ?? '' }));
        }
        decks.push(entry);
      }
      groups.push({ origin: group.origin, label: String(groupItem.label), description: String(groupItem.description ?? ''), decks });
    }
    return { groups, hasWorkspaceDecks: groups.some((g) => g.origin === 'workspace') };
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** A card named from outside the tree: a CodeLens, a test. */
export interface CardRef {
  deckKey: string;
  cardId: string;
}

/** Holds no items, so VS Code shows the view's welcome content (package.json `viewsWelcome`). */
class EmptyTree implements vscode.TreeDataProvider<never> {
  getChildren(): never[] {
    return [];
  }
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Deck titles and questions are the user's text: keep them from being read as Markdown or icons. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
