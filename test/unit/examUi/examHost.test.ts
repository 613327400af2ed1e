import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeck } from '../../../src/core/deck/parse';
import { answer, buildReport, createExam, parseAttempts, seededRandom, submit, type ChoiceExamQuestion, type ExamState } from '../../../src/core/exam';
import { InMemoryProgressStorage } from '../../../src/core/review/storage';
import { isWebviewMessage } from '../../../src/shared/protocol';
import { EXAM_HISTORY_FILE, ExamHistory } from '../../../src/vscode/exam/examHistory';
import {
  availableQuestions,
  cardKeys,
  defaultTimeLimitMinutes,
  parseStartExamArgs,
  passMarkFraction,
  randomSeed,
  retryArgs,
  selectExamCards,
  tagCounts,
  type DeckCards,
} from '../../../src/vscode/exam/examOptions';
import { CURRENT_EXAM_FILE, CURRENT_EXAM_KEY, ExamStateStore } from '../../../src/vscode/exam/examStateStore';
import { examScreenContent, examTitle, readExamRecord, type ExamRecord } from '../../../src/vscode/exam/examView';
import { card, choiceCard } from '../exam/helpers';

const EXAM_DECK = 'builtin:exam-data-streaming.deck.md';
const file = join(__dirname, '..', '..', '..', 'decks', 'exam-data-streaming.deck.md');
const examDeck = parseDeck(file, readFileSync(file, 'utf8'));
const decks: DeckCards[] = [
  { key: EXAM_DECK, title: examDeck.title, cards: examDeck.cards },
  { key: 'workspace:mini.deck.md', title: 'Mini', cards: [choiceCard('m1', [0], 4, ['firehose']), card('p1', 'Plain?', 'Plain answer.', ['misc'])] },
];
const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const lookup = (key: string) => (key === EXAM_DECK ? { title: examDeck.title, format: 'markdown' as const } : undefined);

describe('exam host: start arguments', () => {
  it('accepts every option of the argument object', () => {
    const only = [{ deck: EXAM_DECK, card: 'exam-sizing-3000-msgs' }];
    assert.deepEqual(parseStartExamArgs({ decks: [EXAM_DECK], tags: ['sizing'], count: 5, timeLimitMinutes: 2.5, passMark: 80, only, seed: 42 }), {
      args: { decks: [EXAM_DECK], tags: ['sizing'], count: 5, timeLimitMinutes: 2.5, passMark: 80, only, seed: 42 },
    });
    assert.deepEqual(parseStartExamArgs(undefined), { args: {} });
    assert.deepEqual(parseStartExamArgs({}), { args: {} });
  });

  it('rejects what would start a wrong exam, with a message', () => {
    for (const bad of [[], 'x', { count: 0 }, { count: 2.5 }, { timeLimitMinutes: 0 }, { timeLimitMinutes: 'ten' }, { passMark: 144 }, { decks: 'builtin:x' },
      { only: [] }, { only: [{ deck: 'd' }] }, { seed: Number.NaN }, { decks: [EXAM_DECK], colour: 'red' }]) {
      const r = parseStartExamArgs(bad);
      assert.ok('error' in r, JSON.stringify(bad));
    }
    assert.match((parseStartExamArgs({ colour: 1 }) as { error: string }).error, /Unknown exam option: colour/);
  });

  it('draws from the chosen decks and tags, all when none is chosen', () => {
    assert.equal(selectExamCards(decks, {}).length, examDeck.cards.length + 2);
    assert.equal(selectExamCards(decks, { decks: [EXAM_DECK] }).length, examDeck.cards.length);
    const sizing = selectExamCards(decks, { tags: ['SIZING'] });
    assert.ok(sizing.length > 0 && sizing.every((c) => c.card.tags.includes('sizing')));
    assert.deepEqual(selectExamCards(decks, { tags: ['firehose'], decks: ['workspace:mini.deck.md'] }).map((c) => c.card.id), ['m1']);
    assert.deepEqual(selectExamCards(decks, { only: [{ deck: 'workspace:mini.deck.md', card: 'p1' }] }).map((c) => c.deck), ['workspace:mini.deck.md', 'workspace:mini.deck.md']);
  });

  it('counts one question per cloze card and lists the tags', () => {
    const cards = selectExamCards(decks, { decks: [EXAM_DECK] });
    assert.equal(availableQuestions(cards), examDeck.cards.length);
    const tags = tagCounts(cards);
    assert.ok(tags[0].cards >= tags[tags.length - 1].cards);
    assert.ok(tags.some((t) => t.tag === 'data-streams'));
  });

  it('defaults to the AWS pace and pass mark', () => {
    assert.equal(defaultTimeLimitMinutes(65), 130);
    assert.equal(defaultTimeLimitMinutes(5), 10);
    assert.equal(defaultTimeLimitMinutes(0), 1);
    assert.equal(passMarkFraction(72), 0.72);
    assert.equal(passMarkFraction(100), 1);
    assert.equal(passMarkFraction(undefined), 0.72);
    assert.equal(passMarkFraction(720), 0.72);
    const seed = randomSeed(() => 0.999999);
    assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32);
  });

  it('retries exactly the wrong questions and studies their cards', () => {
    const wrong = [{ deck: EXAM_DECK, card: 'a' }, { deck: EXAM_DECK, card: 'z::c2' }];
    assert.deepEqual(retryArgs(wrong, 0.72), { decks: [EXAM_DECK], only: wrong, count: 2, passMark: 72 });
    assert.deepEqual(cardKeys([...wrong, wrong[0]]), [`${EXAM_DECK}/a`, `${EXAM_DECK}/z::c2`]);
  });
});

