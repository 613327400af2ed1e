import * as vscode from 'vscode';
import { documentKindOf, FactIndex, INDEX_SLICE_MS, indexDocumentSteps, runInSlices, type DocumentIndex } from '../../core/codeFacts';
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

/** Indexing of one document version, shared by every hover and diagnostics update that needs it. */
interface Job {
  version: number;
  generation: number;
  cancel: { isCancellationRequested: boolean };
  done: Promise<DocumentIndex | undefined>;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Owns the fact index (built from the loaded decks on first need, dropped when the decks change) and
 * one DocumentIndex per open document version, so a hover is a lookup, not a scan.
 *
 * Indexing runs in slices of INDEX_SLICE_MS with the event loop free in between: a 1 MB minified
 * bundle or a 20,000-line template takes tens of milliseconds (hundreds before the JIT has warmed
 * up), and in one piece that would hold up every other extension's hovers, completions and
 * commands. A hover's cancellation does not stop the job, since the next hover needs the same index;
 * a newer version of the document, closing it or a deck change does.
 */
export class CodeFactsService implements vscode.Disposable {
  private facts: FactIndex | undefined;
  private building: Promise<FactIndex> | undefined;
  private generation = 0;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly jobs = new Map<string, Job>();
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
        this.cancelJobs();
        this.changed.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.cache.delete(key);
        this.cancelJob(key);
      }),
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
    const index = await this.job(doc, key, facts);
    if (!index || token?.isCancellationRequested) return undefined;
    return { index, facts };
  }

  private job(doc: vscode.TextDocument, key: string, facts: FactIndex): Promise<DocumentIndex | undefined> {
    const running = this.jobs.get(key);
    if (running && running.version === doc.version && running.generation === this.generation) return running.done;
    this.cancelJob(key);
    const { version } = doc;
    const generation = this.generation;
    const cancel = { isCancellationRequested: false };
    const steps = indexDocumentSteps({ text: doc.getText(), languageId: doc.languageId, fileName: doc.uri.path }, facts, cancel);
    const job: Job = { version, generation, cancel, done: Promise.resolve(undefined) };
    const forget = () => {
      if (this.jobs.get(key) === job) this.jobs.delete(key);
    };
    job.done = runInSlices(steps, { sliceMs: INDEX_SLICE_MS, now: () => performance.now(), pause, token: cancel }).then(
      (index) => {
        forget();
        if (!index || cancel.isCancellationRequested) return undefined;
        if (generation === this.generation && !doc.isClosed) this.cache.set(key, { version, generation, index });
        return index;
      },
      (err: unknown) => {
        forget();
        throw err;
      },
    );
    this.jobs.set(key, job);
    return job.done;
  }

  private cancelJob(key: string): void {
    const job = this.jobs.get(key);
    if (!job) return;
    job.cancel.isCancellationRequested = true;
    this.jobs.delete(key);
  }

  private cancelJobs(): void {
    for (const job of this.jobs.values()) job.cancel.isCancellationRequested = true;
    this.jobs.clear();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cancelJobs();
    this.cache.clear();
  }
}
