import * as assert from 'node:assert/strict';
import {
  ANNOUNCE_AT_MS,
  KEY_HELP,
  TOPIC_CHART,
  TREND_CHART,
  examKeyAction,
  formatClock,
  formatDuration,
  gridCell,
  isTimeLow,
  kindLabel,
  numberList,
  optionIndexForKey,
  optionLabel,
  submitWarningLines,
  submitWarningOf,
  timerAnnouncement,
  toggleOption,
  topicBars,
  trendGeometry,
  trendRows,
  type KeyContext,
} from '../../../src/webview/exam/examModel';
import type { ExamTrendPoint } from '../../../src/shared/protocol';

const MIN = 60_000;

function key(key: string, extra: Partial<KeyContext> = {}): ReturnType<typeof examKeyAction> {
  return examKeyAction({ key, ctrl: false, alt: false, meta: false, inTextField: false, onButton: false, kind: 'single', optionCount: 4, revealed: false, confirming: false, ...extra });
}

describe('exam UI: keys', () => {
  it('picks options with 1–9 and A–E, only those the question has', () => {
    assert.deepEqual(key('1'), { type: 'option', index: 0 });
    assert.deepEqual(key('4'), { type: 'option', index: 3 });
    assert.deepEqual(key('b'), { type: 'option', index: 1 });
    assert.deepEqual(key('D'), { type: 'option', index: 3 });
    assert.equal(key('5'), undefined);
    assert.equal(key('e'), undefined);
    assert.deepEqual(key('e', { optionCount: 5, kind: 'multiple' }), { type: 'option', index: 4 });
    assert.deepEqual(key('9', { optionCount: 9 }), { type: 'option', index: 8 });
    assert.equal(optionIndexForKey('0', 9), undefined);
    assert.equal(optionIndexForKey('g', 9), undefined);
  });

  it('flags with F, moves with the arrows, asks to submit with S', () => {
    assert.deepEqual(key('f'), { type: 'flag' });
    assert.deepEqual(key('F'), { type: 'flag' });
    assert.deepEqual(key('ArrowLeft'), { type: 'previous' });
    assert.deepEqual(key('ArrowRight'), { type: 'next' });
    assert.deepEqual(key('s'), { type: 'askSubmit' });
  });

  it('leaves keys with Ctrl, Alt or Cmd to VS Code', () => {
    assert.equal(key('1', { ctrl: true }), undefined);
    assert.equal(key('f', { meta: true }), undefined);
    assert.equal(key('ArrowRight', { alt: true }), undefined);
  });

  it('types freely in a cloze box: only Enter (save and next) and Escape (leave) are taken', () => {
    const inBox = { kind: 'cloze' as const, inTextField: true, optionCount: 0 };
    assert.deepEqual(key('Enter', inBox), { type: 'saveAndNext' });
    assert.deepEqual(key('Escape', inBox), { type: 'leaveField' });
    for (const k of ['a', 'f', '1', 's', 'ArrowLeft', 'ArrowRight', 'k']) assert.equal(key(k, inBox), undefined, k);
    assert.deepEqual(key('Enter', { kind: 'cloze', optionCount: 0 }), { type: 'focusField' });
    assert.equal(key('a', { kind: 'cloze', optionCount: 0 }), undefined);
  });

  it('self-graded: Space shows the answer, then K knew it, D did not', () => {
    const self = { kind: 'self' as const, optionCount: 0 };
    assert.deepEqual(key(' ', self), { type: 'reveal' });
    assert.deepEqual(key('Enter', self), { type: 'reveal' });
    assert.equal(key(' ', { ...self, onButton: true }), undefined, 'a focused button handles Space itself');
    assert.equal(key('k', self), undefined, 'no grading before the answer is shown');
    assert.deepEqual(key('k', { ...self, revealed: true }), { type: 'self', knew: true });
    assert.deepEqual(key('D', { ...self, revealed: true }), { type: 'self', knew: false });
    assert.equal(key('a', { ...self, revealed: true }), undefined);
  });

  it('while the submit confirmation is open only Escape is taken (Enter belongs to its buttons)', () => {
    assert.deepEqual(key('Escape', { confirming: true }), { type: 'cancel' });
    for (const k of ['1', 'a', 'f', 'Enter', 'ArrowRight']) assert.equal(key(k, { confirming: true }), undefined, k);
  });

  it('documents every key in the help line', () => {
    for (const k of ['1–9', 'A–E', 'F', '←', '→', 'Enter', 'Esc', 'Space', 'K', 'D', 'S']) assert.ok(KEY_HELP.includes(k), k);
  });

  it('labels options A–E, then by number', () => {
    assert.deepEqual([0, 1, 4, 5, 8].map(optionLabel), ['A', 'B', 'E', '6', '9']);
  });

  it('replaces a multiple-choice selection and toggles a multiple-response one', () => {
    assert.deepEqual(toggleOption('single', [2], 0), [0]);
    assert.deepEqual(toggleOption('single', [], 3), [3]);
    assert.deepEqual(toggleOption('multiple', [3], 1), [1, 3]);
    assert.deepEqual(toggleOption('multiple', [1, 3], 3), [1]);
  });

  it('names the question kind, with "choose N" for multiple response', () => {
    assert.match(kindLabel('single'), /choose 1/);
    assert.match(kindLabel('multiple', 3), /choose 3/);
    assert.match(kindLabel('cloze'), /type/);
    assert.match(kindLabel('self'), /Self-graded/);
  });
});

