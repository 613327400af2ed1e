import * as assert from 'node:assert/strict';
import {
  ExamError,
  answer,
  buildReport,
  createExam,
  passes,
  seededRandom,
  submit,
  tick,
  type ChoiceExamQuestion,
  type ExamState,
} from '../../../src/core/exam';
import { card, choiceCard } from './helpers';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const MIN = 60_000;

/** Four questions: two on `firehose`, one on `firehose`+`sizing`, one cloze on `sizing`. */
function exam(): ExamState {
  const cards = [
    { deck: 'exam.deck.md', card: { ...choiceCard('fh1', [0]), tags: ['firehose'], source: 'https://docs.aws.amazon.com/firehose/' } },
    { deck: 'exam.deck.md', card: { ...choiceCard('fh2', [1, 2], 5), tags: ['firehose'] } },
    { deck: 'exam.deck.md', card: { ...choiceCard('mix', [3]), tags: ['firehose', 'sizing'] } },
    { deck: 'limits.deck.md', card: card('z', 'Write limit', 'A shard takes {{c1::1,000 records/s}}.', ['sizing']) },
  ];
  return createExam({ cards, count: 4, random: seededRandom(11), now: T0 });
}

const idx = (s: ExamState, id: string) => s.questions.findIndex((q) => q.ref.card === id);
const optionId = (s: ExamState, id: string, correct: boolean) =>
  (s.questions[idx(s, id)] as ChoiceExamQuestion).options.find((o) => o.correct === correct)!.id;

describe('exam report', () => {
  it('needs a finished exam', () => {
    assert.throws(() => buildReport(exam()), ExamError);
  });

  it('scores, passes or fails, and breaks the score down per topic', () => {
    let s = exam();
    s = answer(s, idx(s, 'fh1'), { kind: 'choice', selected: [optionId(s, 'fh1', true)] }, T0 + MIN);
    s = answer(s, idx(s, 'fh2'), { kind: 'choice', selected: [1] }, T0 + 2 * MIN); // half of the set: wrong
    s = answer(s, idx(s, 'z::c1'), { kind: 'cloze', answers: ['1000 records per second'] }, T0 + 3 * MIN);
    s = submit(s, T0 + 5 * MIN);
    const r = buildReport(s);
    assert.equal(r.total, 4);
    assert.equal(r.correct, 2);
    assert.equal(r.answered, 3);
    assert.equal(r.score, 0.5);
    assert.equal(r.scaledScore, 500);
    assert.equal(r.passed, false);
    assert.equal(r.timeUsedMs, 5 * MIN);
    assert.equal(r.timeLimitMs, 8 * MIN);
    assert.equal(r.finishReason, 'submitted');
    assert.deepEqual(r.decks, ['exam.deck.md', 'limits.deck.md']);
    assert.deepEqual(r.topics, [
      { tag: 'firehose', total: 3, correct: 1, score: 1 / 3 },
      { tag: 'sizing', total: 2, correct: 1, score: 0.5 },
    ]);
  });

  it('lists every wrong or unanswered question with the right answer, explanation and card reference', () => {
    let s = exam();
    s = answer(s, idx(s, 'fh1'), { kind: 'choice', selected: [optionId(s, 'fh1', false)] }, T0 + MIN);
    s = answer(s, idx(s, 'z::c1'), { kind: 'cloze', answers: ['100 records/s'] }, T0 + MIN);
    s = answer(s, idx(s, 'mix'), { kind: 'choice', selected: [optionId(s, 'mix', true)] }, T0 + MIN);
    const r = buildReport(submit(s, T0 + 2 * MIN));
    const byCard = new Map(r.wrong.map((w) => [w.ref.card, w]));
    assert.deepEqual([...byCard.keys()].sort(), ['fh1', 'fh2', 'z::c1']);
    const fh1 = byCard.get('fh1')!;
    assert.equal(fh1.correctAnswer, 'Option fh1-0');
    assert.equal(fh1.explanation, 'because fh1.');
    assert.equal(fh1.source, 'https://docs.aws.amazon.com/firehose/');
    assert.equal(fh1.unanswered, false);
    assert.deepEqual(fh1.ref, { deck: 'exam.deck.md', card: 'fh1' });
    const fh2 = byCard.get('fh2')!;
    assert.equal(fh2.unanswered, true);
    assert.equal(fh2.given, '');
    assert.equal(fh2.correctAnswer, '- Option fh2-1\n- Option fh2-2');
    const z = byCard.get('z::c1')!;
    assert.equal(z.given, '100 records/s');
    assert.equal(z.correctAnswer, '1,000 records/s');
    assert.equal(z.explanation, 'A shard takes **1,000 records/s**.');
    assert.deepEqual(r.wrongRefs, r.wrong.map((w) => w.ref));
    assert.deepEqual(r.wrong.map((w) => w.index), [...r.wrong.map((w) => w.index)].sort((a, b) => a - b), 'in exam order');
  });

  it('reports a timeout with the whole limit used', () => {
    const r = buildReport(tick(exam(), T0 + 60 * MIN));
    assert.equal(r.finishReason, 'timeout');
    assert.equal(r.timeUsedMs, 8 * MIN);
    assert.equal(r.correct, 0);
    assert.equal(r.wrong.length, 4);
  });

  it('applies the pass mark without floating-point surprises', () => {
    assert.equal(passes(47, 65, 0.72), true);
    assert.equal(passes(46, 65, 0.72), false);
    assert.equal(passes(18, 25, 0.72), true);
    assert.equal(passes(17, 25, 0.72), false);
    assert.equal(passes(0, 0, 0.72), false);
  });
});
