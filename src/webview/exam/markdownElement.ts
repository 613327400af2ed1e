import type { DeckFormat } from '../../core/deck/types';
import { renderCardMarkdown } from '../../core/render/markdown';
import { h } from '../dom';

/**
 * An element holding card Markdown rendered by markdown-it with HTML off: the only innerHTML on
 * the exam screens. `inline` drops the paragraph around a one-paragraph text (an option inside a
 * button, which holds phrasing content only).
 */
export function markdown<K extends 'div' | 'span' | 'section' | 'dd'>(tag: K, className: string, text: string, format: DeckFormat, inline = false): HTMLElementTagNameMap[K] {
  const el = h(tag, { class: className });
  let html = renderCardMarkdown(text, format);
  const single = /^<p>([\s\S]*)<\/p>\n?$/.exec(html);
  if (inline && single && !single[1].includes('<p>')) html = single[1];
  el.innerHTML = html;
  return el;
}