function fiveQuestions(): ExamState {
  return createExam({ cards: selectExamCards(decks, { decks: [EXAM_DECK] }), count: 5, random: seededRandom(7), now: T0 });
}

describe('exam host: screen content', () => {
  it('never sends the correct options of a running exam', () => {
    const s = fiveQuestions();
    for (let i = 0; i < 5; i++) {
      const content = examScreenContent({ ...s, current: i }, { title: 'T', fedToSchedule: 0 }, T0, lookup);
      const json = JSON.stringify(content);
      assert.ok(!json.includes('"correct"'), `question ${i + 1} leaks correctness: ${json}`);
      assert.equal(content.report, undefined);
      assert.equal(content.question.review, undefined);
      if (s.questions[i].kind === 'cloze') {
        for (const b of (s.questions[i] as { blanks: { text: string }[] }).blanks) assert.ok(!json.includes(`"text":"${b.text}"`));
      }
    }
  });

  it('sends the report once the exam is finished', () => {
    let s = fiveQuestions();
    const i = s.questions.findIndex((q) => q.kind === 'single');
    const q = s.questions[i] as ChoiceExamQuestion;
    s = answer(s, i, { kind: 'choice', selected: [q.options.find((o) => o.correct)!.id] }, T0 + 1000);
    s = submit(s, T0 + 60_000);
    const content = examScreenContent(s, { title: 'T', fedToSchedule: 1, historyError: 'disk full' }, T0 + 90_000, lookup);
    assert.ok(content.report);
    assert.equal(content.report.report.correct, 1);
    assert.equal(content.report.report.total, 5);
    assert.equal(content.report.report.timeUsedMs, 60_000);
    assert.equal(content.report.fedToSchedule, 1);
    assert.equal(content.report.historyError, 'disk full');
    assert.deepEqual(content.report.decks, { [EXAM_DECK]: { title: examDeck.title, format: 'markdown' } });
    assert.equal(content.overview.finished, true);
  });

  it('names the exam after its deck, or counts decks', () => {
    assert.equal(examTitle(['A', 'A']), 'A');
    assert.equal(examTitle(['A', 'B']), '2 decks');
  });

  it('reads back only well-formed stored records', () => {
    const rec = { v: 1, exam: '{}', title: 'T', recorded: false, fedToSchedule: 2, savedAt: 5 };
    assert.deepEqual(readExamRecord(rec), rec);
    assert.equal(readExamRecord({ ...rec, savedAt: undefined })?.savedAt, 0);
    assert.equal(readExamRecord({ ...rec, v: 2 }), undefined);
    assert.equal(readExamRecord('x'), undefined);
    assert.equal(readExamRecord(undefined), undefined);
  });
});

