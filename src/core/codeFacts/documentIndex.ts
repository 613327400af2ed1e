import { NEVER_CANCELLED, type CancellationToken } from './cancellation';
import { scanCode, type Vocabulary } from './codeScanner';
import { contextRule, type RuleContext } from './contextRules';
import { deprecatedImports, DEPRECATION_MESSAGES } from './deprecations';
import { FOREIGN, FrameTable, KINESIS_EVIDENCE } from './frames';
import { readImports } from './imports';
import { documentKindOf } from './languages';
import { scanManifest } from './manifests';
import { operationBase } from './naming';
import { runToEnd, type Steps } from './steps';
import { isTemplateCandidate, scanTemplate } from './templateScanner';
import type { CodeDiagnostic, Family, LanguageKind, Occurrence, Service } from './types';
import { checkValue, type ValueVerdict } from './values';

export interface SourceDocument {
  text: string;
  /** VS Code language id (`typescript`, `python`, `yaml`…). */
  languageId: string;
  /** Path or URI path; only the base name matters (manifests such as pom.xml are recognised by it). */
  fileName: string;
}

const SPLUNK_OWNERS = ['splunkdestinationconfiguration', 'splunkbufferinghints'];
const RECORDS_OWNERS = ['putrecords', 'putrecordbatch'] as const;

/** Larger documents are generated or minified code; scanning them would cost more than a hover is worth. */
export const MAX_DOCUMENT_CHARS = 4_000_000;

/**
 * Everything the hover, diagnostics and quiz need about one version of a document, computed once.
 * `relevant` is false for files that do not import a Kinesis, Firehose, KCL, KPL or event-source
 * module (or templates without such resources): they have no occurrences at all.
 */
export class DocumentIndex {
  readonly diagnostics: CodeDiagnostic[] = [];

  constructor(
    readonly language: LanguageKind | 'manifest',
    readonly relevant: boolean,
    readonly families: ReadonlySet<Family>,
    /** Sorted by start offset. */
    readonly occurrences: readonly Occurrence[],
    readonly frames: FrameTable,
    readonly template: boolean,
  ) {}

  /** The occurrence under `offset` (its end counts too: the cursor may sit just after the name). */
  occurrenceAt(offset: number): Occurrence | undefined {
    const occ = this.occurrences;
    let lo = 0;
    let hi = occ.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = occ[mid];
      if (offset < o.start) hi = mid - 1;
      else if (offset > o.end) lo = mid + 1;
      else return o;
    }
    return undefined;
  }

  /** The service the file as a whole talks to, when it talks to only one. */
  get fileService(): Service | undefined {
    const f = this.families;
    const kinesis = f.has('kinesis') || f.has('kcl') || f.has('kpl') || f.has('eventSource');
    if (f.has('firehose') && !kinesis) return 'firehose';
    if (kinesis && !f.has('firehose')) return 'kinesis';
    return undefined;
  }

  context(occ: Occurrence): RuleContext {
    return new OccurrenceContext(this, occ);
  }

  /** The innermost of `names` among the occurrence's owners, if any. */
  nearestOwner<T extends string>(occ: Occurrence, names: readonly T[]): T | undefined {
    for (const c of occ.chain) {
      const hit = names.find((n) => n === c || n === operationBase(c));
      if (hit) return hit;
    }
    for (let f = occ.frame, depth = 0; f >= 0 && depth < 12; f = this.frames.parent[f], depth++) {
      if (this.frames.flags[f] & FOREIGN) break;
      const o = this.frames.owner[f];
      if (!o) continue;
      const hit = names.find((n) => n === o || n === operationBase(o));
      if (hit) return hit;
    }
    return undefined;
  }

  insideForeignCall(occ: Occurrence): boolean {
    for (let f = occ.frame, depth = 0; f >= 0 && depth < 12; f = this.frames.parent[f], depth++) {
      if (this.frames.flags[f] & FOREIGN) return true;
    }
    return false;
  }

  /** Whether the built-in context table lets this occurrence count here. */
  allowed(occ: Occurrence): boolean {
    const rule = contextRule(occ.key);
    return !rule || rule.allowed(this.context(occ));
  }

  /** The computed hint (and range problem) for the literal value next to an occurrence. */
  verdict(occ: Occurrence, problemOnly = false): ValueVerdict | undefined {
    if (!occ.value) return undefined;
    const buffering = occ.key === 'intervalinseconds' || occ.key === 'sizeinmbs' || occ.key === 'bufferinginterval' || occ.key === 'bufferingsize';
    const splunk = buffering && this.nearestOwner(occ, SPLUNK_OWNERS) !== undefined;
    const operation = occ.key === 'records' ? this.nearestOwner(occ, RECORDS_OWNERS) : undefined;
    const verdict = checkValue(occ.key, occ.value, { splunk, operation, problemOnly });
    const from = occ.valueFrom;
    if (!verdict || !from) return verdict;
    // Say where the figure came from: the value is not next to the key. A backtick in the source
    // would end the code span (and the hover is trusted Markdown), so it becomes a quote.
    const written = `${from.name} = ${from.text}`.replace(/`/g, "'");
    return {
      hint: problemOnly ? verdict.hint : `\`${written}\` → ${verdict.hint}`,
      problem: verdict.problem && { ...verdict.problem, message: `${verdict.problem.message} (${written})` },
    };
  }
}

