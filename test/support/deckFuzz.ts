// Inputs and checks for fuzzing the deck parsers, shared by the unit suite (fast-check, small
// budgets) and `bench/resilience.ts` (the large run). Everything is deterministic from a seed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expandCloze, scanClozes } from '../../src/core/exam/cloze';
import { normalizeAnswer } from '../../src/core/exam/lenient';
import { seededRandom } from '../../src/core/exam/random';
import { parseQuestion, questionDiagnostics } from '../../src/core/exam/question';
import { MAX_DIAGNOSTICS } from '../../src/core/deck/diagnostics';
import { EXPLICIT_ID } from '../../src/core/deck/ids';
import { MAX_DECK_BYTES, parseDeck } from '../../src/core/deck/parse';
import type { Deck, DeckDiagnostic } from '../../src/core/deck/types';
import { concatBytes } from '../../src/core/review/storage';

export const ROOT = join(__dirname, '..', '..');

export interface ShippedDeck {
  /** The name it is parsed under; the extension picks the parser from it. */
  name: string;
  bytes: Uint8Array;
}

let shipped: ShippedDeck[] | undefined;

/** The decks in `decks/`, the seeds every mutation starts from. */
export function shippedDecks(): ShippedDeck[] {
  return (shipped ??= [
    'data-engineering-flashcards.txt',
    'data-engineering-flashcards.deck.md',
    'exam-data-streaming.deck.md',
    'kinesis-limits.deck.md',
  ].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'decks', name))) })));
}

/** Names that route the same bytes to each parser, so every mutation is read both ways. */
export const FILE_NAMES = ['fuzz.deck.md', 'fuzz.cards.txt'] as const;

// ---------------------------------------------------------------------------------------------
// Mutations. Each is a pure function of the input and a few numbers, so fast-check can shrink a
// failing case to the smallest list of mutations, and the bench can drive them from a PRNG.

/** Lines the deck formats give meaning to, plus the ways authors get them wrong. */
export const TRICKY_LINES = [
  '#', '# ', '#Title', '# Title #', '##', '## ', '##  ##', '###', '## Q?', '## <!-- id: x -->',
  '<!--', '-->', '<!-- id: dup -->', '<!-- id: dup', 'id: dup', 'id:', 'id: bad id!', 'tags: a, b', 'source: ftp://x',
  'code: PutRecord, shardCount', 'unknown: 1', '-->trailing', '<!-- --> text',
  '```', '```ts', '~~~', '````', '   ```', '    ```',
  '?', ' ? ', '??', '\t?',
  '- [x] yes', '- [ ] no', '- [X]', '- []', '- [v] odd', '* [x] star', '1. item', '(Choose two.)',
  '{{c1::hidden}}', '{{c1::a::hint}}', '{{c0::zero}}', '{{c1::open', '{{c1:oops}}', '{{c1::{{c2::x}}}}', '}}',
  'Q', 'A', '1', '2', '99', ' 3 ', 'Explanation:',
  '', ' ', '\t', '\r', '\uFEFF', '\u0000', '\u2028', '\uD83D\uDE00', '\uD800', 'e\u0301', '\u202Eevil',
];

export type MutationKind =
  | 'flipBit' | 'setByte' | 'deleteLine' | 'duplicateLine' | 'swapLines' | 'insertLine'
  | 'insertInline' | 'crlf' | 'loneCr' | 'nul' | 'invalidUtf8' | 'hugeLine' | 'truncate' | 'bom' | 'deleteRange';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'flipBit', 'setByte', 'deleteLine', 'duplicateLine', 'swapLines', 'insertLine',
  'insertInline', 'crlf', 'loneCr', 'nul', 'invalidUtf8', 'hugeLine', 'truncate', 'bom', 'deleteRange',
];

export interface Mutation {
  kind: MutationKind;
  /** Where, as a fraction of the input (0 ≤ at < 1). */
  at: number;
  /** A free number each kind reads its own way (which bit, which line, how long…). */
  n: number;
}

