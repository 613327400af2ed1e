// Parent side of the crash and two-window tests: bundles `crashWriter.ts` once with esbuild (a
// plain `node file.cjs` starts several times faster than through tsx, which matters at 1,000
// kills), runs writers, kills them with SIGKILL and checks the log they leave behind.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as esbuild from 'esbuild';
import { ProgressStore, type RecoveryReport } from '../../src/core/review';
import { NodeProgressStorage } from '../../src/node/nodeProgressStorage';
import type { WriterArgs } from './crashWriter';
import { prng } from './deckFuzz';

export const LOG = 'progress.jsonl';

/** Bundles the writer into `outDir`; returns the script to run with `node`. */
export async function bundleCrashWriter(outDir: string): Promise<string> {
  const outfile = join(outDir, 'crashWriter.cjs');
  await esbuild.build({
    entryPoints: [join(__dirname, 'crashWriter.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export type WriterOptions = Pick<WriterArgs, 'dir' | 'prefix'> & Partial<Omit<WriterArgs, 'dir' | 'prefix'>>;

/** One running crashWriter, with what it printed so far. */
export class Writer {
  readonly acks: string[] = [];
  readonly lines: string[] = [];
  stderr = '';
  /** Resolves once the process is gone and all its output has been read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly listeners = new Set<() => void>();
  private isClosed = false;

  constructor(script: string, options: WriterOptions) {
    const args = [script, '--dir', options.dir, '--prefix', options.prefix, '--seed', String(options.seed ?? 1)];
    if (options.cards !== undefined) args.push('--cards', String(options.cards));
    if (options.count !== undefined) args.push('--count', String(options.count));
    if (options.snapshotEvery !== undefined) args.push('--snapshot-every', String(options.snapshotEvery));
    if (options.thenRefresh) args.push('--then-refresh');
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      if (line.startsWith('ack ')) this.acks.push(line.slice(4));
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.isClosed = true;
        this.notify();
        resolve({ code, signal });
      });
    });
  }

  /** Resolves when `condition` holds; rejects if the writer ends first or `timeoutMs` passes. */
  until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition()) done();
        else if (this.isClosed) done(new Error(`the writer ended before ${what}; stderr: ${this.stderr || '(empty)'}`));
      };
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}; stderr: ${this.stderr || '(empty)'}`)), timeoutMs);
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.listeners.add(check);
      check();
    });
  }

  send(line: string): void {
    this.child.stdin.write(line + '\n');
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export interface LogCheck {
  /** Entries in the log as a fresh store reads it. */
  entries: number;
  /** Acknowledged ids the fresh store does not have. */
  lost: string[];
  /** Acknowledged ids on more than one line of the log file. */
  duplicated: string[];
  /** The file ends in an unfinished line. */
  tornTail: boolean;
  recovered: RecoveryReport | undefined;
  /** Temp files left next to the log by writes that were killed before their rename. */
  tempFiles: number;
}

/** Opens the log the way a new window would and checks the acknowledged ids against it. */
export async function checkLog(dir: string, acked: Iterable<string>): Promise<LogCheck> {
  const store = await ProgressStore.open(new NodeProgressStorage(dir), { now: () => Date.now() });
  try {
    const history = await store.history();
    const text = readFileSync(join(dir, LOG), 'utf8');
    const lines = text.split('\n');
    const count = new Map<string, number>();
    let tornTail = false;
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') count.set(id, (count.get(id) ?? 0) + 1);
      } catch {
        if (i === lines.length - 1) tornTail = true;
      }
    });
    const lost: string[] = [];
    const duplicated: string[] = [];
    for (const id of acked) {
      if (!history.has(id)) lost.push(id);
      if ((count.get(id) ?? 0) > 1) duplicated.push(id);
    }
    const tempFiles = readdirSync(dir).filter((f) => f.endsWith('.tmp')).length;
    return { entries: history.size, lost, duplicated, tornTail, recovered: store.recovered, tempFiles };
  } finally {
    await store.dispose();
  }
}

export interface CrashOptions {
  script: string;
  dir: string;
  kills: number;
  seed: number;
  /** A kill comes after 1..maxAcks acknowledgements, or (every other round) after 0..maxDelayMs. */
  maxAcks: number;
  maxDelayMs: number;
  /** Open the log and check it after every this many kills (and after the last). */
  checkEvery: number;
  snapshotEvery?: number;
  /** Writers running (and killed) at once on the same directory, like windows crashing together. */
  parallel?: number;
}

export interface CrashReport {
  kills: number;
  acked: number;
  entries: number;
  lost: number;
  duplicated: number;
  /** Checks that found the log ending in a torn line (fine: it was never acknowledged). */
  tornTails: number;
  /** Opens that reported a repaired log (not expected: a kill should only ever tear the tail). */
  recoveries: number;
  /** Kills that landed before the writer had opened the store. */
  killedWhileOpening: number;
  tempFiles: number;
  ms: number;
  failures: string[];
}

/**
 * Kills `kills` writers at random moments, all on one directory, and checks after every
 * `checkEvery` kills that a new store loads the log and holds every acknowledged grade once.
 */
export async function runCrashRounds(options: CrashOptions): Promise<CrashReport> {
  const random = prng(options.seed);
  const acked = new Set<string>();
  const report: CrashReport = { kills: 0, acked: 0, entries: 0, lost: 0, duplicated: 0, tornTails: 0, recoveries: 0, killedWhileOpening: 0, tempFiles: 0, ms: 0, failures: [] };
  const started = performance.now();
  const parallel = Math.max(1, options.parallel ?? 1);
  for (let first = 0; first < options.kills; first += parallel) {
    const rounds = Array.from({ length: Math.min(parallel, options.kills - first) }, (_, i) => first + i);
    // Each writer gets its own kill moment, drawn here so the sequence depends on the seed only.
    const plans = rounds.map((round) => ({ round, byAcks: random() < 0.5, acks: 1 + Math.floor(random() * options.maxAcks), delay: Math.floor(random() * options.maxDelayMs) }));
    await Promise.all(plans.map(async ({ round, byAcks, acks, delay }) => {
      const writer = new Writer(options.script, {
        dir: options.dir,
        prefix: `k${round % 7}`,
        seed: options.seed * 100_003 + round,
        snapshotEvery: options.snapshotEvery,
      });
      if (byAcks) {
        await writer.until(() => writer.acks.length >= acks, `${acks} acknowledgements`).catch((e: Error) => report.failures.push(`kill ${round}: ${e.message}`));
        writer.kill();
      } else {
        const timer = setTimeout(() => writer.kill(), delay);
        await writer.closed;
        clearTimeout(timer);
      }
      const { signal } = await writer.closed;
      if (signal !== 'SIGKILL') report.failures.push(`kill ${round}: the writer ended by itself (${signal ?? 'exit'}): ${writer.stderr}`);
      report.kills++;
      if (!writer.lines.includes('ready')) report.killedWhileOpening++;
      for (const id of writer.acks) {
        if (acked.has(id)) report.failures.push(`kill ${round}: id ${id} acknowledged twice`);
        acked.add(id);
      }
    }));
    const last = rounds[rounds.length - 1];
    if (Math.floor((last + 1) / options.checkEvery) > Math.floor(first / options.checkEvery) || last === options.kills - 1) {
      try {
        const check = await checkLog(options.dir, acked);
        report.entries = check.entries;
        report.lost = check.lost.length;
        report.duplicated = check.duplicated.length;
        if (check.tornTail) report.tornTails++;
        if (check.recovered) report.recoveries++;
        report.tempFiles = check.tempFiles;
        if (check.lost.length > 0) report.failures.push(`after kill ${last}: lost ${check.lost.length} acknowledged grades, e.g. ${check.lost.slice(0, 3).join(', ')}`);
        if (check.duplicated.length > 0) report.failures.push(`after kill ${last}: ${check.duplicated.length} grades twice in the log, e.g. ${check.duplicated.slice(0, 3).join(', ')}`);
        if (check.recovered) report.failures.push(`after kill ${last}: the log needed repair: ${JSON.stringify(check.recovered)}`);
      } catch (e) {
        report.failures.push(`after kill ${last}: opening the log threw ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
    }
  }
  report.acked = acked.size;
  report.ms = performance.now() - started;
  return report;
}
