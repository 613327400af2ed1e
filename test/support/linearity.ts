// Deck texts of a chosen size, realistic and pathological, for checking that parsing time grows
// linearly with the input (no regex backtracking or rescanning blow-ups). Shared by the unit suite
// (a generous ratio that cannot flake) and `bench/resilience.ts` (the strict one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ROOT } from './deckFuzz';

export interface ScalableInput {
  name: string;
  /** File name given to `parseDeck`: picks the parser. */
  file: string;
  /** A text of about `bytes` characters. */
  make(bytes: number): string;
  /**
   * Tens of thousands of cards (or of card-sized problems) per MB, far past any real deck: every
   * card is kept until the parse ends, so the garbage collector's share of the time grows with
   * the count. Reported apart from the inputs that test the parser's own scanning.
   */
  density?: true;
  /** Parsed from UTF-8 bytes rather than a string (see `contentOf`). */
  fileBytes?: true;
  /** Measured by the bench only: slow, and covered in the unit suite by a cheaper input. */
  benchOnly?: true;
}

/**
 * The input as the parser gets it: the file's bytes, as the deck manager and the CLI read decks.
 * (Editor text comes as a string, but VS Code has already turned every lone `\r` into `\n`.)
 */
export function contentOf(input: ScalableInput, bytes: number): string | Uint8Array {
  const text = input.make(bytes);
  return input.fileBytes ? new TextEncoder().encode(text) : text;
}

/** Repeats `unit(i)` until the text reaches `bytes` characters. */
function repeatTo(bytes: number, head: string, unit: (i: number) => string): string {
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    size += u.length;
  }
  return parts.join('');
}

let examBody: string | undefined;
let seedBody: string[] | undefined;

