// Issue 7, trust and resilience, at full size: 100,000+ fuzzed inputs through every reader of
// untrusted text, parse-time growth on 200 KB → 2 MB decks, 1,000 SIGKILLs of a process recording
// grades, and two processes grading into one log. The unit suite (test/unit/resilience) runs the
// same checks small. Run: `node --expose-gc --import tsx bench/resilience.ts` (or from bench/index.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCloze, scanClozes } from '../src/core/exam/cloze';
import { parseQuestion } from '../src/core/exam/question';
import { parseDeck } from '../src/core/deck/parse';
import { Writer, bundleCrashWriter, checkLog, runCrashRounds } from '../test/support/crashHarness';
import {
  EXAM_SCALABLE_INPUTS,
  FILE_NAMES,
  TRICKY_LINES,
  applyMutations,
  checkInput,
  generatedDeck,
  lineLengths,
  positionProblems,
  prng,
  randomMutation,
  shippedDecks,
  type Mutation,
} from '../test/support/deckFuzz';
import { SCALABLE_INPUTS, contentOf, growth, type Growth } from '../test/support/linearity';
import { ANKI_SAMPLES, LANGUAGE_IDS, ankiProblems, codeProblems, codeSamples } from '../test/support/otherFuzz';

const SEED = 20250301;
const STRICT = 12;

interface Tally {
  name: string;
  inputs: number;
  failures: number;
  ms: number;
  examples: string[];
}

function tally(name: string): Tally {
  return { name, inputs: 0, failures: 0, ms: 0, examples: [] };
}

function record(t: Tally, problems: string[], input: () => unknown): void {
  t.inputs++;
  if (problems.length === 0) return;
  t.failures++;
  if (t.examples.length < 3) t.examples.push(`${problems[0].slice(0, 300)}\n        input: ${JSON.stringify(input()).slice(0, 400)}`);
}

function timed(t: Tally, run: () => void): void {
  const started = performance.now();
  run();
  t.ms += performance.now() - started;
}

const n = (x: number) => x.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function randomText(random: () => number, max: number): string {
  const len = Math.floor(random() * max);
  let s = '';
  for (let i = 0; i < len; i++) {
    const r = random();
    if (r < 0.6) s += String.fromCharCode(32 + Math.floor(random() * 95));
    else if (r < 0.7) s += '#<!->?`~[]{}:'[Math.floor(random() * 13)];
    else if (r < 0.8) s += '\n\r\t\0'[Math.floor(random() * 4)];
    else s += String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return s;
}

function fuzz(scale: number): Tally[] {
  const times = (count: number) => Math.max(1, Math.round(count * scale));
  const random = prng(SEED);
  const decks = shippedDecks();
  const encoder = new TextEncoder();
  const mutated = tally('mutated shipped decks (both parsers)');
  const generated = tally('generated decks');
  const bytes = tally('arbitrary bytes');
  const exam = tally('exam layer on card texts');
  const code = tally('code matcher (hover index) on mutated code');
  const anki = tally('Anki importer, round trip through the deck parser');

  timed(mutated, () => {
    for (let i = 0; i < times(15_000); i++) {
      const deck = decks[Math.floor(random() * decks.length)];
      const mutations: Mutation[] = Array.from({ length: 1 + Math.floor(random() * 6) }, () => randomMutation(random));
      const input = applyMutations(deck.bytes, mutations, 64_000);
      for (const name of FILE_NAMES) record(mutated, checkInput(name, input), () => ({ deck: deck.name, name, mutations }));
    }
  });
  timed(generated, () => {
    for (let i = 0; i < times(50_000); i++) {
      const lines = Array.from({ length: Math.floor(random() * 60) }, () => ({ pick: Math.floor(random() * 1000), text: random() < 0.3 ? TRICKY_LINES[Math.floor(random() * TRICKY_LINES.length)] : randomText(random, 30) }));
      const text = generatedDeck(lines, random() < 0.3);
      const name = FILE_NAMES[i % 2];
      record(generated, checkInput(name, i % 4 === 0 ? encoder.encode(text) : text), () => ({ name, text }));
    }
  });
  timed(bytes, () => {
    for (let i = 0; i < times(10_000); i++) {
      const input = new Uint8Array(Math.floor(random() * 2000)).map(() => (random() < 0.3 ? '#?<-!\n `'.charCodeAt(Math.floor(random() * 9)) : Math.floor(random() * 256)));
      const name = FILE_NAMES[i % 2];
      record(bytes, checkInput(name, input), () => ({ name, bytes: [...input] }));
    }
  });
  timed(exam, () => {
    const part = () => Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.6 ? TRICKY_LINES[Math.floor(random() * TRICKY_LINES.length)] : randomText(random, 25))).join('\n');
    for (let i = 0; i < times(10_000); i++) {
      // Card texts never hold a `\r`: the parsers turn every line break into `\n`.
      const question = part().replace(/\r\n?/g, '\n') || 'q';
      const answer = part().replace(/\r\n?/g, '\n') || 'a';
      const problems: string[] = [];
      try {
        const parts = { question: lineLengths(question), answer: lineLengths(answer) };
        for (const p of parseQuestion({ question, answer }).problems) problems.push(...positionProblems(p, parts[p.part], 0).map((x) => `${p.code}: ${x}`));
        for (const text of [question, answer]) for (const d of scanClozes(text).deletions) if (d.start >= d.end || d.end > text.length) problems.push(`cloze ${d.start}..${d.end}`);
        const ids = expandCloze({ id: 'c', explicitId: true, question, answer, tags: [], code: [], line: 1, answerLine: 2 }).map((c) => c.id);
        if (new Set(ids).size !== ids.length) problems.push(`cloze ids ${ids.join(',')}`);
      } catch (e) {
        problems.push(`threw: ${String(e)}`);
      }
      record(exam, problems, () => ({ question, answer }));
    }
  });
  timed(code, () => {
    const samples = codeSamples();
    const decoder = new TextDecoder();
    for (let i = 0; i < times(5_000); i++) {
      const sample = samples[Math.floor(random() * samples.length)];
      const mutations = Array.from({ length: 1 + Math.floor(random() * 5) }, () => randomMutation(random));
      const text = decoder.decode(applyMutations(sample.bytes, mutations, 50_000));
      const languageId = random() < 0.7 ? sample.languageId : LANGUAGE_IDS[Math.floor(random() * LANGUAGE_IDS.length)];
      const offsets = Array.from({ length: 8 }, () => Math.floor(random() * (text.length + 1)));
      record(code, codeProblems(text, languageId, sample.fileName, offsets), () => ({ sample: sample.name, languageId, mutations }));
    }
  });
  timed(anki, () => {
    const decoder = new TextDecoder();
    for (let i = 0; i < times(10_000); i++) {
      const base = ANKI_SAMPLES[Math.floor(random() * ANKI_SAMPLES.length)];
      const mutations = Array.from({ length: 1 + Math.floor(random() * 5) }, () => randomMutation(random));
      const text = decoder.decode(applyMutations(encoder.encode(base), mutations, 5_000));
      record(anki, ankiProblems(text, random() < 0.3 ? 'export.csv' : 'export.txt'), () => ({ base: ANKI_SAMPLES.indexOf(base), mutations }));
    }
  });
  return [mutated, generated, bytes, exam, code, anki];
}

