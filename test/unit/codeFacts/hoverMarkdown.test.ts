import * as assert from 'node:assert/strict';
import { commandUri, FactIndex, HOVER_COMMANDS, renderHover, sanitizeInlineMarkdown } from '../../../src/core/codeFacts';
import { parseDeck } from '../../../src/core/deck/parse';
import { doc, hoverOn, load } from './helpers';

function deck(markdown: string, key = 'workspace:evil.deck.md'): FactIndex {
  return FactIndex.build([{ key, deck: parseDeck('evil.deck.md', markdown) }]);
}

const KINESIS_TS = "import * as kinesis from 'aws-cdk-lib/aws-kinesis';\nnew kinesis.Stream(this, 'S', { shardCount: 2 });\n";

describe('codeFacts: hover Markdown', () => {
  it('shows the hint, the key figure in bold, the question, the source link and the two command links', () => {
    const h = hoverOn(load('cdk-stack.ts.txt'), 'retentionPeriod', "new kinesis.Stream(this, 'S'")!;
    const md = h.markdown;
    const lines = md.split('\n').filter((l) => l.trim());
    assert.ok(lines[0].startsWith('**30 days (720 h)**'), lines[0]);
    assert.ok(lines[1].startsWith('**24 h by default; configurable from 24 h (minimum) up to 8,760 h (365 days).**'), lines[1]);
    assert.ok(lines[2].startsWith('How long can a Kinesis data stream keep its records? — [docs.aws.amazon.com](https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html)'), lines[2]);
    assert.equal(lines[3], `[Review this card](${commandUri('flashcards.reviewCard', { deckKey: 'builtin:kinesis-limits.deck.md', cardId: 'f01-retention' })}) · [Open in deck](${commandUri('flashcards.openCard', { deckKey: 'builtin:kinesis-limits.deck.md', cardId: 'f01-retention' })})`);
    assert.match(lines[4], /^More \(\d+\): \[What are "extended" and "long-term" retention/);
    assert.ok(lines.length <= 5, `a hover stays short: ${lines.length} lines`);
  });

  it('command URIs carry {deckKey, cardId} as a JSON argument array', () => {
    const uri = commandUri('flashcards.reviewCard', { deckKey: 'builtin:kinesis-limits.deck.md', cardId: 'f01-retention' });
    const [command, query] = uri.split('?');
    assert.equal(command, 'command:flashcards.reviewCard');
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), [{ deckKey: 'builtin:kinesis-limits.deck.md', cardId: 'f01-retention' }]);
    assert.deepEqual([...HOVER_COMMANDS], ['flashcards.reviewCard', 'flashcards.openCard']);
  });

  it('only the hover\'s own command links exist; every link target is http(s) or one of the two commands', () => {
    const h = hoverOn(load('sdk-v3.ts.txt'), 'PutRecordsCommand', 'kinesis.send(new ')!;
    for (const m of h.markdown.matchAll(/\]\(([^)]*)\)/g)) {
      assert.match(m[1], /^(https:\/\/|command:flashcards\.(reviewCard|openCard)\?)/, m[1]);
    }
  });

  it('card text cannot inject command links, HTML, images or other schemes', () => {
    const facts = deck(`# Evil
## Why <img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new)?
<!--
id: evil
code: shardCount
source: javascript:alert(1)
-->
**Run [this](command:flashcards.startReview?%5B%5D) or [that](vscode:extension/x) <script>alert(1)</script> ![pixel](https://tracker.example/p.png) [[nested]](command:x) [ref][r] <command:x> [ok](https://docs.aws.amazon.com/x) \`[code](command:y)\`**

[r]: command:workbench.action.reloadWindow
`);
    const d = doc(KINESIS_TS, 'typescript', 'stack.ts', facts);
    const md = hoverOn(d, 'shardCount')!.markdown;
    // Link targets as a Markdown renderer sees them: code spans are inert, escaped brackets open nothing.
    const targets = [...md.replace(/`[^`]*`/g, '').matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]);
    const commandTargets = targets.filter((t) => t.startsWith('command:'));
    assert.ok(commandTargets.every((t) => /^command:flashcards\.(reviewCard|openCard)\?/.test(t)), commandTargets.join('\n'));
    assert.ok(targets.includes('https://docs.aws.amazon.com/x'), 'http(s) links survive');
    assert.ok(!/<img|<script|onerror=|javascript:/i.test(md.replace(/`[^`]*`/g, '').replace(/&lt;/g, '')), md);
    assert.ok(!md.includes('tracker.example'), 'images are dropped');
    assert.ok(!md.includes('(javascript:'), 'a non-http source is not linked');
    assert.ok(md.includes('`[code](command:y)`'), 'code spans stay verbatim (and are inert)');
    // No reference-style link can form: every remaining bracket outside our links is escaped.
    const unescaped = md.replace(/`[^`]*`/g, '').replace(/\[(?:Review this card|Open in deck|ok|[^\]]*)\]\((?:https:|command:flashcards\.)[^)]*\)/g, '');
    assert.ok(!/(?<!\\)\[/.test(unescaped), unescaped);
  });

  it('sanitizeInlineMarkdown keeps bold, inline code and https links', () => {
    assert.equal(sanitizeInlineMarkdown('**1 MB/s** per `shard`, see [docs](https://aws.amazon.com/kinesis/)'), '**1 MB/s** per `shard`, see [docs](https://aws.amazon.com/kinesis/)');
    assert.equal(sanitizeInlineMarkdown('a <b>bold</b> claim [x](file:///etc/passwd)'), 'a bold claim x');
    assert.equal(sanitizeInlineMarkdown('x'.repeat(500), 50).length, 50);
  });

  it('renders a hint alone when no card matches but a literal was checked', () => {
    const empty = FactIndex.build([]);
    const d = doc(KINESIS_TS, 'typescript', 'stack.ts', empty);
    const h = hoverOn(d, 'shardCount');
    assert.equal(h?.markdown, '**2 shards**: **2 MB/s** and **2,000 records/s** in, **4 MB/s** out shared by classic consumers');
  });

  it('lists at most two further cards by title, then a count', () => {
    const md = renderHover({ cards: hoverOn(load('cdk-stack.ts.txt'), 'shardCount')!.match.cards });
    const more = md.split('\n').pop()!;
    assert.match(more, /^More \(6\): \[.+\]\(command:flashcards\.openCard\?.+\) · \[.+\]\(command:flashcards\.openCard\?.+\) · and 4 more…$/);
  });
});
