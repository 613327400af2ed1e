// Fuzz checks for the other two readers of untrusted text: the code matcher behind hovers
// (`indexDocument` + `hoverAt`, run on every document the user opens) and the Anki importer
// (`importAnkiText`, run on any file the user picks). Shared by the unit suite and the bench.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAnkiText, type AnkiImport } from '../../src/core/anki';
import { FactIndex, hoverAt, indexDocument, type DocumentIndex } from '../../src/core/codeFacts';
import { parseDeck } from '../../src/core/deck/parse';
import { ROOT, shippedDecks } from './deckFuzz';

// ---- code matcher ---------------------------------------------------------------------------

const FIXTURES = join(ROOT, 'test', 'unit', 'codeFacts', 'fixtures');

export interface CodeSample {
  name: string;
  languageId: string;
  fileName: string;
  bytes: Uint8Array;
}

let samples: CodeSample[] | undefined;
let facts: FactIndex | undefined;

/** The code matcher's realistic fixtures (CDK, SDK, KCL/KPL, CloudFormation, manifests). */
export function codeSamples(): CodeSample[] {
  return (samples ??= readdirSync(FIXTURES).sort().map((name) => {
    const fileName = name.replace(/\.txt$/, '');
    return { name, fileName, languageId: languageOf(fileName), bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) };
  }));
}

function languageOf(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
  return ({ ts: 'typescript', js: 'javascript', py: 'python', java: 'java', go: 'go', yaml: 'yaml', yml: 'yaml', json: 'json', xml: 'xml' } as Record<string, string>)[ext] ?? 'plaintext';
}

/** The facts of the shipped decks, as the extension builds them. */
export function shippedFacts(): FactIndex {
  return (facts ??= FactIndex.build(shippedDecks().filter((d) => d.name.endsWith('.md')).map((d) => ({ key: `builtin:${d.name}`, deck: parseDeck(d.name, d.bytes) }))));
}

export const LANGUAGE_IDS = ['typescript', 'javascript', 'typescriptreact', 'python', 'java', 'go', 'yaml', 'json', 'jsonc', 'plaintext'];
export const FILE_NAMES = ['snippet', 'stack.ts', 'pom.xml', 'package.json', 'requirements.txt', 'build.gradle'];

/** Everything wrong with indexing `text` and hovering at `offsets`, as messages. */
export function codeProblems(text: string, languageId: string, fileName: string, offsets: readonly number[]): string[] {
  const out: string[] = [];
  let index: DocumentIndex | undefined;
  try {
    index = indexDocument({ text, languageId, fileName }, shippedFacts());
  } catch (e) {
    return [`indexDocument threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`];
  }
  if (!index) return out;
  let last = -1;
  for (const o of index.occurrences) {
    if (!(Number.isInteger(o.start) && Number.isInteger(o.end) && 0 <= o.start && o.start <= o.end && o.end <= text.length)) out.push(`occurrence ${o.raw} at ${o.start}..${o.end} outside 0..${text.length}`);
    if (o.start < last) out.push(`occurrences out of order at ${o.start}`);
    last = o.start;
  }
  for (const d of index.diagnostics) {
    if (!(Number.isInteger(d.start) && Number.isInteger(d.end) && 0 <= d.start && d.start <= d.end && d.end <= text.length)) out.push(`diagnostic ${d.kind} at ${d.start}..${d.end} outside 0..${text.length}`);
    if (!d.message) out.push(`diagnostic ${d.kind} without a message`);
  }
  for (const offset of offsets) {
    try {
      const hover = hoverAt(index, offset, shippedFacts());
      if (hover && !(hover.start <= offset && offset <= hover.end && hover.markdown.length > 0)) out.push(`hover at ${offset} covers ${hover.start}..${hover.end}`);
    } catch (e) {
      out.push(`hoverAt(${offset}) threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  return out;
}

// ---- Anki importer --------------------------------------------------------------------------

export const ANKI_SAMPLES = [
  '#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\nWhat is a shard?\tA unit of <b>capacity</b>: 1 MB/s in.\tkinesis basics\nRetention?\t24 hours by default<br>up to 365 days\tkinesis\n',
  '#separator:comma\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\nabc,Basic,Streams,Front text,Back text\ndef,Cloze,Streams,"A shard takes {{c1::1 MB/s}} of writes",\n',
  'front;back\n"multi\nline";"quoted ""x"""\n;empty front\nonly one field\n',
  '#separator:Pipe\n#columns:Question|Answer|Extra\n## heading?|<!-- id: x -->|```\n?|-->|# title\n',
];

/**
 * Everything wrong with importing `text`: an exception, problems pointing outside the file, or a
 * written deck that the deck parser reads back with errors or with another number of cards.
 */
export function ankiProblems(text: string, fileName?: string): string[] {
  let result: AnkiImport;
  try {
    result = importAnkiText(text, { fileName });
  } catch (e) {
    return [`importAnkiText threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`];
  }
  return importProblems(text, result);
}

/** What is wrong with the import of `text`: the checks of `ankiProblems` once it has not thrown. */
export function importProblems(text: string, result: AnkiImport): string[] {
  const out: string[] = [];
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of result.problems) {
    if (!(Number.isInteger(p.line) && p.line >= 0 && p.line <= lines)) out.push(`problem on line ${p.line} of ${lines}: ${p.message}`);
    if (!p.message) out.push('problem without a message');
  }
  const deck = parseDeck('imported.deck.md', result.markdown);
  const errors = deck.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) out.push(`the written deck has errors: ${errors.slice(0, 3).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
  if (deck.cards.length !== result.cards) out.push(`the import says ${result.cards} cards, the written deck has ${deck.cards.length}`);
  return out;
}