describe('exam UI: clock', () => {
  it('shows m:ss below an hour and h:mm:ss above, rounding up', () => {
    assert.equal(formatClock(130 * MIN), '2:10:00');
    assert.equal(formatClock(10 * MIN), '10:00');
    assert.equal(formatClock(59_001), '1:00');
    assert.equal(formatClock(1), '0:01');
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(-5), '0:00');
  });

  it('writes durations for the report', () => {
    assert.equal(formatDuration(130 * MIN), '2 h 10 min');
    assert.equal(formatDuration(60 * MIN), '1 h');
    assert.equal(formatDuration(12 * MIN + 5_000), '12 min 5 s');
    assert.equal(formatDuration(10 * MIN), '10 min');
    assert.equal(formatDuration(45_400), '45 s');
  });

  it('announces only at the thresholds, never every second', () => {
    const said: string[] = [];
    let before = 65 * MIN;
    for (let left = 65 * MIN; left >= 0; left -= 1000) {
      const s = timerAnnouncement(before, left);
      if (s) said.push(s);
      before = left;
    }
    assert.deepEqual(said, ['60 minutes left', '30 minutes left', '15 minutes left', '10 minutes left', '5 minutes left', '2 minutes left', '1 minute left', '30 seconds left']);
    assert.equal(said.length, ANNOUNCE_AT_MS.length);
  });

  it('reads only the last threshold after a jump (a webview that was asleep)', () => {
    assert.equal(timerAnnouncement(40 * MIN, 3 * MIN), '5 minutes left');
    assert.equal(timerAnnouncement(3 * MIN, 3 * MIN - 1000), undefined);
  });

  it('warns in the last 5 minutes, or the last 10 % of a short exam', () => {
    assert.equal(isTimeLow(5 * MIN, 130 * MIN), true);
    assert.equal(isTimeLow(6 * MIN, 130 * MIN), false);
    assert.equal(isTimeLow(60_000, 10 * MIN), true);
    assert.equal(isTimeLow(2 * MIN, 10 * MIN), false);
  });
});

