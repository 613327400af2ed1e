/**
 * Anki stores fields as HTML. The simple formatting people actually use in flashcards (bold,
 * italics, line breaks, lists, code, links) becomes Markdown; anything richer (images, tables,
 * MathJax, audio) would be mangled by a partial conversion, so such a field is kept as it was.
 */

export interface HtmlConversion {
  markdown: string;
  /** Set when the field was kept as text: the first tag that could not be converted. */
  keptAsText?: string;
}

type Node = { kind: 'text'; text: string } | { kind: 'element'; name: string; attrs: Record<string, string>; children: Node[] };

/** Formatting-only tags: their text is kept, their styling dropped (Markdown has no colour or underline). */
const UNWRAP = new Set(['span', 'font', 'u', 'sup', 'sub', 'small', 'big', 'mark', 's', 'strike', 'del', 'ins', 'abbr', 'label', 'tt', 'kbd', 'var', 'cite', 'q', 'nobr', 'wbr']);
const INLINE = new Set(['b', 'strong', 'i', 'em', 'code', 'a', 'br', ...UNWRAP]);
const BLOCK = new Set(['p', 'div', 'ul', 'ol', 'li', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'section', 'article', 'center', 'html', 'body']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'source', 'embed', 'col', 'area', 'base', 'param', 'track']);
const HTML_TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Whether a field looks like HTML rather than plain text that happens to contain `<`. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:br|div|p|b|i|u|em|strong|span|font|ul|ol|li|img|a|code|pre|table|sub|sup|hr|blockquote|h[1-6])\b[^>]*>|&(?:nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i.test(text);
}

export function htmlToMarkdown(html: string): HtmlConversion {
  const nodes = parse(html);
  const complex = findComplex(nodes);
  if (complex) return { markdown: html.trim(), keptAsText: complex };
  return { markdown: blocks(nodes).join('\n\n').trim() };
}

// ---- parsing: a forgiving tokenizer and a stack, enough for what Anki's editor writes ----

