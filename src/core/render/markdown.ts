import MarkdownIt from 'markdown-it';
import type { DeckFormat } from '../deck/types';

/**
 * Card text comes from other people's repositories, so raw HTML is never rendered (it shows as
 * text) and only http(s), mailto and in-page links survive. The seed export is line-oriented, so
 * its single line breaks are kept as breaks.
 */
const SAFE_LINK = /^(https?:|mailto:|#)/i;

function create(breaks: boolean): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, breaks, typographer: false });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  return md;
}

let markdown: MarkdownIt.MarkdownIt | undefined;
let plainText: MarkdownIt.MarkdownIt | undefined;

export function renderCardMarkdown(text: string, format: DeckFormat = 'markdown'): string {
  if (format === 'seed-text') return (plainText ??= create(true)).render(text);
  return (markdown ??= create(false)).render(text);
}