describe('exam UI: navigator and submit warning', () => {
  it('tells answered, unanswered, flagged and current apart without colour', () => {
    const answered = gridCell({ index: 0, answered: true, flagged: false }, 2);
    const open = gridCell({ index: 1, answered: false, flagged: false }, 2);
    const flagged = gridCell({ index: 2, answered: true, flagged: true }, 2);
    assert.deepEqual([answered.mark, open.mark, flagged.mark], ['✓', '', '✓⚑']);
    assert.equal(answered.label, 'Question 1: answered');
    assert.equal(open.label, 'Question 2: not answered');
    assert.equal(flagged.label, 'Question 3: answered, flagged for review, current');
    assert.ok(flagged.classes.includes('current') && flagged.classes.includes('flagged'));
    assert.ok(open.classes.includes('unanswered'));
  });

  it('shows right and wrong after the exam', () => {
    assert.equal(gridCell({ index: 0, answered: true, flagged: false, correct: true }, 9).mark, '✓');
    const wrong = gridCell({ index: 1, answered: true, flagged: false, correct: false }, 9);
    assert.equal(wrong.mark, '✗');
    assert.equal(wrong.label, 'Question 2: wrong');
    assert.equal(gridCell({ index: 2, answered: false, flagged: false, correct: false }, 9).label, 'Question 3: not answered');
  });

  it('warns about unanswered and flagged questions before submitting', () => {
    const items = [
      { index: 0, answered: true, flagged: false },
      { index: 1, answered: false, flagged: true },
      { index: 2, answered: true, flagged: false },
      { index: 3, answered: false, flagged: false },
    ];
    const w = submitWarningOf(items);
    assert.deepEqual(w, { unanswered: [1, 3], flagged: [1] });
    assert.deepEqual(submitWarningLines(w, 4), [
      '2 of 4 questions are not answered (2 and 4); they count as wrong.',
      '1 question is flagged for review (2).',
      'You cannot change your answers after submitting.',
    ]);
    assert.equal(submitWarningLines({ unanswered: [], flagged: [] }, 5)[0], 'All 5 questions are answered.');
    assert.equal(numberList([0, 4, 6]), '1, 5 and 7');
  });
});

describe('exam UI: charts', () => {
  it('draws one bar per topic, scaled to the score, with the pass mark line', () => {
    const g = topicBars([{ tag: 'firehose', correct: 3, total: 4 }, { tag: 'sizing', correct: 0, total: 2 }, { tag: 'x', correct: 2, total: 2 }], 0.72);
    assert.deepEqual(g.bars.map((b) => b.width), [Math.round(0.75 * TOPIC_CHART.barWidth), 0, TOPIC_CHART.barWidth]);
    assert.deepEqual(g.bars.map((b) => b.passed), [true, false, true]);
    assert.deepEqual(g.bars.map((b) => b.value), ['3/4 · 75 %', '0/2 · 0 %', '2/2 · 100 %']);
    assert.equal(g.passX, TOPIC_CHART.labelWidth + Math.round(0.72 * TOPIC_CHART.barWidth));
    assert.ok(g.bars[1].y > g.bars[0].y && g.height > g.bars[2].y);
  });

  const point = (at: number, score: number, average: number, passed: boolean): ExamTrendPoint =>
    ({ at, score, correct: Math.round(score * 10), total: 10, passMark: 0.72, passed, average, finishReason: 'submitted' });

  it('spreads attempts left to right and puts scores 0–100 % bottom to top', () => {
    const g = trendGeometry([point(1, 0.5, 0.5, false), point(2, 1, 0.75, true), point(3, 0, 0.5, false)]);
    const c = TREND_CHART;
    assert.deepEqual(g.points.map((p) => p.x), [c.left, c.left + (c.width - c.left - c.right) / 2, c.width - c.right]);
    assert.equal(g.points[1].y, c.top);
    assert.equal(g.points[2].y, c.height - c.bottom);
    assert.ok(g.passY < g.points[0].y, 'the 72 % line is above a 50 % score');
    assert.equal(g.scoreLine.split(' ').length, 3);
    assert.deepEqual(g.yTicks.map((t) => t.label), ['0%', '50%', '100%']);
  });

  it('centres a single attempt', () => {
    const g = trendGeometry([point(1, 0.8, 0.8, true)]);
    const c = TREND_CHART;
    assert.equal(g.points[0].x, Math.round(c.left + (c.width - c.left - c.right) / 2));
  });

  it('lists the trend as table rows', () => {
    const at = new Date(2026, 4, 1, 14, 3).getTime();
    assert.deepEqual(trendRows([{ ...point(at, 0.8, 0.7, true), finishReason: 'timeout' }]), [['2026-05-01 14:03', '80 %', '8 of 10', 'Passed (time ran out)', '70 %']]);
  });
});
