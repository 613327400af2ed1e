import type { Clock } from './clock';

export type IdGenerator = () => string;

/**
 * Entry ids must stay unique across windows and machines because logs are merged by id. A time
 * prefix keeps them short and roughly sortable; 8 random base-36 characters (~41 bits) make a
 * clash within the same millisecond negligible.
 */
export function randomIdGenerator(clock: Clock): IdGenerator {
  return () => clock.now().toString(36) + randomChars(8);
}

/** Deterministic ids for tests: `prefix1`, `prefix2`, … */
export function sequentialIdGenerator(prefix = 'e'): IdGenerator {
  let next = 0;
  return () => `${prefix}${++next}`;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomChars(count: number): string {
  const values = new Uint8Array(count);
  const crypto = (globalThis as { crypto?: { getRandomValues?(array: Uint8Array): Uint8Array } }).crypto;
  if (crypto?.getRandomValues) {
    crypto.getRandomValues(values);
  } else {
    for (let i = 0; i < count; i++) values[i] = Math.floor(Math.random() * 256);
  }
  let out = '';
  for (const value of values) out += ALPHABET[value % ALPHABET.length];
  return out;
}
