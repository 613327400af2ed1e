// Drives the VS Code web workbench in Debian's Chromium through playwright-core: opening a window,
// waiting for it, running commands, showing views, and screenshots. Used by run-suite.mjs and by
// UI scenarios (test/host/ui/*.mjs), which receive a `Workbench` for their page.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { root } from './vscode-server.mjs';

export const resultsDir = join(root, 'test-results');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A browser context whose storage (the workbench keeps its UI state and the extensions' global and
 * workspace state in IndexedDB) lives in `profileDir`, so a second session with the same profile
 * and the same server origin sees what the first one left. Closing the context closes the browser.
 */
export async function launchBrowser({ profileDir, headless = true } = {}) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const options = {
    executablePath,
    headless,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    // Signals are handled in vscode-server.mjs (onInterrupt), which closes the browser before it
    // exits; playwright's own handlers would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
  // An empty profileDir gives a temporary profile.
  return chromium.launchPersistentContext(profileDir ?? '', options);
}

/**
 * Opens a workbench window. `onLog(level, text)` receives the workbench console (which, during an
 * extension test run, includes the extension host's console); `onExit(code, logs)` is called when
 * a test run ends (the workbench's `codeAutomationExit` hook).
 */
export async function openWorkbench(context, url, { onLog, onExit } = {}) {
  const page = await context.newPage();
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    onLog?.(level, Array.isArray(args) ? format(...args) : String(args));
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    onExit?.(code, logs);
  });
  await page.goto(url);
  return new Workbench(page);
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Waits until the workbench has restored its editors and views (smoke-test driver hook). */
  async whenRestored(timeout = 60_000) {
    await this.page.waitForFunction(() => typeof window.driver?.whenWorkbenchRestored === 'function', null, { timeout });
    await this.page.evaluate(() => window.driver.whenWorkbenchRestored());
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
  }

  /** Runs a command by its title through the command palette (e.g. 'Flashcards: Reload Decks'). */
  async runCommand(title) {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.fill(`>${title}`, { timeout: 5_000 });
        break;
      } catch (err) {
        // Pressed from inside a webview, the palette can open and lose the focus to the webview
        // again at once (seen in a CI run: the input went inert, then hidden). Close, press again.
        if (attempt === 3) throw err;
        await this.page.keyboard.press('Escape');
      }
    }
    const item = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await item.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Opens a view container of the activity bar by its title (e.g. 'Flashcards') and waits for it. */
  async showViewContainer(title) {
    const item = this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
    await item.waitFor({ state: 'visible' });
    const selected = await item.evaluate((el) => (el.closest('.action-item') ?? el).classList.contains('checked'));
    if (!selected) await item.click();
    await this.page.locator('.sidebar .composite.title h2', { hasText: new RegExp(title, 'i') }).first().waitFor({ state: 'visible' });
  }

  /** The pane of view `name` (its header title, e.g. 'Decks') in the side bar. */
  view(name) {
    return this.page.locator('.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: name }) }).first();
  }

  /** The frame with the content of the first webview for which `predicate(frame)` holds. */
  async webviewFrame(predicate = () => true, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      // A webview is an outer iframe (VS Code's index.html) holding the extension's HTML in an inner
      // iframe named 'active-frame'. They are cross-origin, so poll from here.
      const frame = this.page.frames().find((f) => f.name() === 'active-frame' && predicate(f));
      if (frame) return frame;
      if (Date.now() > deadline) throw new Error(`no webview frame appeared within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * The first frame (any webview's content) in which `selector` matches, e.g.
   * 'body[data-view="exam"] .exam-verdict'. Webview frames are cross-origin and come and go, so
   * this polls from here until `timeout`.
   */
  async frameWith(selector, timeout = 60_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const f of this.page.frames()) {
        if (await f.locator(selector).count().catch(() => 0)) return f;
      }
      if (Date.now() > deadline) throw new Error(`no frame showed ${selector} within ${timeout} ms`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Presses `key` (playwright's spelling, e.g. 'Control+Alt+Shift+9') until `selector` shows in a
   * frame. For keybindings a scenario wrote to keybindings.json, which the workbench picks up
   * asynchronously: the first presses may do nothing.
   */
  async pressUntil(key, selector, timeout = 90_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press(key);
      try {
        return await this.frameWith(selector, 5_000);
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
    }
  }

  /**
   * Right-clicks `target` and runs the context-menu entry titled exactly `label`. A tree that
   * re-renders (progress landing, a deck reloading) can close the menu, or reopen it for another
   * row, before the entry is clicked; so the menu is closed for sure and opened again, up to
   * `attempts` times, and the error names the entries last seen.
   */
  async contextMenu(target, label, attempts = 4) {
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item:not(.disabled) .action-label').filter({ hasText: new RegExp(`^${label}$`) });
    let seen = [];
    for (let attempt = 1; ; attempt++) {
      await this.closeContextMenu();
      await target.click({ button: 'right' });
      try {
        await entry.first().click({ timeout: 5_000 });
        await menu.waitFor({ state: 'hidden', timeout: 5_000 });
        return;
      } catch (err) {
        seen = await menu.locator('.action-label').allTextContents().catch(() => []);
        if (attempt === attempts) {
          throw new Error(`the context menu never ran "${label}" in ${attempts} tries; last menu: [${seen.join(' | ')}] (${err.message.split('\n')[0]})`);
        }
        console.log(`[ui] context menu try ${attempt} did not run "${label}"; it showed [${seen.join(' | ')}]`);
      }
    }
  }

  /**
   * Closes an open context menu. Escape reaches the menu only while it has the focus, which a
   * webview can take; the modal block behind the menu closes it on a click in any case.
   */
  async closeContextMenu() {
    const block = this.page.locator('.context-view-block');
    if (!(await block.count())) return;
    await this.page.locator('.context-view .monaco-menu').press('Escape', { timeout: 2_000 }).catch(() => {});
    if (await block.count()) await block.click({ position: { x: 2, y: 2 }, timeout: 2_000 }).catch(() => {});
    await block.waitFor({ state: 'detached', timeout: 5_000 });
  }

  async screenshot(file) {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }
}
