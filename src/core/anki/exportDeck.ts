import type { Card, Deck } from '../deck/types';

/**
 * A deck as a file Anki's "Import File" reads without questions asked: tab-separated, with the
 * header lines that name the columns, say whether fields are HTML, and where the tags are.
 */

export interface ExportOptions {
  /**
   * `false` (default) writes the Markdown as plain text: nothing is lost, and importing the file
   * back gives the same cards. `true` writes HTML, which Anki shows formatted.
   */
  html?: boolean;
  /** Markdown → HTML; required with `html: true`. */
  renderHtml?: (markdown: string, card: Card) => string;
}

export function exportAnkiText(deck: Pick<Deck, 'title' | 'cards'>, options: ExportOptions = {}): string {
  const html = options.html === true;
  if (html && !options.renderHtml) throw new TypeError('exportAnkiText: html export needs a renderHtml function.');
  const field = (markdown: string, card: Card) => (html ? options.renderHtml!(markdown, card).trim() : markdown);
  const lines = [
    '#separator:tab',
    `#html:${html}`,
    '#columns:Front\tBack\tTags',
    '#tags column:3',
  ];
  const title = deck.title.replace(/\s+/g, ' ').trim();
  if (title) lines.push(`#deck:${title}`);
  for (const card of deck.cards) {
    const row = [field(card.question, card), field(card.answer, card), card.tags.join(' ')];
    lines.push(row.map((value, i) => quote(value, i === 0)).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Quotes a field when it holds a tab, a quote or a line break, as csv readers expect (Anki's
 * included). A first field starting with `#` is quoted too, so it is never read as a header line.
 */
function quote(value: string, first: boolean): string {
  if (/[\t"\n\r]/.test(value) || (first && value.startsWith('#'))) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
