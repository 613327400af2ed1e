import * as assert from 'node:assert/strict';
import { isUsableQuestion, parseQuestion, questionDiagnostics } from '../../../src/core/exam';
import { card, deckOf } from './helpers';

const codes = (c: Parameters<typeof parseQuestion>[0]) => parseQuestion(c).problems.map((p) => `${p.code}@${p.part}:${p.line}:${p.column}`);

describe('exam question parsing', () => {
  it('reads a multiple-choice card: stem, options in order, explanation without its label', () => {
    const deck = deckOf([
      '# D',
      '## Clickstream sizing',
      '<!-- id: q1 -->',
      'A site sends 3,000 messages of 1 KB per second. How many shards?',
      '?',
      '- [ ] 1 shard',
      '- [x] 3 shards',
      '- [ ] 6 shards',
      '',
      '**Explanation:** Both limits bind.',
      '',
      'A second paragraph.',
    ]);
    const { question, problems } = parseQuestion(deck.cards[0]);
    assert.deepEqual(problems, []);
    assert.equal(question.kind, 'single');
    if (question.kind !== 'single') return;
    assert.equal(question.stem, 'Clickstream sizing\n\nA site sends 3,000 messages of 1 KB per second. How many shards?');
    assert.deepEqual(question.options.map((o) => [o.text, o.correct, o.line]), [['1 shard', false, 0], ['3 shards', true, 1], ['6 shards', false, 2]]);
    assert.equal(question.correctCount, 1);
    assert.equal(question.explanation, 'Both limits bind.\n\nA second paragraph.');
  });

  it('makes a card with two [x] a multiple-response question and strips a matching "(Choose two.)"', () => {
    const c = card('mr', 'Pick the fixes. (Choose two.)', '- [x] A\n- [X] B\n- [ ] C');
    const { question, problems } = parseQuestion(c);
    assert.deepEqual(problems, []);
    assert.equal(question.kind, 'multiple');
    if (question.kind !== 'multiple') return;
    assert.equal(question.correctCount, 2);
    assert.equal(question.stem, 'Pick the fixes.');
    assert.equal(question.explanation, '');
  });

  it('accepts `*` and `+` bullets and the "(Select TWO.)" spelling', () => {
    const { question, problems } = parseQuestion(card('sel', 'Which two? (Select TWO.)', '* [x] A\n+ [x] B\n* [ ] C'));
    assert.deepEqual(problems, []);
    assert.equal(question.kind, 'multiple');
    if (question.kind === 'multiple') assert.equal(question.stem, 'Which two?');
    assert.deepEqual(codes(card('sel1', 'Which? (Select TWO.)', '- [x] A\n- [ ] B\n- [ ] C')), ['choose-count-mismatch@question:0:8']);
  });

  it('takes text before the option list (no `?` card) as part of the stem, and joins continuation lines', () => {
    const c = card('lead', 'Title', 'A company needs X.\n\n- [ ] One\n- [x] Two\n  continued here\n- [ ] Three\n\nExplanation: Two.');
    const { question, problems } = parseQuestion(c);
    assert.deepEqual(problems, []);
    if (question.kind !== 'single') return assert.fail('not single');
    assert.equal(question.stem, 'Title\n\nA company needs X.');
    assert.equal(question.options[1].text, 'Two\ncontinued here');
    assert.equal(question.explanation, 'Two.');
  });

  it('ignores checkboxes inside fenced code and treats cards without options as plain', () => {
    assert.equal(parseQuestion(card('p', 'Q', 'Just an answer.\n\n- a bullet\n- another')).question.kind, 'plain');
    assert.equal(parseQuestion(card('f', 'Q', '```md\n- [x] not an option\n```')).question.kind, 'plain');
    assert.equal(parseQuestion(card('l', 'Q', '- [link](https://example.com) is not a box')).question.kind, 'plain');
  });

  it('reports a question with no correct option', () => {
    const c = card('none', 'Q', '- [ ] A\n- [ ] B');
    assert.deepEqual(codes(c), ['no-correct-option@answer:0:1']);
    assert.equal(isUsableQuestion(parseQuestion(c)), false);
  });

  it('reports duplicate options (ignoring case and spacing), all-correct lists and single-option lists', () => {
    assert.deepEqual(codes(card('dup', 'Q', '- [x] Use on-demand mode\n- [ ] use  ON-DEMAND mode\n- [ ] Other')), ['duplicate-option@answer:1:1']);
    assert.deepEqual(codes(card('all', 'Q', '- [x] A\n- [x] B')), ['all-options-correct@answer:0:1']);
    assert.deepEqual(codes(card('one', 'Q', '- [x] A')), ['too-few-options@answer:0:1']);
  });

  it('reports options outside the list, stray bullets in the list and malformed boxes', () => {
    assert.deepEqual(codes(card('out', 'Q', '- [ ] A\n- [x] B\n\nExplanation: B.\n- [ ] C')), ['option-outside-list@answer:4:1']);
    assert.deepEqual(codes(card('bullet', 'Q', '- [ ] A\n- plain bullet\n- [x] B')), ['not-an-option@answer:1:1']);
    assert.deepEqual(codes(card('box', 'Q', '- [ ] A\n- [] B\n- [x] C')), ['malformed-option@answer:1:3']);
  });

  it('reports options placed before `?` (they would show the answer on the question side)', () => {
    const c = card('inq', 'Q\n\n- [ ] A\n- [x] B', 'Explanation only.');
    assert.deepEqual(codes(c), ['option-in-question@question:2:1', 'option-in-question@question:3:1']);
  });

  it('reports a "(Choose N)" hint that disagrees with the [x] count, and cloze syntax in a choice card', () => {
    assert.deepEqual(codes(card('hint', 'Pick. (Choose two.)', '- [x] A\n- [ ] B\n- [ ] C')), ['choose-count-mismatch@question:0:7']);
    assert.deepEqual(codes(card('mix', 'Q', 'Text {{c1::x}}\n\n- [x] A\n- [ ] B')), ['cloze-in-choice@answer:0:6']);
  });

  it('maps problems to absolute deck lines and columns', () => {
    const lines = [
      '# D', //             1
      '## Heading (Choose two.)', // 2
      '<!--', //            3
      'id: abs', //         4
      '-->', //             5
      'Scenario line.', //  6
      '- [x] stray', //     7
      '?', //               8
      '- [ ] A', //         9
      '- [x] B', //         10
      '- [ ] B', //         11
    ];
    const text = lines.join('\n');
    const c = deckOf(lines).cards[0];
    const found = questionDiagnostics(c, text).map((d) => `${d.code}@${d.line}:${d.column}-${d.endColumn}`);
    assert.deepEqual(found.sort(), ['choose-count-mismatch@2:12-25', 'duplicate-option@11:1-8', 'option-in-question@7:1-12']);
    // Without the text the same positions come out for a card written without blank lines around `?`.
    assert.deepEqual(questionDiagnostics(c).map((d) => `${d.code}@${d.line}:${d.column}`).sort(), ['choose-count-mismatch@2:12', 'duplicate-option@11:1', 'option-in-question@7:1']);
  });

  it('uses the deck text to skip blank lines after `?`', () => {
    const lines = ['# D', '## Q', '<!-- id: gap -->', 'Stem.', '?', '', '', '- [ ] A', '- [ ] B'];
    const c = deckOf(lines).cards[0];
    assert.deepEqual(questionDiagnostics(c, lines.join('\n')).map((d) => `${d.code}@${d.line}`), ['no-correct-option@8']);
  });

  it('gives no diagnostics for plain cards', () => {
    assert.deepEqual(questionDiagnostics(card('p', 'Q', 'A')), []);
  });
});