/** The shipped exam deck's cards, ids made unique per copy: realistic Markdown of any size. */
function realisticMarkdown(bytes: number): string {
  examBody ??= readFileSync(join(ROOT, 'decks', 'exam-data-streaming.deck.md'), 'utf8').replace(/^[\s\S]*?\n(?=## )/, '');
  const body = examBody;
  return repeatTo(bytes, '# Realistic deck\n\nCopies of the exam deck.\n\n', (i) => body.replace(/^id: (.*)$/gm, `id: $1-${i}`) + '\n');
}

/** The seed deck's cards, renumbered: realistic seed text of any size. */
function realisticSeed(bytes: number): string {
  seedBody ??= readFileSync(join(ROOT, 'decks', 'data-engineering-flashcards.txt'), 'utf8').split(/\r?\n(?=\d+\r?\nQ\r?\n)/).slice(1);
  const cards = seedBody;
  let n = 0;
  return repeatTo(bytes, 'Seed deck\n', () => cards.map((c) => `${++n}${c.slice(c.indexOf('\n'))}\n`).join(''));
}

export const SCALABLE_INPUTS: readonly ScalableInput[] = [
  { name: 'realistic Markdown (exam deck copies)', file: 'big.deck.md', make: realisticMarkdown },
  { name: 'realistic seed text', file: 'big.cards.txt', make: realisticSeed },
  { name: 'CRLF Markdown', file: 'big.deck.md', make: (b) => realisticMarkdown(b).replace(/\n/g, '\r\n') },
  { name: 'CRLF Markdown, file bytes', file: 'big.deck.md', fileBytes: true, make: (b) => realisticMarkdown(b).replace(/\n/g, '\r\n') },
  { name: 'lone-CR Markdown, file bytes', file: 'big.deck.md', fileBytes: true, make: (b) => realisticMarkdown(b).replace(/\n/g, '\r') },
  { name: 'many `#` lines', file: 'big.deck.md', make: (b) => repeatTo(b, '', (i) => '#'.repeat(1 + (i % 9)) + (i % 3 === 0 ? ' t\n' : '\n')) },
  { name: 'extra `# titles`', file: 'big.deck.md', make: (b) => repeatTo(b, '', (i) => `# Title ${i} #\n`) },
  { name: 'one line of `<!--`', file: 'big.deck.md', make: (b) => '# T\n## Q\n' + '<!--'.repeat(Math.ceil(b / 4)) },
  { name: 'long `<!--` lines after headings', file: 'big.deck.md', make: (b) => repeatTo(b, '# T\n', () => '## Q\n' + '<!--'.repeat(500) + '\n') },
  { name: 'unclosed metadata comments', file: 'big.deck.md', make: (b) => repeatTo(b, '# T\n', (i) => `## Q${i}\n<!-- id: q${i}\ntags: a\n`) },
  { name: 'unclosed fence', file: 'big.deck.md', make: (b) => '# T\n## Q\n```\n' + realisticMarkdown(b) },
  { name: 'many fences', file: 'big.deck.md', make: (b) => repeatTo(b, '# T\n## Q\n', (i) => (i % 2 ? '~~~~\n' : '```\n')) },
  { name: '100k `?` lines', file: 'big.deck.md', make: (b) => repeatTo(b, '# T\n## Q\n', () => '?\n') },
  { name: 'cards of `?` only', file: 'big.deck.md', density: true, make: (b) => repeatTo(b, '# T\n', () => '## Q?\n?\n') },
  { name: 'one very long heading', file: 'big.deck.md', make: (b) => '# T\n## ' + 'word # '.repeat(Math.ceil(b / 7)) + '\nAnswer\n' },
  { name: 'long headings of spaces and `#`', file: 'big.deck.md', make: (b) => repeatTo(b, '# T\n', () => '## a' + ' '.repeat(3000) + '#'.repeat(3000) + 'x\nA\n') },
  { name: 'duplicate ids', file: 'big.deck.md', density: true, make: (b) => repeatTo(b, '# T\n', () => '## Same question\n<!-- id: same -->\nA\n') },
  { name: 'derived id collisions', file: 'big.deck.md', density: true, benchOnly: true, make: (b) => repeatTo(b, '# T\n', (i) => `## Same question ${i % 3}?\nThe same answer, in a sentence.\n`) },
  { name: 'seed: numbers without `A`', file: 'big.cards.txt', make: (b) => repeatTo(b, 'T\n', (i) => `${i}\nQ\nquestion\n`) },
  { name: 'seed: one huge answer', file: 'big.cards.txt', make: (b) => 'T\n1\nQ\nq\nA\n' + 'answer line\n'.repeat(Math.ceil(b / 12)) },
];

export interface Growth {
  name: string;
  /** Median CPU time of one parse of the small input, in ms. */
  smallMs: number;
  /** Median CPU time of one parse of the large input, in ms. */
  largeMs: number;
  /** How many times longer the large input takes: the median of paired measurements. */
  ratio: number;
  /**
   * The same from the fastest run of each. Load from other processes only ever adds time, so on
   * a busy machine this is the steadier estimate of what the code itself costs.
   */
  minRatio: number;
  /** large / small input size. */
  sizeRatio: number;
}

/**
 * A full collection before each timed run, so that every run starts from the same heap and no run
 * pays for the garbage of the one before. `node --expose-gc` provides `gc`; elsewhere (mocha) the
 * flag is set at run time and `gc` taken from a fresh context, as V8 allows.
 */
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? exposeGc();

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * CPU time of this process (all its threads, GC helpers included), in ms. Unlike wall time it
 * does not grow while other processes have the CPU, which on a shared 2-core machine can stretch
 * a measurement several times over.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Times `parse(large)` against `parse(small)`, in CPU time. The small input is timed in batches covering as
 * many bytes as the large one, each call on its own copy of the text: that takes timer resolution,
 * per-call overhead and the small text's advantage of staying in the CPU cache out of the ratio.
 * The two are timed alternately, so a burst of load from other processes hits both sides alike.
 */
export function growth<T extends string | Uint8Array>(name: string, parse: (content: T) => void, small: T, large: T, runs: number): Growth {
  const factor = Math.max(1, Math.round(large.length / small.length));
  const copies = Array.from({ length: factor }, () => flatCopy(small));
  const timeSmall = () => {
    gc();
    const t = cpuMs();
    for (const copy of copies) parse(copy);
    return (cpuMs() - t) / factor;
  };
  const timeLarge = () => {
    gc();
    const t = cpuMs();
    parse(large);
    return cpuMs() - t;
  };
  timeSmall();
  timeLarge();
  const smalls: number[] = [];
  const larges: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = timeSmall();
    const l = timeLarge();
    smalls.push(s);
    larges.push(l);
    ratios.push(l / Math.max(s, 1e-6));
  }
  return {
    name,
    smallMs: median(smalls),
    largeMs: median(larges),
    ratio: median(ratios),
    minRatio: Math.min(...larges) / Math.max(Math.min(...smalls), 1e-6),
    sizeRatio: large.length / small.length,
  };
}

/** A copy of the text in memory of its own (strings are otherwise shared, not copied). */
function flatCopy<T extends string | Uint8Array>(content: T): T {
  return (typeof content === 'string' ? JSON.parse(JSON.stringify(content)) : content.slice()) as T;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * For unit tests: the growth from the fastest runs, measured again (up to three times) while it is
 * over `bound`, so that a busy machine cannot make a test flake while quadratic time still fails.
 */
export function bestOfThree<T extends string | Uint8Array>(read: (content: T) => unknown, small: T, large: T, bound: number): Growth {
  let best: Growth | undefined;
  for (let attempt = 0; attempt < 3 && (!best || best.minRatio > bound); attempt++) {
    const g = growth('', read, small, large, 3);
    if (!best || g.minRatio < best.minRatio) best = g;
  }
  return best!;
}
