import { addDiagnostic } from './diagnostics';
import { DerivedIds } from './ids';
import { indexLines } from './lines';
import { baseName, isBlank, trimBlock } from './markdownDeck';
import type { Card, Deck, DeckDiagnostic } from './types';

const NUMBER = /^\s*\d+\s*$/;

/**
 * The plain-text export the user's own deck comes in: a title line, then per card a number line,
 * `Q`, question lines, `A`, answer lines. Text is kept verbatim (bullets, dashes and typos included);
 * a card starts only where a number line is directly followed by `Q`, so an answer line that is just
 * a number stays part of the answer.
 */
export function parseSeedDeck(file: string, text: string, diagnostics: DeckDiagnostic[] = []): Deck {
  const { starts, ends } = indexLines(text);
  const n = starts.length;
  const line = (i: number) => text.slice(starts[i], ends[i]);
  const isQ = (i: number) => i < n && line(i).trim() === 'Q';
  const isA = (i: number) => line(i).trim() === 'A';
  const cardStartAt = (i: number) => NUMBER.test(line(i)) && isQ(i + 1);
  const block = (from: number, to: number) => trimBlock(text, from < n ? starts[from] : text.length, to < n ? starts[to] : text.length);

  let i = 0;
  while (i < n && isBlank(text, starts[i], ends[i])) i++;
  let title = baseName(file);
  if (i < n && !cardStartAt(i)) {
    title = line(i).trim();
    i++;
  } else {
    addDiagnostic(diagnostics, { line: 1, column: 1, severity: 'warning', message: 'The deck has no title line; the file name is used as its title.', code: 'missing-title' });
  }

  const cards: Card[] = [];
  const ids = new DerivedIds();
  let expected = 1;
  let strayReported = false;
  while (i < n) {
    if (!cardStartAt(i)) {
      if (!strayReported && !isBlank(text, starts[i], ends[i])) {
        addDiagnostic(diagnostics, { line: i + 1, column: 1, severity: 'error', message: 'Expected a card number followed by a `Q` line.', code: 'expected-card' });
        strayReported = true;
      }
      i++;
      continue;
    }
    const numberLine = i;
    const number = Number(line(i).trim());
    if (number !== expected) {
      addDiagnostic(diagnostics, { line: i + 1, column: 1, severity: 'info', message: `Card number ${number} follows ${expected - 1}.`, code: 'card-number' });
    }
    expected = number + 1;
    const qStart = i + 2;
    let j = qStart;
    while (j < n && !isA(j) && !cardStartAt(j)) j++;
    if (j >= n || !isA(j)) {
      addDiagnostic(diagnostics, { line: numberLine + 2, column: 1, severity: 'error', message: `Card ${number} has a \`Q\` but no \`A\` line.`, code: 'missing-answer-marker' });
      i = j;
      continue;
    }
    const aLine = j;
    let k = aLine + 1;
    while (k < n && !cardStartAt(k)) k++;
    const question = block(qStart, aLine);
    const answer = block(aLine + 1, k);
    if (!question.trim()) {
      addDiagnostic(diagnostics, { line: numberLine + 2, column: 1, severity: 'error', message: `Card ${number} has an empty question.`, code: 'empty-question' });
    } else if (!answer.trim()) {
      addDiagnostic(diagnostics, { line: aLine + 1, column: 1, severity: 'error', message: `Card ${number} has an empty answer.`, code: 'empty-answer' });
    } else {
      cards.push({ id: ids.next(question), explicitId: false, question, answer, tags: [], code: [], line: numberLine + 1, answerLine: aLine + 2 });
    }
    strayReported = false;
    i = k;
  }
  return { file, format: 'seed-text', title, description: '', cards, diagnostics };
}
