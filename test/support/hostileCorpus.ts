/**
 * Hostile card contents for the trust tests: what a deck from someone else's repository could
 * contain to run code, load remote resources or break the screen. Every vector that would run code
 * leaves a marker (`self.__pwned`, a `data-pwned` attribute, a message to the top window) and every
 * vector that would load something points at the canary server, so a test sees a failure instead of
 * having to guess. The real-host scenario (test/host/ui/hostile.mjs) shows each card in the review
 * panel, the exam, the tree and a hover; test/unit/render/hostile.test.ts checks the renderers.
 */

export interface Vector {
  /** `v001`…: the card id, and the marker the vector leaves if it runs. */
  id: string;
  /** Marker number posted to the top window (`{ pwned: n }`). */
  marker: number;
  category: string;
  /** What it is, for failure messages. */
  name: string;
  /** Card Markdown. Single-line vectors are also used in the heading, the tree label and the hover. */
  text: string;
  /** Whether `text` is one line (it then also goes into the question heading). */
  inline: boolean;
}

/** Marker numbers start here, so a stray number from the workbench is not mistaken for one. */
export const MARKER_BASE = 9_100_000;

type Make = (js: string, url: (path: string) => string, id: string) => string;

/**
 * JavaScript that records that it ran. No double quotes, so it fits in a `"…"` attribute, and no
 * backtick, so Markdown does not turn it into a code span before the HTML layer sees it.
 */
function payload(marker: number, url: (path: string) => string): string {
  return `self.__pwned=${marker};document.documentElement.setAttribute('data-pwned','${marker}');top.postMessage({pwned:${marker}},'*');new Image().src='${url('js')}'`;
}

const entity = (s: string) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join('');
const hexEntity = (s: string) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
const percent = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

