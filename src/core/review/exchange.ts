import { headerEnd, parseRegion } from './logParser';
import {
  EXPORT_KIND,
  FutureSchemaError,
  LOG_SCHEMA,
  checkHeader,
  classifyValue,
  serializeEntry,
  type LogEntry,
} from './reviewLog';

export interface ParsedImport {
  entries: LogEntry[];
  /** Lines or items that were not valid entries and were skipped. */
  invalid: number;
}

/**
 * Reads what a learner may bring from another machine: an `export()` file, or a plain copy of
 * `progress.jsonl`.
 */
export function parseImport(text: string, source = 'The imported file'): ParsedImport {
  const trimmed = text.trim();
  if (trimmed === '') return { entries: [], invalid: 0 };
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (typeof whole === 'object' && whole !== null && (whole as { kind?: unknown }).kind === EXPORT_KIND) {
    const header = checkHeader(whole, EXPORT_KIND);
    if (header.future !== undefined) throw new FutureSchemaError(source, header.future);
    const items = (whole as { entries?: unknown }).entries;
    if (!header.ok || !Array.isArray(items)) throw new Error(`${source} is not a flashcards review export.`);
    const entries: LogEntry[] = [];
    let invalid = 0;
    for (const item of items) {
      const kind = classifyValue(item);
      if (kind.kind === 'entry') entries.push(kind.entry);
      else if (kind.kind === 'bad') invalid++;
    }
    return { entries, invalid };
  }

  const bytes = new TextEncoder().encode(trimmed);
  const end = headerEnd(bytes);
  let first: unknown;
  try {
    first = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
  } catch {
    first = undefined;
  }
  const header = checkHeader(first);
  if (header.future !== undefined) throw new FutureSchemaError(source, header.future);
  if (!header.ok) throw new Error(`${source} is neither a flashcards review log nor an export.`);
  const parsed = parseRegion(bytes, end);
  return { entries: parsed.entries, invalid: parsed.badLines.length };
}

/** One entry per line inside a JSON document, so exports stay readable and diffable. */
export function formatExport(entries: readonly LogEntry[], exportedAt: number): string {
  const head = `{"schema":${LOG_SCHEMA},"kind":"${EXPORT_KIND}","exportedAt":${exportedAt},"entries":[`;
  if (entries.length === 0) return `${head}]}\n`;
  return `${head}\n${entries.map(serializeEntry).join(',\n')}\n]}\n`;
}
