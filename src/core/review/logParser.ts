import { asEntry, classifyValue, isTornWrite, type LogEntry } from './reviewLog';

export interface ParsedRegion {
  entries: LogEntry[];
  /** 1-based line numbers of damaged lines (not counting torn writes, which are dropped silently). */
  badLines: number[];
  /**
   * Byte offset just past the last line read completely. When the last line is unfinished it is
   * left out and `end` points at it, so the next read picks it up if another writer completes it.
   */
  end: number;
  tornTail: boolean;
  /** With `keepLines`: the text of every line worth keeping (entries and unknown kinds), in order. */
  kept: string[];
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder();

/**
 * Parses the lines in `bytes[start..]`. Writers put the newline *before* each entry, so an entry
 * always starts on a fresh line even if the previous writer died mid-line; `start` is therefore
 * the end of a line (a newline or the end of the header), and `firstLine` is the number of the
 * line that `start` is on.
 */
export function parseRegion(bytes: Uint8Array, start: number, firstLine = 1, keepLines = false): ParsedRegion {
  const entries: LogEntry[] = [];
  const badLines: number[] = [];
  const kept: string[] = [];
  if (start >= bytes.length) return { entries, badLines, end: bytes.length, tornTail: false, kept };

  const lines = decoder.decode(bytes.subarray(start)).split('\n');
  let last = lines.length - 1;
  while (last >= 0 && isBlank(lines[last]!)) last--;

  let end = bytes.length;
  let tornTail = false;
  for (let i = 0; i <= last; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (i === last) {
        tornTail = true;
        end = lastLineStart(bytes, start);
      } else if (!isTornWrite(line)) {
        badLines.push(firstLine + i);
      }
      continue;
    }
    const entry = asEntry(value);
    if (entry) {
      entries.push(entry);
      if (keepLines) kept.push(line.trim());
      continue;
    }
    const kind = classifyValue(value).kind;
    if (kind === 'bad') badLines.push(firstLine + i);
    else if (kind === 'unknown' && keepLines) kept.push(line.trim());
  }
  return { entries, badLines, end, tornTail, kept };
}

/** Offset of the newline in front of the last non-blank line (or `start` if there is none). */
function lastLineStart(bytes: Uint8Array, start: number): number {
  let i = bytes.length - 1;
  while (i >= start && (bytes[i] === NEWLINE || bytes[i] === 0x0d || bytes[i] === 0x20 || bytes[i] === 0x09)) i--;
  for (; i >= start; i--) {
    if (bytes[i] === NEWLINE) return i;
  }
  return start;
}

/** Offset of the first newline, i.e. the end of the header line. */
export function headerEnd(bytes: Uint8Array): number {
  const nl = bytes.indexOf(NEWLINE);
  return nl < 0 ? bytes.length : nl;
}

export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** Cheaper than `trim() === ''` for the common case of a line that starts with `{`. */
function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  if (first !== 0x20 && first !== 0x09 && first !== 0x0d) return false;
  return line.trim() === '';
}