class MapMemento {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('exam host: current exam store', () => {
  const record = (exam: string): ExamRecord => ({ v: 1, exam, title: 'T', recorded: false, fedToSchedule: 0, savedAt: 0 });

  it('writes workspaceState and the file, with a save time that never goes back', async () => {
    const memento = new MapMemento();
    const storage = new InMemoryProgressStorage();
    const store = new ExamStateStore(memento, storage, () => 1000);
    const a = await store.save(record('a'));
    const b = await store.save(record('b'));
    assert.deepEqual([a.savedAt, b.savedAt], [1000, 1001]);
    assert.equal((memento.get(CURRENT_EXAM_KEY) as ExamRecord).exam, 'b');
    assert.equal(JSON.parse(storage.text(CURRENT_EXAM_FILE)!).exam, 'b');
    assert.deepEqual(storage.operations.filter((o) => o.op === 'write').map((o) => o.name), [CURRENT_EXAM_FILE, CURRENT_EXAM_FILE]);
  });

  it('loads the newer copy: the file when workspaceState lost the last updates (a reload in the web workbench)', async () => {
    const memento = new MapMemento();
    const storage = new InMemoryProgressStorage();
    await memento.update(CURRENT_EXAM_KEY, { ...record('old'), savedAt: 10 });
    storage.setText(CURRENT_EXAM_FILE, JSON.stringify({ ...record('new'), savedAt: 12 }));
    assert.equal((await new ExamStateStore(memento, storage).load())?.exam, 'new');
    storage.setText(CURRENT_EXAM_FILE, JSON.stringify({ ...record('older'), savedAt: 9 }));
    assert.equal((await new ExamStateStore(memento, storage).load())?.exam, 'old');
  });

  it('survives a damaged or missing copy', async () => {
    const memento = new MapMemento();
    const storage = new InMemoryProgressStorage();
    assert.equal(await new ExamStateStore(memento, storage).load(), undefined);
    storage.setText(CURRENT_EXAM_FILE, '{"v":1,"exam":');
    await memento.update(CURRENT_EXAM_KEY, { ...record('kept'), savedAt: 3 });
    const store = new ExamStateStore(memento, storage, () => 1);
    assert.equal((await store.load())?.exam, 'kept');
    assert.equal((await store.save(record('next'))).savedAt, 4, 'continues after the loaded save time');
  });
});

describe('exam host: history', () => {
  it('appends one line per attempt and reads them back as a trend', async () => {
    const storage = new InMemoryProgressStorage();
    const history = new ExamHistory(storage);
    let s = fiveQuestions();
    s = submit(s, T0 + 5 * 60_000);
    await history.append(buildReport(s));
    const s2 = submit(createExam({ cards: selectExamCards(decks, { decks: [EXAM_DECK] }), count: 5, random: seededRandom(8), now: T0 + 3_600_000 }), T0 + 3_700_000);
    await history.append(buildReport(s2));
    assert.deepEqual(storage.operations.filter((o) => o.op === 'append').map((o) => o.name), [EXAM_HISTORY_FILE, EXAM_HISTORY_FILE]);
    const text = storage.text(EXAM_HISTORY_FILE)!;
    assert.equal(text.split('\n').filter(Boolean).length, 2);
    assert.equal(parseAttempts(text).attempts.length, 2);
    const trend = await history.trend();
    assert.deepEqual(trend.map((p) => [p.at, p.score, p.total, p.passed, p.finishReason]), [[T0 + 5 * 60_000, 0, 5, false, 'submitted'], [T0 + 3_700_000, 0, 5, false, 'submitted']]);
  });

  it('keeps later attempts readable after a torn write', async () => {
    const storage = new InMemoryProgressStorage();
    const history = new ExamHistory(storage);
    storage.tearNextAppend(20);
    await assert.rejects(history.append(buildReport(submit(fiveQuestions(), T0 + 1000))));
    await history.append(buildReport(submit(createExam({ cards: selectExamCards(decks, {}), count: 3, random: seededRandom(3), now: T0 + 5000 }), T0 + 9000)));
    const read = await history.read();
    assert.equal(read.attempts.length, 1);
    assert.equal(read.attempts[0].total, 3);
  });

  it('reads an empty history when there is no file yet', async () => {
    assert.deepEqual(await new ExamHistory(new InMemoryProgressStorage()).trend(), []);
  });
});

describe('exam host: protocol', () => {
  it('accepts well-formed exam messages', () => {
    for (const m of [
      { type: 'ready', view: 'exam' },
      { type: 'examAnswer', examId: 'e', rev: 1, index: 0, response: { kind: 'choice', selected: [0, 2] } },
      { type: 'examAnswer', examId: 'e', rev: 2, index: 3, response: { kind: 'cloze', answers: ['1 MB/s'] } },
      { type: 'examAnswer', examId: 'e', rev: 3, index: 1, response: { kind: 'self', knew: false } },
      { type: 'examFlag', examId: 'e', rev: 4, index: 1, flagged: true },
      { type: 'examNavigate', examId: 'e', rev: 5, index: 2 },
      { type: 'examSubmit', examId: 'e', rev: 6 },
      { type: 'examRetryWrong', examId: 'e' },
      { type: 'examStudyWrong', examId: 'e' },
      { type: 'examNew' },
      { type: 'openCard', deckKey: EXAM_DECK, cardId: 'x::c1' },
    ]) assert.equal(isWebviewMessage(m), true, JSON.stringify(m));
  });

  it('rejects malformed ones', () => {
    for (const m of [
      { type: 'ready', view: 'exams' },
      { type: 'examAnswer', examId: 'e', rev: 1, index: -1, response: { kind: 'choice', selected: [0] } },
      { type: 'examAnswer', examId: 'e', rev: 1, index: 0, response: { kind: 'choice', selected: ['0'] } },
      { type: 'examAnswer', examId: 'e', rev: 1, index: 0, response: { kind: 'guess' } },
      { type: 'examAnswer', examId: 'e', index: 0, response: { kind: 'self', knew: true } },
      { type: 'examFlag', examId: 'e', rev: 1, index: 0, flagged: 'yes' },
      { type: 'examNavigate', examId: 1, rev: 1, index: 0 },
      { type: 'examSubmit', examId: 'e', rev: Number.NaN },
      { type: 'openCard', deckKey: EXAM_DECK },
    ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  });
});
