// The Decks view in the real workbench: expand the seed deck, start a review of it with the inline
// Study button, grade two cards and watch the tree follow, suspend a card from the context menu,
// and save a screenshot (test-results/tree.png). Then, in a workspace without decks, the welcome
// view's "Create a Deck" (test-results/tree-welcome.png).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultsDir } from '../lib/workbench.mjs';

const SEED = 'Data Engineering Flashcards';

/** The review screen (a webview frame) whose scope is `label`, once it shows a card. */
const reviewFrame = (workbench, label) => workbench.frameWith(`body[data-view="review"]:has(.scope:text-is(${JSON.stringify(label)})) main.card`);

export default async function tree({ workbench, page, host, assert }) {
  await workbench.showViewContainer('Flashcards');
  const decks = workbench.view('Decks');
  // Deck rows are named "<title>: <counts>", card rows "<question>, <state>".
  const seed = decks.locator(`.monaco-list-row[aria-label^="${SEED}: "]`);
  await seed.waitFor({ state: 'visible', timeout: 60_000 });

  // Room for titles and counts: fold the Review view and widen the side bar.
  const reviewHeader = workbench.view('Review').locator('.pane-header');
  if ((await reviewHeader.getAttribute('aria-expanded')) === 'true') await reviewHeader.click();
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar && sidebar.width < 480) {
    const x = sidebar.x + sidebar.width + 1;
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 520 - sidebar.width, y, { steps: 8 });
    await page.mouse.up();
  }

  if ((await seed.getAttribute('aria-expanded')) !== 'true') await seed.click();
  const firstCard = decks.locator('.monaco-list-row[aria-label^="Kinesis - Data Streaming, "]');
  await firstCard.waitFor({ state: 'visible' });
  const cards = await decks.locator('.monaco-list-row[aria-level="3"]').count();
  assert.ok(cards >= 10, `expected the seed deck's cards under it, saw ${cards} rows`);
  assert.match(await seed.getAttribute('aria-label'), /\d+ (new|learning|due)/);

  // The inline Study button reviews this deck only.
  await seed.hover();
  const study = seed.locator('.actions .action-label[aria-label="Study Deck"]');
  await study.waitFor({ state: 'visible' });
  await study.click();
  const frame = await reviewFrame(workbench, SEED);

  // Two grades (Space reveals, 3 is Good); the tree counts them as they land. Other scenarios
  // share this window's workspace, so count from what is there now.
  const learningRows = decks.locator('.monaco-list-row[aria-level="3"][aria-label*=", learning"]');
  const learningBefore = await learningRows.count();
  for (let i = 0; i < 2; i++) {
    const before = await frame.locator('.counts .count.new').textContent();
    await frame.locator('button.reveal').focus();
    await page.keyboard.press('Space');
    await frame.locator('button.grade-3').waitFor();
    await page.keyboard.press('3');
    await frame.locator('.counts .count.new', { hasText: String(Number(before) - 1) }).waitFor();
  }
  await decks.locator(`.monaco-list-row[aria-label^="${SEED}: "][aria-label*="${learningBefore + 2} learning"]`).waitFor({ timeout: 10_000 });
  assert.equal(await learningRows.count(), learningBefore + 2, 'the two graded cards show as learning');

  // Suspend a card from its context menu.
  const producers = decks.locator('.monaco-list-row[aria-label^="Kinesis Producers, "]');
  await workbench.contextMenu(producers, 'Suspend Card');
  await decks.locator('.monaco-list-row[aria-label^="Kinesis Producers, suspended"]').waitFor({ timeout: 10_000 });

  await seed.hover();
  await study.waitFor({ state: 'visible' });
  await page.waitForTimeout(300); // the inline action fades in; wait it out so the picture is not caught mid-animation
  await workbench.screenshot(join(resultsDir, 'tree.png'));

  // Leave the seed deck as found for scenarios that run after this one.
  await workbench.contextMenu(producers, 'Unsuspend Card');
  await decks.locator('.monaco-list-row[aria-label^="Kinesis Producers, new"]').waitFor({ timeout: 10_000 });

  await welcome({ host, assert });
}

async function welcome({ host, assert }) {
  const empty = mkdtempSync(join(tmpdir(), 'flashcards-empty-'));
  const window = await host.openWindow({ workspace: empty });
  try {
    const page = window.page;
    await window.showViewContainer('Flashcards');
    const pane = window.view('Your Decks');
    const create = pane.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Create a Deck' }).first();
    await create.waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(await pane.locator('.welcome-view-content', { hasText: 'Import from Anki' }).count(), 'the welcome view offers the Anki import');
    await window.view('Decks').locator(`.monaco-list-row[aria-label^="${SEED}: "]`).waitFor({ state: 'visible', timeout: 30_000 });
    await page.mouse.move(700, 450); // no activity bar tooltip in the picture
    await window.screenshot(join(resultsDir, 'tree-welcome.png'));

    await create.click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('Kafka Basics');
    await page.keyboard.press('Enter');
    const deck = window.view('Decks').locator('.monaco-list-row[aria-label^="Kafka Basics: "]');
    await deck.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(existsSync(join(empty, 'kafka-basics.deck.md')), 'the deck file was written to the workspace');
    await pane.waitFor({ state: 'hidden', timeout: 10_000 });
  } finally {
    await window.page.close();
  }
}
