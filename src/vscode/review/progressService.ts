import * as vscode from 'vscode';
import { expandCloze } from '../../core/exam/cloze';
import { FutureSchemaError } from '../../core/review/reviewLog';
import { ProgressStore } from '../../core/review/progressStore';
import type { ProgressStorage } from '../../core/review/storage';
import type { StudyCard } from '../../core/study/studySession';
import { NodeProgressStorage } from '../../node/nodeProgressStorage';
import type { DeckManager } from '../deckManager';
import { WorkspaceFsProgressStorage } from './workspaceFsProgressStorage';

/**
 * The workspace's progress store and the study cards built from the loaded decks. The store is
 * opened on first use (a review, the status bar count), never during activation.
 */
export class ProgressService implements vscode.Disposable {
  private opening: Promise<ProgressStore> | undefined;
  private store: ProgressStore | undefined;
  private cardsCache: StudyCard[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when progress or decks change: trees, status bar and open review screens refresh. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly decks: DeckManager,
  ) {
    this.disposables.push(decks.onDidChange(() => {
      this.cardsCache = undefined;
      this.changed.fire();
    }));
    // Another window on the same workspace may have graded cards meanwhile.
    this.disposables.push(vscode.window.onDidChangeWindowState((s) => {
      if (s.focused && this.store) void this.store.refresh().then((changed) => changed.length && this.changed.fire());
    }));
  }

  /** Progress lives in VS Code's per-workspace storage, never in the user's deck files. */
  get folder(): vscode.Uri {
    return this.context.storageUri ?? this.context.globalStorageUri;
  }

  open(): Promise<ProgressStore> {
    this.opening ??= this.openStore().catch((e) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  private async openStore(): Promise<ProgressStore> {
    const folder = this.folder;
    const storage: ProgressStorage = folder.scheme === 'file' ? new NodeProgressStorage(folder.fsPath) : new WorkspaceFsProgressStorage(folder);
    const settings = vscode.workspace.getConfiguration('flashcards.review');
    let store: ProgressStore;
    try {
      store = await ProgressStore.open(storage, { now: Date.now }, {
        settings: {
          desiredRetention: settings.get('desiredRetention', 0.9),
          newPerDay: settings.get('newCardsPerDay', 20),
          maxReviewsPerDay: settings.get('maxReviewsPerDay', 200),
          learningSteps: settings.get('learningSteps', ['1m', '10m']),
          relearningSteps: settings.get('relearningSteps', ['10m']),
          dayStartHour: settings.get('dayStartHour', 4),
          maximumInterval: settings.get('maximumIntervalDays', 36500),
        },
      });
    } catch (e) {
      if (e instanceof FutureSchemaError) {
        void vscode.window.showErrorMessage(`Flashcards: ${e.message} Update the extension; your progress file was left untouched.`);
      }
      throw e;
    }
    if (store.recovered) {
      const r = store.recovered;
      void vscode.window.showWarningMessage(
        `Flashcards: the progress file was damaged. ${r.droppedLines} unreadable line${r.droppedLines === 1 ? ' was' : 's were'} set aside; every other review was kept. The damaged file is saved as ${r.backup}.`,
        'Show Backup',
      ).then((choice) => choice && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.joinPath(folder, r.backup)));
    }
    store.onDidChange(() => this.changed.fire());
    this.store = store;
    return store;
  }

  /** Every card of every loaded deck, clozes expanded, in deck order. */
  studyCards(): StudyCard[] {
    if (this.cardsCache) return this.cardsCache;
    const out: StudyCard[] = [];
    for (const d of this.decks.all()) {
      const location = vscode.workspace.asRelativePath(d.uri);
      for (const card of d.deck.cards) {
        for (const c of expandCloze(card)) {
          out.push({ key: `${d.key}/${c.id}`, deckKey: d.key, deckTitle: d.deck.title, format: d.deck.format, card: c, location: `${location}:${c.line}` });
        }
      }
    }
    return (this.cardsCache = out);
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    await this.store?.dispose();
  }
}
