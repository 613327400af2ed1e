import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_DIAGNOSTICS } from '../../../src/core/deck/diagnostics';
import { fnv1a, normalizeForId, normalizedHash } from '../../../src/core/deck/ids';
import { parseDeck } from '../../../src/core/deck/parse';
import type { Deck } from '../../../src/core/deck/types';
import { expandCloze, scanClozes } from '../../../src/core/exam/cloze';
import { parseQuestion, questionDiagnostics } from '../../../src/core/exam/question';
import {
  FILE_NAMES,
  TRICKY_LINES,
  applyMutations,
  checkInput,
  deckProblems,
  generatedDeck,
  generatedDeckArb,
  lineLengths,
  mutatedDeckArb,
  positionProblems,
  shippedDecks,
} from '../../support/deckFuzz';

// Property-based fuzzing of the deck parsers and the exam layer on top of them. Every input must
// parse without an exception escaping, every diagnostic must point inside the file (1 ≤ line ≤
// lines, 1 ≤ column ≤ line length + 1, as VS Code counts them), and card ids must be non-empty and
// unique, cloze cards included. `bench/resilience.ts` runs the same checks on 100,000+ inputs.

const withoutCr = (text: string) => text.replace(/\r\n?/g, '\n');

/** Fails with the problems and a way to reproduce them. */
function assertClean(problems: string[], input: unknown): void {
  if (problems.length > 0) assert.fail(`${problems.slice(0, 5).join('\n')}\ninput: ${JSON.stringify(input).slice(0, 2000)}`);
}