/** What the context rules may ask about one occurrence; the owner walk happens once, on first use. */
class OccurrenceContext implements RuleContext {
  readonly template: boolean;
  readonly families: ReadonlySet<Family>;
  private owners: string[] | undefined;
  private readonly ownerFrames: number[] = [];

  constructor(
    private readonly index: DocumentIndex,
    readonly occ: Occurrence,
  ) {
    this.template = index.template;
    this.families = index.families;
  }

  private collect(): string[] {
    if (this.owners) return this.owners;
    const owners: string[] = [];
    for (const c of this.occ.chain) {
      owners.push(c);
      const base = operationBase(c);
      if (base !== c) owners.push(base);
    }
    const frames = this.index.frames;
    // Stop at a competing service's call: everything inside `new sqs.Queue(…)` belongs to SQS.
    for (let f = this.occ.frame, depth = 0; f >= 0 && depth < 12; f = frames.parent[f], depth++) {
      if (frames.flags[f] & FOREIGN) break;
      const o = frames.owner[f];
      if (o) {
        owners.push(o);
        const base = operationBase(o);
        if (base !== o) owners.push(base);
      }
      this.ownerFrames.push(f);
    }
    this.owners = owners;
    return owners;
  }

  hasOwner(names: readonly string[]): boolean {
    const owners = this.collect();
    for (const n of names) if (owners.includes(n)) return true;
    return false;
  }

  hasSibling(names: readonly string[]): boolean {
    const keys = this.occ.frame >= 0 ? this.index.frames.keys(this.occ.frame) : undefined;
    return !!keys && names.some((n) => keys.includes(n));
  }

  ownerHasKinesisEvidence(names: readonly string[]): boolean {
    const frames = this.index.frames;
    if (!names.length) return this.occ.callFrame !== undefined && (frames.flags[this.occ.callFrame] & KINESIS_EVIDENCE) !== 0;
    this.collect();
    for (const f of this.ownerFrames) {
      const o = frames.owner[f];
      if (o && (names.includes(o) || names.includes(operationBase(o)))) return (frames.flags[f] & KINESIS_EVIDENCE) !== 0;
    }
    return false;
  }

  chainHas(names: readonly string[]): boolean {
    return names.some((n) => this.occ.chain.includes(n));
  }
}

/**
 * Indexes one document version. Returns undefined if cancelled; never throws on malformed input.
 * The vocabulary is the fact index (FactIndex.has), so a deck change means re-indexing.
 */
