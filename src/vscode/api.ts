import type { DeckDiagnostic } from '../core/deck/types';
import type { TreeSnapshot } from './deckTreeProvider';

/** What `activate()` returns: used by the real-host tests and available to other extensions. */
export interface FlashcardsApi {
  /** Resolves once the built-in and workspace decks are loaded. */
  ready(): Promise<void>;
  decks(): DeckSummary[];
  /** Where this workspace's progress is kept (a URI string). */
  progressFolder(): string;
  /** The Decks view as shown; the decks whose keys are in `expand` also list their cards. */
  treeSnapshot(expand?: string[]): Promise<TreeSnapshot>;
  /** Milliseconds spent inside `activate()` itself. */
  activationMs: number;
}

export interface DeckSummary {
  key: string;
  uri: string;
  title: string;
  origin: 'builtin' | 'workspace';
  cards: number;
  diagnostics: DeckDiagnostic[];
}
