import * as vscode from 'vscode';
import { documentKindOf, FactIndex, indexDocument, type DocumentIndex } from '../../core/codeFacts';
import type { DeckManager } from '../deckManager';

export interface IndexedDocument {
  index: DocumentIndex;
  facts: FactIndex;
}

interface CacheEntry {
  version: number;
  generation: number;
  index: DocumentIndex;
}

/**
 * Owns the fact index (built from the loaded decks on first need, dropped when the decks change) and
 * one DocumentIndex per open document version, so a hover is a lookup, not a scan.
 */
export class CodeFactsService implements vscode.Disposable {
  private facts: FactIndex | undefined;
  private building: Promise<FactIndex> | undefined;
  private generation = 0;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the decks changed, so derived state (diagnostics) can be refreshed. */
  readonly onDidChangeFacts = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly decks: DeckManager) {
    this.disposables.push(
      decks.onDidChange(() => {
        this.generation++;
        this.facts = undefined;
        this.building = undefined;
        this.cache.clear();
        this.changed.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.cache.delete(doc.uri.toString())),
    );
  }

  /** Cheap check, before any deck or document work: is this a language or manifest we read at all? */
  static isCandidate(doc: vscode.TextDocument): boolean {
    return documentKindOf(doc.languageId, doc.uri.path) !== undefined;
  }

  factIndex(): Promise<FactIndex> {
    if (this.facts) return Promise.resolve(this.facts);
    const generation = this.generation;
    this.building ??= this.decks.ready().then(() => {
      const facts = FactIndex.build(this.decks.all().map((d) => ({ key: d.key, deck: d.deck })));
      if (generation === this.generation) this.facts = facts;
      return facts;
    });
    return this.building;
  }

  /** The index of the document's current version, built if needed; undefined if cancelled or not a candidate. */
  async indexFor(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<IndexedDocument | undefined> {
    if (!CodeFactsService.isCandidate(doc)) return undefined;
    const facts = await this.factIndex();
    if (token?.isCancellationRequested) return undefined;
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version && cached.generation === this.generation) return { index: cached.index, facts };
    const generation = this.generation;
    const index = indexDocument({ text: doc.getText(), languageId: doc.languageId, fileName: doc.uri.path }, facts, token);
    if (!index) return undefined;
    if (generation === this.generation && !doc.isClosed) this.cache.set(key, { version: doc.version, generation, index });
    return { index, facts };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}
