import * as assert from 'node:assert/strict';
import { parseDeck } from '../../../src/core/deck/parse';
import { renderCardMarkdown } from '../../../src/core/render/markdown';
import { hostileDeck, hostileVectors } from '../../support/hostileCorpus';

describe('card rendering', () => {
  it('shows raw HTML as text', () => {
    const html = renderCardMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    assert.ok(!html.includes('<script'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('drops javascript:, data: and vbscript: links', () => {
    const html = renderCardMarkdown('[a](javascript:alert(1)) [b](vbscript:x) ![c](data:image/png;base64,AA) [d](https://aws.amazon.com)');
    assert.ok(!/href="(javascript|vbscript|data):/i.test(html));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('<a href="https://aws.amazon.com">d</a>'));
  });

  it('keeps fenced code as code with its language', () => {
    const html = renderCardMarkdown('```ts\nnew kinesis.Stream(this, "S", { shardCount: 2 });\n```');
    assert.ok(html.startsWith('<pre><code class="language-ts">'));
    assert.match(html, /<span class="hljs-attr">shardCount<\/span>: <span class="hljs-number">2<\/span>/);
  });

  it('keeps line breaks of the plain-text seed format', () => {
    assert.equal(renderCardMarkdown('Classic:\n– one\n– two', 'seed-text'), '<p>Classic:<br>\n– one<br>\n– two</p>\n');
  });

  it('highlights known languages with escaped token spans, and escapes unknown ones', () => {
    const ts = renderCardMarkdown('```ts\nconst s = "<img src=x onerror=alert(1)>";\n```');
    assert.ok(ts.includes('<span class="hljs-keyword">const</span>'));
    assert.ok(ts.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!ts.includes('<img'));
    const unknown = renderCardMarkdown('```brainfuck\n<script>x</script>\n```');
    assert.ok(unknown.includes('&lt;script&gt;'));
    assert.ok(!unknown.includes('hljs'));
  });

  it('shows exam options as ticked and empty boxes', () => {
    const html = renderCardMarkdown('- [x] 3 shards\n- [ ] 1 shard');
    assert.match(html, /<li class="task correct"><span class="box" aria-label="correct option">☑<\/span> 3 shards<\/li>/);
    assert.match(html, /<li class="task"><span class="box" aria-label="wrong option">☐<\/span> 1 shard<\/li>/);
  });
});

describe('card rendering: the hostile corpus', () => {
  const vectors = hostileVectors('http://127.0.0.1:9');
  const deck = parseDeck('hostile.deck.md', hostileDeck(vectors));
  /** What markdown-it with HTML off may produce, and the attributes it sets. */
  const TAGS = new Set(['p', 'a', 'em', 'strong', 'code', 'pre', 'span', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 's']);
  const ATTRIBUTES = new Set(['href', 'class', 'title', 'aria-label', 'start']);

  it('parses into one card per vector, without errors', () => {
    assert.ok(vectors.length >= 100, String(vectors.length));
    assert.equal(deck.cards.length, vectors.length);
    assert.deepEqual(deck.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  for (const format of ['markdown', 'seed-text'] as const) {
    it(`renders every card (${format}) with allowed elements, attributes and link schemes only`, () => {
      const problems: string[] = [];
      for (const card of deck.cards) {
        for (const text of [card.question, card.answer]) {
          const html = renderCardMarkdown(text, format);
          for (const [, tag, attrs] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
            if (!TAGS.has(tag)) problems.push(`${card.id}: <${tag}>`);
            for (const [, name, value] of attrs.matchAll(/\s([^\s=]+)="([^"]*)"/g)) {
              if (!ATTRIBUTES.has(name)) problems.push(`${card.id}: ${name} on <${tag}>`);
              if (name === 'href' && !/^(https?:|mailto:|#)/i.test(value)) problems.push(`${card.id}: link to ${value}`);
            }
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('shows images as links the user may open, never as <img>', () => {
    assert.equal(renderCardMarkdown('![diagram](https://example.com/d.png)'), '<p><a class="image-link" href="https://example.com/d.png" title="Image not shown: open it in the browser">🖼 diagram</a></p>\n');
    assert.equal(renderCardMarkdown('[![badge](https://example.com/b.png)](https://example.com)'), '<p><a href="https://example.com">🖼 badge</a></p>\n');
    assert.ok(!renderCardMarkdown('![x](javascript:alert(1))').includes('<a'));
  });
});
