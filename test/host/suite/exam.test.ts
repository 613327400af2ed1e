// Runs inside a real VS Code extension host. Checks `flashcards.startExam` with an argument object
// (no pickers), its validation, the seed, "only" questions, and that an exam whose time runs out
// is submitted by the host and lands in the workspace's exam history. Answering by key presses is
// covered by the UI scenario test/host/ui/exam.mjs.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'data-eng-study.data-engineering-flashcards';
const EXAM_DECK = 'builtin:exam-data-streaming.deck.md';
const HISTORY = 'exam-attempts.jsonl';

interface FlashcardsApi {
  ready(): Promise<void>;
  progressFolder(): string;
}

/** Mirrors ExamStarted in src/vscode/exam/examManager.ts. */
interface ExamStarted {
  examId: string;
  total: number;
  timeLimitMs: number;
  passMark: number;
  questions: { deck: string; card: string }[];
  resumed: boolean;
}

let apiPromise: Promise<FlashcardsApi> | undefined;

function getApi(): Promise<FlashcardsApi> {
  apiPromise ??= (async () => {
    const ext = vscode.extensions.getExtension<FlashcardsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    const api = await ext.activate();
    await api.ready();
    return api;
  })();
  return apiPromise;
}

function startExam(args: unknown): Thenable<ExamStarted | undefined> {
  return vscode.commands.executeCommand<ExamStarted | undefined>('flashcards.startExam', args);
}

function examTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('flashcards.examPanel'));
}

async function historyLines(api: FlashcardsApi): Promise<string[]> {
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(api.progressFolder()), HISTORY);
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n').filter((l) => l.trim());
  } catch {
    return [];
  }
}

/** Polls `read` until `done` accepts its value; fails with the last value after `ms`. */
async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what} within ${ms} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('exam: practice exam command', function () {
  this.timeout(60_000);

  after(async () => {
    // Leave no exam panel behind for the windows that open this workspace next.
    await vscode.window.tabGroups.close(examTabs());
  });

  it('starts an exam from an argument object, without any picker', async () => {
    await getApi();
    const started = await startExam({ decks: [EXAM_DECK], count: 5, seed: 1234, timeLimitMinutes: 10, passMark: 80 });
    assert.ok(started, 'the command returned no exam');
    assert.equal(started.total, 5);
    assert.equal(started.timeLimitMs, 10 * 60_000);
    assert.equal(started.passMark, 0.8);
    assert.equal(started.resumed, false);
    assert.ok(started.questions.every((q) => q.deck === EXAM_DECK));
    assert.equal(new Set(started.questions.map((q) => q.card.split('::')[0])).size, 5, 'never two clozes of one card');
    await waitFor(async () => examTabs().length, (n) => n === 1, 10_000, 'one exam panel');
  });

  it('uses the AWS pace and the pass mark setting by default, and the same seed gives the same exam', async () => {
    const a = await startExam({ decks: [EXAM_DECK], count: 4, seed: 99 });
    const b = await startExam({ decks: [EXAM_DECK], count: 4, seed: 99 });
    const c = await startExam({ decks: [EXAM_DECK], count: 4, seed: 100 });
    assert.ok(a && b && c);
    assert.equal(a.timeLimitMs, 8 * 60_000, '2 minutes per question, as 130 minutes for 65');
    assert.equal(a.passMark, 0.72);
    assert.deepEqual(b.questions, a.questions);
    assert.notDeepEqual(c.questions, a.questions);
    assert.notEqual(b.examId, a.examId);
    assert.equal(examTabs().length, 1, 'a new exam reuses the one panel');
  });

  it('asks only the given questions ("Retry wrong answers")', async () => {
    const only = [{ deck: EXAM_DECK, card: 'exam-sizing-3000-msgs' }, { deck: EXAM_DECK, card: 'exam-retention-90-days' }];
    const started = await startExam({ only });
    assert.ok(started);
    assert.deepEqual(started.questions.map((q) => q.card).sort(), only.map((r) => r.card).sort());
    assert.equal(started.timeLimitMs, 4 * 60_000);
  });

  it('refuses invalid arguments and unknown decks without starting', async () => {
    const before = await startExam({ decks: [EXAM_DECK], count: 1, seed: 5 });
    assert.ok(before);
    assert.equal(await startExam({ count: 0 }), undefined);
    assert.equal(await startExam({ decks: ['builtin:no-such.deck.md'] }), undefined);
    assert.equal(await startExam({ decks: [EXAM_DECK], colour: 'blue' }), undefined);
    assert.equal(await startExam({ only: [{ deck: EXAM_DECK, card: 'no-such-card' }] }), undefined);
  });

  it('submits by itself when the time runs out and keeps the attempt in the history', async () => {
    const api = await getApi();
    const before = (await historyLines(api)).length;
    const started = await startExam({ decks: [EXAM_DECK], count: 2, seed: 7, timeLimitMinutes: 0.02 });
    assert.ok(started);
    const lines = await waitFor(() => historyLines(api), (l) => l.length > before, 20_000, 'an attempt in the history');
    const attempt = JSON.parse(lines[lines.length - 1]);
    assert.equal(attempt.id, started.examId);
    assert.equal(attempt.finishReason, 'timeout');
    assert.equal(attempt.total, 2);
    assert.equal(attempt.correct, 0);
    assert.equal(attempt.timeUsedMs, 1200);
    assert.deepEqual(attempt.decks, [EXAM_DECK]);
    assert.equal(attempt.wrong.length, 2);
  });
});
