import type { FactMatch } from './matcher';

/** Commands the hover links to; the adapter trusts exactly these (MarkdownString.isTrusted.enabledCommands). */
export const HOVER_COMMANDS = ['flashcards.reviewCard', 'flashcards.openCard'] as const;

export interface CardCommandArgs {
  deckKey: string;
  cardId: string;
}

export function commandUri(command: (typeof HOVER_COMMANDS)[number], args: CardCommandArgs): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
}

const MAX_MORE_TITLES = 2;

/**
 * The hover: the computed hint, then the top card (key figure, question, source link, the two
 * command links), then one line naming further matching cards. A handful of lines at most.
 */
export function renderHover(match: Pick<FactMatch, 'cards' | 'hint'>): string {
  const parts: string[] = [];
  if (match.hint) parts.push(match.hint);
  const [top, ...rest] = match.cards;
  if (top) {
    const args = { deckKey: top.deckKey, cardId: top.card.id };
    if (top.keyFigure) parts.push(sanitizeInlineMarkdown(top.keyFigure, 400));
    const source = safeHttpUrl(top.card.source);
    const title = sanitizeInlineMarkdown(top.card.question, 200);
    const links = `[Review this card](${commandUri('flashcards.reviewCard', args)}) · [Open in deck](${commandUri('flashcards.openCard', args)})`;
    parts.push(`${title}${source ? ` — [${escapeText(hostOf(source))}](${source})` : ''}  \n${links}`);
  }
  if (rest.length) {
    const shown = rest.slice(0, MAX_MORE_TITLES).map((ref) => `[${linkText(ref.card.question, 70)}](${commandUri('flashcards.openCard', { deckKey: ref.deckKey, cardId: ref.card.id })})`);
    const left = rest.length - shown.length;
    parts.push(`More (${rest.length}): ${shown.join(' · ')}${left > 0 ? ` · and ${left} more…` : ''}`);
  }
  return parts.join('\n\n');
}

/** Short plain title of a card for a link text. */
function linkText(question: string, max: number): string {
  return escapeText(truncate(stripInline(question), max));
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** Markdown-free text: link targets, images, HTML and emphasis markers removed. */
function stripInline(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes everything that could start Markdown structure or HTML in plain text. */
export function escapeText(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(trimmed)) return undefined;
  return trimmed.replace(/[()<>"'\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function hostOf(url: string): string {
  return /^https?:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
}

const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/**
 * One line of card Markdown made safe for a trusted hover. Card text comes from any workspace, so:
 * raw HTML is removed, images are dropped (no remote loads), links survive only with an http(s)
 * target, and every other `[`, `]`, `<` is escaped, so no `command:` (or other scheme) link can be
 * formed, inline or by reference. Emphasis and inline code are kept: they carry the key figures.
 */
export function sanitizeInlineMarkdown(text: string, maxLength = 400): string {
  let s = truncate(text.replace(/\u0000/g, '').replace(/\s*\r?\n\s*/g, ' ').trim(), maxLength);
  const kept: string[] = [];
  const keep = (markup: string) => `\u0000${kept.push(markup) - 1}\u0000`;
  s = s.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  // Nothing inside a code span is interpreted (no links, no HTML), so spans are kept verbatim.
  s = s.replace(/(`+)([^`]+?)\1(?!`)/g, (span: string) => keep(span));
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, (_, alt: string) => alt);
  s = s.replace(/<(https?:\/\/[^<>\s]+)>/gi, (_, url: string) => {
    const safe = safeHttpUrl(url);
    return safe ? keep(`[${escapeText(url)}](${safe})`) : '';
  });
  s = s.replace(/\[([^\][]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g, (_, label: string, url: string) => {
    const safe = safeHttpUrl(url);
    const inner = escapeText(stripInline(label));
    return safe ? keep(`[${inner}](${safe})`) : inner;
  });
  s = s.replace(/<\/?[A-Za-z][^<>]*>/g, '');
  s = s.replace(/[[\]<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
  return s.replace(PLACEHOLDER, (_, i: string) => kept[Number(i)] ?? '');
}
