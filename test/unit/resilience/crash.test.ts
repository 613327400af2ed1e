import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore } from '../../../src/core/review';
import { NodeProgressStorage } from '../../../src/node/nodeProgressStorage';
import { bundleCrashWriter, runCrashRounds } from '../../support/crashHarness';

// Child processes record grades through the real ProgressStore on the real NodeProgressStorage
// and print each grade's id once `answer()` resolved; they are killed with SIGKILL at random
// moments (after a random number of acknowledgements, or a random delay that can fall while the
// store is still opening). Every acknowledged grade must then be in the log exactly once, and
// the log must load. `bench/resilience.ts` does the same with 1,000 kills.
describe('resilience: killed while recording grades', function () {
  this.timeout(180_000);
  let base: string;

  before(() => (base = mkdtempSync(join(tmpdir(), 'flashcards-crash-'))));
  after(() => rmSync(base, { recursive: true, force: true }));

  it('50 kills (two writers at a time on one log): no acknowledged grade lost or doubled, the log always loads', async () => {
    const script = await bundleCrashWriter(base);
    const report = await runCrashRounds({
      script,
      dir: join(base, 'store'),
      kills: 50,
      seed: 20250301,
      maxAcks: 12,
      maxDelayMs: 400,
      checkEvery: 10,
      snapshotEvery: 10,
      parallel: 2,
    });
    assert.deepEqual(report.failures, []);
    assert.equal(report.kills, 50);
    assert.ok(report.acked >= 25, `only ${report.acked} grades were acknowledged: the kills came too early to test anything`);
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
    assert.equal(report.recoveries, 0, 'a kill only ever leaves a torn tail, never damage');
    assert.ok(report.entries >= report.acked);
  });

  it('temp files of writes killed before their rename are swept once stale, by the next window', async () => {
    const dir = join(base, 'temps');
    mkdirSync(dir, { recursive: true });
    const stale = join(dir, 'progress.snapshot.json.4242.1700000000000.3.tmp');
    const older = join(dir, 'progress.jsonl.4242.1700000000000.tmp');
    const fresh = join(dir, `progress.snapshot.json.4243.${Date.now()}.1.tmp`);
    const unrelated = join(dir, 'notes.tmp');
    for (const file of [stale, older, fresh, unrelated]) writeFileSync(file, '{"partial":');
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of [stale, older, unrelated]) utimesSync(file, hourAgo, hourAgo);
    const store = await ProgressStore.open(new NodeProgressStorage(dir), { now: () => Date.now() });
    await store.answer('d/1', 3, 1000);
    await store.dispose();
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(older), false);
    assert.equal(existsSync(fresh), true, 'a temp file of a write that may still be running is left alone');
    assert.equal(existsSync(unrelated), true);
  });
});
