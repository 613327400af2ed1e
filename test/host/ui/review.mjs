// Review in the real workbench, driven by key presses inside the webview: reveal, grade, undo,
// persistence across a window reload, and separate progress for a second workspace.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultsDir } from '../lib/workbench.mjs';

/** The sidebar's review webview, once it shows a card. */
async function reviewFrame(workbench) {
  await workbench.showViewContainer('Flashcards');
  return workbench.frameWith('body[data-view="review"] main.card');
}

async function counts(frame) {
  const read = async (cls) => Number(await frame.locator(`.counts .count.${cls}`).textContent());
  return { new: await read('new'), learning: await read('learning'), due: await read('due') };
}

const question = (frame) => frame.locator('main.card .question').innerText();

export default async function review({ workbench, page, host, workspace, assert }) {
  let frame = await reviewFrame(workbench);
  const before = await counts(frame);
  assert.equal(before.new, 20, 'a fresh workspace offers the day\'s 20 new cards');
  const first = await question(frame);

  // Keyboard only: focus the card, Space reveals, 3 grades Good.
  await frame.locator('button.reveal').focus();
  await page.keyboard.press('Space');
  await frame.locator('main.card .answer p, main.card .answer li, main.card .answer pre').first().waitFor();
  assert.equal(await frame.locator('button.grade').count(), 4);
  assert.match(await frame.locator('button.grade-3').innerText(), /Good · \d+m/);
  await page.keyboard.press('3');
  await frame.locator('.counts .count.new', { hasText: String(before.new - 1) }).waitFor();
  const second = await question(frame);
  assert.notEqual(second, first, 'grading shows the next card');

  // Undo brings the graded card back and restores the count.
  await page.keyboard.press('u');
  await frame.locator('.counts .count.new', { hasText: String(before.new) }).waitFor();
  assert.equal(await question(frame), first);

  // Grade it again (Space reveals, Space = Good), then reload the window.
  await page.keyboard.press('Space');
  await frame.locator('button.grade-3').waitFor();
  await page.keyboard.press('Space');
  await frame.locator('.counts .count.new', { hasText: String(before.new - 1) }).waitFor();
  await workbench.screenshot(join(resultsDir, 'review-dark.png'));

  await page.reload();
  await workbench.whenRestored();
  frame = await reviewFrame(workbench);
  assert.equal((await counts(frame)).new, before.new - 1, 'progress survives a window reload');

  // Another workspace keeps its own progress.
  const other = mkdtempSync(join(tmpdir(), 'flashcards-ws2-'));
  cpSync(workspace, other, { recursive: true });
  const second2 = await host.openWindow({ workspace: other });
  try {
    const f2 = await reviewFrame(second2);
    assert.equal((await counts(f2)).new, 20, 'a second workspace starts with its own, untouched progress');
  } finally {
    await second2.page.close();
  }
}
