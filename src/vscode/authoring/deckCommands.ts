import * as vscode from 'vscode';
import { parseDeck } from '../../core/deck/parse';
import { deckFileName, deckTemplate, freshCardId, idPrefix, newCardSnippet } from '../../core/tree/authoring';

export interface CreateDeckArgs {
  title?: string;
  /** Folder to create it in; by default a workspace folder's `decks/` if it has one, else its root. */
  folder?: vscode.Uri | string;
  /** Open the new file in an editor (default true). */
  open?: boolean;
}

/** "Create a Deck": a documented starter `*.deck.md`, which the deck watcher then picks up. */
export async function createDeck(args: CreateDeckArgs = {}): Promise<string | undefined> {
  const title = args.title ?? await vscode.window.showInputBox({
    title: 'Create a Deck',
    prompt: 'Title of the new deck',
    value: 'My Flashcards',
    validateInput: (v) => (v.trim() ? undefined : 'A deck needs a title.'),
  });
  if (!title?.trim()) return undefined;
  const name = deckFileName(title);
  let target: vscode.Uri | undefined;
  const folder = typeof args.folder === 'string' ? vscode.Uri.parse(args.folder) : args.folder ?? await defaultDeckFolder();
  if (folder) {
    target = await unusedName(folder, name);
  } else {
    target = await vscode.window.showSaveDialog({ title: 'Create a Deck', filters: { 'Flashcard deck': ['md'] }, saveLabel: 'Create' });
  }
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(deckTemplate(title)));
  if (args.open !== false) {
    const editor = await vscode.window.showTextDocument(target, { preview: false });
    // Put the cursor on the description, the first thing to rewrite.
    const at = new vscode.Position(2, 0);
    editor.selection = new vscode.Selection(at, editor.document.lineAt(2).range.end);
  }
  return target.toString();
}

/** Where new decks go: `decks/` of the (chosen) workspace folder when it exists, else the folder itself. */
export async function defaultDeckFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the deck in which folder?' }) : folders[0];
  if (!folder) return undefined;
  const decks = vscode.Uri.joinPath(folder.uri, 'decks');
  try {
    if ((await vscode.workspace.fs.stat(decks)).type & vscode.FileType.Directory) return decks;
  } catch {
    // No decks/ folder: the workspace root it is.
  }
  return folder.uri;
}

/** `name`, or `name-2`, `name-3`… before the extension, whichever does not exist yet. */
export async function unusedName(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const dot = name.indexOf('.');
  const stem = dot < 0 ? name : name.slice(0, dot);
  const ext = dot < 0 ? '' : name.slice(dot);
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * "New Card": a card skeleton at the cursor with an id no other card of the file uses, as a
 * snippet so Tab moves from the question to the tags to the answer.
 */
export async function newCard(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a deck file (*.deck.md) to add a card to it.');
    return undefined;
  }
  const doc = editor.document;
  const deck = parseDeck(doc.uri.path, doc.getText());
  const taken = new Set(deck.cards.map((c) => c.id));
  // Ids the parser rejected as duplicates are still written in the file.
  for (const m of doc.getText().matchAll(/^\s*id:\s*(\S+)/gm)) taken.add(m[1]);
  const id = freshCardId(taken, Math.random, idPrefix(doc.uri.path));
  const pos = editor.selection.active;
  const line = doc.lineAt(pos.line);
  const before = line.text.slice(0, pos.character);
  const after = line.text.slice(pos.character);
  const previousBlank = pos.line === 0 || doc.lineAt(pos.line - 1).isEmptyOrWhitespace;
  const lead = before.trim() ? '\n\n' : previousBlank || pos.line === 0 ? '' : '\n';
  const trail = after.trim() ? '\n' : '';
  await editor.insertSnippet(new vscode.SnippetString(lead + newCardSnippet(id) + trail), pos);
  return id;
}
