// Grades cards by key presses in the review webview and reads the webview's own User Timing
// entries (grade message sent → next card rendered), written by src/webview/review.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from '../../test/host/lib/workbench.mjs';

export default async function gradeTiming({ workbench, page }) {
  await workbench.showViewContainer('Flashcards');
  let frame;
  while (!frame) {
    for (const f of page.frames()) if (await f.locator('body[data-view="review"] main.card').count().catch(() => 0)) frame = f;
    if (!frame) await page.waitForTimeout(100);
  }
  const grades = 30;
  await frame.locator('button.reveal').focus();
  for (let i = 0; i < grades; i++) {
    const before = await frame.locator('main.card').getAttribute('data-card');
    await page.keyboard.press('Space');
    await frame.locator('button.grade-3').waitFor();
    await page.keyboard.press(String(1 + (i % 4)));
    await frame.locator(`main.card:not([data-card="${before}"]), main.card button.reveal`).first().waitFor();
    await frame.waitForFunction((n) => performance.getEntriesByName('flashcards:grade-to-card').length + performance.getEntriesByName('flashcards:grade-to-ack').length >= n, i + 1);
    // Wait for the host's confirmation too, as a person would not grade within the round trip.
    await frame.waitForFunction((n) => performance.getEntriesByName('flashcards:grade-to-ack').length >= n, i + 1);
  }
  const read = (name) => frame.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  writeFileSync(join(resultsDir, 'bench-grade.json'), JSON.stringify({ shown: await read('flashcards:grade-to-card'), acked: await read('flashcards:grade-to-ack') }));
}
