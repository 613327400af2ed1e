import { isBlank } from '../deck/markdownDeck';
import type { Card, DeckDiagnostic, DeckFormat, Severity } from '../deck/types';
import { scanClozes, type ClozeDeletion } from './cloze';

/**
 * How a deck card takes part in an exam:
 * - `single`: multiple choice, exactly one `- [x]` option;
 * - `multiple`: multiple response, two or more `- [x]` options ("Choose 2");
 * - `cloze`: `{{c1::…}}` deletions, typed in;
 * - `plain`: any other card, self-graded.
 */
export type QuestionKind = 'single' | 'multiple' | 'cloze' | 'plain';

export interface ChoiceOption {
  /** The option's Markdown, without the `- [ ]` marker. */
  text: string;
  correct: boolean;
  /** 0-based line of the option in the card's answer part. */
  line: number;
}

export interface ChoiceQuestion {
  kind: 'single' | 'multiple';
  /** The question shown in an exam: the card's question part plus any text before the option list, without a `(Choose two.)` hint. */
  stem: string;
  /** In the author's order; shuffle with `shuffled` before showing. */
  options: ChoiceOption[];
  correctCount: number;
  /** Markdown after the option list, without a leading `Explanation:` label; may be empty. */
  explanation: string;
}

export interface ClozeQuestion {
  kind: 'cloze';
  /** Distinct cloze numbers, ascending. */
  numbers: number[];
  deletions: (ClozeDeletion & { part: CardPart })[];
}

export interface PlainQuestion {
  kind: 'plain';
}

export type ParsedQuestion = ChoiceQuestion | ClozeQuestion | PlainQuestion;

export type CardPart = 'question' | 'answer';

/** A problem in a card, positioned relative to the card: line 0 of `question` is the `##` heading text. */
export interface QuestionProblem {
  part: CardPart;
  /** 0-based line within `card.question` or `card.answer`. */
  line: number;
  /** 1-based column within that line. */
  column: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  code: string;
}

export interface QuestionParse {
  question: ParsedQuestion;
  problems: QuestionProblem[];
}

type CardText = Pick<Card, 'question' | 'answer'>;

