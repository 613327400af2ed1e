// Writes the workspace bench/host.mjs opens for the large-file measurements: the 1 MB one-line bundle
// and the 20,000-line template (YAML and JSON) of bench/hover.ts, and bench-spec.json saying where
// to hover and what the hover must show. Run with tsx: `node --import tsx bench/ui/largeFilesWorkspace.ts <dir>`.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt, indexDocument } from '../../src/core/codeFacts';
import { seededRandom } from '../../src/core/exam/random';
import { generateMinifiedBundle, generateTemplate, shippedFacts } from '../hover';

/** Text every hover of this extension shows (a link under the card), and no other provider's does. */
const CARD_LINK = 'Review this card';

interface HoverTarget {
  name: string;
  /** Offset of the word's first character. */
  hoverOffset: number;
  expect: string;
  /** Words with a hover, for the round trips once indexed. */
  wordOffsets: number[];
}

function target(name: string, text: string, languageId: string, hoverOffset: number): HoverTarget {
  const facts = shippedFacts();
  const index = indexDocument({ text, languageId, fileName: name }, facts);
  if (!index || !hoverAt(index, hoverOffset + 1, facts)) throw new Error(`no hover at ${hoverOffset} in ${name}`);
  const withHover = index.occurrences.filter((o) => hoverAt(index, o.start + 1, facts));
  const random = seededRandom(3);
  const wordOffsets = Array.from({ length: 100 }, () => withHover[Math.floor(random() * withHover.length)].start);
  return { name, hoverOffset, expect: CARD_LINK, wordOffsets };
}

/** 1-based line and column of an offset, as Go to Line/Column wants them. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: largeFilesWorkspace.ts <directory>');
mkdirSync(dir, { recursive: true });
const bundle = generateMinifiedBundle(1_000_000);
const yaml = generateTemplate(20_000, 'yaml');
const json = generateTemplate(20_000, 'json');
writeFileSync(join(dir, 'bundle.min.js'), bundle);
// A second copy for typing: a file opened for the first time, so that it is being indexed. And a
// control of the same size and shape whose modules are not Kinesis or Firehose ones, which the
// extension does not index: what typing costs in VS Code itself on a 1 MB line.
copyFileSync(join(dir, 'bundle.min.js'), join(dir, 'bundle-typing.min.js'));
writeFileSync(join(dir, 'plain-typing.min.js'), bundle.replace('@aws-sdk/client-kinesis', '@acme/client-queue').replace('@aws-sdk/client-firehose', '@acme/client-store'));
writeFileSync(join(dir, 'template.yaml'), yaml);
writeFileSync(join(dir, 'template.json'), json);

const lastPut = bundle.lastIndexOf('new K.PutRecordsCommand') + 'new K.'.length;
const firstPut = bundle.indexOf('new K.PutRecordsCommand') + 'new K.'.length;
const yamlBatch = yaml.indexOf('BatchSize', yaml.lastIndexOf('StreamMapping'));
const jsonBatch = json.indexOf('BatchSize', json.lastIndexOf('"StreamMapping'));

const spec = {
  host: [target('bundle.min.js', bundle, 'javascript', lastPut), target('template.yaml', yaml, 'yaml', yamlBatch), target('template.json', json, 'json', jsonBatch)],
  // The editor stops rendering a line after 10,000 characters, so the UI hovers a word near the start
  // of the bundle's line, and then one at its far end.
  ui: [
    { name: 'bundle.min.js', ...lineColumn(bundle, firstPut + 1), expect: CARD_LINK },
    { name: 'template.yaml', ...lineColumn(yaml, yamlBatch + 1), expect: CARD_LINK },
    { name: 'bundle.min.js', ...lineColumn(bundle, lastPut + 1), expect: CARD_LINK, alreadyOpen: true },
  ],
  typing: [
    { name: 'bundle-typing.min.js', indexed: true, keys: 20, gapMs: 50 },
    { name: 'plain-typing.min.js', indexed: false, keys: 20, gapMs: 50 },
  ],
};
writeFileSync(join(dir, 'bench-spec.json'), JSON.stringify(spec, null, 2));
