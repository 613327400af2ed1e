import * as vscode from 'vscode';
import { cardsInDocument } from '../../core/codeFacts';
import type { DeckManager } from '../deckManager';
import type { CodeFactsService } from './codeFactsService';

export interface CardArgs {
  deckKey: string;
  cardId: string;
}

function isCardArgs(value: unknown): value is CardArgs {
  const v = value as Partial<CardArgs> | undefined;
  return !!v && typeof v.deckKey === 'string' && typeof v.cardId === 'string';
}

/** `flashcards.openCard` {deckKey, cardId}: opens the deck file at the card's heading. */
export async function openCard(decks: DeckManager, args: unknown): Promise<boolean> {
  if (!isCardArgs(args)) return false;
  await decks.ready();
  const loaded = decks.get(args.deckKey);
  const card = loaded?.deck.cards.find((c) => c.id === args.cardId);
  if (!loaded || !card) {
    void vscode.window.showWarningMessage(`The card "${args.cardId}" is no longer in the loaded decks.`);
    return false;
  }
  const line = Math.max(0, card.line - 1);
  await vscode.window.showTextDocument(loaded.uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  return true;
}

export interface QuizResult {
  /** `deckKey/cardId` of every card linked from the file, as passed to `flashcards.startReview`. */
  cards: string[];
}

/** `flashcards.quizFile`: reviews exactly the cards linked from identifiers in the active file. */
export async function quizFile(service: CodeFactsService): Promise<QuizResult> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage('Open a file with Kinesis or Firehose code to be quizzed on it.');
    return { cards: [] };
  }
  const indexed = await service.indexFor(doc);
  const cards = indexed ? (cardsInDocument(indexed.index, indexed.facts) ?? []) : [];
  if (!cards.length) {
    void vscode.window.showInformationMessage('No flashcards are linked from the Kinesis or Firehose code in this file.');
    return { cards };
  }
  try {
    await vscode.commands.executeCommand('flashcards.startReview', { cards });
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not start the review: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { cards };
}
