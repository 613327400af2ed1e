// Loaded by VS Code as `extensionTestsPath` (bench/host.mjs): runs inside the real extension host,
// next to the extension under development and VS Code's built-in extensions. For each large file of
// the workspace it measures how long the host's event loop is held while the file is opened and
// indexed, who held it (from a CPU profile of the host), the longest block in which this extension's
// code ran most, when the extension's diagnostics and first hover arrive, and hover round
// trips afterwards. Results go to bench-results.json in the workspace; bench-spec.json there says
// what to open and where to hover.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vscode = require('vscode');

const EXTENSION_ID = 'data-eng-study.data-engineering-flashcards';
const OUR_BUNDLE = pathToFileURL(path.resolve(__dirname, '..', '..', 'dist', 'extension.js')).href;
/** Profile timestamps are microseconds of the monotonic clock, as process.hrtime. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
/**
 * CPU time of this thread in microseconds: on a busy machine a block's wall time also counts the
 * time the thread waited for a core. (Node 23.9+; older hosts fall back to the whole process.)
 */
const cpuUs = () => {
  const { user, system } = process.threadCpuUsage ? process.threadCpuUsage() : process.cpuUsage();
  return user + system;
};

/**
 * Gaps between timer callbacks that asked for no delay: each is a stretch in which the event loop
 * was held. Returns those over 5 ms, with their start, end and the thread's CPU time in between.
 */
function watchEventLoop() {
  let last = nowUs();
  let lastCpu = cpuUs();
  const gaps = [];
  let stopped = false;
  const tick = () => {
    const now = nowUs();
    const cpu = cpuUs();
    if (now - last > 5000) gaps.push({ from: last, to: now, cpuMs: (cpu - lastCpu) / 1000 });
    last = now;
    lastCpu = cpu;
    if (!stopped) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return () => {
    stopped = true;
    return gaps;
  };
}

async function profiled(fn) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 250 });
    await post('Profiler.start');
    const result = await fn();
    const { profile } = await post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/**
 * Reads a CPU profile of the host: each sample's owner (this extension, another extension by its
 * folder name, VS Code itself, GC), then for each event-loop block who ran in it. Returns the longest
 * block and its owners, the longest block in which this extension ran more than anyone else, and
 * this extension's CPU time in all.
 */
function attribute(profile, gaps) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const owners = new Map();
  const ownerOf = (id) => {
    if (owners.has(id)) return owners.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    let owner;
    if (functionName === '(garbage collector)') owner = 'gc';
    else if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') owner = 'idle';
    else if (url === OUR_BUNDLE) owner = 'this extension';
    else {
      const up = parent.get(id);
      const above = up === undefined ? 'idle' : ownerOf(up);
      const ext = /\/extensions\/([^/]+)\//.exec(url)?.[1];
      owner = above !== 'idle' && above !== 'VS Code' ? above : ext ?? (url ? 'VS Code' : above);
    }
    owners.set(id, owner);
    return owner;
  };
  const samples = [];
  let t = profile.startTime;
  let oursUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const owner = ownerOf(profile.samples[i]);
    samples.push({ t, dt: profile.timeDeltas[i], owner });
    if (owner === 'this extension') oursUs += profile.timeDeltas[i];
  }
  const blocks = gaps.map(({ from, to, cpuMs }) => {
    const shares = new Map();
    for (const s of samples) if (s.t > from && s.t <= to && s.owner !== 'idle') shares.set(s.owner, (shares.get(s.owner) ?? 0) + s.dt);
    const total = [...shares.values()].reduce((a, b) => a + b, 0) || 1;
    const ranked = [...shares.entries()].sort((a, b) => b[1] - a[1]);
    return { ms: (to - from) / 1000, cpuMs, top: ranked[0]?.[0], heldBy: ranked.slice(0, 3).map(([o, us]) => `${o} ${Math.round((100 * us) / total)} %`) };
  });
  // Longest by CPU time: what the block would have lasted on an idle machine.
  const none = { ms: 0, cpuMs: 0, heldBy: [] };
  const longest = blocks.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), none);
  const ours = blocks.filter((b) => b.top === 'this extension').reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), none);
  return { longest, ours, oursCpuMs: oursUs / 1000 };
}

function markdownOf(hover) {
  return hover.contents.map((c) => (typeof c === 'string' ? c : (c.value ?? ''))).join('\n');
}

/** This extension's hover at a position (its Markdown links to its commands), if any. */
async function ourHover(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map(markdownOf).find((md) => md.includes('command:flashcards.'));
}

async function until(what, probe, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function measure(folder, file) {
  const uri = vscode.Uri.joinPath(folder, file.name);
  const stop = watchEventLoop();
  const t0 = performance.now();
  const { result: opened, profile } = await profiled(async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const openMs = performance.now() - t0;
    await vscode.window.showTextDocument(doc, { preview: false });
    const position = doc.positionAt(file.hoverOffset + 1);
    // Both are polled at once: which comes first depends on whether a hover or the diagnostics
    // update started the (shared) indexing.
    let diagnosticsMs;
    const diagnostics = until("the extension's diagnostics", () => {
      if (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'flashcards')) return (diagnosticsMs = performance.now() - t0);
      return undefined;
    });
    const hover = await until(`a flashcards hover at offset ${file.hoverOffset} of ${file.name}`, () => ourHover(uri, position));
    const firstHoverMs = performance.now() - t0;
    await diagnostics;
    return { doc, openMs, diagnosticsMs, firstHoverMs, hover };
  });
  const gaps = stop();
  // FLASHCARDS_BENCH_PROFILES=<dir> keeps the profiles, to see what ran in a long block.
  const keep = process.env.FLASHCARDS_BENCH_PROFILES;
  if (keep) fs.writeFileSync(path.join(keep, `${file.name}.cpuprofile`), JSON.stringify(profile));
  const { doc, hover } = opened;
  if (!hover.includes(file.expect)) throw new Error(`the hover on ${file.name} lacks ${JSON.stringify(file.expect)}:\n${hover}`);
  const { longest, ours, oursCpuMs } = attribute(profile, gaps);

  // Round trips once indexed: VS Code → every hover provider (for JavaScript also TypeScript's) → back.
  const onWords = [];
  for (const offset of file.wordOffsets) {
    const t = performance.now();
    await ourHover(uri, doc.positionAt(offset + 1));
    onWords.push(performance.now() - t);
  }
  return {
    name: file.name,
    lines: doc.lineCount,
    chars: doc.getText().length,
    openMs: opened.openMs,
    diagnosticsMs: opened.diagnosticsMs,
    firstHoverMs: opened.firstHoverMs,
    longestBlockMs: longest.ms,
    longestBlockCpuMs: longest.cpuMs,
    longestBlockHeldBy: longest.heldBy,
    longestOursMs: ours.ms,
    longestOursCpuMs: ours.cpuMs,
    longestOursHeldBy: ours.heldBy,
    oursCpuMs,
    hoverP50Ms: percentile(onWords, 50),
    hoverP99Ms: percentile(onWords, 99),
    hovers: onWords.length,
  };
}

exports.run = async function run() {
  const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
  await api.ready();
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const spec = JSON.parse(fs.readFileSync(path.join(folder.fsPath, 'bench-spec.json'), 'utf8'));
  const results = [];
  for (const file of spec.host) results.push(await measure(folder, file));
  fs.writeFileSync(path.join(folder.fsPath, 'bench-results.json'), JSON.stringify(results, null, 2));
};
