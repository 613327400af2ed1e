import * as vscode from 'vscode';
import type { Card } from '../core/deck/types';
import type { DeckManager, LoadedDeck } from './deckManager';

type Node = { kind: 'deck'; deck: LoadedDeck } | { kind: 'card'; deck: LoadedDeck; card: Card };

/** Decks and their cards; children are produced only when a deck is expanded. */
export class DeckTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly decks: DeckManager) {
    this.subscription = decks.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      await this.decks.ready();
      return this.decks.all().map((deck) => ({ kind: 'deck', deck }));
    }
    if (node.kind === 'deck') return node.deck.deck.cards.map((card) => ({ kind: 'card', deck: node.deck, card }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'deck') {
      const { deck, origin, uri } = node.deck;
      const errors = deck.diagnostics.filter((d) => d.severity === 'error').length;
      const item = new vscode.TreeItem(deck.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.deck.key;
      item.description = `${deck.cards.length} cards${origin === 'builtin' ? ' · built-in' : ''}${errors ? ` · ${errors} problem${errors > 1 ? 's' : ''}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(errors ? 'warning' : 'library');
      item.resourceUri = uri;
      item.contextValue = `deck.${origin}`;
      item.tooltip = new vscode.MarkdownString().appendText(`${deck.title}\n${vscode.workspace.asRelativePath(uri)}`);
      return item;
    }
    const { card, deck } = node;
    const item = new vscode.TreeItem(card.question.split('\n', 1)[0], vscode.TreeItemCollapsibleState.None);
    item.id = `${deck.key}#${card.id}`;
    item.iconPath = new vscode.ThemeIcon('note');
    item.contextValue = 'card';
    item.command = {
      command: 'vscode.open',
      title: 'Open card',
      arguments: [deck.uri, { selection: new vscode.Range(card.line - 1, 0, card.line - 1, 0) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
