import { parseMarkdownDeck } from './markdownDeck';
import { parseSeedDeck } from './seedDeck';
import type { Deck, DeckDiagnostic } from './types';

/** Larger files are refused: no study deck is this big, and parsing one would stall the editor. */
export const MAX_DECK_BYTES = 10 * 1024 * 1024;

export function isSeedTextFile(file: string): boolean {
  return /\.txt$/i.test(file);
}

/**
 * Any bytes in, a Deck out: malformed input becomes diagnostics with positions, never an exception,
 * and the good cards of a partly bad deck still load.
 */
export function parseDeck(file: string, content: Uint8Array | string): Deck {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_DECK_BYTES) return tooLargeDeck(file, size);
  const diagnostics: DeckDiagnostic[] = [];
  try {
    // Editors (VS Code included) end a line at a lone `\r` too; the parsers split on `\n` only, so
    // without this every diagnostic after a classic-Mac line break would point at the wrong line.
    // One character for one, so offsets do not move.
    let text = typeof content === 'string' ? loneCrToLf(content) : decode(loneCrToLfBytes(content), diagnostics);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.includes('\0')) {
      diagnostics.push({ line: 1, column: 1, severity: 'error', message: 'The file contains NUL bytes: it looks binary, not like a deck.', code: 'binary' });
      return emptyDeck(file, diagnostics);
    }
    return isSeedTextFile(file) ? parseSeedDeck(file, text, diagnostics) : parseMarkdownDeck(file, text, diagnostics);
  } catch (err) {
    // Defensive: the parsers are written not to throw, but a bug must cost one deck, not the extension.
    diagnostics.push({ line: 1, column: 1, severity: 'error', message: `Internal error while reading the deck: ${String(err)}`, code: 'internal' });
    return emptyDeck(file, diagnostics);
  }
}

/** Lets callers that know the size up front refuse a file without reading it. */
export function tooLargeDeck(file: string, size: number): Deck {
  return emptyDeck(file, [{
    line: 1,
    column: 1,
    severity: 'error',
    message: `The deck file is ${formatMb(size)}, over the ${formatMb(MAX_DECK_BYTES)} limit; split it into smaller decks.`,
    code: 'too-large',
  }]);
}

/**
 * Without a regex: `replace` with one match per line built its result from a list of every match,
 * and on a large file that cost grew faster than the file.
 */
function loneCrToLf(text: string): string {
  let out = '';
  let from = 0;
  for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) === 10) continue;
    out += text.slice(from, cr) + '\n';
    from = cr + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The same on the file's bytes, before decoding (0x0D is never part of a longer UTF-8 sequence). */
function loneCrToLfBytes(bytes: Uint8Array): Uint8Array {
  let out: Uint8Array | undefined;
  for (let cr = bytes.indexOf(13); cr !== -1; cr = bytes.indexOf(13, cr + 1)) {
    if (bytes[cr + 1] === 10) continue;
    out ??= bytes.slice();
    out[cr] = 10;
  }
  return out ?? bytes;
}

function decode(bytes: Uint8Array, diagnostics: DeckDiagnostic[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    diagnostics.push({ line: 1, column: 1, severity: 'warning', message: 'The file is not valid UTF-8; undecodable bytes are shown as �.', code: 'encoding' });
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function emptyDeck(file: string, diagnostics: DeckDiagnostic[]): Deck {
  return { file, format: isSeedTextFile(file) ? 'seed-text' : 'markdown', title: file, description: '', cards: [], diagnostics };
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function hasErrors(deck: Deck): boolean {
  return deck.diagnostics.some((d) => d.severity === 'error');
}
