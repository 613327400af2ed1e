import type { WrongAnswer } from '../../core/exam';
import type { ExamReportState, ExamScreenState } from '../../shared/protocol';
import { h, svg } from '../dom';
import { TOPIC_CHART, formatDuration, percent, topicBars } from './examModel';
import { markdown } from './markdownElement';

type Exam = NonNullable<ExamScreenState['exam']>;

/** The result screen: verdict, actions, score per topic (chart and table), and every wrong question. */
export function renderReport(exam: Exam): HTMLElement[] {
  const r = exam.report!;
  const rep = r.report;
  const needed = Math.ceil(rep.passMark * rep.total - 1e-9);
  const verdict = h('section', { class: `exam-verdict ${rep.passed ? 'pass' : 'fail'}`, tabindex: '-1', 'aria-label': 'Result' },
    h('div', { class: 'exam-score' },
      h('span', { class: 'exam-score-value' }, percent(rep.score)),
      h('span', { class: 'exam-badge' }, rep.passed ? '✓ Passed' : '✗ Not passed')),
    h('p', { class: 'exam-score-detail' },
      `${rep.correct} of ${rep.total} correct · pass mark ${percent(rep.passMark)} (${needed} of ${rep.total}) · ${rep.scaledScore} of 1,000 scaled points`),
    h('p', { class: 'exam-time' }, `Time used: ${formatDuration(rep.timeUsedMs)} of ${formatDuration(rep.timeLimitMs)}`,
      rep.finishReason === 'timeout' ? ' — the time ran out and the exam was submitted automatically.' : '.'),
    r.fedToSchedule ? h('p', { class: 'exam-note' }, `${r.fedToSchedule} wrong answer${r.fedToSchedule === 1 ? ' was' : 's were'} added to your review schedule as “Again”.`) : undefined,
    r.historyError ? h('p', { class: 'error', role: 'alert' }, `This attempt could not be saved to the exam history: ${r.historyError}`) : undefined);

  const wrongCount = rep.wrongRefs.length;
  const actions = h('div', { class: 'actions exam-report-actions' },
    actionButton('retry', `Retry wrong answers (${rep.wrong.length})`, 'Start an exam with only the questions you got wrong', !wrongCount, 'primary'),
    actionButton('study', 'Study these cards', 'Review the cards of the wrong answers now', !wrongCount),
    actionButton('new', 'New exam…', 'Set up another practice exam', false));

  return [
    h('header', { class: 'exam-bar' }, h('h1', { class: 'exam-title' }, 'Exam result'), h('span', { class: 'exam-position' }, exam.title)),
    verdict,
    actions,
    topicSection(rep.topics, rep.passMark),
    wrongSection(rep.wrong, r),
  ];
}

function actionButton(action: string, label: string, title: string, disabled: boolean, cls = 'secondary'): HTMLButtonElement {
  const b = h('button', { class: cls, 'data-action': action, title }, label);
  if (disabled) b.setAttribute('disabled', '');
  return b;
}

