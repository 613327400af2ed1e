import * as assert from 'node:assert/strict';
import { decodeEntities, escapeMarkdown, htmlToMarkdown } from '../../../src/core/anki';

const md = (html: string) => htmlToMarkdown(html).markdown;

describe('Anki HTML to Markdown', () => {
  it('converts bold, italics and code', () => {
    assert.equal(md('<b>bold</b>, <strong> strong </strong>, <i>it</i>, <em>em</em>'), '**bold**, **strong** , *it*, *em*');
    assert.equal(md('call <code>PutRecords</code> or <code>a`b</code>'), 'call `PutRecords` or ``a`b``');
  });

  it('turns <br> into hard line breaks and double breaks, <p> and <div> into paragraphs', () => {
    assert.equal(md('one<br>two<br />three'), 'one\\\ntwo\\\nthree');
    assert.equal(md('one<br><br>two'), 'one\n\ntwo');
    assert.equal(md('<p>one</p><p>two</p>'), 'one\n\ntwo');
    assert.equal(md('lead<div>one</div><div>two</div>'), 'lead\n\none\n\ntwo');
  });

  it('converts lists, nested and numbered', () => {
    assert.equal(md('<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>'), '- a\n- b\n  - c');
    assert.equal(md('<ol start="3"><li>x<li>y</ol>'), '3. x\n4. y');
  });

  it('converts links and preformatted code', () => {
    assert.equal(md('<a href="https://aws.amazon.com/kinesis/">Kinesis</a>'), '[Kinesis](https://aws.amazon.com/kinesis/)');
    assert.equal(md('<a href="https://x.test/a b">x</a>'), '[x](<https://x.test/a b>)');
    assert.equal(md('<a href="javascript:alert(1)">no</a>'), 'no');
    assert.equal(md('<pre>a\n  b</pre>'), '```\na\n  b\n```');
  });

  it('decodes entities', () => {
    assert.equal(decodeEntities('&lt;&gt;&amp;&quot;&#39;&#x41;&nbsp;&mdash;&unknown;'), '<>&"\'A\u00a0—&unknown;');
    assert.equal(md('a&nbsp;&amp;&nbsp;b &lt;Stream&gt;'), 'a & b <Stream>');
  });

  it('drops styling it cannot express but keeps the text', () => {
    assert.equal(md('<span style="color:red">red</span> <u>under</u> <font color="blue">blue</font>'), 'red under blue');
  });

  it('keeps fields with images, tables and other rich HTML as text', () => {
    assert.deepEqual(htmlToMarkdown('<img src="a.png"> caption'), { markdown: '<img src="a.png"> caption', keptAsText: 'img' });
    assert.equal(htmlToMarkdown('<table><tr><td>1</td></tr></table>').keptAsText, 'table');
  });

  it('escapes text that would read as Markdown, but not snake_case', () => {
    assert.equal(escapeMarkdown('*a* `b` [c] _d_ shard_count \\'), '\\*a\\* \\`b\\` \\[c\\] \\_d\\_ shard_count \\\\');
    assert.equal(md('2 * 3 = 6'), '2 \\* 3 = 6');
  });

  it('leaves cloze deletions intact', () => {
    assert.equal(md('{{c1::1 MB/s::rate}} per <b>shard</b>'), '{{c1::1 MB/s::rate}} per **shard**');
  });
});
