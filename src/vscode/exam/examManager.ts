import * as vscode from 'vscode';
import {
  AWS_EXAM_QUESTIONS,
  ExamError,
  answer,
  buildReport,
  createExam,
  isFinished,
  navigate,
  remainingMs,
  restoreExam,
  seededRandom,
  serializeExam,
  setFlag,
  submit,
  tick,
  type CardRef,
  type ExamState,
} from '../../core/exam';
import { isWebviewMessage, type ExamScreenState, type WebviewMessage } from '../../shared/protocol';
import type { ProgressService } from '../review/progressService';
import { webviewHtml, webviewOptions } from '../review/webviewHtml';
import {
  cardKeys,
  parseStartExamArgs,
  passMarkFraction,
  randomSeed,
  retryArgs,
  selectExamCards,
  type DeckCards,
  type StartExamArgs,
} from './examOptions';
import { pickExamArgs } from './examSetup';
import { ExamStateStore } from './examStateStore';
import { ExamStatusBar } from './examStatusBar';
import { examHistoryFor, examStorageFor } from './examStorage';
import { examScreenContent, examTitle, type DeckLookup, type ExamRecord } from './examView';

export const EXAM_PANEL = 'flashcards.examPanel';
/** Shows the running exam; the status bar entry runs it (not in the palette: Start Practice Exam offers to resume). */
const SHOW_EXAM = 'flashcards.showExam';
/** setTimeout's longest delay; longer exams re-arm the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `flashcards.startExam` resolves with (undefined when cancelled or impossible). No answers in it. */
export interface ExamStarted {
  examId: string;
  total: number;
  timeLimitMs: number;
  passMark: number;
  questions: CardRef[];
  resumed: boolean;
}

/**
 * The practice exam: its setup, its editor panel, and its state. The host owns the exam (the
 * webview only shows `questionView`s, which hide the answers until the end) and stores it in
 * workspaceState after every change, so a reloaded webview or window resumes where it was.
 * Every change runs through one queue, so a key press, the timer and a submit never interleave.
 */
