import type { ExamTrendPoint } from '../../shared/protocol';
import { svg } from '../dom';
import { TREND_CHART, formatDateTime, percent, trendGeometry } from './examModel';

/**
 * Practice exam scores over time, oldest first: a line with one point per attempt (a filled dot
 * for a pass, a hollow one for a fail, so the result does not depend on colour), the rolling
 * average dashed, and the pass mark as a horizontal line.
 */
export function examTrendChart(points: readonly ExamTrendPoint[]): SVGElement {
  const c = TREND_CHART;
  const g = trendGeometry(points);
  const chart = svg('svg', { viewBox: `0 0 ${c.width} ${c.height}`, class: 'exam-trend' });
  for (const t of g.yTicks) {
    chart.append(svg('line', { x1: c.left, x2: c.width - c.right, y1: t.y, y2: t.y, class: 'grid' }));
    const label = svg('text', { x: c.left - 6, y: t.y + 3, class: 'axis', 'text-anchor': 'end' });
    label.textContent = t.label;
    chart.append(label);
  }
  chart.append(svg('line', { x1: c.left, x2: c.width - c.right, y1: g.passY, y2: g.passY, class: 'pass-line' }));
  const passLabel = svg('text', { x: c.width - c.right, y: g.passY - 4, class: 'axis', 'text-anchor': 'end' });
  passLabel.textContent = `pass mark ${percent(points.at(-1)?.passMark ?? 0.72)}`;
  chart.append(passLabel);
  if (points.length > 1) {
    chart.append(svg('polyline', { points: g.averageLine, class: 'average' }));
    chart.append(svg('polyline', { points: g.scoreLine, class: 'score' }));
  }
  g.points.forEach((p, i) => {
    const point = points[i];
    const dot = svg('circle', { cx: p.x, cy: p.y, r: 4, class: `dot ${p.passed ? 'pass' : 'fail'}` });
    const title = svg('title');
    title.textContent = `${formatDateTime(point.at)}: ${percent(point.score)} (${point.correct} of ${point.total}), ${point.passed ? 'passed' : 'not passed'}`;
    dot.append(title);
    chart.append(dot);
  });
  // One attempt sits in the middle: its date goes under it.
  const first = points.length === 1
    ? svg('text', { x: g.points[0].x, y: c.height - 8, class: 'axis', 'text-anchor': 'middle' })
    : svg('text', { x: c.left, y: c.height - 8, class: 'axis' });
  first.textContent = points.length ? formatDateTime(points[0].at) : '';
  chart.append(first);
  if (points.length > 1) {
    const last = svg('text', { x: c.width - c.right, y: c.height - 8, class: 'axis', 'text-anchor': 'end' });
    last.textContent = formatDateTime(points[points.length - 1].at);
    chart.append(last);
  }
  return chart;
}
