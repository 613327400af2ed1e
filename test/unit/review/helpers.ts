import {
  DAY,
  HOUR,
  InMemoryProgressStorage,
  MINUTE,
  ProgressStore,
  fixedUtcOffset,
  sequentialIdGenerator,
  type CardState,
  type Clock,
  type ProgressStoreOptions,
} from '../../../src/core/review';

export { DAY, HOUR, MINUTE };

/** 2024-03-10 12:00 UTC, a Sunday, well clear of any day boundary (days start at 04:00 UTC here). */
export const T0 = Date.UTC(2024, 2, 10, 12);

export class FakeClock implements Clock {
  constructor(public time = T0) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  set(at: number): void {
    this.time = at;
  }
}

export const LOG = 'progress.jsonl';
export const SNAPSHOT = 'progress.snapshot.json';

/** Deterministic options: no fuzz, UTC, ids e1, e2, … (a prefix keeps two stores' ids apart). */
export function testOptions(overrides: ProgressStoreOptions = {}, idPrefix = 'e'): ProgressStoreOptions {
  return {
    utcOffset: fixedUtcOffset(0),
    newId: sequentialIdGenerator(idPrefix),
    ...overrides,
    settings: { fuzz: false, ...overrides.settings },
  };
}

export async function openStore(
  storage = new InMemoryProgressStorage(),
  clock = new FakeClock(),
  overrides: ProgressStoreOptions = {},
  idPrefix = 'e',
): Promise<{ store: ProgressStore; storage: InMemoryProgressStorage; clock: FakeClock }> {
  const store = await ProgressStore.open(storage, clock, testOptions(overrides, idPrefix));
  return { store, storage, clock };
}

/** Card states as plain sorted data, for comparing two ways of deriving them. */
export function plainStates(states: ReadonlyMap<string, CardState>): Array<[string, CardState]> {
  return [...states.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, { ...v }]);
}

export function logLines(storage: InMemoryProgressStorage): string[] {
  return (storage.text(LOG) ?? '').split('\n').filter((line) => line.trim() !== '');
}

/** A deterministic pseudo-random sequence, so "random" review histories are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
