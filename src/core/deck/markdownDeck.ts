import { addDiagnostic } from './diagnostics';
import { CLOZE_ID_SUFFIX, DerivedIds, EXPLICIT_ID } from './ids';
import type { Card, Deck, DeckDiagnostic, Severity } from './types';

/** Metadata keys a card may carry; anything else is reported so typos do not silently drop data. */
export const CARD_KEYS = ['id', 'tags', 'source', 'code'] as const;
type CardKey = (typeof CARD_KEYS)[number];

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_HASHES = /[ \t]+#+$/;
const META_KEY = /^[A-Za-z][\w-]*$/;

interface MetaValue {
  value: string;
  line: number; // 0-based
  column: number; // 1-based
}

interface PendingCard {
  headingLine: number; // 0-based
  headingLength: number;
  question: string;
  meta: Partial<Record<CardKey, MetaValue>>;
  bodyStart: number; // offset of the first body line after the metadata
  bodyStartLine: number;
  separatorStart: number; // offset of the `?` line, or -1
  separatorEnd: number; // offset just past the `?` line
  separatorLine: number;
  bodyEnd: number; // offset where the next card starts
}

/**
 * Parses the native Markdown deck format in one linear pass with offsets into the original string:
 * only card boundaries and metadata are found here, and the answer's Markdown is rendered later,
 * when the card is shown. This keeps a 10,000-card deck far below the cost of a Markdown parse.
 */
