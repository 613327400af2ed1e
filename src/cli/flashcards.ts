// Deck checker for authors' own CI: `flashcards check FILE... [--json]`.
// Node-only by design; the extension itself reads files through vscode.workspace.fs.
import { readFileSync, statSync } from 'node:fs';
import { MAX_DECK_BYTES, parseDeck, tooLargeDeck } from '../core/deck/parse';
import type { Deck } from '../core/deck/types';
import { withExamDiagnostics } from '../core/tree/authoring';

const USAGE = 'usage: flashcards check FILE... [--json]';

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    out(USAGE);
    return 0;
  }
  if (command !== 'check') {
    err(USAGE);
    return 2;
  }
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  if (!files.length) {
    err(USAGE);
    return 2;
  }
  const decks = files.map(readDeck);
  if (json) {
    out(JSON.stringify({
      files: decks.map((d) => ({
        file: d.file,
        title: d.title,
        cards: d.cards.length,
        diagnostics: d.diagnostics.map(({ line, column, severity, message }) => ({ line, column, severity, message })),
      })),
    }, null, 2));
  } else {
    for (const d of decks) {
      for (const x of d.diagnostics) out(`${d.file}:${x.line}:${x.column}: ${x.severity}: ${x.message}`);
      out(`${d.file}: ${d.cards.length} card${d.cards.length === 1 ? '' : 's'} in "${d.title}"`);
    }
  }
  return decks.some((d) => d.diagnostics.some((x) => x.severity === 'error')) ? 1 : 0;
}

function readDeck(file: string): Deck {
  try {
    // Check the size first so a huge file is refused without reading it into memory.
    const size = statSync(file).size;
    if (size > MAX_DECK_BYTES) return tooLargeDeck(file, size);
    const bytes = readFileSync(file);
    const deck = parseDeck(file, bytes);
    // Malformed multiple-choice and cloze cards are reported as the editor reports them.
    return deck.format === 'markdown' ? withExamDiagnostics(deck, bytes.toString('utf8')) : deck;
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'File not found.' : `Cannot read the file: ${(e as Error).message}`;
    return { file, format: 'markdown', title: '', description: '', cards: [], diagnostics: [{ line: 1, column: 1, severity: 'error', message, code: 'unreadable' }] };
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => console.log(s), (s) => console.error(s));
}
