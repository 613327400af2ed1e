import { default_w, forgetting_curve } from 'ts-fsrs';
import type { Card } from '../deck/types';
import { clozeCardId, clozeNumbers } from '../exam/cloze';
import { NEW_CARD, isBuried, type CardState } from '../review/cardState';
import { DAY } from '../review/clock';
import type { QueueCounts, StudyQueue } from '../review/queue';
import { describeDue } from './due';

/**
 * What the deck tree shows, computed without VS Code: a deck's counts and state, and one row per
 * card. The provider maps these onto TreeItems one to one, so the bench and the unit tests
 * measure and check the same work the tree does.
 */

export type CardStatus = 'new' | 'learning' | 'relearning' | 'due' | 'review' | 'buried' | 'suspended';

export interface CardRow {
  /** The deck card's id (a cloze card's deletions share it). */
  cardId: string;
  /** Progress keys: one per cloze deletion, or the card's own. */
  keys: string[];
  /** The question's first line, with cloze deletions hidden so the tree never gives them away. */
  label: string;
  status: CardStatus;
  /** When the card (its soonest deletion) is next due; undefined for new and suspended cards. */
  due: number | undefined;
  description: string;
  /** 1-based line of the card in its file. */
  line: number;
}

export type DeckStatus = 'problems' | 'due' | 'new' | 'done' | 'empty';

export interface DeckRow {
  counts: QueueCounts;
  status: DeckStatus;
  description: string;
  /** Cards (deck cards, not deletions). */
  total: number;
  /** Progress keys with at least one answer. */
  studied: number;
  suspended: number;
  errors: number;
  /** When a card not offered now becomes available. */
  nextDueAt?: number;
  /** FSRS's estimate of how much of the studied material is remembered right now, 0–1. */
  retention?: number;
}

/** Progress keys of a card, the same ones ProgressService builds through `expandCloze`. */
export function studyKeys(deckKey: string, card: Pick<Card, 'id' | 'question' | 'answer'>): string[] {
  const numbers = clozeNumbers(card);
  if (numbers.length === 0) return [`${deckKey}/${card.id}`];
  return numbers.map((n) => `${deckKey}/${clozeCardId(card.id, n)}`);
}

const CLOZE = /\{\{c\d+::(.*?)(?:::(.*?))?\}\}/g;
const MAX_LABEL = 120;

export function cardLabel(question: string): string {
  const nl = question.indexOf('\n');
  let first = (nl < 0 ? question : question.slice(0, nl)).trim();
  if (first.includes('{{')) first = first.replace(CLOZE, (_, _text: string, hint?: string) => (hint ? `[${hint}]` : '[…]'));
  return first.length > MAX_LABEL ? `${first.slice(0, MAX_LABEL - 1)}…` : first || '(no question)';
}

export interface RowClock {
  now: number;
  /** Start of the next study day: reviews due before it are due today. */
  dayEnd: number;
}

/** Lower is more urgent: a card with several deletions shows its most urgent state. */
const URGENCY: Readonly<Record<CardStatus, number>> = { relearning: 0, learning: 1, due: 2, new: 3, review: 4, buried: 5, suspended: 6 };

export function statusOf(state: CardState, clock: RowClock): CardStatus {
  if (state.suspended) return 'suspended';
  if (isBuried(state, clock.now)) return 'buried';
  switch (state.phase) {
    case 0:
      return 'new';
    case 1:
      return 'learning';
    case 3:
      return 'relearning';
    default:
      return state.due < clock.dayEnd ? 'due' : 'review';
  }
}

export function cardRow(card: Card, keys: string[], stateOf: (key: string) => CardState, clock: RowClock): CardRow {
  let status: CardStatus = 'suspended';
  let due: number | undefined;
  for (const key of keys) {
    const state = stateOf(key);
    const s = statusOf(state, clock);
    if (URGENCY[s] < URGENCY[status]) status = s;
    if (state.phase !== 0 && !state.suspended && (due === undefined || state.due < due)) due = state.due;
  }
  if (status === 'new' || status === 'suspended') due = undefined;
  // Every row gets the same keys in the same order: 10,000 rows of one shape stay fast.
  return { cardId: card.id, keys, label: cardLabel(card.question), status, due, description: describeRow(status, due, keys.length, clock.now), line: card.line };
}