export function parseMarkdownDeck(file: string, text: string, diagnostics: DeckDiagnostic[] = []): Deck {
  const len = text.length;
  const report = (severity: Severity, line0: number, column1: number, message: string, code: string, endColumn?: number) => {
    addDiagnostic(diagnostics, { line: line0 + 1, column: column1, endColumn, severity, message, code });
  };

  let title: string | undefined;
  let titleLine = -1;
  let descriptionStart = -1;
  let descriptionEnd = -1;
  const pending: PendingCard[] = [];
  let current: PendingCard | undefined;
  let fence: { char: number; len: number } | undefined;
  let strayLine = -1;

  let line = 0;
  for (let pos = 0; pos <= len; line++) {
    const s = pos;
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = len;
    const e = nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const next = nl + 1;
    pos = next;
    const c0 = text.charCodeAt(s);
    if (fence) {
      if ((c0 === 96 || c0 === 126 || c0 === 32) && closesFence(text, s, e, fence)) fence = undefined;
      continue;
    }
    if (c0 === 96 || c0 === 126 || (c0 === 32 && isFenceAfterSpaces(text, s, e))) {
      const m = FENCE.exec(text.slice(s, Math.min(e, s + 64)));
      if (m) {
        fence = { char: m[1].charCodeAt(0), len: m[1].length };
        continue;
      }
    }
    if (c0 !== 35 /* # */) {
      if (current) {
        if (current.separatorStart < 0 && (c0 === 63 || c0 === 32 || c0 === 9) && text.slice(s, e).trim() === '?') {
          current.separatorStart = s;
          current.separatorEnd = Math.min(next, len);
          current.separatorLine = line;
        }
      } else if (title === undefined && strayLine < 0 && !isBlank(text, s, e)) {
        strayLine = line;
      }
      continue;
    }
    // Headings are recognised by hand: this runs for every `#` line of a 10,000-card deck.
    const level = headingLevel(text, s, e);
    if (level === 2) {
      if (current) current.bodyEnd = s;
      else if (titleLine >= 0) descriptionEnd = s;
      current = {
        headingLine: line,
        headingLength: e - s,
        question: stripClosingHashes(text.slice(s + 2, e).trim()),
        meta: {},
        bodyStart: Math.min(next, len),
        bodyStartLine: line + 1,
        separatorStart: -1,
        separatorEnd: -1,
        separatorLine: -1,
        bodyEnd: len,
      };
      pending.push(current);
      const after = readMetadata(current, next, line + 1);
      if (after) {
        pos = after.next;
        line = after.line - 1;
      }
      continue;
    }
    if (level !== 1) continue;
    const lineText = text.slice(s, e);
    if (title === undefined && !current) {
      title = stripClosingHashes(lineText.slice(1).trim());
      titleLine = line;
      descriptionStart = Math.min(next, len);
      if (!title) report('warning', line, 1, 'The deck title is empty.', 'empty-title', lineText.length + 1);
    } else {
      report('warning', line, 1, 'Only one `#` title per deck: this heading is kept as text of the card above. Cards start with `##`.', 'extra-title', lineText.length + 1);
    }
  }
  const lastLine = line - 1;
  if (titleLine >= 0 && descriptionEnd < 0) descriptionEnd = len;
  if (fence) report('warning', lastLine, 1, 'A fenced code block is not closed before the end of the file.', 'unclosed-fence');
  if (title === undefined) {
    title = baseName(file);
    report('warning', 0, 1, 'The deck has no `# Title` line; the file name is used as its title.', 'missing-title');
  }
  if (strayLine >= 0) report('warning', strayLine, 1, 'Text before the `# Title` line is not part of any card.', 'stray-text');

  const cards = buildCards();
  const description = descriptionStart >= 0 ? trimBlock(text, descriptionStart, descriptionEnd) : '';
  return { file, format: 'markdown', title, description, cards, diagnostics };

  /**
   * Reads the `<!-- key: value -->` block after a heading. Returns where scanning resumes (the line
   * after the comment), or nothing when the heading has no metadata.
   */
  function readMetadata(card: PendingCard, from: number, fromLine: number): { next: number; line: number } | undefined {
    let ln = fromLine;
    let s = from;
    let e = lineEnd(text, s);
    // Blank lines may separate the heading from its metadata.
    while (s < len && isBlank(text, s, e)) {
      s = Math.min(nextLine(text, e), len + 1);
      e = lineEnd(text, s);
      ln++;
    }
    if (s >= len) return undefined;
    let open = s;
    while (open < e && (text.charCodeAt(open) === 32 || text.charCodeAt(open) === 9)) open++;
    // Only look at this line: searching further would make a deck without metadata quadratic.
    if (!text.startsWith('<!--', open)) return undefined;
    const openLine = ln;
    const openColumn = open - s + 1;
    let contentFrom = open + 4;
    for (;;) {
      const rel = text.slice(contentFrom, e).indexOf('-->');
      const close = rel < 0 ? -1 : contentFrom + rel;
      readMetaLine(card, text.slice(contentFrom, close < 0 ? e : close), ln, contentFrom - s);
      const nxt = nextLine(text, e);
      if (close >= 0) {
        if (!isBlank(text, close + 3, e)) report('warning', ln, close - s + 4, 'Text after `-->` on the metadata line is ignored.', 'meta-trailing-text');
        card.bodyStart = Math.min(nxt, len);
        card.bodyStartLine = ln + 1;
        return { next: nxt, line: ln + 1 };
      }
      if (nxt > len) break;
      s = nxt;
      e = lineEnd(text, s);
      ln++;
      contentFrom = s;
    }
    report('error', openLine, openColumn, 'The metadata comment is not closed with `-->`.', 'unclosed-meta', openColumn + 4);
    card.bodyStart = len;
    return { next: len + 1, line: ln + 1 };
  }

  function readMetaLine(card: PendingCard, content: string, line0: number, offset: number): void {
    const trimmed = content.trim();
    if (!trimmed) return;
    const lead = content.length - content.trimStart().length;
    const col = offset + lead + 1;
    const m = splitMetaLine(trimmed);
    if (!m) {
      report('warning', line0, col, 'Expected `key: value` in the card metadata.', 'meta-syntax', col + trimmed.length);
      return;
    }
    const key = m[1].toLowerCase();
    if (!(CARD_KEYS as readonly string[]).includes(key)) {
      report('warning', line0, col, `Unknown metadata key \`${m[1]}\`; known keys: ${CARD_KEYS.join(', ')}.`, 'unknown-key', col + m[1].length);
      return;
    }
    const k = key as CardKey;
    if (card.meta[k]) report('warning', line0, col, `\`${k}\` is given twice; the last value wins.`, 'duplicate-key', col + m[1].length);
    card.meta[k] = { value: m[2].trim(), line: line0, column: col + trimmed.length - m[2].length };
  }

  function buildCards(): Card[] {
    const out: Card[] = [];
    const ids = new DerivedIds();
    /** Every id in use (explicit or derived) → its card's 0-based heading line. */
    const used = new Map<string, number>();
    for (const p of pending) {
      const hasSep = p.separatorStart >= 0 && p.separatorStart >= p.bodyStart;
      const extraQuestion = hasSep ? trimBlock(text, p.bodyStart, p.separatorStart) : '';
      const heading = p.question.trim();
      const question = extraQuestion ? (heading ? `${heading}\n\n${extraQuestion}` : extraQuestion) : heading;
      const answer = trimBlock(text, hasSep ? p.separatorEnd : p.bodyStart, p.bodyEnd);
      const answerLine = hasSep ? p.separatorLine + 2 : p.bodyStartLine + 1;

      // `trim()` also drops invisible white space (U+FEFF, NBSP…) that trimBlock keeps: a side
      // made only of it would show as blank.
      if (!question.trim()) {
        report('error', p.headingLine, 1, 'The card has no question: write it after `## `.', 'empty-question', p.headingLength + 1);
        continue;
      }
      if (!answer.trim()) {
        report('error', p.headingLine, 1, `The card "${clip(question)}" has no answer.`, 'empty-answer', p.headingLength + 1);
        continue;
      }

      let id: string | undefined;
      let explicitId = false;
      const idMeta = p.meta.id;
      if (idMeta) {
        const end = idMeta.column + idMeta.value.length;
        if (!EXPLICIT_ID.test(idMeta.value)) {
          report('error', idMeta.line, idMeta.column, `Invalid id \`${idMeta.value}\`: use letters, digits, \`.\`, \`_\`, \`:\` or \`-\` (up to 128).`, 'invalid-id', end);
        } else if (CLOZE_ID_SUFFIX.test(idMeta.value)) {
          report('error', idMeta.line, idMeta.column, `Invalid id \`${idMeta.value}\`: an id ending in \`::c\` and a number names a cloze card.`, 'invalid-id', end);
        } else {
          id = idMeta.value;
          explicitId = true;
        }
      }
      id ??= ids.next(question);
      const firstUse = used.get(id);
      if (firstUse !== undefined) {
        const at = explicitId ? idMeta! : { line: p.headingLine, column: 1, value: '' };
        report('error', at.line, at.column, `Duplicate id \`${id}\` (first used on line ${firstUse + 1}); this card is skipped so the two cannot share progress.`, 'duplicate-id', explicitId ? at.column + at.value.length : undefined);
        continue;
      }
      used.set(id, p.headingLine);

      let source: string | undefined;
      const src = p.meta.source;
      if (src) {
        if (/^https?:\/\/\S+$/i.test(src.value)) source = src.value;
        else report('warning', src.line, src.column, '`source` must be an http(s) URL; it is ignored.', 'invalid-source', src.column + src.value.length);
      }

      out.push({ id, explicitId, question, answer, tags: splitList(p.meta.tags?.value), source, code: splitList(p.meta.code?.value), line: p.headingLine + 1, answerLine });
    }
    return out;
  }
}

