import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importAnkiText } from '../../../src/core/anki';
import { parseDeck } from '../../../src/core/deck/parse';
import { mutationArb, applyMutations } from '../../support/deckFuzz';
import { ANKI_SAMPLES, FILE_NAMES, LANGUAGE_IDS, ankiProblems, codeProblems, codeSamples, importProblems } from '../../support/otherFuzz';

// The two other readers of untrusted text: the code matcher behind hovers runs on every document
// the user opens, the Anki importer on any file the user picks. Neither may throw, and what they
// produce must point inside the input (hovers, diagnostics) or read back cleanly (imported decks).
const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe('resilience: code matcher and Anki importer fuzzing', function () {
  this.timeout(60_000);

  it('the code matcher indexes mutated CDK, SDK, KCL and CloudFormation files and hovers anywhere in them', () => {
    const samples = codeSamples();
    assert.ok(samples.length >= 10);
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(...LANGUAGE_IDS)),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (which, mutations, otherLanguage, at) => {
          const sample = samples[which];
          const text = decoder.decode(applyMutations(sample.bytes, mutations));
          const offsets = at.map((f) => Math.floor(f * text.length));
          const problems = codeProblems(text, otherLanguage ?? sample.languageId, sample.fileName, offsets);
          if (problems.length) assert.fail(`${problems.slice(0, 3).join('\n')}\n${JSON.stringify({ sample: sample.name, mutations, otherLanguage, offsets })}`);
        },
      ),
      { numRuns: 150, seed: 21 },
    );
  });

  it('the code matcher takes arbitrary text in every language and manifest name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...LANGUAGE_IDS), fc.constantFrom(...FILE_NAMES), (text, languageId, fileName) => {
        assert.deepEqual(codeProblems(text, languageId, fileName, [0, text.length >> 1, text.length]), []);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it('the Anki importer takes mutated exports, and the deck it writes reads back with no error', () => {
    fc.assert(
      fc.property(fc.nat({ max: ANKI_SAMPLES.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (which, mutations, csv) => {
        const text = decoder.decode(applyMutations(encoder.encode(ANKI_SAMPLES[which]), mutations, 3000));
        const problems = ankiProblems(text, csv ? 'export.csv' : 'export.txt');
        if (problems.length) assert.fail(`${problems.join('\n')}\n${JSON.stringify(text)}`);
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it('the checks catch what they are meant to catch', () => {
    assert.deepEqual(ankiProblems('front\tback\n'), []);
    const imported = importAnkiText('front\tback\n');
    assert.match(importProblems('front\tback\n', { ...imported, markdown: '# T\n\n## front\u0000\nback\n' }).join(), /NUL/);
    assert.match(importProblems('front\tback\n', { ...imported, markdown: '# T\n\n## #\nback\n' }).join(), /empty-question.*1 cards, the written deck has 0/);
    assert.match(importProblems('front\tback\n', { ...imported, problems: [{ row: 1, line: 3, severity: 'error', message: 'm' }] }).join(), /line 3 of 2/);
    assert.deepEqual(codeProblems('const s = new kinesis.Stream(this, "S", { shardCount: 2 });', 'typescript', 'stack.ts', [30]), []);
  });

  it('the Anki importer writes decks the parser reads back: NUL and `#`-only fronts', () => {
    for (const text of ['Front\u0000text\tBack\n', '#\tanswer\n', '##\tanswer\n', '# #\tanswer\n', '#html:true\n&#35;\t<b>x</b>\n']) {
      const imported = importAnkiText(text);
      const deck = parseDeck('imported.deck.md', imported.markdown);
      assert.deepEqual(deck.diagnostics.filter((d) => d.severity === 'error'), [], JSON.stringify(text));
      assert.equal(imported.cards, 1, JSON.stringify(text));
      assert.equal(deck.cards.length, 1, JSON.stringify(text));
    }
  });
});