const TEMPLATES: Array<[category: string, name: string, make: Make]> = [
  // Script elements
  ['script', 'script tag', (js) => `<script>${js}</script>`],
  ['script', 'upper-case SCRIPT', (js) => `<SCRIPT>${js}</SCRIPT>`],
  ['script', 'mixed-case ScRiPt', (js) => `<ScRiPt>${js}</sCrIpT>`],
  ['script', 'script with remote src', (_, url) => `<script src="${url('script.js')}"></script>`],
  ['script', 'script with a slash attribute', (js) => `<script/x>${js}</script>`],
  ['script', 'nested split script', (js) => `<scr<script>ipt>${js}</scr</script>ipt>`],
  ['script', 'script in a paragraph', (js) => `Text before <script>${js}</script> and after.`],
  ['script', 'script type module', (js) => `<script type="module">${js}</script>`],
  ['script', 'unclosed script', (js) => `<script>${js}`],
  ['script', 'script with a NUL-like gap', (js) => `<scr\u200bipt>${js}</script>`],
  ['script', 'noscript breakout', (js) => `<noscript><p title="</noscript><img src=x onerror=${JSON.stringify(js)}>">`],
  ['script', 'template element', (js) => `<template><script>${js}</script></template>`],
  // Event handlers
  ['handler', 'img onerror', (js) => `<img src=x onerror="${js}">`],
  ['handler', 'img onerror, unquoted', (_, __, id) => `<img src=x onerror=self.__pwned=${id}>`],
  ['handler', 'img ONERROR upper case', (js) => `<IMG SRC=x ONERROR="${js}">`],
  ['handler', 'svg onload', (js) => `<svg onload="${js}"></svg>`],
  ['handler', 'body onload', (js) => `<body onload="${js}">`],
  ['handler', 'div onmouseover', (js) => `<div onmouseover="${js}" style="position:fixed;inset:0">cover</div>`],
  ['handler', 'details ontoggle', (js) => `<details open ontoggle="${js}"><summary>s</summary></details>`],
  ['handler', 'input autofocus onfocus', (js) => `<input autofocus onfocus="${js}">`],
  ['handler', 'video source onerror', (js) => `<video><source onerror="${js}"></video>`],
  ['handler', 'audio onerror', (js) => `<audio src=x onerror="${js}"></audio>`],
  ['handler', 'iframe onload', (js) => `<iframe onload="${js}"></iframe>`],
  ['handler', 'marquee onstart', (js) => `<marquee onstart="${js}">m</marquee>`],
  ['handler', 'a onclick', (js) => `<a href="#" onclick="${js}">click</a>`],
  ['handler', 'onerror with entity-encoded code', (js) => `<img src=x onerror="${entity(js)}">`],
  ['handler', 'onerror with hex entities', (js) => `<img src=x onerror="${hexEntity(js)}">`],
  ['handler', 'handler after a slash', (js) => `<img/src=x/onerror="${js}">`],
  ['handler', 'handler with tab and newline-free spacing', (js) => `<img\tsrc=x\tonerror="${js}">`],
  ['handler', 'style onload', (js) => `<style onload="${js}"></style>`],
  ['handler', 'animationstart', (js) => `<p style="animation-name:spin" onanimationstart="${js}">a</p>`],
  ['handler', 'focus via tabindex', (js) => `<div tabindex=1 autofocus onfocusin="${js}">f</div>`],
  ['handler', 'pointer events', (js) => `<span onpointerenter="${js}">hover me</span>`],
  ['handler', 'form onsubmit', (js) => `<form onsubmit="${js}"><button>go</button></form>`],
  // Dangerous link schemes
  ['link', 'javascript: link', (js) => `[click](javascript:${js})`],
  ['link', 'JaVaScRiPt: mixed case', (js) => `[click](JaVaScRiPt:${js})`],
  ['link', 'javascript: with a leading space in angle brackets', (js) => `[click](< javascript:${js}>)`],
  ['link', 'javascript: with a tab inside', (js) => `[click](java\tscript:${js})`],
  ['link', 'entity-encoded javascript:', (js) => `[click](${entity('javascript:')}${js})`],
  ['link', 'hex-entity javascript:', (js) => `[click](${hexEntity('javascript')}:${js})`],
  ['link', 'percent-encoded javascript:', (js) => `[click](${percent('javascript')}:${js})`],
  ['link', 'javascript: in angle brackets', (js) => `[click](<javascript:${js}>)`],
  ['link', 'javascript: autolink', (js) => `<javascript:${js.replace(/[ <>]/g, '')}>`],
  ['link', 'javascript: reference link', (js, _, id) => `[click][r${id}]\n\n[r${id}]: javascript:${js.replace(/ /g, '')}`],
  ['link', 'data: text/html link', (js) => `[click](data:text/html,<script>${js}</script>)`],
  ['link', 'data: base64 link', (js) => `[click](data:text/html;base64,${btoa(`<script>${js}</script>`)})`],
  ['link', 'vbscript: link', () => '[click](vbscript:msgbox(1))'],
  ['link', 'VBScript: mixed case', () => '[click](VBScript:Execute("x"))'],
  ['link', 'file: link', () => '[passwd](file:///etc/passwd)'],
  ['link', 'command: link to a workbench command', () => '[new file](command:workbench.action.files.newUntitledFile)'],
  ['link', 'command: link to a terminal', () => '[terminal](command:workbench.action.terminal.new)'],
  ['link', 'command: link to our own reset', () => '[reset](command:flashcards.resetDeckProgress)'],
  ['link', 'command: autolink', () => '<command:workbench.action.terminal.new>'],
  ['link', 'vscode: URI link', () => '[install](vscode:extension/evil.pwn)'],
  ['link', 'javascript: in a link title', (js) => `[t](https://example.com "x\\" onmouseover=\\"${js}")`],
  ['link', 'HTML anchor to javascript:', (js) => `<a href="javascript:${js}">click</a>`],
  ['link', 'HTML anchor, entity-obfuscated scheme', (js) => `<a href="${hexEntity('javascript:')}${js}">click</a>`],
  ['link', 'area element', (js) => `<map><area shape=rect coords=0,0,9,9 href="javascript:${js}"></map>`],
  ['link', 'linkified javascript text', (js) => `See javascript:${js.replace(/ /g, '')} for details`],
  // Images and remote loads
  ['image', 'remote image', (_, url) => `![diagram](${url('img.png')})`],
  ['image', 'protocol-relative image', (_, url) => `![diagram](${url('rel.png').replace(/^https?:/, '')})`],
  ['image', 'javascript: image', (js) => `![x](javascript:${js})`],
  ['image', 'data: SVG image with script', (js) => `![x](data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${js.replace(/'/g, '')}'/>)`],
  ['image', 'reference image', (_, url, id) => `![ref][i${id}]\n\n[i${id}]: ${url('refimg.png')}`],
  ['image', 'image with a title', (_, url) => `![x](${url('titled.png')} "title")`],
  ['image', 'HTML img remote', (_, url) => `<img src="${url('htmlimg.png')}">`],
  ['image', 'HTML img srcset', (_, url) => `<img srcset="${url('srcset.png')} 2x">`],
  ['image', 'picture source', (_, url) => `<picture><source srcset="${url('picture.png')}"><img></picture>`],
  ['image', 'image link nested in a link', (_, url) => `[![x](${url('nested.png')})](${url('nestedlink')})`],
  ['image', 'image with an entity-encoded URL', (_, url) => `![x](${entity(url('entity.png'))})`],
  ['image', 'input type=image', (_, url) => `<input type=image src="${url('input.png')}">`],
  ['image', 'video poster', (_, url) => `<video poster="${url('poster.png')}"></video>`],
  ['image', 'background attribute', (_, url) => `<table background="${url('bg.png')}"><tr><td>x</td></tr></table>`],
  // SVG and MathML
  ['svg', 'svg with script', (js) => `<svg><script>${js}</script></svg>`],
  ['svg', 'svg animate onbegin', (js) => `<svg><animate onbegin="${js}" attributeName=x dur=1s></svg>`],
  ['svg', 'svg set href to javascript:', (js) => `<svg><a><set attributeName=href to="javascript:${js}"/><text y=20>x</text></a></svg>`],
  ['svg', 'svg use with data: href', (js) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${js.replace(/'/g, '')}'/></svg>#x"/></svg>`],
  ['svg', 'svg foreignObject', (js) => `<svg><foreignObject><iframe srcdoc="<script>${js}</script>"></iframe></foreignObject></svg>`],
  ['svg', 'svg image remote', (_, url) => `<svg><image href="${url('svgimg.png')}"/></svg>`],
  ['svg', 'MathML mutation (mXSS)', (js) => `<math><mtext><table><mglyph><style><img src=x onerror="${js}">`],
  ['svg', 'MathML href', (js) => `<math href="javascript:${js}">m</math>`],
  // Embedding
  ['embed', 'iframe javascript:', (js) => `<iframe src="javascript:${js}"></iframe>`],
  ['embed', 'iframe srcdoc', (js) => `<iframe srcdoc="<script>${js}</script>"></iframe>`],
  ['embed', 'iframe remote', (_, url) => `<iframe src="${url('frame.html')}"></iframe>`],
  ['embed', 'object data', (_, url) => `<object data="${url('object.swf')}"></object>`],
  ['embed', 'embed src', (_, url) => `<embed src="${url('embed.swf')}">`],
  ['embed', 'frameset', (_, url) => `<frameset><frame src="${url('frame2.html')}"></frameset>`],
  ['embed', 'base href', (_, url) => `<base href="${url('base/')}">`],
  ['embed', 'meta refresh', (_, url) => `<meta http-equiv="refresh" content="0;url=${url('refresh')}">`],
  ['embed', 'link stylesheet', (_, url) => `<link rel="stylesheet" href="${url('style.css')}">`],
  ['embed', 'link prefetch', (_, url) => `<link rel="prefetch" href="${url('prefetch')}">`],
  ['embed', 'form action', (_, url) => `<form action="${url('form')}"><input name=q value=x><button>send</button></form>`],
  ['embed', 'portal', (_, url) => `<portal src="${url('portal')}"></portal>`],
  // CSS
  ['css', 'style element hiding the page', () => '<style>body,main{display:none!important}</style>'],
  ['css', 'style import', (_, url) => `<style>@import url(${url('import.css')});</style>`],
  ['css', 'inline style background', (_, url) => `<div style="background:url(${url('stylebg.png')})">bg</div>`],
  ['css', 'full-screen overlay', () => '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:red">overlay</div>'],
  ['css', 'font-face from remote', (_, url) => `<style>@font-face{font-family:x;src:url(${url('font.woff')})}body{font-family:x}</style>`],
  ['css', 'expression()', (js) => `<div style="width:expression(${js})">ie</div>`],
  ['css', 'huge font', () => '<span style="font-size:500px">BIG</span>'],
  ['css', 'Markdown attribute syntax', (_, url) => `Styled text{: style="background:url(${url('attr.png')})" }`],
  // Obfuscated HTML
  ['obfuscated', 'entity-escaped script tag (shows as text)', (js) => `&lt;script&gt;${js}&lt;/script&gt;`],
  ['obfuscated', 'decimal-entity script tag', (js) => `&#60;script&#62;${js}&#60;/script&#62;`],
  ['obfuscated', 'percent-encoded script tag', (js) => `%3Cscript%3E${js}%3C/script%3E`],
  ['obfuscated', 'backslash-escaped tag', (js) => `\\<script>${js}\\</script>`],
  ['obfuscated', 'tag split by a comment', (js) => `<scr<!-- x -->ipt>${js}</script>`],
  ['obfuscated', 'full-width angle brackets', (js) => `＜script＞${js}＜/script＞`],
  ['obfuscated', 'unicode-escaped code in a handler', (_, __, id) => `<img src=x onerror="\\u0073elf.__pwned=${id}">`],
  ['obfuscated', 'handler with a newline in the name position', (js) => `<img src=x\nonerror="${js}">`],
  ['obfuscated', 'double-encoded entities', (js) => `&amp;lt;script&amp;gt;${js}&amp;lt;/script&amp;gt;`],
  ['obfuscated', 'HTML in a code span', (js) => `\`<img src=x onerror="${js}">\``],
  ['obfuscated', 'HTML in a fenced block', (js) => `\`\`\`html\n<script>${js}</script>\n\`\`\``],
  ['obfuscated', 'fence info string injection', (js) => `\`\`\`js" onmouseover="${js}\nconst x = 1;\n\`\`\``],
  ['obfuscated', 'language class injection', (js) => `\`\`\`"><script>${js}</script>\ncode\n\`\`\``],
  // Markdown structure tricks
  ['markdown', 'link label with HTML', (js) => `[<img src=x onerror="${js}">](https://example.com)`],
  ['markdown', 'emphasis around a tag', (js) => `**<script>${js}</script>**`],
  ['markdown', 'table cell with a tag', (js) => `| a | b |\n|---|---|\n| <img src=x onerror="${js}"> | x |`],
  ['markdown', 'blockquote with a tag', (js) => `> <svg onload="${js}">`],
  ['markdown', 'list item with a tag', (js) => `- <iframe src="javascript:${js}"></iframe>\n- second`],
  ['markdown', 'heading-like line in the answer', () => '### Not a card\n#### deeper'],
  ['markdown', 'footnote-looking reference to javascript:', (js) => `Text[^1]\n\n[^1]: javascript:${js.replace(/ /g, '')}`],
  ['markdown', 'HTML comment with a tag inside', (js) => `<!-- <script>${js}</script> -->`],
  ['markdown', 'task box with a tag', (js) => `- [x] <img src=x onerror="${js}">\n- [ ] plain`],
  ['markdown', 'autolink to the canary', (_, url) => `<${url('autolink')}>`],
  ['markdown', 'linkified bare canary URL', (_, url) => `Visit ${url('linkify')} now`],
  ['markdown', 'deeply nested blockquotes', () => `${'>'.repeat(400)} deep`],
  ['markdown', 'deeply nested lists', () => Array.from({ length: 45 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')],
  ['markdown', 'thousands of emphasis markers', () => '*_'.repeat(3000) + 'x'],
  // Broken HTML
  ['broken', 'unclosed img with handler', (js) => `<img src=x onerror="${js}"`],
  ['broken', 'unclosed anchor', (js) => `<a href="javascript:${js}"`],
  ['broken', 'stray closing tags', () => '</div></main></section></body></html>'],
  ['broken', 'textarea swallowing the page', () => '<textarea>'],
  ['broken', 'plaintext element', () => '<plaintext>'],
  ['broken', 'xmp element', (js) => `<xmp><script>${js}</script></xmp>`],
  ['broken', 'unterminated attribute quote', (js) => `<div title="unterminated><script>${js}</script>`],
  ['broken', 'CDATA section', (js) => `<![CDATA[<script>${js}</script>]]>`],
  ['broken', 'processing instruction', (js) => `<?xml-stylesheet href="javascript:${js}"?>`],
  ['broken', 'dialog open modal', () => '<dialog open>modal</dialog>'],
  // Size and text direction
  ['huge', 'huge attribute', (js) => `<img src=x title="${'A'.repeat(60_000)}" onerror="${js}">`],
  ['huge', 'one 20,000-character word', () => 'W'.repeat(20_000)],
  ['huge', 'a 2,000-character URL', (_, url) => `[long](${url('long')}?${'q'.repeat(2000)})`],
  ['huge', 'right-to-left override', () => 'Safe text \u202Egnp.exe\u202C and more'],
  ['huge', 'zero-width and combining marks', () => `Z\u0335\u0321\u0316${'\u0336'.repeat(300)}algo \u200b\u200c\u200d\u2060`],
  ['huge', 'a huge table', () => `| ${Array.from({ length: 80 }, (_, i) => `c${i}`).join(' | ')} |\n|${' --- |'.repeat(80)}\n| ${'x | '.repeat(80)}`],
  ['huge', 'hundreds of lines', () => Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n')],
];

/**
 * The corpus, with resource URLs on `canary` (an origin the test serves and watches). Markers and
 * ids are stable, so a failure names the same vector on every run.
 */
export function hostileVectors(canary: string): Vector[] {
  return TEMPLATES.map(([category, name, make], i) => {
    const marker = MARKER_BASE + i + 1;
    const id = `v${String(i + 1).padStart(3, '0')}`;
    const url = (path: string) => `${canary.replace(/\/$/, '')}/${id}/${path}`;
    const text = make(payload(marker, url), url, String(marker));
    return { id, marker, category, name, text, inline: !text.includes('\n') };
  });
}

/** Every `EXAM_EVERY`-th vector becomes a multiple-choice question, so the exam shows options too. */
const EXAM_EVERY = 5;

const TASK_LIST = /^ {0,3}[-*+] \[[ xX]\]/m;

/** The end of every card's answer: the test waits for it, so it knows the whole card rendered. */
export const endOf = (v: Pick<Vector, 'id'>) => `End of ${v.id.toUpperCase()}.`;

/**
 * A Markdown deck with one card per vector: the vector in the heading (if it is one line), in the
 * question body, in the first line of the answer (the hover's key figure) and in the answer body.
 * Each card lists `Hostile<id>` under `code`, so a hover on that word shows it.
 */
export function hostileDeck(vectors: readonly Vector[], title = 'Hostile Cards'): string {
  const cards = vectors.map((v, i) => {
    const heading = v.inline && v.text.length < 500 ? `${v.id.toUpperCase()} ${v.text}` : `${v.id.toUpperCase()} ${v.category}: ${v.name}`;
    const choice = i % EXAM_EVERY === EXAM_EVERY - 1;
    const first = v.inline ? v.text : `Key figure of ${v.id.toUpperCase()}`;
    const answer = choice
      ? `- [x] ${v.inline ? v.text : 'the right option'}\n- [ ] a wrong option for ${v.id.toUpperCase()}\n- [ ] another wrong option\n\nExplanation: ${v.inline ? v.text : v.name}\n\n${endOf(v)}`
      : `${first}\n\n${v.text}\n\n${endOf(v)}`;
    // Options on the question side are a deck error (they give the answer away): those stay in the answer.
    const body = v.inline || TASK_LIST.test(v.text) ? '' : `${v.text}\n`;
    return `## ${heading}\n<!--\nid: ${v.id}\ntags: hostile, ${v.category}\ncode: hostile${v.id}\n-->\n${body}?\n${answer}\n`;
  });
  return `# ${title}\n\nEvery card tries to run code, load from the network or break the layout.\n\n${cards.join('\n')}`;
}
