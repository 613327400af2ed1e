import * as assert from 'node:assert/strict';
import { attemptFromReport, buildReport, createExam, examTrend, parseAttempts, seededRandom, serializeAttempt, submit, type ExamAttempt } from '../../../src/core/exam';
import { choiceCard } from './helpers';

const T0 = Date.UTC(2026, 3, 1);

function attempt(id: string, finishedAt: number, score: number, topics: ExamAttempt['topics'] = [], decks = ['d']): ExamAttempt {
  return {
    v: 1, id, startedAt: finishedAt - 1000, finishedAt, finishReason: 'submitted', total: 10, correct: Math.round(score * 10), score,
    passMark: 0.72, passed: score >= 0.72, timeLimitMs: 1_200_000, timeUsedMs: 1000, decks, topics, wrong: [{ deck: 'd', card: 'x' }],
  };
}

describe('exam attempts history', () => {
  it('makes an attempt from a report and round-trips it as one JSON line', () => {
    const s = submit(createExam({ cards: [{ deck: 'd', card: { ...choiceCard('a', [0]), tags: ['firehose'] } }], count: 1, random: seededRandom(1), now: T0 }), T0 + 5000);
    const a = attemptFromReport(buildReport(s));
    assert.equal(a.v, 1);
    assert.equal(a.id, s.id);
    assert.deepEqual(a.topics, [{ tag: 'firehose', total: 1, correct: 0 }]);
    assert.deepEqual(a.wrong, [{ deck: 'd', card: 'a' }]);
    const line = serializeAttempt(a);
    assert.ok(line.endsWith('\n'));
    assert.equal(line.indexOf('\n'), line.length - 1, 'exactly one line');
    assert.ok(line.startsWith('{"v":1,'));
    assert.deepEqual(parseAttempts(line), { attempts: [a], skippedLines: [], tornTail: false });
  });

  it('ignores a torn last line', () => {
    const a = attempt('a', T0 + 1, 0.5);
    const b = attempt('b', T0 + 2, 0.8);
    const text = serializeAttempt(a) + serializeAttempt(b) + serializeAttempt(attempt('c', T0 + 3, 0.9)).slice(0, 40);
    const parsed = parseAttempts(text);
    assert.deepEqual(parsed.attempts.map((x) => x.id), ['a', 'b']);
    assert.equal(parsed.tornTail, true);
    assert.deepEqual(parsed.skippedLines, []);
  });

  it('finds a record appended right after a torn line, skips bad lines and counts merged duplicates once', () => {
    const a = attempt('a', T0 + 1, 0.5);
    const b = attempt('b', T0 + 2, 0.8);
    const torn = serializeAttempt(attempt('t', T0, 0.1)).slice(0, 30);
    const text = serializeAttempt(b) + 'garbage\n' + '{"v":1,"id":"bad"}\n' + torn + serializeAttempt(a) + serializeAttempt(b);
    const parsed = parseAttempts(text);
    assert.deepEqual(parsed.attempts.map((x) => x.id), ['a', 'b'], 'sorted by finish time, b once');
    assert.deepEqual(parsed.skippedLines, [2, 3]);
    assert.equal(parsed.tornTail, false);
    assert.deepEqual(parseAttempts(''), { attempts: [], skippedLines: [], tornTail: false });
  });

  it('builds a score trend with a rolling average, per deck and per topic', () => {
    const attempts = [
      attempt('3', T0 + 3, 0.9, [{ tag: 'firehose', total: 4, correct: 4 }], ['d', 'e']),
      attempt('1', T0 + 1, 0.5, [{ tag: 'firehose', total: 4, correct: 1 }]),
      attempt('2', T0 + 2, 0.7, [], ['e']),
    ];
    const all = examTrend(attempts, { window: 2 });
    assert.deepEqual(all.map((p) => [p.attemptId, p.score, p.passed]), [['1', 0.5, false], ['2', 0.7, false], ['3', 0.9, true]]);
    assert.deepEqual(all.map((p) => Math.round(p.average * 100)), [50, 60, 80]);
    assert.deepEqual(examTrend(attempts, { deck: 'e' }).map((p) => p.attemptId), ['2', '3']);
    const topic = examTrend(attempts, { tag: 'firehose' });
    assert.deepEqual(topic.map((p) => [p.attemptId, p.score, p.total, p.passed]), [['1', 0.25, 4, false], ['3', 1, 4, true]]);
    assert.deepEqual(examTrend(attempts, { window: 1 }).map((p) => p.average), [0.5, 0.7, 0.9]);
  });
});
