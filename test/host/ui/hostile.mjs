// Untrusted deck content in the real workbench. A workspace deck holds one card per hostile vector
// (test/support/hostileCorpus.ts: scripts, event handlers, javascript:/data:/vbscript:/command:
// links, SVG, iframes, CSS, obfuscated and broken HTML, huge content). Each card is shown in the
// review panel, the exam (questions and report), the tree (label and tooltip) and a code hover.
// Whatever runs leaves a marker (a global, an attribute, a message to the workbench window) and
// whatever loads hits a canary server; the scenario fails on either, on any element or attribute
// outside the Markdown allow-list, on command links other than the extension's own, and on a card
// whose layout spills out of the view or hides the controls.
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { resultsDir } from '../lib/workbench.mjs';
import { root } from '../lib/vscode-server.mjs';

const DECK_FILE = 'decks/hostile.deck.md';
/** Keybindings as VS Code and as playwright spell them. */
const EXAM_KEY = ['ctrl+alt+shift+8', 'Control+Alt+Shift+8'];
const REVIEW_KEY = ['ctrl+alt+shift+7', 'Control+Alt+Shift+7'];

/** Records every request; any request at all is a remote load a vector achieved. */
async function startCanary() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(204).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, hits, close: () => new Promise((r) => server.close(r)) };
}

/**
 * What a rendered card may contain: the elements markdown-it produces with HTML off, plus the task
 * boxes, and attributes without behaviour. Anything else came from the deck.
 */
const ALLOWED_TAGS = ['P', 'A', 'EM', 'STRONG', 'CODE', 'PRE', 'SPAN', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'HR', 'BR', 'S', 'DEL'];
const ALLOWED_ATTRIBUTES = ['href', 'class', 'title', 'aria-label', 'start'];
const allowed = (selector) => ({ selector, tags: ALLOWED_TAGS, attributes: ALLOWED_ATTRIBUTES });

/** Runs in a webview frame: problems in the card content under `selector`, plus run markers. */
function inspectContent({ selector, tags, attributes }) {
  const ALLOWED_TAGS = new Set(tags);
  const ALLOWED_ATTRIBUTES = new Set(attributes);
  const problems = [];
  if (self.__pwned !== undefined) problems.push(`script ran: self.__pwned = ${self.__pwned}`);
  const mark = document.documentElement.getAttribute('data-pwned');
  if (mark) problems.push(`script ran: data-pwned = ${mark}`);
  for (const root of document.querySelectorAll(selector)) {
    for (const el of root.querySelectorAll('*')) {
      if (!ALLOWED_TAGS.has(el.tagName)) problems.push(`element <${el.tagName.toLowerCase()}>`);
      for (const { name, value } of el.attributes) {
        if (!ALLOWED_ATTRIBUTES.has(name)) problems.push(`attribute ${name} on <${el.tagName.toLowerCase()}>`);
        if (name === 'href' && !/^(https?:|mailto:|#)/i.test(value)) problems.push(`link to ${value.slice(0, 60)}`);
      }
    }
  }
  // Outside the card: nothing but the page's own script (VS Code puts its style and script in <head>).
  for (const el of document.body.querySelectorAll('script:not([nonce]), iframe, object, embed, base, meta[http-equiv="refresh"], style, link:not([rel="stylesheet"])')) {
    problems.push(`page has <${el.tagName.toLowerCase()}>`);
  }
  return problems;
}

/** Runs in a webview frame: whether the view still works for a person (no spill, controls reachable). */
function inspectLayout(controls) {
  const problems = [];
  const doc = document.scrollingElement ?? document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`the page scrolls sideways (${doc.scrollWidth} px content in ${doc.clientWidth} px)`);
  for (const selector of controls) {
    const el = document.querySelector(selector);
    if (!el) {
      problems.push(`${selector} is missing`);
      continue;
    }
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4) problems.push(`${selector} has no size`);
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(el === hit || el.contains(hit))) problems.push(`${selector} is covered by ${hit ? `<${hit.tagName.toLowerCase()} class="${hit.className}">` : 'nothing (off screen)'}`);
  }
  return problems;
}