function linearity(): { rows: Array<Growth & { pass: boolean; density: boolean }>; exam: Array<Growth & { pass: boolean }> } {
  const rows = SCALABLE_INPUTS.map((input) => {
    const g = growth(input.name, (content) => parseDeck(input.file, content), contentOf(input, 200_000), contentOf(input, 2_000_000), 7);
    return { ...g, pass: g.ratio <= STRICT, density: input.density === true };
  });
  // The exam layer parses every card again when an exam starts; its inputs are single cards, so
  // smaller sizes.
  const exam = EXAM_SCALABLE_INPUTS.map((input) => {
    const g = growth(input.name, input.read, input.make(5_000), input.make(50_000), 7);
    return { ...g, pass: g.ratio <= STRICT };
  });
  return { rows, exam };
}

async function crashes(base: string, script: string, kills: number) {
  return runCrashRounds({ script, dir: join(base, 'crash'), kills, seed: SEED, maxAcks: 30, maxDelayMs: 500, checkEvery: 50, snapshotEvery: 25, parallel: 2 });
}

async function twoWindows(base: string, script: string, trials: number, grades: number) {
  let lost = 0;
  let duplicated = 0;
  let blind = 0;
  const started = performance.now();
  for (let trial = 0; trial < trials; trial++) {
    const dir = join(base, `two-${trial}`);
    const writers = ['a', 'b'].map((prefix, i) => new Writer(script, { dir, prefix, count: grades, seed: SEED + 2 * trial + i, snapshotEvery: 50, thenRefresh: true }));
    await Promise.all(writers.map((w) => w.until(() => w.lines.includes('done'), 'done', 300_000)));
    for (const w of writers) w.send('refresh');
    await Promise.all(writers.map((w) => w.closed));
    for (const w of writers) {
      const seen = w.lines.find((l) => l.startsWith('seen '));
      const entries = seen ? (JSON.parse(seen.slice(5)) as { entries: Record<string, number> }).entries : {};
      if (entries['a'] !== grades || entries['b'] !== grades) blind++;
    }
    const check = await checkLog(dir, writers.flatMap((w) => w.acks));
    lost += check.lost.length;
    duplicated += check.duplicated.length;
  }
  return { trials, grades, lost, duplicated, blind, ms: performance.now() - started };
}