function describeRow(status: CardStatus, due: number | undefined, deletions: number, now: number): string {
  let text: string;
  switch (status) {
    case 'learning':
    case 'relearning':
      text = `${status} · ${describeDue(due ?? now, now)}`;
      break;
    case 'due':
      text = 'due now';
      break;
    case 'review':
      text = describeDue(due ?? now, now);
      break;
    default:
      text = status;
  }
  return deletions > 1 ? `${text} · ${deletions} clozes` : text;
}

/** Every card row of a deck, in file order. Linear in the deck's size: this is what expanding a deck costs. */
export function cardRows(deckKey: string, cards: readonly Card[], stateOf: (key: string) => CardState, clock: RowClock): CardRow[] {
  const rows = new Array<CardRow>(cards.length);
  for (let i = 0; i < cards.length; i++) rows[i] = cardRow(cards[i], studyKeys(deckKey, cards[i]), stateOf, clock);
  return rows;
}

export interface DeckInput {
  /** Progress keys of the deck, in deck order. */
  keys: readonly string[];
  /** Deck cards (a cloze card counts once). */
  cards: number;
  errors: number;
  states: ReadonlyMap<string, CardState>;
  queue: Pick<StudyQueue, 'counts' | 'nextDueAt'>;
  now: number;
}

export function deckRow(input: DeckInput): DeckRow {
  const { keys, states, queue, now } = input;
  let studied = 0;
  let suspended = 0;
  let recall = 0;
  let recallCards = 0;
  for (const key of keys) {
    const state = states.get(key) ?? NEW_CARD;
    if (state.suspended) suspended++;
    if (state.phase === 0) continue;
    studied++;
    if (state.suspended || state.lastReview === undefined || state.stability <= 0) continue;
    recall += forgetting_curve(default_w, Math.max(0, now - state.lastReview) / DAY, state.stability);
    recallCards++;
  }
  const { counts } = queue;
  const row: DeckRow = {
    counts: { ...counts },
    status: 'done',
    description: '',
    total: input.cards,
    studied,
    suspended,
    errors: input.errors,
  };
  if (queue.nextDueAt !== undefined) row.nextDueAt = queue.nextDueAt;
  if (recallCards > 0) row.retention = recall / recallCards;
  if (input.errors > 0) row.status = 'problems';
  else if (input.cards === 0) row.status = 'empty';
  else if (counts.due + counts.learning > 0) row.status = 'due';
  else if (counts.new > 0) row.status = 'new';
  row.description = describeDeck(row, now);
  return row;
}

export function describeCounts(counts: QueueCounts): string {
  const parts: string[] = [];
  if (counts.new) parts.push(`${counts.new} new`);
  if (counts.learning) parts.push(`${counts.learning} learning`);
  if (counts.due) parts.push(`${counts.due} due`);
  return parts.join(' · ');
}

function describeDeck(row: DeckRow, now: number): string {
  const parts: string[] = [];
  const counts = describeCounts(row.counts);
  if (counts) parts.push(counts);
  else if (row.total === 0) parts.push('no cards');
  else parts.push(row.nextDueAt !== undefined ? `done · next ${describeDue(row.nextDueAt, now).replace(/^due /, '')}` : 'done');
  if (row.errors) parts.push(`${row.errors} problem${row.errors === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** Totals of several decks, for a group row. */
export function sumCounts(rows: readonly Pick<DeckRow, 'counts'>[]): QueueCounts {
  const total: QueueCounts = { new: 0, learning: 0, due: 0 };
  for (const r of rows) {
    total.new += r.counts.new;
    total.learning += r.counts.learning;
    total.due += r.counts.due;
  }
  return total;
}

/** The earliest of several optional times. */
export function earliest(times: Iterable<number | undefined>): number | undefined {
  let min: number | undefined;
  for (const t of times) if (t !== undefined && (min === undefined || t < min)) min = t;
  return min;
}