export class ExamManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private record: ExamRecord | undefined;
  private state: ExamState | undefined;
  private loaded = false;
  private ready = false;
  private seq = 0;
  private ack = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private store: ExamStateStore | undefined;
  private readonly status = new ExamStatusBar(SHOW_EXAM);
  private readonly disposables: vscode.Disposable[] = [this.status];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly progress: ProgressService,
    /** Called after an attempt was added to the history (the statistics view refreshes). */
    private readonly onAttempt: () => void,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(EXAM_PANEL, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
      vscode.commands.registerCommand(SHOW_EXAM, () => this.show()),
    );
    // After activate() has returned: a small read, for the status bar entry of a running exam.
    setTimeout(() => void this.enqueue(() => this.load()).catch(showError), 0);
  }

  /** The status bar entry's command: back to the running exam, or the report of the last one. */
  private async show(): Promise<void> {
    await this.enqueue(() => this.load());
    if (!this.state) return void this.start();
    this.showPanel();
  }

  /** `flashcards.startExam`: with an argument object no picker is shown. */
  async start(raw?: unknown): Promise<ExamStarted | undefined> {
    const parsed = parseStartExamArgs(raw);
    if ('error' in parsed) {
      void vscode.window.showErrorMessage(`Flashcards: ${parsed.error}`);
      return undefined;
    }
    await this.progress.decks.ready();
    await this.enqueue(() => this.load());
    let args: StartExamArgs | undefined = parsed.args;
    if (raw === undefined || raw === null) {
      const running = this.state && !isFinished(tick(this.state, Date.now())) ? this.state : undefined;
      const choice = running ? await this.askResume(running) : 'new';
      if (!choice) return undefined;
      if (running && choice === 'resume') {
        this.showPanel();
        return summary(running, true);
      }
      args = await pickExamArgs(this.deckCards());
      if (!args) return undefined;
    }
    return this.enqueue(() => this.begin(args!));
  }

  private async askResume(running: ExamState): Promise<'resume' | 'new' | undefined> {
    const left = Math.ceil(remainingMs(running, Date.now()) / 60_000);
    const answered = running.responses.filter((r) => r !== null).length;
    const resume = { label: '$(debug-continue) Resume the exam', description: `${answered} of ${running.questions.length} answered, ${left} min left`, resume: true };
    const fresh = { label: '$(add) Start a new exam', description: 'the running exam is dropped without a result', resume: false };
    const pick = await vscode.window.showQuickPick([resume, fresh], { title: 'Practice Exam', placeHolder: 'An exam is in progress' });
    return pick && (pick.resume ? 'resume' : 'new');
  }

  private async begin(args: StartExamArgs): Promise<ExamStarted | undefined> {
    if (!(await this.progress.decks.requireLoaded(args.decks ?? []))) return undefined;
    const decks = this.deckCards();
    const cards = selectExamCards(decks, args);
    const passMark = passMarkFraction(args.passMark ?? vscode.workspace.getConfiguration('flashcards.exam').get<number>('passMark', 72));
    let state: ExamState;
    try {
      state = createExam({
        cards,
        count: args.count ?? args.only?.length ?? AWS_EXAM_QUESTIONS,
        random: seededRandom(args.seed ?? randomSeed(Math.random)),
        now: Date.now(),
        passMark,
        ...(args.timeLimitMinutes !== undefined ? { timeLimitMs: Math.round(args.timeLimitMinutes * 60_000) } : {}),
        ...(args.only ? { only: args.only } : {}),
      });
    } catch (e) {
      if (!(e instanceof ExamError)) throw e;
      void vscode.window.showErrorMessage(`Flashcards: cannot start the exam: ${e.message}`);
      return undefined;
    }
    const titles = [...new Set(state.questions.map((q) => q.ref.deck))].map((k) => this.progress.decks.get(k)?.deck.title ?? k);
    this.state = state;
    this.status.update(state);
    this.record = { v: 1, exam: serializeExam(state), title: args.only ? `Retry: ${examTitle(titles)}` : examTitle(titles), recorded: false, fedToSchedule: 0, savedAt: 0 };
    await this.save();
    this.showPanel();
    await this.push();
    return summary(state, false);
  }

  private showPanel(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(EXAM_PANEL, 'Practice Exam', vscode.ViewColumn.Active, { enableFindWidget: false }));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const old = this.panel;
    for (const d of this.panelDisposables) d.dispose();
    this.panel = panel;
    if (old && old !== panel) old.dispose();
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'flashcards.svg');
    panel.webview.options = webviewOptions(this.context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, 'exam', 'Practice Exam');
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        this.clearTimer();
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewMessage(raw)) return;
    switch (raw.type) {
      // These start other flows (pickers, other panels): never inside the queue.
      case 'examNew':
        void this.start().catch(showError);
        return;
      case 'examRetryWrong':
        void this.retryWrong(raw.examId).catch(showError);
        return;
      case 'examStudyWrong':
        void this.studyWrong(raw.examId).catch(showError);
        return;
      case 'openCard':
        void vscode.commands.executeCommand('flashcards.reviewCard', { deckKey: raw.deckKey, cardId: raw.cardId });
        return;
      case 'openLink':
        if (/^https?:\/\//i.test(raw.href)) void vscode.env.openExternal(vscode.Uri.parse(raw.href));
        return;
    }
    void this.enqueue(() => this.apply(raw)).catch((e: unknown) => {
      void this.panel?.webview.postMessage({ type: 'error', message: `Exam: ${(e as Error).message}` });
    });
  }

  private async apply(m: WebviewMessage): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      this.ack = 0; // a fresh webview counts its actions from 0 again
      await this.load();
      await this.advanceClock();
      await this.push();
      return;
    }
    if (!('examId' in m) || !('rev' in m)) return;
    const state = this.state;
    this.ack = Math.max(this.ack, m.rev);
    if (!state || state.id !== m.examId) {
      await this.push(); // a stale screen: show it what is current
      return;
    }
    const now = Date.now();
    let next = state;
    switch (m.type) {
      case 'examAnswer':
        if (m.index < state.questions.length) next = answer(state, m.index, m.response, now);
        break;
      case 'examFlag':
        if (m.index < state.questions.length) next = setFlag(state, m.index, m.flagged);
        break;
      case 'examNavigate':
        if (m.index < state.questions.length) next = navigate(state, m.index);
        break;
      case 'examSubmit':
        next = submit(state, now);
        break;
    }
    await this.commit(next);
    await this.push();
  }

  /** Stores a changed state, and records the result when it just finished. */
  private async commit(next: ExamState): Promise<void> {
    if (next === this.state || !this.record) return;
    this.state = next;
    this.record = { ...this.record, exam: serializeExam(next) };
    this.status.update(next);
    await this.save();
    if (isFinished(next) && !this.record.recorded) await this.recordResult(next);
  }

  /** Submits at the deadline (also for an exam whose time ran out while no panel was open). */
  private async advanceClock(): Promise<void> {
    if (!this.state) return;
    await this.commit(tick(this.state, Date.now()));
  }

  /** Adds the attempt to the history and, when enabled, the wrong answers to the schedule; once per exam. */
  private async recordResult(state: ExamState): Promise<void> {
    const report = buildReport(state);
    let historyError: string | undefined;
    try {
      await examHistoryFor(this.progress.folder).append(report);
    } catch (e) {
      historyError = (e as Error).message;
    }
    let fed = 0;
    if (vscode.workspace.getConfiguration('flashcards.exam').get<boolean>('feedWrongAnswersToSchedule', true)) {
      try {
        const store = await this.progress.open();
        const known = new Set(this.progress.studyCards().map((c) => c.key));
        // Only questions answered wrongly: an unanswered one says nothing about the learner's memory.
        const keys = cardKeys(report.wrong.filter((w) => !w.unanswered).map((w) => w.ref)).filter((k) => known.has(k));
        const ms = Math.round(report.timeUsedMs / Math.max(1, report.total));
        for (const key of keys) {
          await store.answer(key, 1, ms);
          fed++;
        }
      } catch (e) {
        void vscode.window.showWarningMessage(`Flashcards: could not add the wrong answers to the review schedule: ${(e as Error).message}`);
      }
    }
    this.record = { ...this.record!, recorded: true, fedToSchedule: fed, ...(historyError ? { historyError } : {}) };
    await this.save();
    if (!historyError) this.onAttempt();
  }

  private async retryWrong(examId: string): Promise<void> {
    const state = this.state;
    if (!state || state.id !== examId || !isFinished(state)) return;
    const report = buildReport(state);
    if (!report.wrongRefs.length) return;
    await this.start(retryArgs(report.wrongRefs, state.passMark));
  }

  private async studyWrong(examId: string): Promise<void> {
    const state = this.state;
    if (!state || state.id !== examId || !isFinished(state)) return;
    const report = buildReport(state);
    if (!report.wrongRefs.length) return;
    await vscode.commands.executeCommand('flashcards.startReview', { cards: cardKeys(report.wrongRefs), label: `Wrong answers: ${this.record?.title ?? 'exam'}` });
  }

  private async push(): Promise<void> {
    // The clock runs while a panel is open, whether or not its webview has loaded yet.
    this.armTimer();
    const panel = this.panel;
    if (!panel || !this.ready) return;
    const state = this.state;
    const message: ExamScreenState = { type: 'exam', seq: ++this.seq, ack: this.ack };
    if (state && this.record) message.exam = examScreenContent(state, this.record, Date.now(), this.lookup);
    await panel.webview.postMessage(message);
  }

  private armTimer(): void {
    this.clearTimer();
    const state = this.state;
    if (!state || isFinished(state) || !this.panel) return;
    const delay = Math.min(MAX_TIMER_MS, remainingMs(state, Date.now()) + 50);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(async () => {
        const before = this.state;
        await this.advanceClock();
        if (this.state !== before) await this.push();
        else this.armTimer();
      });
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const record = await this.stateStore().load();
    const state = record && restoreExam(record.exam);
    if (record && state) {
      this.record = record;
      this.state = state;
    }
    this.status.update(this.state);
  }

  private async save(): Promise<void> {
    if (this.record) this.record = await this.stateStore().save(this.record);
  }

  private stateStore(): ExamStateStore {
    return (this.store ??= new ExamStateStore(this.context.workspaceState, examStorageFor(this.progress.folder)));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private deckCards(): DeckCards[] {
    return this.progress.decks.all().map((d) => ({ key: d.key, title: d.deck.title, cards: d.deck.cards }));
  }

  private readonly lookup: DeckLookup = (key) => {
    const d = this.progress.decks.get(key);
    return d && { title: d.deck.title, format: d.deck.format };
  };

  dispose(): void {
    this.clearTimer();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function showError(e: unknown): void {
  void vscode.window.showErrorMessage(`Flashcards: ${(e as Error).message}`);
}

function summary(state: ExamState, resumed: boolean): ExamStarted {
  return {
    examId: state.id,
    total: state.questions.length,
    timeLimitMs: state.timeLimitMs,
    passMark: state.passMark,
    questions: state.questions.map((q) => ({ deck: q.ref.deck, card: q.ref.card })),
    resumed,
  };
}

/** The command and the panel; one line in `activate()`. */
export function registerExam(context: vscode.ExtensionContext, progress: ProgressService, onAttempt: () => void): vscode.Disposable {
  const manager = new ExamManager(context, progress, onAttempt);
  const command = vscode.commands.registerCommand('flashcards.startExam', (args?: unknown) => manager.start(args));
  return vscode.Disposable.from(manager, command);
}