const INVALID_UTF8 = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80, 0x80], [0xc0, 0xaf]];
const HUGE_UNITS = ['x', '#', '<!--', '```', '?', '## ', '-->', '{{c1::', ' ', '\u00e9'];
const encoder = new TextEncoder();

export function applyMutation(input: Uint8Array, m: Mutation, hugeLineMax = 20_000): Uint8Array {
  const len = input.length;
  const pos = Math.min(len, Math.floor(m.at * (len + 1)));
  const lines = lineStarts(input);
  const lineIx = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
  const lineStart = lines[lineIx];
  const lineEnd = lineIx + 1 < lines.length ? lines[lineIx + 1] : len; // includes its '\n'
  switch (m.kind) {
    case 'flipBit': {
      if (len === 0) return input;
      const out = input.slice();
      const i = Math.min(len - 1, pos);
      out[i] ^= 1 << (m.n % 8);
      return out;
    }
    case 'setByte': {
      if (len === 0) return input;
      const out = input.slice();
      out[Math.min(len - 1, pos)] = m.n % 256;
      return out;
    }
    case 'deleteLine':
      return concat(input.subarray(0, lineStart), input.subarray(lineEnd));
    case 'duplicateLine': {
      const line = input.subarray(lineStart, lineEnd);
      const copies = 1 + (m.n % 3);
      const parts = [input.subarray(0, lineEnd)];
      for (let i = 0; i < copies; i++) parts.push(line.length > 0 && line[line.length - 1] === 10 ? line : concat(encoder.encode('\n'), line));
      parts.push(input.subarray(lineEnd));
      return concat(...parts);
    }
    case 'swapLines': {
      const other = lines.length > 0 ? m.n % lines.length : 0;
      const a = Math.min(lineIx, other);
      const b = Math.max(lineIx, other);
      if (a === b) return input;
      const aEnd = lines[a + 1];
      const bEnd = b + 1 < lines.length ? lines[b + 1] : len;
      const la = withNewline(input.subarray(lines[a], aEnd));
      const lb = withNewline(input.subarray(lines[b], bEnd));
      return concat(input.subarray(0, lines[a]), lb, input.subarray(aEnd, lines[b]), la, input.subarray(bEnd));
    }
    case 'insertLine': {
      const text = TRICKY_LINES[m.n % TRICKY_LINES.length] + '\n';
      return concat(input.subarray(0, lineStart), encoder.encode(text), input.subarray(lineStart));
    }
    case 'insertInline': {
      const text = TRICKY_LINES[m.n % TRICKY_LINES.length];
      return concat(input.subarray(0, pos), encoder.encode(text), input.subarray(pos));
    }
    case 'crlf': {
      // Every line from here on (n even) or just this one (n odd) ends in CRLF.
      const out: number[] = [];
      for (let i = 0; i < len; i++) {
        const b = input[i];
        const inRange = m.n % 2 === 0 ? i >= lineStart : i >= lineStart && i < lineEnd;
        if (b === 10 && inRange && (i === 0 || input[i - 1] !== 13)) out.push(13);
        out.push(b);
      }
      return Uint8Array.from(out);
    }
    case 'loneCr':
      return concat(input.subarray(0, pos), Uint8Array.of(13), input.subarray(pos));
    case 'nul':
      return concat(input.subarray(0, pos), Uint8Array.of(0), input.subarray(pos));
    case 'invalidUtf8':
      return concat(input.subarray(0, pos), Uint8Array.from(INVALID_UTF8[m.n % INVALID_UTF8.length]), input.subarray(pos));
    case 'hugeLine': {
      const unit = HUGE_UNITS[m.n % HUGE_UNITS.length];
      const target = 1000 + ((m.n * 7919) % Math.max(1, hugeLineMax - 1000));
      const line = unit.repeat(Math.ceil(target / unit.length)) + '\n';
      return concat(input.subarray(0, lineStart), encoder.encode(line), input.subarray(lineStart));
    }
    case 'truncate':
      return input.subarray(0, pos);
    case 'bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), m.n % 2 === 0 ? input : input.subarray(pos));
    case 'deleteRange':
      return concat(input.subarray(0, pos), input.subarray(Math.min(len, pos + 1 + (m.n % 200))));
  }
}

