import * as vscode from 'vscode';
import { parseDeck } from '../../core/deck/parse';
import type { Deck } from '../../core/deck/types';
import { NEW_CARD } from '../../core/review/cardState';
import type { ProgressStore } from '../../core/review/progressStore';
import { cardRow, studyKeys } from '../../core/tree/deckTree';
import type { ProgressService } from '../review/progressService';

/**
 * "due in 3 d · Study" above each card of a `*.deck.md` file: the card's state at a glance while
 * writing, and one click to review it. Lenses follow the document as typed; a card that is not
 * saved yet has no progress, so it reads "new".
 */
export class CardCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private parsed: { uri: string; version: number; deck: Deck } | undefined;
  private store: ProgressStore | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly progress: ProgressService) {
    this.disposables.push(
      progress.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('flashcards.codeLens') && this.refresh()),
    );
  }

  private refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, 100);
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('flashcards.codeLens', doc.uri).get('enabled', true)) return [];
    await this.progress.decks.ready();
    const loaded = this.progress.decks.byUri(doc.uri);
    if (!loaded || token.isCancellationRequested) return [];
    if (!this.store) {
      try {
        this.store = await this.progress.open();
      } catch {
        // Without progress every card reads "new"; studying will show the real error.
      }
    }
    const deck = this.parse(doc);
    const now = Date.now();
    const clock = { now, dayEnd: this.store?.calendar.nextDayStart(now) ?? now };
    const stateOf = (key: string) => this.store?.card(key) ?? NEW_CARD;
    return deck.cards.map((card) => {
      const row = cardRow(card, studyKeys(loaded.key, card), stateOf, clock);
      const range = new vscode.Range(card.line - 1, 0, card.line - 1, 0);
      const suspended = row.status === 'suspended';
      const cardId = row.keys[0].slice(loaded.key.length + 1);
      return new vscode.CodeLens(range, suspended
        ? { title: `${row.description} · Unsuspend`, command: 'flashcards.unsuspendCard', arguments: [{ deckKey: loaded.key, cardId: card.id }] }
        : { title: `${row.description} · Study`, command: 'flashcards.reviewCard', arguments: [{ deckKey: loaded.key, cardId }], tooltip: 'Show this card in the review panel' });
    });
  }

  private parse(doc: vscode.TextDocument): Deck {
    const uri = doc.uri.toString();
    if (this.parsed?.uri === uri && this.parsed.version === doc.version) return this.parsed.deck;
    const deck = parseDeck(doc.uri.path, doc.getText());
    this.parsed = { uri, version: doc.version, deck };
    return deck;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