// The option text is trimmed afterwards, so no `[ \t]*` before `(.*)`: on a line that fails at `$`
// (a U+2028 in it) the two would trade every split of a long run of spaces between them.
const TASK = /^( {0,3})([-*+])[ \t]+\[([ xX])\](?=[ \t]|$)(.*)$/;
/** A list item whose box is not `[ ]`, `[x]` or `[X]`: `[]`, `[ x]`, `[v]`, `[✓]`… (but not a link). */
const BAD_TASK = /^( {0,3})[-*+][ \t]+(\[[ \txXvV*✓✔-]{0,3}\])(?!\()/;
const BULLET = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTINUATION = /^(?: {2,}|\t)\S/;
const EXPLANATION_LABEL = /^[ \t]*(?:\*\*|__)?explanation(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*/i;
// The lookbehind starts a match only where a run of spaces starts: without it, each position in a
// long run after a `(` would scan the rest of the run again.
const CHOOSE_HINT = /(?<![ \t])[ \t]*\((?:choose|select)[ \t]+(one|two|three|four|five|six|seven|eight|nine|ten|\d+)\.?\)/i;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Reads a card as an exam question. Never throws; anything malformed becomes a problem. */
export function parseQuestion(card: CardText): QuestionParse {
  const problems: QuestionProblem[] = [];
  const qLines = card.question.split('\n');
  const aLines = card.answer.split('\n');

  const optionsInQuestion = findTaskLines(qLines);
  const answerScan = scanChoices(aLines);
  const isChoice = optionsInQuestion.length > 0 || answerScan.options.length > 0 || answerScan.badBoxes.length > 0;

  const qClozes = scanClozes(card.question);
  const aClozes = scanClozes(card.answer);
  for (const [part, scan, text] of [['question', qClozes, card.question], ['answer', aClozes, card.answer]] as const) {
    const at = positions(text);
    for (const p of scan.problems) problems.push({ part, ...at(p.offset, p.length), severity: 'error', message: p.message, code: p.code });
  }

  if (!isChoice) {
    const deletions = [
      ...qClozes.deletions.map((d) => ({ ...d, part: 'question' as const })),
      ...aClozes.deletions.map((d) => ({ ...d, part: 'answer' as const })),
    ];
    if (deletions.length === 0) return { question: { kind: 'plain' }, problems };
    const numbers = [...new Set(deletions.map((d) => d.number))].sort((a, b) => a - b);
    return { question: { kind: 'cloze', numbers, deletions }, problems };
  }

  for (const [part, scan, text] of [['question', qClozes, card.question], ['answer', aClozes, card.answer]] as const) {
    const at = positions(text);
    for (const d of scan.deletions) {
      problems.push({ part, ...at(d.start, d.end - d.start), severity: 'error', message: 'A multiple-choice card cannot also have cloze deletions.', code: 'cloze-in-choice' });
    }
  }
  for (const line of optionsInQuestion) {
    problems.push({
      part: 'question', line, column: 1, endColumn: qLines[line].length + 1, severity: 'error',
      message: 'Options belong after the `?` line (or in the card body when there is no `?`), so the question side never shows which are correct.',
      code: 'option-in-question',
    });
  }
  for (const bad of answerScan.badBoxes) {
    problems.push({
      part: 'answer', line: bad.line, column: bad.column, endColumn: bad.column + bad.length, severity: 'error',
      message: 'An option starts with `- [ ]` (wrong) or `- [x]` (correct).', code: 'malformed-option',
    });
  }
  // Not `push(...)`: spread arguments overflow the stack past about 100,000 problems.
  for (const p of answerScan.problems) problems.push(p);

  const options = answerScan.options;
  const correctCount = options.filter((o) => o.correct).length;
  const listLine = options.length > 0 ? options[0].line : answerScan.badBoxes[0]?.line;
  const atList = (code: string, message: string) => {
    if (listLine === undefined) problems.push({ part: 'question', line: 0, column: 1, endColumn: qLines[0].length + 1, severity: 'error', message, code });
    else problems.push({ part: 'answer', line: listLine, column: 1, endColumn: aLines[listLine].length + 1, severity: 'error', message, code });
  };
  if (options.length === 0) {
    if (optionsInQuestion.length === 0) atList('no-options', 'The card has no options: list them as `- [ ]` and `- [x]` lines.');
  } else if (options.length < 2) {
    atList('too-few-options', 'A multiple-choice question needs at least two options.');
  }
  if (options.length > 0 && correctCount === 0) atList('no-correct-option', 'No option is marked correct: mark the right one(s) with `- [x]`.');
  if (options.length >= 2 && correctCount === options.length) atList('all-options-correct', 'Every option is marked correct; at least one must be wrong (`- [ ]`).');

  const seen = new Map<string, number>();
  options.forEach((o, i) => {
    const key = o.text.replace(/\s+/g, ' ').trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    problems.push({
      part: 'answer', line: o.line, column: 1, endColumn: aLines[o.line].length + 1, severity: 'error',
      message: `Option ${i + 1} repeats option ${first + 1} ("${clip(o.text)}").`, code: 'duplicate-option',
    });
  });
  options.forEach((o) => {
    if (!o.text.trim()) problems.push({ part: 'answer', line: o.line, column: 1, endColumn: aLines[o.line].length + 1, severity: 'error', message: 'This option has no text.', code: 'empty-option' });
  });

  // The stem is the question part plus any text between `?` (or the metadata) and the option list.
  const lead = answerScan.leadEnd > 0 ? aLines.slice(0, answerScan.leadEnd).join('\n').trim() : '';
  let stem = lead ? `${card.question}\n\n${lead}` : card.question;
  const hint = findChooseHint(card.question, 'question') ?? findChooseHint(card.answer.split('\n').slice(0, answerScan.leadEnd).join('\n'), 'answer');
  if (hint) {
    stem = stem.replace(CHOOSE_HINT, '');
    if (options.length > 0 && correctCount > 0 && hint.count !== correctCount) {
      problems.push({
        part: hint.part, line: hint.line, column: hint.column, endColumn: hint.column + hint.length, severity: 'error',
        message: `The question says to choose ${hint.count}, but ${correctCount} option${correctCount === 1 ? ' is' : 's are'} marked \`[x]\`.`,
        code: 'choose-count-mismatch',
      });
    }
  }
  const kind = correctCount >= 2 || (hint !== undefined && hint.count >= 2) ? 'multiple' : 'single';
  const explanation = answerScan.explanationStart >= 0
    ? aLines.slice(answerScan.explanationStart).join('\n').trim().replace(EXPLANATION_LABEL, '')
    : '';
  return {
    question: { kind, stem: stem.trim(), options: options.map(({ text, correct, line }) => ({ text, correct, line })), correctCount, explanation },
    problems,
  };
}

/** True when the card can be used in an exam (no error-level problem). */
export function isUsableQuestion(parse: QuestionParse): boolean {
  return !parse.problems.some((p) => p.severity === 'error');
}

interface AnswerScan {
  options: ChoiceOption[];
  badBoxes: { line: number; column: number; length: number }[];
  problems: QuestionProblem[];
  /** Lines [0, leadEnd) are text before the option list. */
  leadEnd: number;
  /** First line of the explanation, or -1. */
  explanationStart: number;
}

function scanChoices(lines: string[]): AnswerScan {
  const out: AnswerScan = { options: [], badBoxes: [], problems: [], leadEnd: 0, explanationStart: -1 };
  let state: 'before' | 'list' | 'after' = 'before';
  let fence: string | undefined;
  let lastWasOption = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1];
      if (state === 'list') {
        state = 'after';
        out.explanationStart = i;
      }
      continue;
    }
    if (!line.trim()) continue;
    const task = TASK.exec(line);
    const bad = task ? null : BAD_TASK.exec(line);
    if (task || bad) {
      if (state === 'after') {
        out.problems.push({
          part: 'answer', line: i, column: 1, endColumn: line.length + 1, severity: 'error',
          message: 'This option is outside the option list: keep all options together in one list, before the explanation.',
          code: 'option-outside-list',
        });
        continue;
      }
      if (state === 'before') {
        state = 'list';
        out.leadEnd = i;
      }
      if (task) out.options.push({ text: task[4].trim(), correct: task[3] !== ' ', line: i });
      else out.badBoxes.push({ line: i, column: bad![1].length + 1 + line.slice(bad![1].length).indexOf('['), length: bad![2].length });
      lastWasOption = !!task;
      continue;
    }
    if (state === 'list') {
      if (CONTINUATION.test(line) && lastWasOption) {
        const last = out.options[out.options.length - 1];
        // Both sides are trimmed already: trimming the joined text would copy it for every line.
        last.text = last.text ? `${last.text}\n${line.trim()}` : line.trim();
        continue;
      }
      if (BULLET.test(line)) {
        out.problems.push({
          part: 'answer', line: i, column: 1, endColumn: line.length + 1, severity: 'error',
          message: 'A list item without `[ ]` or `[x]` inside the option list. Start the explanation with a line of text (e.g. `Explanation:`) before any list.',
          code: 'not-an-option',
        });
        lastWasOption = false;
        continue;
      }
      state = 'after';
      out.explanationStart = i;
    }
  }
  if (state === 'before') out.leadEnd = 0;
  return out;
}

