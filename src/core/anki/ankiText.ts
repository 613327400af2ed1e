import { parse, type CsvError } from 'csv-parse/sync';
import { looksLikeHtml } from './html';

/**
 * Reads Anki's text export ("Notes in Plain Text", or any CSV/TSV made for Anki's importer):
 * the `#key:value` header lines Anki writes and reads, then one note per record. Splitting and
 * quoting are csv-parse's job; this module decides what the columns mean.
 */

export interface AnkiNote {
  /** 1-based position among the file's data rows, bad ones included: what problems refer to. */
  row: number;
  /** 1-based line of the file where the row starts. */
  line: number;
  /** The note's fields, in column order, with guid/notetype/deck/tags columns taken out. */
  fields: string[];
  /** Names of `fields` from `#columns`, when the file has them. */
  fieldNames?: string[];
  tags: string[];
  guid?: string;
  notetype?: string;
  deck?: string;
}

export interface ImportProblem {
  row: number;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface AnkiTextFile {
  separator: string;
  html: boolean;
  /** From `#deck:`; a `#deck column` puts a deck on each note instead. */
  deck?: string;
  notetype?: string;
  notes: AnkiNote[];
  problems: ImportProblem[];
}

const SEPARATOR_NAMES: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };
const HEADER = /^#([A-Za-z][A-Za-z ]*?)\s*:(.*)$/;
const KNOWN_HEADERS = new Set(['separator', 'html', 'columns', 'tags', 'deck', 'notetype', 'tags column', 'deck column', 'notetype column', 'guid column', 'if matches', 'match scope']);

interface Headers {
  separator?: string;
  html?: boolean;
  columns?: string[];
  columnsRaw?: string;
  tags: string[];
  deck?: string;
  notetype?: string;
  column: { tags?: number; deck?: number; notetype?: number; guid?: number };
}

export interface ParseOptions {
  /** Used to guess the separator of a file without `#separator:` (`.csv` → comma). */
  fileName?: string;
}

export function parseAnkiText(input: string, options: ParseOptions = {}): AnkiTextFile {
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const problems: ImportProblem[] = [];
  const { headers, bodyStart, headerLines } = readHeaders(text, problems);
  const body = text.slice(bodyStart);
  const separator = headers.separator ?? guessSeparator(body, options.fileName);
  const columns = headers.columns ?? (headers.columnsRaw !== undefined ? headers.columnsRaw.split(separator).map((c) => c.trim()) : undefined);

  const records = readRecords(body, separator, headerLines, problems);
  const special = specialColumns(headers, columns);
  const html = headers.html ?? records.some((r) => r.fields.some(looksLikeHtml));

  const notes: AnkiNote[] = [];
  for (const record of records) {
    const take = (index: number | undefined) => (index !== undefined && index < record.fields.length ? record.fields[index].trim() : undefined);
    const keep = record.fields.map((_, i) => i).filter((i) => !special.has(i));
    const fields = keep.map((i) => record.fields[i]);
    const note: AnkiNote = {
      row: record.row,
      line: record.line,
      fields,
      tags: [...headers.tags, ...splitTags(take(headers.column.tags))],
    };
    if (columns) note.fieldNames = keep.map((i) => columns[i] ?? `Field ${i + 1}`);
    const guid = take(headers.column.guid);
    if (guid) note.guid = guid;
    const notetype = take(headers.column.notetype) || headers.notetype;
    if (notetype) note.notetype = notetype;
    const deck = take(headers.column.deck) || headers.deck;
    if (deck) note.deck = deck;
    note.tags = [...new Set(note.tags)];
    notes.push(note);
  }
  return { separator, html, deck: headers.deck, notetype: headers.notetype, notes, problems };
}

function readHeaders(text: string, problems: ImportProblem[]): { headers: Headers; bodyStart: number; headerLines: number } {
  const headers: Headers = { tags: [], column: {} };
  let pos = 0;
  let line = 0;
  while (pos < text.length && text[pos] === '#') {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const m = HEADER.exec(text.slice(pos, end));
    const key = m?.[1].trim().toLowerCase().replace(/\s+/g, ' ');
    if (!m || !key || !KNOWN_HEADERS.has(key)) break; // A first field that merely starts with `#`.
    line++;
    applyHeader(headers, key, m[2], line, problems);
    pos = nl < 0 ? text.length : nl + 1;
  }
  return { headers, bodyStart: pos, headerLines: line };
}

