import { fnv1a, normalizeForId } from '../deck/ids';
import { baseName } from '../deck/markdownDeck';
import { parseAnkiText, type AnkiNote, type ImportProblem } from './ankiText';
import { htmlToMarkdown } from './html';
import { writeMarkdownDeck, type DeckCardDraft } from './markdownWriter';

export type { ImportProblem };

export interface AnkiImport {
  title: string;
  /** The new deck file's text. */
  markdown: string;
  cards: number;
  /** Rows skipped and fields kept as text, by row; header problems have row 0. */
  problems: ImportProblem[];
  html: boolean;
}

export interface ImportOptions {
  /** The export's file name: a fallback title, and `.csv` hints at commas. */
  fileName?: string;
  title?: string;
}

const FRONT_NAMES = ['front', 'question', 'text', 'q', 'term', 'word', 'expression', 'prompt'];
const BACK_NAMES = ['back', 'answer', 'back extra', 'extra', 'a', 'definition', 'meaning', 'reading'];
const CLOZE = /\{\{c\d+::/i;

/** An Anki text export as a new Markdown deck. Bad rows are reported and skipped; the rest import. */
export function importAnkiText(text: string, options: ImportOptions = {}): AnkiImport {
  // The deck parser refuses a file with a NUL in it as binary. One character for another, so
  // rows and lines stay where they were.
  const firstNul = text.indexOf('\0');
  let nuls = 0;
  if (firstNul >= 0) text = text.replace(/\0/g, () => (nuls++, '\uFFFD'));
  const file = parseAnkiText(text, { fileName: options.fileName });
  const problems = [...file.problems];
  if (nuls > 0) {
    const line = text.slice(0, firstNul).split(/\r\n|\r|\n/).length;
    const message = nuls === 1
      ? 'A NUL character cannot go into a deck; it is replaced with \uFFFD.'
      : `${nuls} NUL characters, the first on this line, cannot go into a deck; each is replaced with \uFFFD.`;
    problems.push({ row: 0, line, severity: 'warning', message });
  }
  const decks = new Set(file.notes.map((n) => n.deck).filter((d): d is string => !!d));
  const title = options.title?.trim() || deckTitle(file.deck ?? (decks.size === 1 ? [...decks][0] : undefined)) || (options.fileName ? baseName(options.fileName) : '') || 'Imported from Anki';

  const drafts: DeckCardDraft[] = [];
  const ids = new Map<string, number>();
  for (const note of file.notes) {
    const report = (severity: ImportProblem['severity'], message: string) => problems.push({ row: note.row, line: note.line, severity, message });
    const draft = noteToCard(note, file.html, report);
    if (!draft) continue;
    const base = `anki-${fnv1a(note.guid ?? normalizeForId(`${draft.question}\n${draft.answer}`))}`;
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    draft.id = n === 1 ? base : `${base}-${n}`;
    // Several Anki decks in one file become one deck; a tag keeps each note's origin.
    if (decks.size > 1 && note.deck) draft.tags = [...new Set([...draft.tags, deckTag(note.deck)])];
    drafts.push(draft);
  }
  problems.sort((a, b) => a.row - b.row || a.line - b.line);
  const source = options.fileName ? ` \`${options.fileName.slice(Math.max(options.fileName.lastIndexOf('/'), options.fileName.lastIndexOf('\\')) + 1)}\`` : '';
  const markdown = writeMarkdownDeck(title, `Imported from the Anki export${source}.`, drafts);
  return { title, markdown, cards: drafts.length, problems, html: file.html };
}

function noteToCard(note: AnkiNote, html: boolean, report: (severity: ImportProblem['severity'], message: string) => void): DeckCardDraft | undefined {
  if (note.fields.length < 2) {
    report('error', `The row has ${note.fields.length === 1 ? 'one field' : 'no fields'}; a note needs a front and a back. Check the separator.`);
    return undefined;
  }
  const { front, back, extras } = roles(note);
  const kept: string[] = [];
  const convert = (field: string) => {
    if (!html) return field.trim();
    const result = htmlToMarkdown(field);
    if (result.keptAsText) kept.push(result.keptAsText);
    return result.markdown;
  };
  const frontText = convert(front);
  const backText = [back, ...extras].map(convert).filter(Boolean).join('\n\n');
  if (kept.length) report('warning', `HTML with <${[...new Set(kept)].join('>, <')}> cannot be converted to Markdown; the field is kept as text.`);
  if (!frontText) {
    report('error', 'The front (question) is empty; the row is skipped.');
    return undefined;
  }
  const cloze = /cloze/i.test(note.notetype ?? '') || CLOZE.test(frontText);
  if (cloze && !backText) {
    // The deletions go in the body and the heading gives context without giving them away.
    return { id: '', question: clozeHeading(frontText), answer: frontText, tags: note.tags };
  }
  if (!backText) {
    report('error', 'The back (answer) is empty; the row is skipped.');
    return undefined;
  }
  return { id: '', question: frontText, answer: backText, tags: note.tags };
}

function roles(note: AnkiNote): { front: string; back: string; extras: string[] } {
  const names = note.fieldNames?.map((n) => n.trim().toLowerCase());
  let frontAt = names ? names.findIndex((n) => FRONT_NAMES.includes(n)) : -1;
  if (frontAt < 0) frontAt = 0;
  let backAt = names ? names.findIndex((n, i) => i !== frontAt && BACK_NAMES.includes(n)) : -1;
  if (backAt < 0) backAt = frontAt === 0 ? 1 : 0;
  const extras = note.fields.filter((_, i) => i !== frontAt && i !== backAt);
  return { front: note.fields[frontAt] ?? '', back: note.fields[backAt] ?? '', extras };
}

/** The text before the first deletion, clipped: "A Kinesis shard accepts up to …". */
export function clozeHeading(text: string): string {
  const firstLine = text.trim().split('\n', 1)[0];
  const at = firstLine.search(CLOZE);
  const lead = (at < 0 ? firstLine : firstLine.slice(0, at)).trim().replace(/[\\*_`]/g, '');
  if (!lead) return 'Fill in the blank';
  const clipped = lead.length > 60 ? `${lead.slice(0, 60).replace(/\s+\S*$/, '')}` : lead;
  return `${clipped} …`;
}

/** `Cloud::AWS::Kinesis` → `Kinesis`: Anki's subdeck path reads badly as a title. */
function deckTitle(deck: string | undefined): string | undefined {
  if (!deck) return undefined;
  const last = deck.split('::').pop()?.trim();
  return last || undefined;
}

function deckTag(deck: string): string {
  return `deck:${deck.split('::').map((p) => p.trim().replace(/[\s,]+/g, '-')).join('::')}`;
}
