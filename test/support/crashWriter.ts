// A child process for the crash and two-window tests: it records grades through the real
// ProgressStore on the real NodeProgressStorage, as fast as it can, and prints `ack <entry id>`
// for each grade only after `answer()` resolved, i.e. once the store says the grade is durable.
// The parent kills it with SIGKILL at random moments and then checks that every acknowledged
// grade is in the log exactly once. Writes to a pipe are synchronous on Linux, so a line the
// parent reads was printed before the kill, and so after the grade was acknowledged.
//
//   node crashWriter.cjs --dir DIR --prefix P [--seed N] [--cards N] [--count N] [--snapshot-every N] [--then-refresh]
//
// Output, one line each: `ready`, `ack <id>` per grade, and with --count: `done` after the last
// grade. With --then-refresh it then waits for a `refresh` line on stdin, calls `refresh()`, prints
// `seen <json>` (entries per key prefix, as this store sees them) and exits.
import { NodeProgressStorage } from '../../src/node/nodeProgressStorage';
import { seededRandom } from '../../src/core/exam/random';
import { ProgressStore, type Rating } from '../../src/core/review';

/** The command line, parsed; exported so the type check reaches this file (it is only ever run). */
export interface WriterArgs {
  dir: string;
  prefix: string;
  seed: number;
  cards: number;
  count: number;
  snapshotEvery: number;
  thenRefresh: boolean;
}

function parseArgs(argv: string[]): WriterArgs {
  const value = (name: string, fallback?: string): string => {
    const at = argv.indexOf(name);
    if (at >= 0 && at + 1 < argv.length) return argv[at + 1];
    if (fallback === undefined) throw new Error(`missing ${name}`);
    return fallback;
  };
  return {
    dir: value('--dir'),
    prefix: value('--prefix'),
    seed: Number(value('--seed', '1')),
    cards: Number(value('--cards', '20')),
    count: Number(value('--count', 'Infinity')),
    snapshotEvery: Number(value('--snapshot-every', '25')),
    thenRefresh: argv.includes('--then-refresh'),
  };
}

function say(line: string): void {
  process.stdout.write(line + '\n');
}

function nextLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      process.stdin.off('data', onData);
      // A paused pipe still holds the process open; nothing more is read.
      process.stdin.destroy();
      resolve(buffered.slice(0, nl));
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', () => reject(new Error('stdin closed')));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rand = seededRandom(args.seed);
  const store = await ProgressStore.open(new NodeProgressStorage(args.dir), { now: () => Date.now() }, { snapshotEvery: args.snapshotEvery });
  say('ready');
  for (let i = 0; i < args.count; i++) {
    const card = `${args.prefix}/c${Math.floor(rand() * args.cards)}`;
    const rating = (1 + Math.floor(rand() * 4)) as Rating;
    const entry = await store.answer(card, rating, 500 + Math.floor(rand() * 5000));
    say(`ack ${entry.id}`);
  }
  say('done');
  if (!args.thenRefresh) return;
  if ((await nextLine()) !== 'refresh') throw new Error('expected `refresh`');
  await store.refresh();
  const entries: Record<string, number> = {};
  for (const entry of (await store.history()).all()) {
    const key = entry.t === 'undo' ? '(undo)' : entry.t === 'reset' ? entry.deck : entry.card;
    const prefix = key.split('/')[0];
    entries[prefix] = (entries[prefix] ?? 0) + 1;
  }
  const reps: Record<string, number> = {};
  for (const [key, state] of store.cards()) {
    const prefix = key.split('/')[0];
    reps[prefix] = (reps[prefix] ?? 0) + state.reps;
  }
  say(`seen ${JSON.stringify({ entries, reps })}`);
  await store.dispose();
}

main().catch((e: unknown) => {
  process.stderr.write(`crashWriter: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
