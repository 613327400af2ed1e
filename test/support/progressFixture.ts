// Writes test/fixtures/progress/v1-progress.jsonl and its snapshot: three weeks of study recorded
// through the real store with log schema 1. The files are committed; later versions must keep
// loading them (test/unit/resilience/upgrade.test.ts). Re-running this after a schema change
// would defeat the purpose: it is kept only to show how the fixture was made.
//
//   node --import tsx test/support/progressFixture.ts   (prints the facts the test checks)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY, HOUR, InMemoryProgressStorage, MINUTE, ProgressStore, fixedUtcOffset, type Rating } from '../../src/core/review';
import { prng } from './deckFuzz';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'progress');
export const FIXTURE_LOG = 'v1-progress.jsonl';
export const FIXTURE_SNAPSHOT = 'v1-progress.snapshot.json';
/** The options the fixture was written with; the snapshot is only valid for the same ones. */
export const FIXTURE_OPTIONS = { utcOffset: fixedUtcOffset(60) } as const;

const LIMITS = 'builtin:kinesis-limits.deck.md';
const SEED = 'builtin:data-engineering-flashcards.txt';
const EXAM = 'builtin:exam-data-streaming.deck.md';
const TEAM = 'workspace:decks/team.deck.md';

export const FIXTURE_CARDS = {
  retention: `${LIMITS}/f01-retention`,
  capacityModes: `${LIMITS}/f02-capacity-modes`,
  shardQuota: `${LIMITS}/f04-shard-quota`,
  writeLimit: `${LIMITS}/f05-shard-write-limit`,
  writeLimitCloze: `${LIMITS}/f05-shard-write-limit::c1`,
  seedFirst: `${SEED}/q-3af0d276`,
  seedSecond: `${SEED}/q-c365c520`,
  examSizing: `${EXAM}/exam-sizing-3000-msgs`,
  examOnDemand: `${EXAM}/exam-capacity-on-demand`,
  teamA: `${TEAM}/team-shard-write`,
  teamB: `${TEAM}/team-retention`,
} as const;

async function main(): Promise<void> {
  const random = prng(2025);
  let now = Date.UTC(2025, 2, 3, 8, 30); // Monday 3 March 2025, 09:30 in UTC+1
  const clock = { now: () => now };
  // Ids as the extension makes them (time in base 36 + 8 random characters), but reproducible.
  const newId = () => now.toString(36) + Array.from({ length: 8 }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)]).join('');
  const storage = new InMemoryProgressStorage();
  const store = await ProgressStore.open(storage, clock, { ...FIXTURE_OPTIONS, newId });
  const cards = Object.values(FIXTURE_CARDS);
  const rating = (): Rating => {
    const r = random();
    return r < 0.1 ? 1 : r < 0.25 ? 2 : r < 0.9 ? 3 : 4;
  };
  const study = async (keys: readonly string[]) => {
    for (const key of keys) {
      now += 20_000 + Math.floor(random() * 40_000);
      await store.answer(key, rating(), 3000 + Math.floor(random() * 20_000));
    }
  };

  for (let day = 0; day < 21; day++) {
    now = Date.UTC(2025, 2, 3 + day, 8, 30) + Math.floor(random() * 2 * HOUR);
    const today = cards.filter((_, i) => (day + i) % 3 !== 0);
    await study(today);
    now += 10 * MINUTE;
    await study(today.slice(0, 4)); // learning steps come back the same day
    switch (day) {
      case 1:
        now += MINUTE;
        await store.undo(); // took back the last answer
        break;
      case 2:
        now += MINUTE;
        await store.bury(FIXTURE_CARDS.shardQuota);
        break;
      case 3:
        now += MINUTE;
        await store.suspend(FIXTURE_CARDS.seedSecond);
        break;
      case 5:
        now += MINUTE;
        await store.reset(FIXTURE_CARDS.capacityModes);
        break;
      case 8:
        now += MINUTE;
        await store.unsuspend(FIXTURE_CARDS.seedSecond);
        break;
      case 11:
        now += MINUTE;
        await store.reset(TEAM); // a whole deck
        break;
      case 13:
        now += MINUTE;
        await store.suspend(FIXTURE_CARDS.examOnDemand);
        break;
      case 15:
        now += MINUTE;
        await store.undo();
        now += MINUTE;
        await store.undo(); // walks further back
        break;
      case 20:
        now += MINUTE;
        await store.bury(FIXTURE_CARDS.retention, now + 2 * DAY);
        break;
    }
  }
  await store.saveSnapshot();
  mkdirSync(FIXTURE_DIR, { recursive: true });
  writeFileSync(join(FIXTURE_DIR, FIXTURE_LOG), storage.text('progress.jsonl')!);
  writeFileSync(join(FIXTURE_DIR, FIXTURE_SNAPSHOT), storage.text('progress.snapshot.json')!);
  const history = await store.history();
  console.log('entries', history.size, 'cards', store.cards().size, 'last entry at', new Date(now).toISOString());
  for (const [name, key] of Object.entries(FIXTURE_CARDS)) {
    const c = store.card(key);
    console.log(name.padEnd(16), 'reps', c.reps, 'lapses', c.lapses, 'phase', c.phase, 'suspended', c.suspended, 'buriedUntil', c.buriedUntil && new Date(c.buriedUntil).toISOString());
  }
  const kinds: Record<string, number> = {};
  for (const e of history.all()) kinds[e.t] = (kinds[e.t] ?? 0) + 1;
  console.log(kinds);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
