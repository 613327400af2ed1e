import type { DeckDiagnostic, Severity } from './types';

/**
 * Problems kept per deck. A broken or generated file can have one on every line: hundreds of
 * thousands of diagnostics would flood the Problems view, and since each is kept until the parse
 * ends, parsing such a file would cost more per line the longer it is. Past the cap one last
 * diagnostic says so, with the worst severity among those left out (so an error still fails
 * `flashcards check`).
 */
export const MAX_DIAGNOSTICS = 1000;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function addDiagnostic(diagnostics: DeckDiagnostic[], diagnostic: DeckDiagnostic): void {
  if (diagnostics.length < MAX_DIAGNOSTICS) {
    diagnostics.push(diagnostic);
  } else if (diagnostics.length === MAX_DIAGNOSTICS) {
    diagnostics.push({
      line: diagnostic.line,
      column: 1,
      severity: diagnostic.severity,
      message: `More than ${MAX_DIAGNOSTICS} problems in this deck; the others are not shown. Fix these first.`,
      code: 'too-many-problems',
    });
  } else {
    const summary = diagnostics[diagnostics.length - 1];
    if (RANK[diagnostic.severity] > RANK[summary.severity]) summary.severity = diagnostic.severity;
  }
}
