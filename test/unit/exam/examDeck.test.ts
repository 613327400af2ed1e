import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeck } from '../../../src/core/deck/parse';
import { createExam, expandCloze, parseQuestion, questionDiagnostics, seededRandom } from '../../../src/core/exam';

const file = join(__dirname, '..', '..', '..', 'decks', 'exam-data-streaming.deck.md');
const text = readFileSync(file, 'utf8');
const deck = parseDeck(file, text);
const parsed = deck.cards.map((card) => ({ card, ...parseQuestion(card) }));
const choices = parsed.filter((p) => p.question.kind === 'single' || p.question.kind === 'multiple');

describe('exam deck: data streaming', () => {
  it('parses with the deck parser without diagnostics', () => {
    assert.deepEqual(deck.diagnostics, []);
  });

  it('has every question parse without exam diagnostics', () => {
    assert.deepEqual(deck.cards.flatMap((c) => questionDiagnostics(c, text).map((d) => `${c.id}: ${d.code} at ${d.line}`)), []);
  });

  it('has at least 40 multiple-choice / multiple-response questions, and some cloze cards', () => {
    assert.ok(choices.length >= 40, `${choices.length} choice questions`);
    assert.ok(choices.some((p) => p.question.kind === 'multiple'));
    assert.ok(parsed.filter((p) => p.question.kind === 'cloze').length >= 3);
    assert.equal(parsed.filter((p) => p.question.kind === 'plain').length, 0);
  });

  it('gives every card an explicit id, topic tags and an AWS source, and every choice an explanation', () => {
    for (const { card, question } of parsed) {
      assert.ok(card.explicitId, card.id);
      assert.match(card.id, /^exam-/);
      assert.ok(card.tags.length > 0, `${card.id} has no tags`);
      assert.match(card.source ?? '', /^https:\/\/(docs\.aws\.amazon\.com|docs\.amazonaws\.cn|aws\.amazon\.com)\//, card.id);
      if (question.kind === 'single' || question.kind === 'multiple') {
        assert.ok(question.explanation.length > 40, `${card.id} has no real explanation`);
        assert.ok(question.options.length >= 4, `${card.id} has ${question.options.length} options`);
      }
    }
  });

  it('covers the main topics', () => {
    const tags = new Set(deck.cards.flatMap((c) => c.tags));
    for (const t of ['data-streams', 'firehose', 'flink', 'producers', 'consumers', 'sizing', 'lambda']) assert.ok(tags.has(t), t);
  });

  it('uses current values, not the outdated ones', () => {
    assert.match(text, /8,760 hours/);
    assert.match(text, /0–900 seconds/);
    assert.match(text, /up to 500 records/);
    assert.doesNotMatch(text, /60-second minimum latency|up to 7 days of retention/i);
  });

  it('expands its cloze cards into review cards and builds a full exam from the deck', () => {
    const virtual = deck.cards.flatMap(expandCloze);
    assert.ok(virtual.some((c) => c.id === 'exam-cloze-shard-write::c2'));
    const exam = createExam({ cards: deck.cards.map((card) => ({ deck: 'exam', card })), count: 65, random: seededRandom(2026), now: 0 });
    assert.ok(exam.questions.length >= 45);
    assert.equal(exam.timeLimitMs, exam.questions.length * 120_000);
  });
});
