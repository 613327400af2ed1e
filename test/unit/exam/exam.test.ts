import * as assert from 'node:assert/strict';
import {
  DEFAULT_PASS_MARK,
  ExamError,
  answer,
  countExamQuestions,
  createExam,
  examOverview,
  flag,
  isCorrect,
  isTimedOut,
  navigate,
  next,
  previous,
  questionView,
  remainingMs,
  restoreExam,
  seededRandom,
  serializeExam,
  submit,
  submitWarning,
  tick,
  unflag,
  type ChoiceExamQuestion,
  type ExamCard,
  type ExamState,
} from '../../../src/core/exam';
import { card, choiceCard } from './helpers';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MIN = 60_000;

const on = (deck: string, ...cards: ReturnType<typeof card>[]): ExamCard[] => cards.map((c) => ({ deck, card: c }));

function choiceExam(count = 3, seed = 1): ExamState {
  const cards = on('d', choiceCard('a', [1]), choiceCard('b', [0, 2], 5), choiceCard('c', [3]));
  return createExam({ cards, count, random: seededRandom(seed), now: T0 });
}

function correctIds(q: ChoiceExamQuestion): number[] {
  return q.options.filter((o) => o.correct).map((o) => o.id);
}

describe('exam creation', () => {
  it('prefers gradable questions and fills up with self-graded plain cards', () => {
    const cards = on('d', card('p1', 'Plain 1?', 'A1'), card('p2', 'Plain 2?', 'A2'), choiceCard('c1', [0]), card('z', 'Fact', 'It is {{c1::5 minutes}}.'));
    const two = createExam({ cards, count: 2, random: seededRandom(7), now: T0 });
    assert.deepEqual(two.questions.map((q) => q.kind).sort(), ['cloze', 'single']);
    const three = createExam({ cards, count: 3, random: seededRandom(7), now: T0 });
    assert.deepEqual(three.questions.map((q) => q.kind).sort(), ['cloze', 'self', 'single']);
    const all = createExam({ cards, count: 100, random: seededRandom(7), now: T0 });
    assert.equal(all.questions.length, 4);
  });

  it('defaults to 2 minutes per question and a 72 % pass mark; both can be overridden', () => {
    const s = choiceExam(3);
    assert.equal(s.timeLimitMs, 6 * MIN);
    assert.equal(s.passMark, DEFAULT_PASS_MARK);
    assert.equal(s.startedAt, T0);
    const custom = createExam({ cards: on('d', choiceCard('a', [0])), count: 1, random: seededRandom(1), now: T0, timeLimitMs: 90_000, passMark: 0.5 });
    assert.equal(custom.timeLimitMs, 90_000);
    assert.equal(custom.passMark, 0.5);
  });

  it('never puts two clozes of the same card in one exam (they would reveal each other)', () => {
    const cards = on('d', card('z', 'Fact', '{{c1::a}} {{c2::b}} {{c3::c}}'));
    for (let seed = 1; seed <= 20; seed++) {
      const s = createExam({ cards, count: 3, random: seededRandom(seed), now: T0 });
      assert.equal(s.questions.length, 1);
      assert.match(s.questions[0].ref.card, /^z::c[123]$/);
    }
  });

  it('leaves out malformed questions and counts what is available', () => {
    const cards = on('d', choiceCard('good', [0]), card('bad', 'Q', '- [ ] A\n- [ ] B'), card('plain', 'Q', 'A'), card('z', 'F', '{{c1::a}} {{c2::b}}'));
    assert.deepEqual(countExamQuestions(cards), { gradable: 2, selfGraded: 1 });
    const s = createExam({ cards, count: 10, random: seededRandom(3), now: T0 });
    assert.ok(!s.questions.some((q) => q.ref.card === 'bad'));
  });

  it('restricts to given refs for "Retry wrong answers", down to a single cloze', () => {
    const cards = on('d', choiceCard('a', [0]), choiceCard('b', [0]), card('z', 'F', '{{c1::a}} {{c2::b}}'));
    const s = createExam({ cards, count: 10, random: seededRandom(3), now: T0, only: [{ deck: 'd', card: 'b' }, { deck: 'd', card: 'z::c2' }] });
    assert.deepEqual(s.questions.map((q) => q.ref.card).sort(), ['b', 'z::c2']);
  });

  it('keeps cards of different decks apart even with equal ids', () => {
    const s = createExam({ cards: [...on('d1', choiceCard('a', [0])), ...on('d2', choiceCard('a', [1]))], count: 5, random: seededRandom(2), now: T0 });
    assert.deepEqual(s.questions.map((q) => q.ref.deck).sort(), ['d1', 'd2']);
  });

  it('refuses impossible requests', () => {
    assert.throws(() => createExam({ cards: [], count: 5, random: seededRandom(1), now: T0 }), ExamError);
    assert.throws(() => createExam({ cards: on('d', choiceCard('a', [0])), count: 0, random: seededRandom(1), now: T0 }), ExamError);
    assert.throws(() => createExam({ cards: on('d', choiceCard('a', [0])), count: 1, random: seededRandom(1), now: T0, passMark: 72 }), ExamError);
  });

  it('is deterministic for a given random source', () => {
    assert.deepEqual(choiceExam(3, 42), choiceExam(3, 42));
  });
});

