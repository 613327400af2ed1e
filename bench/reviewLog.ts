import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore, fixedUtcOffset } from '../src/core/review';
import { NodeProgressStorage } from '../src/node/nodeProgressStorage';
import { fmt, percentile } from './stats';

const CARDS = 5000;
const ENTRIES = 100_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);

/** A year of reviews over 5,000 cards, with some undo, bury and suspend entries. */
function syntheticLog(): string {
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['{"schema":1,"kind":"flashcards-review-log"}'];
  const times = Array.from({ length: ENTRIES }, () => NOW - 366 * DAY + Math.floor(rand() * 365 * DAY)).sort((a, b) => a - b);
  for (let i = 0; i < ENTRIES; i++) {
    const card = `builtin:bench.deck.md/card-${Math.floor(rand() * CARDS)}`;
    const at = times[i];
    const id = `b${i.toString(36)}`;
    const roll = rand();
    if (roll < 0.004 && i > 0) lines.push(JSON.stringify({ t: 'undo', id, target: `b${(i - 1).toString(36)}`, at }));
    else if (roll < 0.007) lines.push(JSON.stringify({ t: 'bury', id, card, at, until: at + DAY }));
    else {
      const r = rand();
      lines.push(JSON.stringify({ t: 'review', id, card, at, rating: r < 0.1 ? 1 : r < 0.2 ? 2 : r < 0.9 ? 3 : 4, ms: 2000 + Math.floor(rand() * 8000) }));
    }
  }
  return lines.join('\n');
}

export async function benchReviewLog(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flashcards-bench-'));
  try {
    writeFileSync(join(dir, 'progress.jsonl'), syntheticLog());
    const clock = { now: () => NOW };
    const options = { utcOffset: fixedUtcOffset(0) };
    const keys = Array.from({ length: CARDS }, (_, i) => `builtin:bench.deck.md/card-${i}`);

    let t = performance.now();
    const first = await ProgressStore.open(new NodeProgressStorage(dir), clock, options);
    const rebuild = performance.now() - t;
    await first.dispose(); // writes the snapshot, as closing a window does

    const firstCard: number[] = [];
    const stats: number[] = [];
    const history: number[] = [];
    const grade: number[] = [];
    for (let run = 0; run < 7; run++) {
      t = performance.now();
      const store = await ProgressStore.open(new NodeProgressStorage(dir), clock, options);
      const queue = store.queue(keys);
      store.preview(queue.items[0]?.card ?? keys[0]);
      firstCard.push(performance.now() - t);
      t = performance.now();
      await store.stats();
      stats.push(performance.now() - t);
      t = performance.now();
      await store.history();
      history.push(performance.now() - t);
      t = performance.now();
      await store.answer(keys[run], 3, 1000);
      grade.push(performance.now() - t);
      // Leave the log as it was so every run measures the same thing.
      await store.undo();
    }
    const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    console.log('\nReview log (%s entries over %s cards, Node storage with fsync)', ENTRIES.toLocaleString('en'), CARDS.toLocaleString('en'));
    console.log('  first open without snapshot (full replay through ts-fsrs): %s', fmt(rebuild));
    console.log('  time to first card with snapshot (open + queue + intervals): median %s  (goal ≤ 50 ms: %s)', fmt(med(firstCard)), med(firstCard) <= 50 ? 'met' : 'MISSED');
    console.log('  statistics ready after open (per-day tally):             median %s  (goal ≤ 200 ms: %s)', fmt(med(stats)), med(stats) <= 200 ? 'met' : 'MISSED');
    console.log('  full entry history (export/import only):                 median %s', fmt(med(history)));
    console.log('  one grade (append + fsync + state update):               median %s', fmt(med(grade)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