describe('resilience: deck parser fuzzing', function () {
  this.timeout(60_000);

  it('the shipped decks pass every check under both parsers', () => {
    for (const deck of shippedDecks()) {
      for (const name of FILE_NAMES) assertClean(checkInput(name, deck.bytes), `${deck.name} as ${name}`);
    }
  });

  it('mutated shipped decks: byte flips, deleted and repeated lines, `##`, `<!--`, fences, `?`, CRLF, NUL, invalid UTF-8, huge lines', () => {
    const decks = shippedDecks();
    fc.assert(
      fc.property(mutatedDeckArb, ({ deck, mutations, name }) => {
        const bytes = applyMutations(decks[deck].bytes, mutations);
        assertClean(checkInput(name, bytes), { deck: decks[deck].name, name, mutations });
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('generated decks made of deck syntax, its near misses and arbitrary text', () => {
    fc.assert(
      fc.property(generatedDeckArb, ({ lines, crlf, name }) => {
        const text = generatedDeck(lines, crlf);
        assertClean(checkInput(name, text), { name, text });
        assertClean(checkInput(name, new TextEncoder().encode(text)), { name, text, bytes: true });
      }),
      { numRuns: 600, seed: 2 },
    );
  });

  it('arbitrary bytes and strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(...FILE_NAMES), (bytes, name) => {
        assertClean(checkInput(name, bytes), { name, bytes: [...bytes] });
      }),
      { numRuns: 300, seed: 3 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), fc.constantFrom(...FILE_NAMES), (text, name) => {
        assertClean(checkInput(name, text), { name, text });
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('the exam layer reads any card text: options, clozes and choose-hints without exceptions or bad positions', () => {
    const part = fc.array(fc.oneof(fc.constantFrom(...TRICKY_LINES), fc.string({ maxLength: 20 })), { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      // Card texts never hold a `\r`: the parsers turn every line break into `\n`.
      fc.property(part.map(withoutCr), part.map(withoutCr), (question, answer) => {
        const parts = { question: lineLengths(question), answer: lineLengths(answer) };
        const problems: string[] = [];
        for (const p of parseQuestion({ question, answer }).problems) problems.push(...positionProblems(p, parts[p.part], 0).map((x) => `${p.code}: ${x}`));
        for (const text of [question, answer]) {
          for (const d of scanClozes(text).deletions) if (d.start < 0 || d.end > text.length || d.start >= d.end) problems.push(`cloze at ${d.start}..${d.end}`);
        }
        const card = { id: 'c', explicitId: true, question: question || 'q', answer: answer || 'a', tags: [], code: [], line: 1, answerLine: 2 };
        const reviewIds = expandCloze(card).map((c) => c.id);
        if (new Set(reviewIds).size !== reviewIds.length) problems.push(`review ids ${reviewIds.join(', ')}`);
        assertClean(problems, { question, answer });
      }),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('the checks catch what they are meant to catch', () => {
    const text = '# T\n## Q\nA';
    const deck: Deck = parseDeck('x.deck.md', text);
    assert.deepEqual(deckProblems(deck, text), []);
    const broken = (change: (d: Deck) => void) => {
      const copy: Deck = structuredClone(deck);
      change(copy);
      return deckProblems(copy, text);
    };
    assert.match(broken((d) => d.diagnostics.push({ line: 4, column: 1, severity: 'error', message: 'm', code: 'c' })).join(), /line 4 outside 1\.\.3/);
    assert.match(broken((d) => d.diagnostics.push({ line: 0, column: 1, severity: 'error', message: 'm', code: 'c' })).join(), /line 0/);
    assert.match(broken((d) => d.diagnostics.push({ line: 3, column: 3, severity: 'error', message: 'm', code: 'c' })).join(), /column 3 outside 1\.\.2/);
    assert.match(broken((d) => d.diagnostics.push({ line: 2, column: 2, endColumn: 1, severity: 'error', message: 'm', code: 'c' })).join(), /endColumn 1/);
    assert.match(broken((d) => (d.cards[0].id = '')).join(), /empty id/);
    assert.match(broken((d) => d.cards.push({ ...d.cards[0] })).join(), /used twice/);
  });

  it('positions count lines the way VS Code does, a lone CR included', () => {
    // Line 3 holds the bad id whether lines end in \n, \r\n or a lone \r.
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['# T', '## Q', '<!-- id: bad id! -->', 'A'].join(eol);
      const deck = parseDeck('x.deck.md', text);
      assert.deepEqual(deckProblems(deck, text), []);
      const invalid = deck.diagnostics.find((d) => d.code === 'invalid-id');
      assert.deepEqual(invalid && [invalid.line, invalid.column], [3, 10], JSON.stringify(eol));
      assert.equal(deck.cards[0].answer, 'A');
    }
  });

  it('a file with a problem on every line reports the first 1,000 and says so, keeping the worst severity', () => {
    const text = ['# T', '## Q', '<!-- id: a -->', 'A', ...Array.from({ length: 5000 }, (_, i) => `# extra ${i}`), '## Q2', '<!-- id: a -->', 'B'].join('\n');
    const deck = parseDeck('x.deck.md', text);
    assert.deepEqual(deckProblems(deck, text), []);
    assert.equal(deck.diagnostics.length, MAX_DIAGNOSTICS + 1);
    const last = deck.diagnostics[MAX_DIAGNOSTICS];
    assert.equal(last.code, 'too-many-problems');
    assert.equal(last.line, 5 + MAX_DIAGNOSTICS, 'placed at the first problem left out');
    assert.equal(last.severity, 'error', 'the duplicate id left out is an error');
    const seed = parseDeck('x.cards.txt', ['T', ...Array.from({ length: 3000 }, (_, i) => `${i + 1}\nQ\nq${i}`)].join('\n'));
    assert.equal(seed.diagnostics.length, MAX_DIAGNOSTICS + 1);
    assert.equal(seed.diagnostics[MAX_DIAGNOSTICS].severity, 'error');
  });

  it('an author id cannot take the id of another card’s cloze deletion', () => {
    const text = '# T\n## One\n<!-- id: a -->\nThe {{c1::answer}}\n## Two\n<!-- id: a::c1 -->\nplain\n';
    const deck = parseDeck('x.deck.md', text);
    assert.deepEqual(deckProblems(deck, text), []);
    assert.ok(deck.diagnostics.some((d) => d.code === 'invalid-id' && d.line === 6));
    assert.deepEqual(deck.cards.flatMap(expandCloze).map((c) => c.id).sort(), ['a::c1', deck.cards[1].id].sort());
  });

  it('derived ids hash the normalised question exactly as before, without copying it', () => {
    const chars = ['a', 'Z', '\u03a3', '\u03c3', '\ufeff', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u180e', '\u0130', '\u00df', '\u0301', "'", '1', '\ud83d\ude00', '\ud800'];
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.constantFrom(...chars), { maxLength: 30 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        assert.equal(normalizedHash(text), fnv1a(normalizeForId(text)));
      }),
      { numRuns: 3000, seed: 6 },
    );
    const seed = parseDeck('x.cards.txt', shippedDecks()[0].bytes);
    assert.equal(seed.cards[0].id, 'q-3af0d276', 'ids of the shipped seed deck are unchanged');
  });

  // `questionDiagnostics` once mapped every card as Markdown (`## ` heading, `?` line), and took a
  // line of only U+FEFF or NBSP for blank where the parsers keep it as text: its diagnostics could
  // point past the end of a line or of the file.
  it('exam diagnostics point at the line of the problem, in seed text and past invisible white space', () => {
    const cases: [string, string, string[]][] = [
      ['x.cards.txt', 'T\n1\nQ\n- [x] A\n{{c1::open\nA\nanswer\n', ['option-in-question@4:1', 'unclosed-cloze@5:1']],
      ['x.cards.txt', 'T\n1\nQ\n\n- [x] A\nA\n\n\nanswer {{c1:x}}\n', ['option-in-question@5:1', 'malformed-cloze@9:8']],
      ['x.deck.md', '## !\n\ufeff\n- [ ] ', ['too-few-options@3:1', 'no-correct-option@3:1', 'empty-option@3:1']],
      ['x.deck.md', '# T\n## Pick\n\u00a0\nWhich? (Choose two.)\n\u00a0\n?\n\n\u00a0\n- [x] a\n- [ ] b\n', ['choose-count-mismatch@4:8']],
      // A heading of only `#`s has no text: the question is the text above `?`.
      ['x.deck.md', '# T\n## ###\n<!-- id: e -->\n\nWhich? (Choose two.)\n\n?\n- [x] a\n- [ ] b\n', ['choose-count-mismatch@5:8']],
    ];
    for (const [file, text, expected] of cases) {
      const deck = parseDeck(file, text);
      const found = deck.cards.flatMap((card) => questionDiagnostics(card, text, deck.format));
      assert.deepEqual(found.map((d) => `${d.code}@${d.line}:${d.column}`).sort(), expected.sort(), JSON.stringify(text));
      assert.deepEqual(found.flatMap((d) => positionProblems(d, lineLengths(text))), [], JSON.stringify(text));
    }
  });
});
