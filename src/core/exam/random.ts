/**
 * A source of uniform numbers in [0, 1), like `Math.random`. Injected everywhere the exam engine
 * shuffles, so tests (and a replayed exam) get the same order for the same seed.
 */
export type Random = () => number;

/**
 * Mulberry32: a tiny, fast 32-bit generator with good enough statistics for shuffling. Not for
 * secrets. The same seed gives the same sequence in Node and in browsers.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n); tolerates a random source that returns exactly 1 or slightly out of range. */
export function randomIndex(random: Random, n: number): number {
  const i = Math.floor(random() * n);
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Fisher–Yates shuffle into a new array; the input is left untouched. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** A random order of `0..n-1`. */
export function permutation(n: number, random: Random): number[] {
  return shuffled(Array.from({ length: n }, (_, i) => i), random);
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `count` base-36 characters drawn from `random` (for exam ids; not for secrets). */
export function randomChars(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += ALPHABET[randomIndex(random, ALPHABET.length)];
  return out;
}
