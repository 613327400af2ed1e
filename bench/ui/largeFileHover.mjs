// Large files in the real workbench, driven like a person would: open the file with Quick Open, put
// the cursor on a word (Go to Line/Column), show the hover with the keyboard (Ctrl+K Ctrl+I,
// editor.action.showHover) and wait for the card in `.monaco-hover`. Then type keys into a freshly
// opened copy of the bundle, which the extension is indexing, and into a control of the same size it
// does not index, timing each key from the renderer's keydown to the editor's DOM update. Writes
// test-results/bench-large-ui.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from '../../test/host/lib/workbench.mjs';

/** Opens `name` with Quick Open; returns when Enter was first pressed and how many tries it took. */
async function quickOpen(page, name) {
  const input = page.locator('.quick-input-widget input');
  const tab = page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`);
  let t0;
  // On a loaded machine Enter sometimes reaches the picker before its list does, and is lost.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    t0 ??= Date.now();
    await page.keyboard.press('Enter');
    try {
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
      return { t0, attempts: attempt };
    } catch (err) {
      if (attempt === 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function goTo(page, line, column) {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  // Enter before the picker has read the input is ignored.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `column ${column}` }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Ctrl+K Ctrl+I until the hover shows `text` (a first hover may come before the index is ready and be closed by a re-render). */
async function hoverShows(page, text, timeout = 90_000) {
  const deadline = Date.now() + timeout;
  const card = page.locator('.monaco-hover', { hasText: text }).first();
  for (;;) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    try {
      await card.waitFor({ state: 'visible', timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

/** Latency of each of `keys` key presses, from keydown in the renderer to the editor's lines changing. */
async function typingLatencies(page, keys, gapMs) {
  await page.evaluate(() => {
    // The editor that has the keyboard focus, i.e. the file just opened.
    const lines = document.activeElement?.closest('.monaco-editor')?.querySelector('.view-lines');
    if (!lines) throw new Error(`no focused editor (focus is on ${document.activeElement?.className})`);
    const state = { latencies: [], pending: undefined };
    window.__flashcardsTyping = state;
    window.addEventListener('keydown', (e) => (state.pending = e.timeStamp), true);
    new MutationObserver(() => {
      if (state.pending === undefined) return;
      state.latencies.push(performance.now() - state.pending);
      state.pending = undefined;
    }).observe(lines, { subtree: true, childList: true, characterData: true });
  });
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press('x');
    await page.waitForTimeout(gapMs);
  }
  return page.evaluate(() => window.__flashcardsTyping.latencies);
}

export default async function largeFileHover({ page, workspace, assert }) {
  const spec = JSON.parse(readFileSync(join(workspace, 'bench-spec.json'), 'utf8'));
  const hovers = [];
  for (const file of spec.ui) {
    const { t0, attempts } = await quickOpen(page, file.name);
    const shownMs = Date.now() - t0;
    try {
      await goTo(page, file.line, file.column);
      await hoverShows(page, file.expect, file.alreadyOpen ? 15_000 : 90_000);
      hovers.push({ ...file, shownMs, hoverMs: Date.now() - t0, attempts });
    } catch (err) {
      // Far along the one-line bundle the editor may not render the word at all: record, do not fail.
      if (!file.alreadyOpen) throw err;
      hovers.push({ ...file, shownMs, failed: String(err?.message ?? err).split('\n')[0] });
    }
    await page.keyboard.press('Escape');
  }

  const results = join(resultsDir, 'bench-large-ui.json');
  writeFileSync(results, JSON.stringify({ hovers }, null, 2));

  const typing = [];
  for (const typed of spec.typing) {
    const { t0, attempts } = await quickOpen(page, typed.name);
    // A click puts the keyboard in this editor whatever had it before; Ctrl+Home then goes to the start.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 20, y: 8 } });
    await page.keyboard.press('Control+Home');
    const startMs = Date.now() - t0;
    const latencies = await typingLatencies(page, typed.keys, typed.gapMs);
    assert.equal(latencies.length, typed.keys, `every key press should change the editor (${latencies.length} of ${typed.keys} seen)`);
    typing.push({ ...typed, startMs, attempts, latencies });
    writeFileSync(results, JSON.stringify({ hovers, typing }, null, 2));
  }
}