/** End of the line starting at `s`, without its `\n` or `\r\n`. */
function lineEnd(text: string, s: number): number {
  let nl = text.indexOf('\n', s);
  if (nl === -1) nl = text.length;
  return nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Start of the line after the one ending at `e` (past the end of text when there is none). */
function nextLine(text: string, e: number): number {
  return text.charCodeAt(e) === 13 ? e + 2 : e + 1;
}

/** `key: value` → [whole, key, value]; keys are a letter then letters, digits, `_` or `-`. */
function splitMetaLine(line: string): [string, string, string] | undefined {
  const colon = line.indexOf(':');
  if (colon < 1) return undefined;
  const key = line.slice(0, colon).trimEnd();
  if (!META_KEY.test(key)) return undefined;
  return [line, key, line.slice(colon + 1).trimStart()];
}

/** 1 for `# Title`, 2 for `## Question`, 0 for anything else (`###`, `#tag`, text). */
function headingLevel(text: string, s: number, e: number): number {
  let i = s;
  while (i < e && text.charCodeAt(i) === 35) i++;
  const level = i - s;
  if (level < 1 || level > 2) return 0;
  const c = text.charCodeAt(i);
  return i === e || c === 32 || c === 9 ? level : 0;
}

/** `## Question ##` → `Question`; most headings have no closing hashes, so skip the regex then. */
function stripClosingHashes(heading: string): string {
  return heading.charCodeAt(heading.length - 1) === 35 ? heading.replace(CLOSING_HASHES, '').replace(/^#+$/, '') : heading;
}

function isFenceAfterSpaces(text: string, s: number, e: number): boolean {
  let i = s;
  while (i < e && i - s < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return c === 96 || c === 126;
}

function closesFence(text: string, s: number, e: number, fence: { char: number; len: number }): boolean {
  let i = s;
  while (i < e && i - s < 3 && text.charCodeAt(i) === 32) i++;
  let n = 0;
  while (i < e && text.charCodeAt(i) === fence.char) {
    i++;
    n++;
  }
  return n >= fence.len && isBlank(text, i, e);
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Text in [from, to) without leading blank lines and trailing white space; indentation of the first line is kept. */
export function trimBlock(text: string, from: number, to: number): string {
  let a = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) a = i + 1;
    else if (c !== 32 && c !== 9 && c !== 13) break;
    if (i === to - 1) return '';
  }
  let b = to;
  while (b > a) {
    const c = text.charCodeAt(b - 1);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    b--;
  }
  if (a >= b) return '';
  const raw = text.slice(a, b);
  return raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
}

export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(/[,\s]+/)) if (part && !out.includes(part)) out.push(part);
  return out;
}

function clip(text: string): string {
  const first = text.split('\n', 1)[0];
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}

export function baseName(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return name.replace(/\.(deck\.md|cards\.txt|md|markdown|txt)$/i, '') || name;
}