function parse(html: string): Node[] {
  const root: Node & { kind: 'element' } = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  let i = 0;
  let text = '';
  const flushText = () => {
    if (text) top().children.push({ kind: 'text', text: decodeEntities(text) });
    text = '';
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = HTML_TAG.exec(html.slice(lt, lt + 2000));
    if (!m) {
      text += '<';
      i = lt + 1;
      continue;
    }
    flushText();
    i = lt + m[0].length;
    const name = m[2].toLowerCase();
    if (m[1]) {
      const at = stack.map((n) => n.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    if ((name === 'li' || name === 'p') && top().name === name) stack.pop();
    const element: Node & { kind: 'element' } = { kind: 'element', name, attrs: attributes(m[3]), children: [] };
    top().children.push(element);
    if (!VOID.has(name) && !m[4]) stack.push(element);
    if (name === 'script' || name === 'style') {
      // Their content is not text; skip to the closing tag.
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  flushText();
  return root.children;
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(source))) attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

function findComplex(nodes: Node[]): string | undefined {
  for (const n of nodes) {
    if (n.kind === 'text') continue;
    if (!INLINE.has(n.name) && !BLOCK.has(n.name)) return n.name;
    const inner = findComplex(n.children);
    if (inner) return inner;
  }
  return undefined;
}

// ---- rendering ----

/** Marks a `<br>` until inline text is tidied; never occurs in decoded text (it is a control character). */
const BR = '\u0001';

function blocks(nodes: Node[]): string[] {
  const out: string[] = [];
  let inline = '';
  const flush = () => {
    out.push(...tidyInline(inline));
    inline = '';
  };
  for (const n of nodes) {
    if (n.kind === 'text' || INLINE.has(n.name)) {
      inline += renderInline(n);
      continue;
    }
    flush();
    switch (n.name) {
      case 'ul':
      case 'ol': {
        const list = renderList(n);
        if (list) out.push(list);
        break;
      }
      case 'li':
        out.push(...blocks(n.children).map((b) => indent(b, '- ', '  ')));
        break;
      case 'pre':
        out.push(fence(plainText(n.children, true)));
        break;
      case 'blockquote': {
        const inner = blocks(n.children).join('\n\n');
        if (inner) out.push(inner.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
        break;
      }
      case 'hr':
        out.push('* * *');
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        // Headings would start a new card in a deck file; bold keeps the emphasis.
        const text = tidyInline(n.children.map(renderInline).join('')).join(' ');
        if (text) out.push(`**${text}**`);
        break;
      }
      default:
        out.push(...blocks(n.children));
    }
  }
  flush();
  return out.filter((b) => b.trim() !== '');
}

function renderInline(n: Node): string {
  if (n.kind === 'text') return escapeMarkdown(n.text.replace(/[\s\u00a0]+/g, ' '));
  const inner = () => n.children.map(renderInline).join('');
  switch (n.name) {
    case 'br':
      return BR;
    case 'b':
    case 'strong':
      return wrap(inner(), '**');
    case 'i':
    case 'em':
      return wrap(inner(), '*');
    case 'code':
      return codeSpan(plainText(n.children, false));
    case 'a': {
      const text = inner();
      const href = (n.attrs.href ?? '').trim();
      if (!href || href.startsWith('javascript:')) return text;
      const target = /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
      return `[${text.trim() || escapeMarkdown(href)}](${target})`;
    }
    default:
      // Unwrapped formatting and block elements met inside inline content.
      return BLOCK.has(n.name) ? `${BR}${BR}${blocks(n.children).join(BR + BR)}${BR}${BR}` : inner();
  }
}

/** `**` around the text, with the spaces moved outside: `** bold **` does not render as bold. */
function wrap(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}${marker}${m[2]}${marker}${m[3]}` : text;
}

/** Inline Markdown with `<br>` marks → paragraphs; a single break becomes a hard line break (`\` at the end of the line). */
function tidyInline(text: string): string[] {
  const paragraphs = text.split(new RegExp(`(?:[ ]*${BR}[ ]*){2,}`));
  return paragraphs
    .map((p) => p.replace(new RegExp(`^[ ${BR}]+|[ ${BR}]+$`, 'g'), '').replace(new RegExp(`[ ]*${BR}[ ]*`, 'g'), '\\\n').replace(/ {2,}/g, ' '))
    .filter((p) => p !== '');
}

function renderList(list: Node & { kind: 'element' }): string {
  const ordered = list.name === 'ol';
  const start = Number(list.attrs.start ?? '1') || 1;
  const items: string[] = [];
  let n = start;
  for (const child of list.children) {
    if (child.kind === 'text' && !child.text.trim()) continue;
    const content = child.kind === 'element' && child.name === 'li' ? blocks(child.children) : blocks([child]);
    const marker = ordered ? `${n++}. ` : '- ';
    items.push(indent(content.join('\n') || '', marker, ' '.repeat(marker.length)));
  }
  return items.join('\n');
}

function indent(text: string, first: string, rest: string): string {
  return text.split('\n').map((line, i) => (i === 0 ? first + line : line ? rest + line : line)).join('\n');
}

/** Text content, for `<code>` and `<pre>`: no Markdown escaping, `<br>` as a newline. */
function plainText(nodes: Node[], keepNewlines: boolean): string {
  return nodes.map((n) => {
    if (n.kind === 'text') return keepNewlines ? n.text : n.text.replace(/\s+/g, ' ');
    if (n.name === 'br') return '\n';
    const inner = plainText(n.children, keepNewlines);
    return BLOCK.has(n.name) && keepNewlines ? `${inner}\n` : inner;
  }).join('');
}

function codeSpan(code: string): string {
  if (!code) return '';
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${code}${pad}${ticks}`;
}

function fence(code: string): string {
  const body = code.replace(/^\n+|\s+$/g, '');
  const longest = Math.max(2, ...(body.match(/^`+/gm) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${body}\n${ticks}`;
}

/**
 * Escapes what would otherwise turn text into Markdown syntax. `_` inside a word is left alone
 * (`shard_count` stays readable): CommonMark does not treat it as emphasis there.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]]/g, '\\$&')
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  deg: '°', plusmn: '±', times: '×', divide: '÷', middot: '·', bull: '•', para: '¶', sect: '§', euro: '€',
  pound: '£', yen: '¥', cent: '¢', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', le: '≤', ge: '≥', ne: '≠', asymp: '≈', infin: '∞',
  minus: '−', shy: '\u00ad', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwj: '\u200d', zwnj: '\u200c',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
  });
}