export default async function hostile({ host, assert }) {
  const { hostileVectors, hostileDeck, endOf, MARKER_BASE } = await tsImport(join(root, 'test', 'support', 'hostileCorpus.ts'), import.meta.url);
  const { parseDeck } = await tsImport(join(root, 'src', 'core', 'deck', 'parse.ts'), import.meta.url);
  const canary = await startCanary();
  const vectors = hostileVectors(canary.origin);
  const byId = new Map(vectors.map((v) => [v.id.toUpperCase(), v]));
  assert.ok(vectors.length >= 100, `at least 100 vectors (${vectors.length})`);

  const ws = mkdtempSync(join(tmpdir(), 'flashcards-hostile-'));
  // Workspace deck keys name the folder (vscode.workspace.asRelativePath with the folder).
  const DECK_KEY = `workspace:${basename(ws)}/${DECK_FILE}`;
  const deckText = hostileDeck(vectors);
  const deck = parseDeck(DECK_FILE, deckText);
  assert.equal(deck.cards.length, vectors.length, 'one card per vector');
  mkdirSync(join(ws, 'decks'));
  writeFileSync(join(ws, DECK_FILE), deckText);
  // A hover on `hostilevNNN` shows card vNNN (each card lists that word under `code`). Python: no
  // other hover provider in this VS Code, whose late results would hold the hover back.
  const probe = ['import boto3', '', "kinesis = boto3.client('kinesis')", ...vectors.map((v) => `probe_${v.id} = hostile${v.id}`), ''];
  writeFileSync(join(ws, 'probe.py'), probe.join('\n'));
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'flashcards.review.newCardsPerDay': 1000, 'workbench.hover.delay': 100 }, null, 2));

  const keybindings = join(host.userDataDir, 'User', 'keybindings.json');
  const previousKeybindings = existsSync(keybindings) ? readFileSync(keybindings, 'utf8') : undefined;
  // Keybindings are the one way to pass a command arguments from outside.
  writeFileSync(keybindings, JSON.stringify([
    { key: REVIEW_KEY[0], command: 'flashcards.startReview', args: { deckKey: DECK_KEY } },
    { key: EXAM_KEY[0], command: 'flashcards.startExam', args: { decks: [DECK_KEY], count: vectors.length, seed: 7, timeLimitMinutes: 600 } },
  ], null, 2));

  // Requests the browser makes to the canary, in case a load bypassed the network stack's origin.
  const browserHits = [];
  const onRequest = (request) => {
    if (request.url().startsWith(canary.origin)) browserHits.push(request.url());
  };
  host.context.on('request', onRequest);

  const workbench = await host.openWindow({ workspace: ws });
  const page = workbench.page;
  const tally = { review: 0, exam: 0, report: 0, tree: 0, hover: 0 };
  const seconds = {};
  let t0 = Date.now();
  const lap = (part) => {
    seconds[part] = Math.round((Date.now() - t0) / 1000);
    t0 = Date.now();
  };
  try {
    // Messages to the workbench window: a vector that ran in a webview tries `top.postMessage`.
    await page.evaluate(() => {
      window.__hostileMessages = [];
      window.addEventListener('message', (e) => {
        if (e.data && typeof e.data === 'object' && 'pwned' in e.data) window.__hostileMessages.push(e.data.pwned);
      }, true);
    });

    /** Fails with every marker, message and canary hit seen so far, named by vector. */
    const checkNothingRan = async (where) => {
      const found = [];
      const name = (marker) => {
        const v = vectors[Number(marker) - MARKER_BASE - 1];
        return v ? `${v.id} (${v.name})` : String(marker);
      };
      for (const m of await page.evaluate(() => window.__hostileMessages)) found.push(`message from ${name(m)}`);
      for (const frame of page.frames()) {
        const marks = await frame.evaluate(() => [self.__pwned, document.documentElement.getAttribute('data-pwned')]).catch(() => []);
        for (const m of marks.filter((x) => x !== undefined && x !== null)) found.push(`marker ${name(m)} in ${frame.name() || frame.url().slice(0, 80)}`);
      }
      for (const url of [...canary.hits, ...browserHits]) found.push(`remote load ${url}`);
      assert.deepEqual(found, [], `${where}: hostile content ran or loaded`);
    };

    // --- The review panel (editor) on this deck: every card, question and answer, graded Easy to move on.
    let frame = await workbench.pressUntil(REVIEW_KEY[1], 'body[data-view="review"]:has(.scope:has-text("Hostile Cards")) main.card');
    const seen = new Set();
    for (let i = 0; i < vectors.length; i++) {
      const question = await frame.locator('main.card .question').innerText();
      const id = /\bV\d{3}\b/.exec(question)?.[0];
      const v = byId.get(id);
      assert.ok(v, `card ${i + 1} is a corpus card: ${question.slice(0, 80)}`);
      assert.ok(!seen.has(id), `${id} shown twice`);
      seen.add(id);
      const layoutBefore = await frame.evaluate(inspectLayout, ['button.reveal']);
      assert.deepEqual(layoutBefore, [], `${id} (${v.name}), question side`);
      await frame.locator('button.reveal').focus();
      await page.keyboard.press('Space');
      await frame.locator('main.card .answer', { hasText: endOf(v) }).waitFor();
      const content = await frame.evaluate(inspectContent, allowed('main.card .question, main.card .answer'));
      assert.deepEqual(content, [], `${id} (${v.name}) in the review panel`);
      const layout = await frame.evaluate(inspectLayout, ['button.grade-1', 'button.grade-4']);
      assert.deepEqual(layout, [], `${id} (${v.name}), answer side`);
      tally.review++;
      // What a person sees: an overlay that tried to cover the view, shown as text in the card.
      if (v.name === 'full-screen overlay') await workbench.screenshot(join(resultsDir, 'hostile-review.png'));
      await frame.locator('button.grade-4').focus();
      await page.keyboard.press('4');
      if (i + 1 < vectors.length) await frame.locator('main.card .question', { hasNotText: id }).waitFor();
    }
    await checkNothingRan('review panel');
    lap('review');

    // --- The exam: every card as a question, then the report with every answer and explanation.
    await workbench.runCommand('View: Close All Editors');
    frame = await workbench.pressUntil(EXAM_KEY[1], 'body[data-view="exam"] main.exam-question');
    for (let n = 1; n <= vectors.length; n++) {
      await frame.locator('h2.exam-heading', { hasText: new RegExp(`^Question ${n}\\b`) }).waitFor();
      const prompt = await frame.locator('#exam-prompt').innerText();
      const id = /\bV\d{3}\b/.exec(prompt)?.[0];
      assert.ok(byId.has(id), `exam question ${n} is a corpus card: ${prompt.slice(0, 80)}`);
      if (await frame.locator('input.exam-blank:focus').count()) await page.keyboard.press('Escape');
      const reveal = frame.locator('button[data-action="reveal"]');
      if (await reveal.count()) {
        await reveal.click();
        await frame.locator('main.exam-question', { hasText: endOf(byId.get(id)) }).waitFor();
      }
      const content = await frame.evaluate(inspectContent, allowed('main.exam-question .markdown'));
      assert.deepEqual(content, [], `${id} (${byId.get(id).name}) as exam question ${n}`);
      const layout = await frame.evaluate(inspectLayout, ['button[data-action="next"], button[data-action="ask-submit"]']);
      assert.deepEqual(layout, [], `${id} (${byId.get(id).name}), exam question ${n}`);
      tally.exam++;
      if (n < vectors.length) await frame.locator('button[data-action="next"]').click();
    }
    await page.keyboard.press('s');
    await frame.locator('.exam-confirm button[data-action="submit"]').click();
    frame = await workbench.frameWith('body[data-view="exam"] .exam-verdict', 60_000);
    const wrong = frame.locator('article.exam-wrong');
    assert.equal(await wrong.count(), vectors.length, 'the report lists every unanswered question with its answer');
    const reportText = await frame.locator('.exam-wrong-list').innerText();
    for (const v of vectors) if (reportText.includes(endOf(v)) || reportText.includes(v.id.toUpperCase())) tally.report++;
    assert.equal(tally.report, vectors.length, 'every card shows up in the report');
    assert.deepEqual(await frame.evaluate(inspectContent, allowed('article.exam-wrong .markdown')), [], 'the exam report');
    assert.deepEqual(await frame.evaluate(inspectLayout, ['button[data-action="retry"]']), [], 'the exam report layout');
    await checkNothingRan('exam');
    lap('exam');
    await workbench.screenshot(join(resultsDir, 'hostile-exam-report.png'));
    await workbench.runCommand('View: Close All Editors');

    // --- The tree: every card row, and its tooltip.
    await workbench.showViewContainer('Flashcards');
    const decks = workbench.view('Decks');
    const reviewHeader = workbench.view('Review').locator('.pane-header');
    if ((await reviewHeader.getAttribute('aria-expanded')) === 'true') await reviewHeader.click();
    const deckRow = decks.locator('.monaco-list-row[aria-level="2"][aria-label^="Hostile Cards: "]');
    await deckRow.waitFor({ state: 'visible', timeout: 60_000 });
    await deckRow.click();
    if ((await deckRow.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    await decks.locator('.monaco-list-row[aria-level="3"]').first().waitFor();
    const tooltip = page.locator('.workbench-hover-container .hover-contents, .monaco-hover .hover-contents').last();
    for (let n = 0; n < vectors.length; n++) {
      await page.keyboard.press('ArrowDown');
      const row = decks.locator('.monaco-list-row.focused[aria-level="3"]');
      const label = await row.getAttribute('aria-label');
      const id = /\bV\d{3}\b/.exec(label ?? '')?.[0];
      assert.ok(byId.has(id), `tree row ${n + 1} is a corpus card: ${label}`);
      // The mouse opens the tooltip; the keyboard keeps the focus (and the scroll) in the tree. The
      // left end of the row, since the previous tooltip may cover the rest.
      await row.locator('.monaco-icon-label').hover({ position: { x: 12, y: 8 } });
      await page.locator('.workbench-hover-container, .monaco-hover').filter({ hasText: id }).first().waitFor();
      const bad = await tooltip.evaluate((el) => [...el.querySelectorAll('img, iframe, object, embed, script, style, svg:not(.codicon), a[href^="javascript:" i], [onerror], [onload]')].map((e) => e.outerHTML.slice(0, 80)));
      assert.deepEqual(bad, [], `${id} (${byId.get(id).name}) tooltip`);
      tally.tree++;
    }
    await checkNothingRan('tree');
    lap('tree');

    // --- Hovers: `hostilevNNN` in probe.py shows card vNNN; only the extension's commands are links.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('probe.py');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'probe.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    const hover = page.locator('.monaco-editor .monaco-hover:visible').filter({ hasText: /V\d{3}/ });
    for (const [i, v] of vectors.entries()) {
      await page.keyboard.press('Control+G');
      await page.keyboard.type(String(i + 4));
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      for (let k = 0; k < 2; k++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.filter({ hasText: v.id.toUpperCase() }).first().waitFor();
      const found = await hover.first().evaluate((el) => ({
        links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''),
        bad: [...el.querySelectorAll('img, iframe, object, embed, script, style, [onerror], [onload]')].map((e) => e.outerHTML.slice(0, 80)),
      }));
      assert.deepEqual(found.bad, [], `${v.id} (${v.name}) hover elements`);
      const foreign = found.links.filter((href) => href && !/^command:flashcards\.(reviewCard|openCard)\?/.test(href) && !/^https?:/.test(href));
      assert.deepEqual(foreign, [], `${v.id} (${v.name}) hover links`);
      assert.ok(found.links.some((href) => href.startsWith('command:flashcards.openCard')), `${v.id} hover links to its card`);
      await page.keyboard.press('Escape');
      tally.hover++;
    }
    await checkNothingRan('hover');
    lap('hover');

    // The allow-listed link works: "Open in deck" on the last hover opens the deck at that card.
    const last = vectors.at(-1);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.filter({ hasText: last.id.toUpperCase() }).locator('a', { hasText: 'Open in deck' }).click();
    await page.locator('.tab.active', { hasText: 'hostile.deck.md' }).waitFor();

    await checkNothingRan('the end');
    host.log(`hostile: ${vectors.length} vectors; shown in review ${tally.review}, exam ${tally.exam}, report ${tally.report}, tree ${tally.tree}, hover ${tally.hover}; ran 0, loaded 0 (${JSON.stringify(seconds)} s)`);
  } catch (err) {
    // host.mjs shoots the shared window; this one is the scenario's own.
    await workbench.screenshot(join(resultsDir, 'ui', 'hostile-window.png')).catch(() => {});
    throw err;
  } finally {
    host.context.off('request', onRequest);
    if (previousKeybindings === undefined) rmSync(keybindings, { force: true });
    else writeFileSync(keybindings, previousKeybindings);
    await workbench.page.close().catch(() => {});
    await canary.close();
    rmSync(ws, { recursive: true, force: true });
  }
}
