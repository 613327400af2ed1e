// Runs inside a real VS Code extension host, with test/host/fixtures/workspace open (the default of
// test/host/run.mjs). Checks the extension's foundation end to end: activation, the public API,
// built-in and workspace deck loading, and diagnostics for a malformed deck.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'data-eng-study.data-engineering-flashcards';

/** Mirrors the object `activate()` returns (src/vscode/extension.ts). */
interface FlashcardsApi {
  ready(): Promise<void>;
  decks(): DeckSummary[];
  activationMs: number;
}

interface DeckSummary {
  uri: string;
  title: string;
  origin: 'builtin' | 'workspace';
  cards: number;
  /** 1-based, like DeckDiagnostic in src/core/deck/types.ts. */
  diagnostics: Array<{ line: number; column: number; severity: 'error' | 'warning' | 'info'; message: string; code: string }>;
}

/** 0-based lines of the mistakes in fixtures/workspace/broken.deck.md (see the comments there). */
const BROKEN = {
  emptyAnswer: 11, // `## Card with no answer`: the heading of the card whose answer is empty
  duplicateId: 18, // `id: shard` in the third card, already used by the first
  unknownKey: 25, // `tgas: firehose`
};

let apiPromise: Promise<FlashcardsApi> | undefined;

/** Activates the extension once for the whole suite and waits until its decks are loaded. */
function getApi(): Promise<FlashcardsApi> {
  apiPromise ??= (async () => {
    const ext = vscode.extensions.getExtension<FlashcardsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    const started = Date.now();
    const api = await ext.activate();
    assert.ok(api && typeof api.ready === 'function', 'activate() must return the FlashcardsApi object');
    await api.ready();
    console.log(`      activate(): ${api.activationMs.toFixed(1)} ms inside activate(); decks ready ${Date.now() - started} ms after activate() was requested`);
    return api;
  })();
  return apiPromise;
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (test/host/run.mjs opens test/host/fixtures/workspace by default)');
  return folder.uri;
}

function sameUri(a: string, b: vscode.Uri): boolean {
  return vscode.Uri.parse(a).toString() === b.toString();
}

function findDeck(api: FlashcardsApi, uri: vscode.Uri): DeckSummary {
  const deck = api.decks().find((d) => sameUri(d.uri, uri));
  assert.ok(deck, `no deck loaded for ${uri.toString()}; loaded: ${api.decks().map((d) => d.uri).join(', ')}`);
  return deck;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the flashcards diagnostics of `uri` once `done` accepts them; fails after `ms`. */
function waitForDiagnostics(uri: vscode.Uri, done: (d: vscode.Diagnostic[]) => boolean, ms = 20_000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'flashcards');
  return new Promise((resolve, reject) => {
    const check = () => {
      const diags = current();
      if (!done(diags)) return false;
      cleanup();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for diagnostics on ${uri.toString()}; have: ${formatDiagnostics(current())}`));
    }, ms);
    const cleanup = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

function formatDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(none)';
  return diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${vscode.DiagnosticSeverity[d.severity]} ${String(d.code ?? '')} ${d.message}`).join(' | ');
}

describe('foundation', function () {
  it('the extension is installed and activates with its API', async () => {
    const api = await getApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension should be active');
    assert.strictEqual(typeof api.decks, 'function');
    assert.strictEqual(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs should be a duration, got ${api.activationMs}`);
  });

  it('loads the built-in seed deck with 16 cards and no errors', async () => {
    const api = await getApi();
    const seed = api.decks().find((d) => d.origin === 'builtin' && vscode.Uri.parse(d.uri).path.endsWith('/decks/data-engineering-flashcards.txt'));
    assert.ok(seed, `built-in seed deck missing; loaded: ${api.decks().map((d) => `${d.origin}:${d.uri}`).join(', ')}`);
    assert.strictEqual(seed.cards, 16);
    const errors = seed.diagnostics.filter((d) => d.severity === 'error');
    assert.deepStrictEqual(errors, [], 'the seed deck should parse without errors');
  });

  it('registers every command it contributes, and the flashcards view container', async () => {
    await getApi();
    const contributed: string[] = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.includes('flashcards.reloadDecks'), 'package.json should contribute flashcards.reloadDecks');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = [...contributed, 'workbench.view.extension.flashcards', 'flashcards.decks.focus', 'flashcards.review.focus'].filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], 'commands contributed or implied by package.json but not registered after activation');
  });

  describe('fixture workspace', function () {
    let root: vscode.Uri;

    before(async function () {
      root = workspaceRoot();
      const fixture = (await exists(vscode.Uri.joinPath(root, 'decks', 'team.deck.md'))) && (await exists(vscode.Uri.joinPath(root, 'broken.deck.md')));
      if (!fixture) {
        console.log(`      (skipped: ${root.fsPath} is not test/host/fixtures/workspace)`);
        this.skip();
      }
    });

    it('loads the valid workspace deck with its 3 cards', async () => {
      const api = await getApi();
      const uri = vscode.Uri.joinPath(root, 'decks', 'team.deck.md');
      const deck = findDeck(api, uri);
      assert.strictEqual(deck.origin, 'workspace');
      assert.strictEqual(deck.title, 'Team Streaming Deck');
      assert.strictEqual(deck.cards, 3);
      assert.deepStrictEqual(deck.diagnostics.filter((d) => d.severity === 'error'), []);
      const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'flashcards');
      assert.strictEqual(diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0, formatDiagnostics(diags));
    });

    it('reports the malformed deck through VS Code diagnostics while the other decks still load', async () => {
      const api = await getApi();
      const uri = vscode.Uri.joinPath(root, 'broken.deck.md');
      const expectedLines = Object.values(BROKEN);
      const diags = await waitForDiagnostics(uri, (d) => expectedLines.every((line) => d.some((x) => x.range.start.line === line)));
      console.log(`      broken.deck.md: ${formatDiagnostics(diags)}`);

      const at = (line: number) => diags.filter((d) => d.range.start.line === line);
      const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;
      assert.ok(at(BROKEN.emptyAnswer).some(isError), `expected an error for the empty answer on line ${BROKEN.emptyAnswer}: ${formatDiagnostics(diags)}`);
      assert.ok(at(BROKEN.duplicateId).some(isError), `expected an error for the duplicate id on line ${BROKEN.duplicateId}: ${formatDiagnostics(diags)}`);
      // An unknown key may be a warning (forward compatibility) or an error; it must be reported on its line.
      assert.ok(
        at(BROKEN.unknownKey).some((d) => d.severity <= vscode.DiagnosticSeverity.Warning),
        `expected an error or warning for the unknown key on line ${BROKEN.unknownKey}: ${formatDiagnostics(diags)}`,
      );

      // The API reports the same problems, 1-based.
      const deck = findDeck(api, uri);
      for (const line of expectedLines) {
        assert.ok(deck.diagnostics.some((d) => d.line === line + 1), `api.decks() should report line ${line + 1} of broken.deck.md (1-based)`);
      }
      // Its good cards still load (at least the first and last), and so does everything else.
      assert.ok(deck.cards >= 2, `broken.deck.md should keep its valid cards, got ${deck.cards}`);
      assert.strictEqual(findDeck(api, vscode.Uri.joinPath(root, 'decks', 'team.deck.md')).cards, 3);
      assert.ok(api.decks().some((d) => d.origin === 'builtin' && d.cards === 16));
    });
  });
});