export function applyMutations(input: Uint8Array, mutations: readonly Mutation[], hugeLineMax?: number): Uint8Array {
  let out = input;
  for (const m of mutations) out = applyMutation(out, m, hugeLineMax);
  return out;
}

function lineStarts(bytes: Uint8Array): number[] {
  const out = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && i + 1 < bytes.length) out.push(i + 1);
  return out;
}

function withNewline(line: Uint8Array): Uint8Array {
  return line.length > 0 && line[line.length - 1] === 10 ? line : concat(line, Uint8Array.of(10));
}

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

// ---------------------------------------------------------------------------------------------
// Generated decks: lines drawn from deck syntax, its near misses and arbitrary text.

/** One line of a generated deck; `pick` chooses a line from `TRICKY_LINES` or a template. */
export function generatedLine(pick: number, text: string): string {
  switch (pick % 12) {
    case 0: return `## ${text}`;
    case 1: return `# ${text}`;
    case 2: return `<!-- id: ${text} -->`;
    case 3: return `id: ${text}`;
    case 4: return `- [${pick % 3 === 0 ? 'x' : ' '}] ${text}`;
    case 5: return `{{c${pick % 4}::${text}}}`;
    case 6: return String(pick % 20);
    case 7:
    case 8: return text;
    default: return TRICKY_LINES[pick % TRICKY_LINES.length];
  }
}

export function generatedDeck(lines: readonly { pick: number; text: string }[], crlf: boolean): string {
  return lines.map((l) => generatedLine(l.pick, l.text)).join(crlf ? '\r\n' : '\n');
}

// fast-check arbitraries for the unit suite.

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  n: fc.nat({ max: 1_000_000 }),
});

/** A shipped deck with a few mutations, parsed under each format's file name. */
export const mutatedDeckArb = fc.record({
  deck: fc.nat({ max: 3 }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
  name: fc.constantFrom(...FILE_NAMES),
});

const lineTextArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_LINES) },
  { weight: 1, arbitrary: fc.constantFrom('dup', 'a::c1', 'x', 'q?', '##', '<!--', '-->', '```') },
);

export const generatedDeckArb = fc.record({
  lines: fc.array(fc.record({ pick: fc.nat({ max: 1000 }), text: lineTextArb }), { maxLength: 60 }),
  crlf: fc.boolean(),
  name: fc.constantFrom(...FILE_NAMES),
});

// ---------------------------------------------------------------------------------------------
// What must hold for every input.