export function indexDocument(doc: SourceDocument, vocabulary: Vocabulary, token: CancellationToken = NEVER_CANCELLED): DocumentIndex | undefined {
  return runToEnd(indexDocumentSteps(doc, vocabulary, token));
}

/** `indexDocument` as steps, for callers that must not hold the thread for the whole document (see steps.ts). */
export function* indexDocumentSteps(doc: SourceDocument, vocabulary: Vocabulary, token: CancellationToken = NEVER_CANCELLED): Steps<DocumentIndex | undefined> {
  const kind = documentKindOf(doc.languageId, doc.fileName);
  const none = (language: LanguageKind | 'manifest') => new DocumentIndex(language, false, new Set(), [], new FrameTable(), false);
  if (!kind) return undefined;
  if (kind.kind === 'manifest') {
    const index = none('manifest');
    if (doc.text.length <= MAX_DOCUMENT_CHARS) index.diagnostics.push(...scanManifest(doc.text, kind.manifest));
    return index;
  }
  const { language } = kind;
  const text = doc.text;
  if (text.length > MAX_DOCUMENT_CHARS) return none(language);

  if (language === 'yaml' || language === 'json') {
    if (!isTemplateCandidate(text)) return none(language);
    const scan = yield* scanTemplate(text, language, vocabulary, token);
    if (!scan) return undefined;
    const families = new Set<Family>();
    if (/AWS::Kinesis::|AWS::Lambda::EventSourceMapping|AWS::Serverless::Function/.test(text)) families.add('kinesis');
    if (/AWS::KinesisFirehose::/.test(text)) families.add('firehose');
    if (/AWS::KinesisAnalytics/.test(text)) families.add('analytics');
    const relevant = scan.related || scan.sqlApplications.length > 0;
    const index = new DocumentIndex(language, relevant, families, relevant ? scan.occurrences : [], scan.frames, true);
    if (!relevant) return index;
    for (const r of scan.sqlRuntime) index.diagnostics.push({ ...r, kind: 'kda-sql-runtime', message: DEPRECATION_MESSAGES['kda-sql-runtime'] });
    for (const r of scan.sqlApplications) index.diagnostics.push({ ...r, kind: 'kda-sql-api', message: DEPRECATION_MESSAGES['kda-sql-api'] });
    yield* addValueDiagnostics(index);
    return index;
  }

  const imports = readImports(text, language);
  if (imports.families.size === 0) return none(language);
  // The imports are read by a pass of regular expressions over the whole text: a step of its own.
  yield;
  const scan = yield* scanCode(text, language, imports, vocabulary, token);
  if (!scan) return undefined;
  const index = new DocumentIndex(language, true, imports.families, scan.occurrences, scan.frames, false);
  index.diagnostics.push(...deprecatedImports(imports.modules, language));
  const seen = new Set<number>();
  for (const r of scan.sqlRuntime) {
    if (seen.has(r.start)) continue;
    seen.add(r.start);
    index.diagnostics.push({ ...r, kind: 'kda-sql-runtime', message: DEPRECATION_MESSAGES['kda-sql-runtime'] });
  }
  yield* addValueDiagnostics(index);
  return index;
}

function* addValueDiagnostics(index: DocumentIndex): Steps<void> {
  let n = 0;
  for (const occ of index.occurrences) {
    if ((++n & 0xff) === 0) yield;
    if (!occ.value || occ.valueStart === undefined || occ.valueEnd === undefined) continue;
    if (index.insideForeignCall(occ) || !index.allowed(occ)) continue;
    const problem = index.verdict(occ, true)?.problem;
    if (problem) index.diagnostics.push({ start: occ.valueStart, end: occ.valueEnd, kind: problem.kind, message: problem.message });
  }
  index.diagnostics.sort((a, b) => a.start - b.start);
}
