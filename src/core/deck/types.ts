/** A position in a deck file, 1-based like editors and compilers print them. */
export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface DeckDiagnostic {
  line: number;
  column: number;
  /** Exclusive end column on the same line; absent when the problem is a whole line. */
  endColumn?: number;
  severity: Severity;
  message: string;
  /** Stable machine-readable code, e.g. `duplicate-id`, for filtering and quick fixes. */
  code: string;
}

export interface Card {
  /** Stable id: explicit `id:` metadata, else derived from the question text (never from position). */
  id: string;
  /** True when the id was written by the author rather than derived. */
  explicitId: boolean;
  /** Question as Markdown (the seed format's text is kept verbatim). */
  question: string;
  /** Answer as Markdown, rendered lazily when shown. */
  answer: string;
  tags: string[];
  source?: string;
  /** Code identifiers this card explains (used by hovers). */
  code: string[];
  /** 1-based line of the card's first line (heading or number line). */
  line: number;
  /** 1-based line where the answer starts. */
  answerLine: number;
}

export type DeckFormat = 'markdown' | 'seed-text';

export interface Deck {
  /** The file it came from, as given to the parser (a path or a URI string). */
  file: string;
  format: DeckFormat;
  title: string;
  description: string;
  cards: Card[];
  diagnostics: DeckDiagnostic[];
}