/** The text the parser saw, to check positions against: decoded like `parseDeck` does it. */
function decodedText(content: Uint8Array | string): string {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      text = new TextDecoder('utf-8').decode(content);
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Line lengths in UTF-16 code units, as VS Code counts them: a line ends at `\r\n`, `\n` or a
 * lone `\r`, and columns count code units.
 */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Every way a diagnostic's position can be wrong, as messages; empty when it is fine. */
export function positionProblems(d: Pick<DeckDiagnostic, 'line' | 'column' | 'endColumn'>, lengths: readonly number[], base = 1): string[] {
  const out: string[] = [];
  const first = base;
  const last = base + lengths.length - 1;
  if (!Number.isInteger(d.line) || d.line < first || d.line > last) {
    out.push(`line ${d.line} outside ${first}..${last}`);
    return out;
  }
  const max = lengths[d.line - base] + 1;
  if (!Number.isInteger(d.column) || d.column < 1 || d.column > max) out.push(`line ${d.line}: column ${d.column} outside 1..${max}`);
  if (d.endColumn !== undefined && (!Number.isInteger(d.endColumn) || d.endColumn < d.column || d.endColumn > max)) {
    out.push(`line ${d.line}: endColumn ${d.endColumn} outside ${d.column}..${max}`);
  }
  return out;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Everything wrong with a parsed deck, as messages: diagnostics with invalid positions, cards
 * without ids or sharing one, review cards (cloze expansion) sharing an id, and the exam layer's
 * problems with invalid positions, in the card and in the file. Throws only if a parser throws.
 */
export function deckProblems(deck: Deck, content: Uint8Array | string): string[] {
  const out: string[] = [];
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_DECK_BYTES) {
    if (deck.cards.length !== 0 || !deck.diagnostics.some((d) => d.code === 'too-large')) out.push('an oversized deck was not refused');
    return out;
  }
  const text = decodedText(content);
  const lengths = lineLengths(text);
  if (deck.diagnostics.length > MAX_DIAGNOSTICS + 1) out.push(`${deck.diagnostics.length} diagnostics, over the cap of ${MAX_DIAGNOSTICS} + 1`);
  for (const d of deck.diagnostics) {
    for (const p of positionProblems(d, lengths)) out.push(`diagnostic ${d.code}: ${p}`);
    if (!SEVERITIES.has(d.severity)) out.push(`diagnostic ${d.code}: severity ${String(d.severity)}`);
    if (typeof d.message !== 'string' || d.message === '') out.push(`diagnostic ${d.code}: empty message`);
    if (typeof d.code !== 'string' || d.code === '') out.push('diagnostic without a code');
  }
  if (typeof deck.title !== 'string') out.push('title is not a string');
  const ids = new Set<string>();
  for (const card of deck.cards) {
    if (typeof card.id !== 'string' || card.id === '') out.push(`card on line ${card.line} has an empty id`);
    else if (ids.has(card.id)) out.push(`card id ${card.id} is used twice`);
    ids.add(card.id);
    if (card.explicitId && !EXPLICIT_ID.test(card.id)) out.push(`explicit id ${card.id} is not valid`);
    if (!card.question.trim() || !card.answer.trim()) out.push(`card ${card.id} has an empty side`);
    if (!Number.isInteger(card.line) || card.line < 1 || card.line > lengths.length) out.push(`card ${card.id}: line ${card.line} outside 1..${lengths.length}`);
    if (!Number.isInteger(card.answerLine) || card.answerLine <= card.line || card.answerLine > lengths.length) {
      out.push(`card ${card.id}: answerLine ${card.answerLine} outside ${card.line + 1}..${lengths.length}`);
    }
  }
  out.push(...examProblems(deck, normalizedText(text), lengths));
  return out;
}

/** The text with line breaks as the parsers see them (`parseDeck` turns a lone `\r` into `\n`). */
function normalizedText(text: string): string {
  return text.replace(/\r(?!\n)/g, '\n');
}

/**
 * The exam layer reads every card again: questions, options, clozes; and its problems become
 * diagnostics in the file (`questionDiagnostics`), which must point inside it too.
 */
function examProblems(deck: Deck, text: string, lengths: readonly number[]): string[] {
  const out: string[] = [];
  const reviewIds = new Set<string>();
  let fileLines: string[] | undefined;
  for (const card of deck.cards) {
    const parsed = parseQuestion(card);
    const parts = { question: lineLengths(card.question), answer: lineLengths(card.answer) };
    for (const p of parsed.problems) {
      for (const problem of positionProblems(p, parts[p.part], 0)) out.push(`card ${card.id} exam problem ${p.code} in the ${p.part}: ${problem}`);
    }
    const partLines = { question: card.question.split('\n'), answer: card.answer.split('\n') };
    // Once per line: a huge line of `{{c1::` has a problem every few characters.
    const compared = new Set<string>();
    questionDiagnostics(card, text, deck.format).forEach((d, i) => {
      for (const problem of positionProblems(d, lengths)) out.push(`card ${card.id} exam diagnostic ${d.code}: ${problem}`);
      // Inside the file is not enough: the card's line must be there, shifted only past a `## `.
      const p = parsed.problems[i];
      const cardLine = partLines[p.part][p.line];
      const shift = d.column - p.column;
      const key = `${p.part} ${p.line} ${d.line} ${shift}`;
      if (!cardLine || compared.has(key)) return;
      compared.add(key);
      fileLines ??= text.split('\n');
      if (shift < 0 || !fileLines[d.line - 1]?.startsWith(cardLine, shift)) {
        out.push(`card ${card.id} exam diagnostic ${d.code} at ${d.line}:${d.column} is not at its ${p.part} line ${p.line}, ${JSON.stringify(cardLine)}`);
      }
    });
    for (const review of expandCloze(card)) {
      if (!review.id) out.push(`card ${card.id}: a cloze card has an empty id`);
      else if (reviewIds.has(review.id)) out.push(`review card id ${review.id} is used twice`);
      reviewIds.add(review.id);
    }
  }
  return out;
}

/** Parses and checks one input; an exception becomes a problem, not a crash of the fuzzer. */
export function checkInput(name: string, content: Uint8Array | string): string[] {
  try {
    return deckProblems(parseDeck(name, content), content);
  } catch (e) {
    return [`threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`];
  }
}

/** The bench's high-volume loops use the same seeded generator as the exam's shuffles. */
export const prng = seededRandom;

export function randomMutation(random: () => number): Mutation {
  return { kind: MUTATION_KINDS[Math.floor(random() * MUTATION_KINDS.length)], at: random(), n: Math.floor(random() * 1_000_000) };
}

// ---------------------------------------------------------------------------------------------
// Card texts on which the exam layer once took quadratic time: regexes that rescan a run from
// each of its positions, scans that look for `}}` to the end of the text from every opening, a
// line lookup per problem. The exam reads every card again when it starts; a card is far smaller
// than a deck, so these are sized in thousands of characters, not in megabytes.

export interface ExamScalableInput {
  name: string;
  /** A text of about `chars` characters. */
  make(chars: number): string;
  read(text: string): unknown;
}

const asAnswer = (answer: string) => parseQuestion({ question: 'Which?', answer });
const repeatTo = (chars: number, unit: string) => unit.repeat(Math.ceil(chars / unit.length));

export const EXAM_SCALABLE_INPUTS: readonly ExamScalableInput[] = [
  { name: '`(` then spaces in a question (choose-hint regex)', make: (n) => `Which one? (${' '.repeat(n)}x`, read: (t) => parseQuestion({ question: t, answer: '- [x] a\n- [ ] b' }) },
  { name: '`{{c1::x}` repeated, never closed (cloze scan)', make: (n) => repeatTo(n, '{{c1::x}'), read: scanClozes },
  { name: 'deletions between near misses (cloze scan)', make: (n) => repeatTo(n, '{{c1::a}} {{c1:b}} '), read: scanClozes },
  { name: 'an unclosed cloze on every line (problem positions)', make: (n) => repeatTo(n, 'text {{c1::x}\n'), read: asAnswer },
  { name: 'a long option list', make: (n) => repeatTo(n, '- [x] a\n- [ ] b\n'), read: asAnswer },
  { name: 'an option of spaces ending in U+2028 (option regex)', make: (n) => `- [x] a\n- [ ]${' '.repeat(n)}\u2028`, read: asAnswer },
  { name: 'an option continued over many lines', make: (n) => `- [x] a\n- [ ] b\n${repeatTo(n, '  and more\n')}`, read: asAnswer },
  { name: 'typed answer: punctuation, then a letter', make: (n) => `a${'.'.repeat(n)}x`, read: normalizeAnswer },
  { name: 'typed answer: `[` repeated, never closed', make: (n) => '['.repeat(n), read: normalizeAnswer },
  { name: 'typed answer: `[](` repeated, never closed', make: (n) => repeatTo(n, '[]('), read: normalizeAnswer },
];
