#!/usr/bin/env node
// Screenshots of what a person sees, in the real VS Code: the deck tree with the seed deck
// expanded, the review panel with an answer shown, and a hover over CDK code, in the light
// and dark themes. Writes docs/images/*.png.
//   node scripts/build.mjs && node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../test/host/lib/host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'images');
mkdirSync(out, { recursive: true });

const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

async function reviewFrame(page) {
  for (;;) {
    for (const f of page.frames()) if (await f.locator('body[data-view="review"] main.card').count().catch(() => 0)) return f;
    await page.waitForTimeout(100);
  }
}

for (const [name, theme] of Object.entries(themes)) {
  const host = await startHost({ settings: { 'workbench.colorTheme': theme }, out: { write: () => true } });
  try {
    const wb = await host.openWindow({ workspace: join(root, 'samples') });
    const page = wb.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await wb.showViewContainer('Flashcards');
    // Expand the seed deck in the tree.
    const deck = wb.view('Decks').locator('.monaco-list-row', { hasText: 'Data Engineering Flashcards' }).first();
    await deck.waitFor();
    await deck.click();
    await page.keyboard.press('ArrowRight');
    await wb.view('Decks').locator('.monaco-list-row', { hasText: 'Kinesis Streams' }).first().waitFor();
    // Show an answer in the review view, by keyboard.
    const frame = await reviewFrame(page);
    await frame.locator('button.reveal').focus();
    await page.keyboard.press('Space');
    await frame.locator('button.grade-3').waitFor();
    await wb.screenshot(join(out, `review-${name}.png`));

    // A hover over CDK code.
    await page.keyboard.press('Control+P');
    await page.keyboard.type('ingest-stack.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ingest-stack.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const word = page.locator('.monaco-editor .view-line span', { hasText: /^shardCount$/ }).first();
    await word.waitFor();
    await word.hover();
    await page.locator('.monaco-hover-content', { hasText: 'shard' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot(join(out, `hover-${name}.png`));
    await page.close();
  } finally {
    await host.close();
  }
  console.log(`screenshots: ${name}`);
}