describe('option shuffling', () => {
  const cards = on('d', choiceCard('q', [2], 5));

  it('keeps the right answer attached to its option whatever the order', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const q = createExam({ cards, count: 1, random: seededRandom(seed), now: T0 }).questions[0] as ChoiceExamQuestion;
      assert.deepEqual(q.options.map((o) => o.id).sort(), [0, 1, 2, 3, 4]);
      const right = q.options.filter((o) => o.correct);
      assert.deepEqual(right.map((o) => [o.id, o.text]), [[2, 'Option q-2']]);
    }
  });

  it('changes the order across seeds', () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const q = createExam({ cards, count: 1, random: seededRandom(seed), now: T0 }).questions[0] as ChoiceExamQuestion;
      orders.add(q.options.map((o) => o.id).join(''));
    }
    assert.ok(orders.size >= 10, `only ${orders.size} distinct orders`);
  });

  it('shows "Choose N" for multiple response and hides correctness until the end', () => {
    let s = createExam({ cards: on('d', choiceCard('mr', [0, 3], 5)), count: 1, random: seededRandom(5), now: T0 });
    const view = questionView(s);
    assert.equal(view.kind, 'multiple');
    assert.equal(view.choose, 2);
    assert.ok(view.options!.every((o) => !('correct' in o)));
    assert.equal(view.review, undefined);
    s = submit(s, T0 + MIN);
    assert.deepEqual(questionView(s).review!.correctOptionIds!.sort(), [0, 3]);
  });
});

describe('scoring', () => {
  const s = choiceExam(3);
  const byCard = (id: string) => s.questions.find((q) => q.ref.card === id) as ChoiceExamQuestion;

  it('gives credit for exactly the correct option', () => {
    const q = byCard('a');
    assert.equal(isCorrect(q, { kind: 'choice', selected: [1] }), true);
    assert.equal(isCorrect(q, { kind: 'choice', selected: [0] }), false);
    assert.equal(isCorrect(q, null), false);
  });

  it('needs the exact set for multiple response: no partial credit, no extra options', () => {
    const q = byCard('b');
    assert.deepEqual(correctIds(q).sort(), [0, 2]);
    assert.equal(isCorrect(q, { kind: 'choice', selected: [2, 0] }), true);
    assert.equal(isCorrect(q, { kind: 'choice', selected: [0] }), false);
    assert.equal(isCorrect(q, { kind: 'choice', selected: [0, 2, 4] }), false);
    assert.equal(isCorrect(q, { kind: 'choice', selected: [1, 3] }), false);
  });

  it('checks cloze answers leniently and self-graded answers by the learner\'s word', () => {
    const cards = on('d', card('z', 'Write limit', 'A shard takes {{c1::1 MB/s}}.'), card('p', 'Plain?', 'Answer.'));
    const e = createExam({ cards, count: 2, random: seededRandom(1), now: T0 });
    const cloze = e.questions.find((q) => q.kind === 'cloze')!;
    const self = e.questions.find((q) => q.kind === 'self')!;
    assert.equal(cloze.prompt, 'Write limit\n\nA shard takes […].');
    assert.equal(isCorrect(cloze, { kind: 'cloze', answers: ['1 MiB per second'] }), true);
    assert.equal(isCorrect(cloze, { kind: 'cloze', answers: ['10 MB/s'] }), false);
    assert.equal(isCorrect(self, { kind: 'self', knew: true }), true);
    assert.equal(isCorrect(self, { kind: 'self', knew: false }), false);
  });
});

describe('exam state machine', () => {
  it('records, replaces and clears answers without mutating the previous state', () => {
    const s0 = choiceExam(3);
    const s1 = answer(s0, 1, { kind: 'choice', selected: [0] }, T0 + MIN);
    assert.equal(s0.responses[1], null);
    assert.deepEqual(s1.responses[1], { kind: 'choice', selected: [0] });
    assert.equal(s1.current, 1);
    const s2 = answer(s1, 1, { kind: 'choice', selected: [] }, T0 + MIN);
    assert.equal(s2.responses[1], null);
  });

  it('rejects responses that do not fit the question', () => {
    const s = choiceExam(3);
    const single = s.questions.findIndex((q) => q.kind === 'single');
    assert.throws(() => answer(s, single, { kind: 'choice', selected: [0, 1] }, T0), ExamError);
    assert.throws(() => answer(s, single, { kind: 'choice', selected: [99] }, T0), ExamError);
    assert.throws(() => answer(s, single, { kind: 'self', knew: true }, T0), ExamError);
    assert.throws(() => answer(s, 3, { kind: 'choice', selected: [0] }, T0), ExamError);
  });

  it('flags, unflags and navigates', () => {
    let s = choiceExam(3);
    s = flag(s, 2);
    assert.deepEqual(s.flagged, [false, false, true]);
    assert.equal(flag(s, 2), s);
    s = navigate(s, 2);
    assert.equal(s.current, 2);
    assert.equal(next(s), s);
    s = previous(previous(s));
    assert.equal(s.current, 0);
    assert.equal(previous(s), s);
    s = unflag(s, 2);
    assert.deepEqual(s.flagged, [false, false, false]);
    assert.throws(() => navigate(s, -1), ExamError);
  });

  it('lists unanswered and flagged questions for the submit warning', () => {
    let s = choiceExam(3);
    s = answer(s, 0, { kind: 'choice', selected: [(s.questions[0] as ChoiceExamQuestion).options[0].id] }, T0);
    s = flag(s, 1);
    assert.deepEqual(submitWarning(s), { unanswered: [1, 2], flagged: [1] });
  });

  it('submits once, freezes the clock and ignores later answers', () => {
    let s = choiceExam(3);
    s = submit(s, T0 + 2 * MIN);
    assert.equal(s.finishReason, 'submitted');
    assert.equal(s.finishedAt, T0 + 2 * MIN);
    assert.equal(submit(s, T0 + 3 * MIN), s);
    assert.equal(answer(s, 0, { kind: 'choice', selected: [0] }, T0 + 3 * MIN), s);
    assert.equal(remainingMs(s, T0 + 5 * MIN), 4 * MIN);
    assert.equal(isTimedOut(s, T0 + 60 * MIN), false);
  });
});

