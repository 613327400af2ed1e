#!/usr/bin/env node
// Screenshots of what a person sees, in the real VS Code, in the light, dark and both
// high-contrast themes: the deck tree with the seed deck expanded beside the review panel with an
// answer shown, a hover over CDK code, an exam question and an exam report. Writes
// docs/images/<view>-<theme>.png.
//   node scripts/build.mjs && node scripts/screenshots.mjs [light|dark|hc-dark|hc-light]...
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../test/host/lib/host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'images');
mkdirSync(out, { recursive: true });

// High contrast is reached the way a person gets it: the system asks for forced colours, and VS
// Code follows with its high-contrast theme (a high-contrast workbench.colorTheme alone is not
// applied by this VS Code server). Chromium then forces the colours inside the webviews too.
const themes = {
  light: { settings: { 'workbench.colorTheme': 'Default Light Modern' }, workbench: 'vs' },
  dark: { settings: { 'workbench.colorTheme': 'Default Dark Modern' }, workbench: 'vs-dark' },
  'hc-dark': { media: { forcedColors: 'active', colorScheme: 'dark' }, workbench: 'hc-black' },
  'hc-light': {
    settings: { 'workbench.preferredHighContrastLightColorTheme': 'Default High Contrast Light' },
    media: { forcedColors: 'active', colorScheme: 'light' },
    workbench: 'hc-light',
  },
};
const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in themes)) throw new Error(`unknown theme ${name}; known: ${Object.keys(themes).join(', ')}`);

// The exam is started with arguments, which only a keybinding can pass from outside.
const EXAM_KEY = 'ctrl+alt+shift+9';
const exam = { decks: ['builtin:exam-data-streaming.deck.md'], count: 5, seed: 18 };

for (const [name, theme] of Object.entries(themes)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const host = await startHost({ settings: theme.settings, out: { write: () => true } });
  try {
    writeFileSync(join(host.userDataDir, 'User', 'keybindings.json'), JSON.stringify([{ key: EXAM_KEY, command: 'flashcards.startExam', args: exam }]));
    const wb = await host.openWindow({ workspace: join(root, 'samples') });
    const page = wb.page;
    if (theme.media) {
      // Emulated from the first paint on: a change after start-up is not always followed.
      await page.emulateMedia(theme.media);
      await page.reload();
      await wb.whenRestored();
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // The theme can arrive seconds after the workbench is up (it waits for the theme extension).
    await page.locator(`.monaco-workbench.${theme.workbench}[class*="vscode-theme-"]`).waitFor({ timeout: 30_000 });
    await wb.showViewContainer('Flashcards');
    // Expand the seed deck in the tree.
    const deck = wb.view('Decks').locator('.monaco-list-row', { hasText: 'Data Engineering Flashcards' }).first();
    await deck.waitFor();
    await deck.click();
    await page.keyboard.press('ArrowRight');
    await wb.view('Decks').locator('.monaco-list-row', { hasText: 'Kinesis Streams' }).first().waitFor();
    // Show an answer in the review view, by keyboard.
    const review = await wb.frameWith('body[data-view="review"] main.card');
    await review.locator('button.reveal').focus();
    await page.keyboard.press('Space');
    await review.locator('button.grade-3').waitFor();
    await wb.screenshot(join(out, `review-${name}.png`));

    // A hover over CDK code.
    await page.keyboard.press('Control+P');
    await page.keyboard.type('ingest-stack.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ingest-stack.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The innermost token span that starts with the word: themes that colour the colon like the
    // name merge the two into one span.
    const word = page.locator('.monaco-editor .view-line span > span', { hasText: /^shardCount\b/ }).first();
    await word.waitFor();
    await word.hover({ position: { x: 12, y: 6 } });
    await page.locator('.monaco-hover-content', { hasText: 'shard' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot(join(out, `hover-${name}.png`));

    // An exam question with option A chosen, by keyboard; then submit the exam (S, Enter past
    // the unanswered-question warning) and show the report with its topic table.
    await page.mouse.move(640, 780); // away from the hover
    const question = await wb.pressUntil('Control+Alt+Shift+9', 'body[data-view="exam"] main.exam-question');
    await page.keyboard.press('a');
    await question.locator('button.exam-option[data-index="0"][aria-pressed="true"]').waitFor();
    await wb.runCommand('View: Close Primary Side Bar');
    await question.locator('main.exam-question').focus();
    await wb.screenshot(join(out, `exam-question-${name}.png`));
    await page.keyboard.press('s');
    await question.locator('.exam-confirm button[data-action="submit"]:focus').waitFor();
    await page.keyboard.press('Enter');
    const report = await wb.frameWith('body[data-view="exam"] .exam-verdict');
    await report.locator('.exam-topics details summary').click();
    await report.locator('table.exam-topic-table').waitFor({ state: 'visible' });
    await wb.screenshot(join(out, `exam-report-${name}.png`));
    await page.close();
  } finally {
    await host.close();
  }
  console.log(`screenshots: ${name}`);
}
