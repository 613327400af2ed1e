import * as assert from 'node:assert/strict';
import { renderCardMarkdown } from '../../../src/core/render/markdown';

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
