import { headerEnd, parseRegion, type ParsedRegion } from './logParser';
import { headerLine } from './reviewLog';
import type { ProgressStorage } from './storage';

/** Told to the learner after a damaged log was repaired; progress is never reset silently. */
export interface RecoveryReport {
  /** File name of the untouched copy of the damaged log, next to it. */
  backup: string;
  /** Damaged lines that could not be kept. */
  droppedLines: number;
  /** Their 1-based line numbers in the backup. */
  lines: number[];
  /** The header line was missing or unreadable. */
  headerRepaired: boolean;
}

/**
 * Keeps every readable line of a damaged log: leaves an untouched copy next to it, rewrites the
 * log with the good lines (entries of kinds a newer version added included), and reports it.
 */
export async function repairLog(
  storage: ProgressStorage,
  logName: string,
  damaged: Uint8Array,
  headerOk: boolean,
  now: number,
): Promise<{ clean: Uint8Array; report: RecoveryReport }> {
  const backup = `${logName}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await storage.write(backup, damaged);
  let current = damaged;
  let parsed: ParsedRegion;
  // Another window may append between our read and our rewrite; read again until the file holds
  // still, so its entries are carried over rather than lost.
  for (let attempt = 0; ; attempt++) {
    parsed = parseRegion(current, headerOk ? headerEnd(current) : 0, 1, true);
    const again = await storage.read(logName);
    if (!again || again.length === current.length || attempt === 2) break;
    current = again;
  }
  const clean = new TextEncoder().encode(headerLine() + parsed.kept.map((line) => '\n' + line).join(''));
  await storage.write(logName, clean);
  return {
    clean,
    report: { backup, droppedLines: parsed.badLines.length, lines: parsed.badLines, headerRepaired: !headerOk },
  };
}
