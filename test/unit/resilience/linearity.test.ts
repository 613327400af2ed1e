import assert from 'node:assert/strict';
import { parseDeck } from '../../../src/core/deck/parse';
import { SCALABLE_INPUTS, bestOfThree, contentOf, growth } from '../../support/linearity';

// 10× the text must take about 10× the time. The bench (`bench/resilience.ts`) checks the strict
// bound (≤ 12×, 200 KB → 2 MB, medians of more runs). Here the bound is generous, the ratio comes
// from the fastest runs in CPU time, and a ratio over it is measured again (up to three times) so
// that a busy machine cannot make the test flake, while a quadratic parser (≈ 100×) still fails.
// Both sizes above V8's large-object size (128 KB): a string or array past it is allocated apart,
// at a higher cost per byte, and a small input below it would make every linear step look 2–5×
// slower at the large size.
const SMALL = 150_000;
const GENEROUS = 25;

describe('resilience: parse time grows linearly with the deck', function () {
  this.timeout(120_000);

  // `benchOnly` inputs repeat what a cheaper one checks (derived ids: the repeated seed deck).
  for (const input of SCALABLE_INPUTS.filter((i) => !i.benchOnly)) {
    it(`${input.name}: 10× the text takes at most ${GENEROUS}× the time`, () => {
      const small = contentOf(input, SMALL);
      const large = contentOf(input, 10 * SMALL);
      const g = bestOfThree((content) => parseDeck(input.file, content), small, large, GENEROUS);
      assert.ok(g.minRatio <= GENEROUS, `${g.largeMs.toFixed(1)} ms for ${large.length} chars vs ${g.smallMs.toFixed(2)} ms for ${small.length}: ${g.minRatio.toFixed(1)}×`);
    });
  }

  it('the measure tells linear from quadratic', () => {
    let sink = 0;
    const pass = (t: string, from: number) => {
      for (let j = from; j < t.length; j++) sink += t.charCodeAt(j);
    };
    const linear = bestOfThree((t: string) => pass(t, 0), 'x'.repeat(20_000), 'x'.repeat(200_000), GENEROUS);
    const quadratic = growth('quadratic', (t) => {
      for (let i = 0; i < t.length; i += 50) pass(t, i);
    }, 'x'.repeat(4_000), 'x'.repeat(40_000), 3);
    assert.ok(sink > 0);
    assert.ok(quadratic.minRatio > GENEROUS, `quadratic measured ${quadratic.minRatio.toFixed(1)}×`);
    assert.ok(linear.minRatio <= GENEROUS, `linear measured ${linear.minRatio.toFixed(1)}×`);
  });
});