describe('exam timer (injected clock)', () => {
  const s = choiceExam(3); // 6 minutes

  it('counts down from the limit and never goes below zero', () => {
    assert.equal(remainingMs(s, T0), 6 * MIN);
    assert.equal(remainingMs(s, T0 + 2 * MIN + 500), 4 * MIN - 500);
    assert.equal(remainingMs(s, T0 + 6 * MIN), 0);
    assert.equal(remainingMs(s, T0 + 60 * MIN), 0);
    assert.equal(remainingMs(s, T0 - MIN), 6 * MIN, 'a clock behind the start does not add time');
  });

  it('times out exactly at the deadline', () => {
    assert.equal(isTimedOut(s, T0 + 6 * MIN - 1), false);
    assert.equal(isTimedOut(s, T0 + 6 * MIN), true);
  });

  it('auto-submits on the first tick after the deadline, as of the deadline', () => {
    assert.equal(tick(s, T0 + 6 * MIN - 1), s);
    assert.equal(tick(s, T0 + 6 * MIN).finishReason, 'timeout');
    const done = tick(s, T0 + 9 * MIN);
    assert.equal(done.finishReason, 'timeout');
    assert.equal(done.finishedAt, T0 + 6 * MIN);
    assert.equal(tick(done, T0 + 10 * MIN), done);
  });

  it('turns a late answer or a late submit into a timeout and drops the answer', () => {
    const late = answer(s, 0, { kind: 'choice', selected: [(s.questions[0] as ChoiceExamQuestion).options[0].id] }, T0 + 7 * MIN);
    assert.equal(late.finishReason, 'timeout');
    assert.equal(late.responses[0], null);
    assert.equal(submit(s, T0 + 7 * MIN).finishReason, 'timeout');
  });

  it('reports the remaining time in the overview', () => {
    const o = examOverview(answer(s, 1, { kind: 'choice', selected: [(s.questions[1] as ChoiceExamQuestion).options[0].id] }, T0 + MIN), T0 + MIN);
    assert.equal(o.remainingMs, 5 * MIN);
    assert.equal(o.answered, 1);
    assert.deepEqual(o.items.map((i) => i.answered), [false, true, false]);
    assert.equal(o.items[1].correct, undefined);
  });
});

describe('exam persistence', () => {
  it('round-trips through JSON and resumes with the same clock', () => {
    let s = choiceExam(3);
    s = flag(answer(s, 0, { kind: 'choice', selected: [(s.questions[0] as ChoiceExamQuestion).options[1].id] }, T0 + MIN), 2);
    const back = restoreExam(serializeExam(s));
    assert.deepEqual(back, s);
    assert.equal(remainingMs(back!, T0 + 2 * MIN), 4 * MIN);
    assert.deepEqual(restoreExam(JSON.parse(serializeExam(s))), s);
  });

  it('refuses corrupt or foreign state instead of throwing', () => {
    const good = JSON.parse(serializeExam(choiceExam(3)));
    assert.equal(restoreExam('not json'), undefined);
    assert.equal(restoreExam(null), undefined);
    assert.equal(restoreExam({ ...good, schema: 2 }), undefined);
    assert.equal(restoreExam({ ...good, responses: [null] }), undefined);
    assert.equal(restoreExam({ ...good, current: 9 }), undefined);
    assert.equal(restoreExam({ ...good, finishedAt: T0 }), undefined, 'finishedAt without a reason');
    assert.equal(restoreExam({ ...good, responses: [{ kind: 'choice', selected: [42] }, null, null] }), undefined);
    assert.equal(restoreExam({ ...good, questions: [{ ...good.questions[0], kind: 'essay' }, good.questions[1], good.questions[2]] }), undefined);
  });
});