/** `scale` shrinks every count (fuzz inputs, kills, trials) for a quick look; the figures need 1. */
export async function benchResilience(scale = 1): Promise<void> {
  console.log('Resilience (issue 7); load average %s on %d CPUs', loadavg().map((l) => l.toFixed(1)).join(' '), cpus().length);

  const tallies = fuzz(scale);
  console.log('  Fuzzing (no exception, diagnostics inside the file, ids non-empty and unique):');
  let inputs = 0;
  let failures = 0;
  let ms = 0;
  for (const t of tallies) {
    console.log('    %s %s inputs, %s failures, %s', t.name.padEnd(56), n(t.inputs).padStart(7), n(t.failures).padStart(5), secs(t.ms));
    for (const example of t.examples) console.log('        e.g. %s', example);
    inputs += t.inputs;
    failures += t.failures;
    ms += t.ms;
  }
  console.log('    total: %s inputs, %s failures, %s   %s', n(inputs), n(failures), secs(ms), inputs >= 100_000 && failures === 0 ? 'PASS' : 'FAIL');

  const { rows, exam } = linearity();
  console.log('  Parse time, 200 KB → 2 MB (CPU time; ratio = median of paired runs, goal ≤ %d×; min = fastest runs):', STRICT);
  for (const density of [false, true]) {
    const group = rows.filter((r) => r.density === density);
    if (density) console.log('    card-density stress (25k–100k cards or problems per MB; bound by the garbage collector keeping every card):');
    for (const r of group) {
      console.log('    %s %s ms → %s ms   %s×  (min %s×)  %s', r.name.padEnd(40), r.smallMs.toFixed(2).padStart(7), r.largeMs.toFixed(1).padStart(7), r.ratio.toFixed(1).padStart(5), r.minRatio.toFixed(1), r.pass ? 'PASS' : 'FAIL');
    }
    console.log('    %s worst ratio %s×: %s', density ? 'density stress:' : 'realistic and pathological text:', Math.max(...group.map((r) => r.ratio)).toFixed(1), group.every((r) => r.pass) ? 'PASS' : 'FAIL');
  }
  console.log('  Exam layer, one card of 5,000 → 50,000 characters (goal ≤ %d×; quadratic ≈ 100×):', STRICT);
  for (const g of exam) console.log('    %s %s ms → %s ms   %s×  (min %s×)  %s', g.name.padEnd(56), g.smallMs.toFixed(3).padStart(7), g.largeMs.toFixed(2).padStart(7), g.ratio.toFixed(1).padStart(5), g.minRatio.toFixed(1), g.pass ? 'PASS' : 'FAIL');
  console.log('    exam layer: worst ratio %s×: %s', Math.max(...exam.map((g) => g.ratio)).toFixed(1), exam.every((g) => g.pass) ? 'PASS' : 'FAIL');

  const base = mkdtempSync(join(tmpdir(), 'flashcards-bench-resilience-'));
  try {
    const script = await bundleCrashWriter(base);
    const crash = await crashes(base, script, Math.max(2, Math.round(1000 * scale)));
    console.log('  SIGKILL while recording (two writers at a time, one log, check every 50 kills):');
    console.log('    %s kills (%s before the store had opened), %s grades acknowledged, %s entries in the log', n(crash.kills), n(crash.killedWhileOpening), n(crash.acked), n(crash.entries));
    console.log('    lost %d, duplicated %d, repairs needed %d, torn tails seen %d, temp files left %d; %s (%s ms per kill)   %s',
      crash.lost, crash.duplicated, crash.recoveries, crash.tornTails, crash.tempFiles, secs(crash.ms), (crash.ms / crash.kills).toFixed(0),
      crash.failures.length === 0 && crash.lost === 0 && crash.duplicated === 0 ? 'PASS' : 'FAIL');
    for (const f of crash.failures.slice(0, 5)) console.log('      %s', f);

    const two = await twoWindows(base, script, Math.max(1, Math.round(10 * scale)), 200);
    console.log('  Two processes grading into one log at once (%d trials × 2 × %d grades, fresh folder each):', two.trials, two.grades);
    console.log('    lost %d, duplicated %d, a window not seeing the other after refresh %d; %s   %s', two.lost, two.duplicated, two.blind, secs(two.ms), two.lost + two.duplicated + two.blind === 0 ? 'PASS' : 'FAIL');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchResilience(Number(process.env['RESILIENCE_SCALE'] ?? 1)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
