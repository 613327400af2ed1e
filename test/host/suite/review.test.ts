// Runs inside a real VS Code extension host with test/host/fixtures/workspace open. Checks that
// flashcards.startReview, the command keybindings and other extensions call with a deck key,
// opens the review panel for a loaded deck and refuses a key that names no loaded deck (an empty
// "all caught up" panel would hide the mistake).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from './support';

const SEED_DECK = 'builtin:data-engineering-flashcards.txt';

function reviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('flashcards.reviewPanel'));
}

async function closeReviewTabs(): Promise<void> {
  await vscode.window.tabGroups.close(reviewTabs());
}

describe('review: start review command', function () {
  this.timeout(60_000);

  before(async () => {
    await getApi();
    await closeReviewTabs();
  });
  after(closeReviewTabs);

  it('opens the review panel for a loaded deck', async () => {
    await vscode.commands.executeCommand('flashcards.startReview', { deckKey: SEED_DECK });
    await waitFor('a review panel', () => (reviewTabs().length === 1 ? true : undefined), 10_000);
    await closeReviewTabs();
  });

  it('refuses a deck key that names no loaded deck, and opens nothing', async () => {
    await vscode.commands.executeCommand('flashcards.startReview', { deckKey: 'builtin:no-such.deck.md' });
    await vscode.commands.executeCommand('flashcards.startReview', { decks: [SEED_DECK, 'workspace:gone/old.deck.md'] });
    // Tab changes reach this process in order: once a text editor opened afterwards shows as a
    // tab, a panel the commands had opened would show too.
    const doc = await vscode.workspace.openTextDocument({ content: 'marker', language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    await waitFor('the marker editor tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()));
    assert.equal(reviewTabs().length, 0, 'no review panel for an unknown deck');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
