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
    assert.ok(html.includes('shardCount: 2'));
  });

  it('keeps line breaks of the plain-text seed format', () => {
    assert.equal(renderCardMarkdown('Classic:\n– one\n– two', 'seed-text'), '<p>Classic:<br>\n– one<br>\n– two</p>\n');
  });
});
