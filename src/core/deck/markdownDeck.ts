import { DerivedIds, EXPLICIT_ID } from './ids';
import type { Card, Deck, DeckDiagnostic, Severity } from './types';

/** Metadata keys a card may carry; anything else is reported so typos do not silently drop data. */
export const CARD_KEYS = ['id', 'tags', 'source', 'code'] as const;
type CardKey = (typeof CARD_KEYS)[number];

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const H1 = /^#(?:[ \t]+(.*?))?[ \t]*$/;
const H2 = /^##(?:[ \t]+(.*?))?[ \t]*$/;
const CLOSING_HASHES = /[ \t]+#+$/;
const META_LINE = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$/;

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
    diagnostics.push({ line: line0 + 1, column: column1, endColumn, severity, message, code });
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
    const lineText = text.slice(s, e);
    const h2 = H2.exec(lineText);
    if (h2) {
      if (current) current.bodyEnd = s;
      else if (titleLine >= 0) descriptionEnd = s;
      current = {
        headingLine: line,
        headingLength: e - s,
        question: (h2[1] ?? '').replace(CLOSING_HASHES, ''),
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
    const h1 = H1.exec(lineText);
    if (!h1) continue;
    if (title === undefined && !current) {
      title = (h1[1] ?? '').replace(CLOSING_HASHES, '').trim();
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
    let e = 0;
    let nxt = 0;
    const at = (offset: number) => {
      s = offset;
      let nl = text.indexOf('\n', offset);
      if (nl === -1) nl = len;
      e = nl > offset && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      nxt = nl + 1;
    };
    // Blank lines may separate the heading from its metadata.
    for (at(from); s < len && isBlank(text, s, e); ln++) at(nxt);
    if (s >= len) return undefined;
    const open = text.indexOf('<!--', s);
    if (open < 0 || open >= e || !isBlank(text, s, open)) return undefined;
    const openLine = ln;
    const openColumn = open - s + 1;
    let contentFrom = open + 4;
    for (;;) {
      const close = text.indexOf('-->', contentFrom);
      const closesHere = close >= 0 && close < e;
      readMetaLine(card, text.slice(contentFrom, closesHere ? close : e), ln, contentFrom - s);
      if (closesHere) {
        if (!isBlank(text, close + 3, e)) report('warning', ln, close - s + 4, 'Text after `-->` on the metadata line is ignored.', 'meta-trailing-text');
        card.bodyStart = Math.min(nxt, len);
        card.bodyStartLine = ln + 1;
        return { next: nxt, line: ln + 1 };
      }
      if (nxt > len) break;
      at(nxt);
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
    const m = META_LINE.exec(trimmed);
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
    const explicitIds = new Map<string, number>();
    for (const p of pending) {
      const hasSep = p.separatorStart >= 0 && p.separatorStart >= p.bodyStart;
      const extraQuestion = hasSep ? trimBlock(text, p.bodyStart, p.separatorStart) : '';
      const heading = p.question.trim();
      const question = extraQuestion ? (heading ? `${heading}\n\n${extraQuestion}` : extraQuestion) : heading;
      const answer = trimBlock(text, hasSep ? p.separatorEnd : p.bodyStart, p.bodyEnd);
      const answerLine = hasSep ? p.separatorLine + 2 : p.bodyStartLine + 1;

      if (!question) {
        report('error', p.headingLine, 1, 'The card has no question: write it after `## `.', 'empty-question', p.headingLength + 1);
        continue;
      }
      if (!answer) {
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
        } else if (explicitIds.has(idMeta.value)) {
          report('error', idMeta.line, idMeta.column, `Duplicate id \`${idMeta.value}\` (first used on line ${explicitIds.get(idMeta.value)! + 1}); this card is skipped so the two cannot share progress.`, 'duplicate-id', end);
          continue;
        } else {
          id = idMeta.value;
          explicitId = true;
          explicitIds.set(id, p.headingLine);
        }
      }
      id ??= ids.next(question);

      let source: string | undefined;
      const src = p.meta.source;
      if (src) {
        if (/^https?:\/\/\S+$/i.test(src.value)) source = src.value;
        else report('warning', src.line, src.column, '`source` must be an http(s) URL; it is ignored.', 'invalid-source', src.column + src.value.length);
      }

      out.push({ id, explicitId, question, answer, tags: splitList(p.meta.tags?.value), source, code: splitList(p.meta.code?.value), line: p.headingLine + 1, answerLine });
    }
    // A derived id can collide with an explicit one written elsewhere in the deck.
    const seen = new Set<string>();
    return out.filter((card) => {
      if (!seen.has(card.id)) {
        seen.add(card.id);
        return true;
      }
      report('error', card.line - 1, 1, `Duplicate id \`${card.id}\`; this card is skipped.`, 'duplicate-id');
      return false;
    });
  }
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
  if (a >= to) return '';
  const raw = text.slice(a, to).trimEnd();
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
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