function applyHeader(h: Headers, key: string, raw: string, line: number, problems: ImportProblem[]): void {
  const value = raw.trim();
  const warn = (message: string) => problems.push({ row: 0, line, severity: 'warning', message });
  const columnNumber = () => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1) return n - 1;
    warn(`\`#${key}:${value}\` needs a column number (1 or more); it is ignored.`);
    return undefined;
  };
  switch (key) {
    case 'separator': {
      const sep = SEPARATOR_NAMES[value.toLowerCase()] ?? (raw.length === 1 ? raw : value.length === 1 ? value : undefined);
      if (sep) h.separator = sep;
      else warn(`Unknown separator \`${value}\`; the separator is guessed instead.`);
      break;
    }
    case 'html':
      if (/^(true|false)$/i.test(value)) h.html = value.toLowerCase() === 'true';
      else warn(`\`#html:\` should be true or false, not \`${value}\`.`);
      break;
    case 'columns':
      // Split later, once the separator is known (it may be declared after this line).
      h.columnsRaw = raw.replace(/^ /, '');
      break;
    case 'tags':
      h.tags.push(...splitTags(value));
      break;
    case 'deck':
      if (value) h.deck = value;
      break;
    case 'notetype':
      if (value) h.notetype = value;
      break;
    case 'tags column':
      h.column.tags = columnNumber();
      break;
    case 'deck column':
      h.column.deck = columnNumber();
      break;
    case 'notetype column':
      h.column.notetype = columnNumber();
      break;
    case 'guid column':
      h.column.guid = columnNumber();
      break;
    default:
      // `#if matches:` and `#match scope:` tell Anki how to update existing notes; a new deck has none.
      break;
  }
}

/** Columns that hold note metadata, from `#… column:N` headers or, failing those, from `#columns` names. */
function specialColumns(h: Headers, columns: string[] | undefined): Set<number> {
  if (columns) {
    const named = (names: string[]) => {
      const i = columns.findIndex((c) => names.includes(c.trim().toLowerCase()));
      return i >= 0 ? i : undefined;
    };
    h.column.tags ??= named(['tags']);
    h.column.deck ??= named(['deck']);
    h.column.notetype ??= named(['notetype', 'note type']);
    h.column.guid ??= named(['guid']);
  }
  return new Set(Object.values(h.column).filter((i): i is number => i !== undefined));
}

/** Anki guesses too when the header is missing: the first candidate found in the first data line wins. */
function guessSeparator(body: string, fileName?: string): string {
  const firstLine = body.split('\n').find((l) => l.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const candidates = /\.csv$/i.test(fileName ?? '') ? [',', ';', '\t'] : ['\t', ';', ','];
  return candidates.find((c) => unquoted.includes(c)) ?? candidates[0];
}

interface RawRecord {
  row: number;
  line: number;
  fields: string[];
}

/**
 * All records, with the line each starts on. A quote that is never closed would swallow the
 * rest of the file, so its row is reported and reading resumes on the next line.
 */
function readRecords(body: string, separator: string, lineOffset: number, problems: ImportProblem[]): RawRecord[] {
  const out: RawRecord[] = [];
  let rest = body;
  let restFirstLine = lineOffset + 1;
  let row = 0;
  for (let guard = 0; rest.trim() !== '' && guard < 100_000; guard++) {
    let unclosed: CsvError | undefined;
    let parsed: { record: string[]; raw: string }[];
    try {
      parsed = parse(rest, {
        delimiter: separator,
        quote: '"',
        escape: '"',
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        raw: true,
        skip_records_with_error: true,
        on_skip: (err) => {
          unclosed ??= err;
          return undefined;
        },
      }) as unknown as { record: string[]; raw: string }[];
    } catch (e) {
      problems.push({ row: row + 1, line: restFirstLine, severity: 'error', message: `The file could not be read from here on: ${(e as Error).message}` });
      break;
    }
    let line = restFirstLine;
    let consumed = 0;
    let runaway: { line: number; offset: number } | undefined;
    for (const { record, raw } of parsed) {
      const leading = /^\n*/.exec(raw)![0].length;
      if (record.length < 2 && record.some((f) => f.includes('\n'))) {
        // A stray quote ran into the following rows and made one field of them: too few fields
        // for a note, but spanning lines. Skip its first line and read the rest again.
        runaway = { line: line + leading, offset: consumed + leading };
        break;
      }
      row++;
      out.push({ row, line: line + leading, fields: record });
      line += count(raw, '\n');
      consumed += raw.length;
    }
    if (!runaway && !unclosed) break;
    let badLine: number;
    let after: string;
    if (runaway) {
      badLine = runaway.line;
      after = rest.slice(runaway.offset);
    } else {
      // The failed record starts at the first non-blank line after the last good one.
      after = rest.slice(consumed);
      const leading = /^\n*/.exec(after)![0].length;
      badLine = line + leading;
      after = after.slice(leading);
    }
    row++;
    problems.push({
      row,
      line: badLine,
      severity: 'error',
      message: runaway || unclosed?.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'A field opens a quote (") that is never closed; this row is skipped. Double a quote inside a quoted field ("") or leave the field unquoted.'
        : `This row could not be read (${unclosed?.message}); it is skipped.`,
    });
    const nl = after.indexOf('\n');
    if (nl < 0) break;
    rest = after.slice(nl + 1);
    restFirstLine = badLine + 1;
  }
  return out;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

export function splitTags(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
