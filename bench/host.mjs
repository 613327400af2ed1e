// Figures that only the real VS Code can give: activate() time in the extension host and
// grade → next-card time in the review webview. Prints one line per figure.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../test/host/lib/host.mjs';
import { resultsDir } from '../test/host/lib/workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

mkdirSync(resultsDir, { recursive: true });
const host = await startHost({ out: { write: (s) => (/✖/.test(s) ? process.stderr.write(s) : true) } });
try {
  const activation = [];
  for (let i = 0; i < 3; i++) {
    const r = await host.runSuite({ grep: 'activates with its API' });
    const m = /activate\(\): ([\d.]+) ms/.exec(r.output);
    if (r.exitCode !== 0 || !m) throw new Error(`activation run failed: ${r.reason ?? r.output}`);
    activation.push(Number(m[1]));
  }
  const ui = await host.runUi({ files: [join(here, 'ui', 'gradeTiming.mjs')] });
  if (ui.failed) throw new Error('the grade timing scenario failed (see test-results/ui/gradeTiming.png)');
  const { shown: grades, acked } = JSON.parse(readFileSync(join(resultsDir, 'bench-grade.json'), 'utf8'));
  console.log('\nReal VS Code %s (code-server), Debian Chromium', '1.139.1');
  console.log('  activate() inside the extension host: median %s ms over %d windows (goal ≤ 5 ms: %s)', median(activation).toFixed(2), activation.length, median(activation) <= 5 ? 'met' : 'MISSED');
  console.log('  grade → next card shown in the webview: median %s ms, p95 %s ms over %d key presses (goal ≤ 16 ms: %s)',
    median(grades).toFixed(1), p95(grades).toFixed(1), grades.length, median(grades) <= 16 ? 'met' : 'MISSED');
  console.log('  grade → written to disk and confirmed by the host:  median %s ms, p95 %s ms', median(acked).toFixed(1), p95(acked).toFixed(1));
} finally {
  await host.close();
}
