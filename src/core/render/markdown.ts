import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';
import type { DeckFormat } from '../deck/types';

/**
 * Card text comes from other people's repositories, so raw HTML is never rendered (it shows as
 * text) and only http(s), mailto and in-page links survive. The seed export is line-oriented, so
 * its single line breaks are kept as breaks.
 */
const SAFE_LINK = /^(https?:|mailto:|#)/i;

// The languages data engineers' cards quote; others render as plain code.
const LANGUAGES = { bash, go, java, javascript, json, python, sql, typescript, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx'], { languageName: 'javascript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['yml', 'cloudformation', 'cfn'], { languageName: 'yaml' });
hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });

/** highlight.js escapes the code it returns; an empty string lets markdown-it escape it itself. */
function highlight(code: string, lang: string): string {
  const language = lang.trim().toLowerCase();
  if (!language || !hljs.getLanguage(language)) return '';
  try {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}

type Tokens = readonly { type: string }[];
const linkDepths = new WeakMap<Tokens, boolean[]>();

/** Per token of one inline run, whether it sits inside a link; worked out once per run, not per image. */
function insideLink(tokens: Tokens): boolean[] {
  let inside = linkDepths.get(tokens);
  if (!inside) {
    let depth = 0;
    inside = tokens.map((t) => (depth += t.type === 'link_open' ? 1 : t.type === 'link_close' ? -1 : 0) > 0);
    linkDepths.set(tokens, inside);
  }
  return inside;
}

function create(breaks: boolean): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, breaks, typographer: false, highlight });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  // An image would be a remote load chosen by the deck (the webview CSP blocks it anyway, leaving a
  // broken picture): show a link to it instead, which the user may choose to open.
  md.renderer.rules.image = (tokens, i, options, env) => {
    const token = tokens[i];
    const src = String(token.attrGet('src') ?? '');
    const alt = md.utils.escapeHtml(md.renderer.renderInlineAsText(token.children ?? [], options, env) || src);
    // Inside a link already (a badge): a link may not hold another one.
    if (insideLink(tokens)[i]) return `🖼 ${alt}`;
    return `<a class="image-link" href="${md.utils.escapeHtml(src)}" title="Image not shown: open it in the browser">🖼 ${alt}</a>`;
  };
  return md;
}

let markdown: MarkdownIt.MarkdownIt | undefined;
let plainText: MarkdownIt.MarkdownIt | undefined;

/** `- [x] option` items (exam questions) read as ticked and empty boxes on the back of a card. */
const TASK_ITEM = /<li>\[( |x|X)\] /g;

export function renderCardMarkdown(text: string, format: DeckFormat = 'markdown'): string {
  if (format === 'seed-text') return (plainText ??= create(true)).render(text);
  return (markdown ??= create(false)).render(text).replace(TASK_ITEM, (_, mark: string) =>
    mark === ' ' ? '<li class="task"><span class="box" aria-label="wrong option">☐</span> ' : '<li class="task correct"><span class="box" aria-label="correct option">☑</span> ');
}