/** Lines (outside fenced code) that are `- [ ]` / `- [x]` items. */
function findTaskLines(lines: string[]): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) fence = f[1];
    else if (TASK.test(line)) out.push(i);
  }
  return out;
}

function closesFence(line: string, fence: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1][0] === fence[0] && m[1].length >= fence.length;
}

function findChooseHint(text: string, part: CardPart): { count: number; part: CardPart; line: number; column: number; length: number } | undefined {
  const m = CHOOSE_HINT.exec(text);
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  const count = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word);
  const lead = m[0].length - m[0].trimStart().length;
  const pos = positions(text)(m.index + lead, m[0].length - lead);
  return { count, part, line: pos.line, column: pos.column, length: m[0].length - lead };
}

/**
 * Line and columns of a span of `text`, for any number of spans: the line starts are listed once,
 * on the first call, so a text with a problem on every line is not walked again for each of them.
 */
function positions(text: string): (offset: number, length: number) => { line: number; column: number; endColumn: number } {
  let starts: number[] | undefined;
  return (offset, length) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let line = 0;
    for (let hi = starts.length - 1; line < hi;) {
      const mid = (line + hi + 1) >> 1;
      if (starts[mid] <= offset) line = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[line];
    const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    const end = Math.min(offset + length, lineEnd);
    return { line, column: offset - lineStart + 1, endColumn: end - lineStart + 1 };
  };
}

