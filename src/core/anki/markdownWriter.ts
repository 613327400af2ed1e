/**
 * Writes cards in the Markdown deck format so that parsing the result gives back the same
 * question, answer and tags. The parser gives a few lines special meaning (`##` starts a card,
 * a lone `?` ends the question, an open code fence hides everything after it), so text that
 * would trigger them is escaped or closed.
 */

export interface DeckCardDraft {
  id: string;
  question: string;
  answer: string;
  tags: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function writeMarkdownDeck(title: string, description: string, cards: readonly DeckCardDraft[]): string {
  const parts = [`# ${oneLine(title) || 'Imported deck'}`, ''];
  if (description.trim()) parts.push(description.trim(), '');
  for (const card of cards) parts.push(writeCard(card), '');
  return parts.join('\n');
}

export function writeCard(card: DeckCardDraft): string {
  const question = card.question.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  const lines = question.split('\n');
  let heading = lines[0].trim();
  let extra = lines.slice(1).join('\n');
  if (FENCE.test(lines[0])) {
    // A fence cannot open in the heading; name the card after its first line of code and keep the block whole.
    heading = lines.slice(1).find((l) => l.trim() && !FENCE.test(l))?.trim() ?? 'Code';
    extra = question;
  }
  // The parser drops closing `#`s from a heading, and a heading of only `#`s entirely (the card
  // would have no question): escaping the last run keeps it as text.
  heading = heading.replace(/(^|[ \t])(#+)$/, '$1\\$2');
  const meta = ['<!--', `id: ${card.id}`];
  const tags = card.tags.map((t) => t.replace(/,/g, '-')).filter(Boolean);
  if (tags.length) meta.push(`tags: ${tags.join(', ')}`);
  meta.push('-->');
  const answer = protect(card.answer.replace(/\r\n?/g, '\n').trim(), false);
  const extraText = protect(extra.trim(), true);
  // The `?` line is needed when the question has more lines, or when the answer holds a lone `?`
  // that the parser would otherwise take for the separator.
  const needsSeparator = extraText !== '' || hasLoneQuestionMark(answer);
  const out = [`## ${heading}`, ...meta];
  if (extraText) out.push(extraText);
  if (needsSeparator) out.push('?');
  out.push(answer);
  return out.join('\n');
}

/**
 * Escapes `#`/`##` heading lines (they would end the card or title the deck) and, in the question
 * part, lone `?` lines, outside code fences; closes a fence left open.
 */
function protect(text: string, questionPart: boolean): string {
  if (!text) return text;
  let fence: string | undefined;
  const lines = text.split('\n').map((line) => {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      return line;
    }
    if (f) {
      fence = f[1];
      return line;
    }
    if (/^#{1,2}(?:[ \t]|$)/.test(line)) return `\\${line}`;
    if (questionPart && line.trim() === '?') return line.replace('?', '\\?');
    return line;
  });
  if (fence) lines.push(fence);
  return lines.join('\n');
}

function hasLoneQuestionMark(answer: string): boolean {
  let fence = false;
  for (const line of answer.split('\n')) {
    if (FENCE.test(line)) fence = !fence;
    else if (!fence && line.trim() === '?') return true;
  }
  return false;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
