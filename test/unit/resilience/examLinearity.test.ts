import assert from 'node:assert/strict';
import { EXAM_SCALABLE_INPUTS } from '../../support/deckFuzz';
import { bestOfThree } from '../../support/linearity';

// An exam reads every card again, and a card's text must take linear time too: 10× the text,
// about 10× the time. As in linearity.test.ts, the ratio comes from the fastest runs in CPU time
// and is measured again (up to three times) when over a generous bound, so that a busy machine
// cannot make the test flake while quadratic scanning (≈ 100× here) still fails. The bench
// (`bench/resilience.ts`) checks the strict bound on the same inputs.
const SMALL = 5_000;
const GENEROUS = 25;

describe('resilience: the exam layer reads a card in time linear in its text', function () {
  this.timeout(120_000);

  for (const input of EXAM_SCALABLE_INPUTS) {
    it(`${input.name}: 10× the text takes at most ${GENEROUS}× the time`, () => {
      const small = input.make(SMALL);
      const large = input.make(10 * SMALL);
      const g = bestOfThree(input.read, small, large, GENEROUS);
      assert.ok(g.minRatio <= GENEROUS, `${g.largeMs.toFixed(2)} ms for ${large.length} chars vs ${g.smallMs.toFixed(3)} ms for ${small.length}: ${g.minRatio.toFixed(1)}×`);
    });
  }
});