function topicSection(topics: ExamReportState['report']['topics'], passMark: number): HTMLElement {
  const geometry = topicBars(topics, passMark);
  const c = TOPIC_CHART;
  const chart = svg('svg', { viewBox: `0 0 ${geometry.width} ${geometry.height}`, class: 'exam-topic-chart', role: 'img', 'aria-label': 'Score per topic' });
  for (const b of geometry.bars) {
    const label = svg('text', { x: c.labelWidth - 8, y: b.y + 15, class: 'axis label', 'text-anchor': 'end' });
    label.textContent = b.tag.length > 22 ? `${b.tag.slice(0, 21)}…` : b.tag;
    const title = svg('title');
    title.textContent = `${b.tag}: ${b.value}`;
    const row = svg('g', { class: `topic ${b.passed ? 'pass' : 'fail'}` }, title, label,
      svg('rect', { x: c.labelWidth, y: b.y + 3, width: c.barWidth, height: c.rowHeight - 8, class: 'track' }),
      svg('rect', { x: c.labelWidth, y: b.y + 3, width: b.width, height: c.rowHeight - 8, class: 'bar' }));
    const value = svg('text', { x: c.labelWidth + c.barWidth + 8, y: b.y + 15, class: 'axis value' });
    value.textContent = b.value;
    row.append(value);
    chart.append(row);
  }
  chart.append(svg('line', { x1: geometry.passX, x2: geometry.passX, y1: 12, y2: geometry.height, class: 'pass-line' }));
  const passLabel = svg('text', { x: geometry.passX, y: 9, class: 'axis', 'text-anchor': 'middle' });
  passLabel.textContent = `pass ${percent(passMark)}`;
  chart.append(passLabel);

  const table = h('table', { class: 'exam-topic-table' },
    h('thead', {}, h('tr', {}, ...['Topic', 'Correct', 'Questions', 'Score', 'Result'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...topics.map((t) => h('tr', { 'data-tag': t.tag },
      h('th', { scope: 'row' }, t.tag),
      h('td', { class: 'num' }, String(t.correct)),
      h('td', { class: 'num' }, String(t.total)),
      h('td', { class: 'num' }, percent(t.score)),
      h('td', {}, t.score >= passMark - 1e-9 ? 'at or above the pass mark' : 'below the pass mark')))));
  return h('section', { class: 'chart exam-topics' },
    h('h2', {}, 'Score per topic'),
    h('p', { class: 'exam-note' }, 'A question counts once for each of its tags.'),
    chart,
    h('details', {}, h('summary', {}, 'Show as table'), table));
}

function wrongSection(wrong: readonly WrongAnswer[], r: ExamReportState): HTMLElement {
  if (!wrong.length) return h('section', { class: 'exam-wrong-list' }, h('h2', {}, 'Every answer was right'), h('p', {}, 'Nothing to review from this exam.'));
  return h('section', { class: 'exam-wrong-list' },
    h('h2', {}, `Wrong or not answered (${wrong.length})`),
    ...wrong.map((w) => wrongItem(w, r)));
}

function wrongItem(w: WrongAnswer, r: ExamReportState): HTMLElement {
  const deck = r.decks[w.ref.deck] ?? { title: w.ref.deck, format: 'markdown' as const };
  const given = w.unanswered ? h('dd', { class: 'exam-given none' }, 'Not answered') : markdown('dd', 'exam-given markdown', w.given, deck.format);
  // A self-graded card's explanation is its answer, already shown as the correct answer.
  const heading = w.kind === 'cloze' ? 'In full' : w.kind === 'self' ? undefined : 'Explanation';
  const explanation = heading && w.explanation.trim()
    ? h('div', { class: 'exam-explanation' }, h('h4', {}, heading), markdown('div', 'markdown', w.explanation, deck.format))
    : undefined;
  const links = h('p', { class: 'exam-links' },
    h('a', { href: '#', 'data-deck': w.ref.deck, 'data-card': w.ref.card, title: 'Open this card in the review panel' }, 'Open card'),
    ` · ${deck.title}`,
    w.source ? ' · ' : undefined,
    w.source ? h('a', { href: w.source, title: w.source }, 'Source') : undefined);
  return h('article', { class: 'exam-wrong', 'data-index': String(w.index), 'aria-labelledby': `wrong-${w.index}` },
    h('h3', { id: `wrong-${w.index}` }, `Question ${w.index + 1}`, w.unanswered ? h('span', { class: 'exam-tag' }, ' · not answered') : h('span', { class: 'exam-tag' }, ' · wrong')),
    markdown('div', 'question markdown', w.prompt, deck.format),
    h('dl', { class: 'exam-answers' },
      h('dt', {}, 'Your answer'), given,
      h('dt', {}, 'Correct answer'), markdown('dd', 'exam-correct markdown', w.correctAnswer, deck.format)),
    explanation,
    links);
}
