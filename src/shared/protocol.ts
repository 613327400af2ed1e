/**
 * The one message protocol between the extension host and the webview. Both bundles import this
 * file, so a message that one side sends and the other does not understand fails the type check.
 */
import type { DeckFormat } from '../core/deck/types';

export type Rating = 1 | 2 | 3 | 4;

export interface CardView {
  /** `deckKey/cardId`: what progress is keyed by. */
  key: string;
  deckTitle: string;
  format: DeckFormat;
  question: string;
  answer: string;
  tags: string[];
  source?: string;
  /** Where the card is written, for "open in editor" (E). */
  location: string;
  state: 'new' | 'learning' | 'review' | 'relearning';
}

/** Which cards a review screen studies: everything, some decks, or an explicit list. */
export interface StudyScope {
  label: string;
  decks?: readonly string[];
  cards?: readonly string[];
}

export interface QueueCounts {
  new: number;
  learning: number;
  due: number;
}

export interface EmptyQueue {
  /** Human text such as "in 3 hours" or "tomorrow"; absent when nothing is scheduled at all. */
  nextDue?: string;
  /** Cards that could be studied ahead of schedule. */
  aheadAvailable: number;
}

export interface ReviewState {
  type: 'review';
  scope: string;
  /** Kept in the webview's state so an editor panel restores the same scope after a reload. */
  scopeRef: StudyScope;
  counts: QueueCounts;
  card?: CardView;
  /** Button labels per rating, e.g. { 3: '3d' }. */
  intervals?: Record<Rating, string>;
  canUndo: boolean;
  empty?: EmptyQueue;
  /** Increments with every state so the webview can ignore stale ones. */
  seq: number;
}

export interface StatsState {
  type: 'stats';
  /** Reviews per local day, oldest first, for the last 365 days ending today. */
  heatmap: { day: string; count: number }[];
  retention30: { value: number | null; reviews: number };
  forecast: { day: string; count: number }[];
  streak: number;
  decks: { title: string; mastered: number; total: number }[];
  totalReviews: number;
}

export type HostMessage =
  | ReviewState
  | StatsState
  | { type: 'error'; message: string };

export type WebviewMessage =
  | { type: 'ready'; view: 'review' | 'stats' }
  /** Answered by the next `review` state, sent only once the grade is on disk. */
  | { type: 'grade'; cardKey: string; rating: Rating; durationMs: number }
  | { type: 'undo' }
  | { type: 'bury'; cardKey: string }
  | { type: 'suspend'; cardKey: string }
  | { type: 'openSource'; cardKey: string }
  | { type: 'studyAhead' }
  | { type: 'openLink'; href: string };

/** The host validates every message: a webview is a separate, less trusted context. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return m.view === 'review' || m.view === 'stats';
    case 'grade':
      return typeof m.cardKey === 'string' && [1, 2, 3, 4].includes(m.rating as number) && typeof m.durationMs === 'number';
    case 'bury':
    case 'suspend':
    case 'openSource':
      return typeof m.cardKey === 'string';
    case 'undo':
    case 'studyAhead':
      return true;
    case 'openLink':
      return typeof m.href === 'string';
    default:
      return false;
  }
}
