/**
 * Code facts: hovers, limit diagnostics and "quiz me on this file" for Kinesis / Firehose code,
 * built from the `code:` metadata of the loaded decks. Pure: no `vscode`, no Node-only modules.
 *
 *   const facts = FactIndex.build(decks);                       // once per deck change
 *   const index = indexDocument({ text, languageId, fileName }, facts, token);  // once per document version
 *   const hover = hoverAt(index, offset, facts);                // per hover: a lookup
 */
import type { DocumentIndex } from './documentIndex';
import type { FactIndex } from './factIndex';
import { renderHover } from './hoverMarkdown';
import { matchAt, type FactMatch } from './matcher';

export { NEVER_CANCELLED, type CancellationToken } from './cancellation';
export { DocumentIndex, indexDocument, indexDocumentSteps, MAX_DOCUMENT_CHARS, type SourceDocument } from './documentIndex';
export { FactIndex, type CardRef, type DeckInput } from './factIndex';
export { commandUri, HOVER_COMMANDS, renderHover, sanitizeInlineMarkdown, type CardCommandArgs } from './hoverMarkdown';
export { documentKindOf, HOVER_LANGUAGE_IDS } from './languages';
export { cardRefId, cardsInDocument, matchAt, matchOccurrence, type FactMatch } from './matcher';
export { normalizeIdentifier, operationBase } from './naming';
export { INDEX_SLICE_MS, runInSlices, runToEnd, type SliceOptions, type Steps } from './steps';
export { DIAGNOSTIC_KINDS, type CodeDiagnostic, type DiagnosticKind, type Occurrence } from './types';

export interface HoverResult {
  /** Offsets of the identifier the hover is about. */
  start: number;
  end: number;
  markdown: string;
  match: FactMatch;
}

export function hoverAt(index: DocumentIndex, offset: number, facts: FactIndex): HoverResult | undefined {
  const match = matchAt(index, offset, facts);
  if (!match) return undefined;
  return { start: match.occurrence.start, end: match.occurrence.end, markdown: renderHover(match), match };
}
