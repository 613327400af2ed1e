import type { StatsState } from '../shared/protocol';
import { h, svg } from './dom';
import { trendRows } from './exam/examModel';
import { examTrendChart } from './exam/examTrend';

/** Statistics drawn as SVG with theme colours; every chart has a text alternative. */
export function renderStats(root: HTMLElement, s: StatsState): void {
  const retention = s.retention30.value === null ? '—' : `${Math.round(s.retention30.value * 100)} %`;
  const summary = h('section', { class: 'summary', 'aria-label': 'Summary' },
    figure('Reviews', String(s.totalReviews)),
    figure('True retention (30 days)', retention, `${s.retention30.reviews} reviews of mature cards`),
    figure('Streak', `${s.streak} day${s.streak === 1 ? '' : 's'}`),
    figure('Due in 30 days', String(s.forecast.reduce((a, d) => a + d.count, 0))));
  root.replaceChildren(
    h('h1', {}, 'Statistics'),
    summary,
    chart('Reviews per day, last year', heatmap(s.heatmap), table(['Day', 'Reviews'], s.heatmap.filter((d) => d.count > 0).map((d) => [d.day, String(d.count)]))),
    chart('Due forecast, next 30 days', bars(s.forecast), table(['Day', 'Due'], s.forecast.map((d) => [d.day, String(d.count)]))),
    chart('Mastery per deck', mastery(s.decks), table(['Deck', 'Mastered', 'Cards'], s.decks.map((d) => [d.title, String(d.mastered), String(d.total)]))),
    s.exams?.length
      ? chart('Practice exam scores', examTrendChart(s.exams), table(['Finished', 'Score', 'Correct', 'Result', 'Average of last 3'], trendRows(s.exams)), 'exam-trend-section')
      : h('section', { class: 'chart exam-trend-section' }, h('h2', {}, 'Practice exam scores'), h('p', {}, 'No practice exam yet: run “Flashcards: Start Practice Exam”.')),
  );
}

function figure(label: string, value: string, note?: string): HTMLElement {
  return h('div', { class: 'figure' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label), note ? h('div', { class: 'note' }, note) : undefined);
}

function chart(title: string, graphic: SVGElement, alt: HTMLElement, extraClass?: string): HTMLElement {
  graphic.setAttribute('role', 'img');
  graphic.setAttribute('aria-label', title);
  return h('section', { class: extraClass ? `chart ${extraClass}` : 'chart' }, h('h2', {}, title), graphic, h('details', {}, h('summary', {}, 'Show as table'), alt));
}

function table(head: string[], rows: string[][]): HTMLElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...(rows.length ? rows : [head.map(() => '—')]).map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}

function heatmap(days: StatsState['heatmap']): SVGElement {
  const cell = 11;
  const max = Math.max(1, ...days.map((d) => d.count));
  const first = new Date(`${days[0]?.day ?? '2000-01-01'}T00:00:00Z`).getUTCDay();
  const weeks = Math.ceil((days.length + first) / 7);
  const g = svg('svg', { viewBox: `0 0 ${weeks * cell} ${7 * cell}`, class: 'heatmap' });
  days.forEach((d, i) => {
    const slot = i + first;
    const level = d.count === 0 ? 0 : Math.ceil((d.count / max) * 4);
    const rect = svg('rect', { x: Math.floor(slot / 7) * cell, y: (slot % 7) * cell, width: cell - 2, height: cell - 2, rx: 2, class: `level-${level}` });
    rect.append(svg('title'));
    rect.lastChild!.textContent = `${d.day}: ${d.count} review${d.count === 1 ? '' : 's'}`;
    g.append(rect);
  });
  return g;
}

function bars(days: StatsState['forecast']): SVGElement {
  const w = 12;
  const height = 80;
  const max = Math.max(1, ...days.map((d) => d.count));
  const g = svg('svg', { viewBox: `0 0 ${days.length * w} ${height + 14}`, class: 'bars' });
  days.forEach((d, i) => {
    const bh = Math.round((d.count / max) * height);
    const rect = svg('rect', { x: i * w + 1, y: height - bh, width: w - 2, height: Math.max(bh, d.count ? 1 : 0), class: 'bar' });
    rect.append(svg('title'));
    rect.lastChild!.textContent = `${d.day}: ${d.count} due`;
    g.append(rect);
  });
  const axis = svg('text', { x: 0, y: height + 12, class: 'axis' });
  axis.textContent = 'today';
  g.append(axis);
  return g;
}

function mastery(decks: StatsState['decks']): SVGElement {
  const rowH = 18;
  const g = svg('svg', { viewBox: `0 0 300 ${Math.max(1, decks.length) * rowH}`, class: 'mastery' });
  decks.forEach((d, i) => {
    const share = d.total ? d.mastered / d.total : 0;
    g.append(svg('rect', { x: 120, y: i * rowH + 3, width: 170, height: rowH - 6, class: 'track' }));
    g.append(svg('rect', { x: 120, y: i * rowH + 3, width: Math.round(170 * share), height: rowH - 6, class: 'bar' }));
    const label = svg('text', { x: 0, y: i * rowH + 13, class: 'axis' });
    label.textContent = `${d.title.slice(0, 18)} ${Math.round(share * 100)}%`;
    g.append(label);
  });
  return g;
}