function clip(text: string): string {
  const first = text.split('\n', 1)[0];
  return first.length > 50 ? `${first.slice(0, 47)}…` : first;
}

/**
 * The card's exam problems as deck diagnostics with absolute 1-based file lines, ready to merge
 * into `deck.diagnostics`: one for each of `parseQuestion`'s problems, in its order. `format` is
 * the deck's, as the two formats lay a card out differently. Pass the deck's text to make the
 * lines exact when the author left blank lines around `?` (or after `Q` and `A`); without it, the
 * card is assumed to be written without them (the usual style).
 */
export function questionDiagnostics(card: Card, deckText?: string, format: DeckFormat = 'markdown'): DeckDiagnostic[] {
  const { problems } = parseQuestion(card);
  if (problems.length === 0) return [];
  const map = lineMapper(card, format, deckText?.split('\n'));
  return problems.map((p) => {
    const at = map(p.part, p.line);
    const shift = at.columnShift;
    const d: DeckDiagnostic = { line: at.line, column: p.column + shift, severity: p.severity, message: p.message, code: p.code };
    if (p.endColumn !== undefined) d.endColumn = p.endColumn + shift;
    return d;
  });
}

type LineMap = (part: CardPart, line: number) => { line: number; columnShift: number };

/**
 * Card lines to file lines. Both parsers keep a part's lines verbatim (indentation included) and
 * drop only the blank lines around it, blank as `isBlank` has it: a line of U+FEFF or NBSP is
 * text to them, though `trim()` would empty it.
 */
function lineMapper(card: Card, format: DeckFormat, fileLines: string[] | undefined): LineMap {
  const blankAt = (line1: number) => fileLines !== undefined && line1 >= 1 && line1 <= fileLines.length && isBlank(fileLines[line1 - 1], 0, fileLines[line1 - 1].length);
  const firstTextLine = (line1: number) => {
    let at = line1;
    while (fileLines && at < fileLines.length && blankAt(at)) at++;
    return at;
  };
  const answerStart = firstTextLine(card.answerLine);
  if (format === 'seed-text') {
    // The number line, `Q`, the question, `A` (just above answerLine), the answer.
    const questionStart = firstTextLine(card.line + 2);
    return (part, line) => ({ line: (part === 'answer' ? answerStart : questionStart) + line, columnShift: 0 });
  }
  const qCount = card.question.split('\n').length;
  const headingLine = fileLines?.[card.line - 1];
  // `## ###` and the like title nothing: the question is then all text before `?`.
  const titled = headingLine === undefined || !isEmptyHeading(headingLine);
  let headingShift = 3; // `## `
  if (titled && headingLine !== undefined) {
    const at = headingLine.indexOf(card.question.split('\n', 1)[0], 2);
    if (at >= 0) headingShift = at;
  }
  // Further question lines sit just above the `?` line (answerLine - 1), after a blank joint in
  // the question when the heading has text.
  const extraCount = titled ? Math.max(0, qCount - 2) : qCount;
  let extraLast = card.answerLine - 2;
  while (extraLast > card.line && blankAt(extraLast)) extraLast--;
  const extraFirst = extraLast - (extraCount - 1);
  return (part, line) => {
    if (part === 'answer') return { line: answerStart + line, columnShift: 0 };
    if (!titled) return { line: extraFirst + line, columnShift: 0 };
    if (line <= 1) return { line: card.line, columnShift: headingShift };
    return { line: extraFirst + line - 2, columnShift: 0 };
  };
}

/** A `##` line whose text, once closing `#`s are dropped as the deck parser drops them, is empty. */
function isEmptyHeading(line: string): boolean {
  const text = line.slice(2).trim();
  return text === '' || /^#+(?:[ \t]+#+)?$/.test(text);
}
