import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportAnkiText, importAnkiText } from '../../../src/core/anki';
import { parseDeck } from '../../../src/core/deck/parse';
import type { Card, Deck } from '../../../src/core/deck/types';

const decksDir = join(__dirname, '..', '..', '..', 'decks');

function card(question: string, answer: string, tags: string[] = []): Card {
  return { id: 'x', explicitId: false, question, answer, tags, code: [], line: 1, answerLine: 2 };
}

describe('Anki export', () => {
  it('writes the header Anki reads and one row per card', () => {
    const text = exportAnkiText({ title: 'Streams', cards: [card('What is a shard?', 'A unit of capacity.', ['kinesis', 'limits'])] });
    assert.equal(text, [
      '#separator:tab',
      '#html:false',
      '#columns:Front\tBack\tTags',
      '#tags column:3',
      '#deck:Streams',
      'What is a shard?\tA unit of capacity.\tkinesis limits',
      '',
    ].join('\n'));
  });

  it('quotes fields with tabs, quotes and line breaks, and a first field starting with #', () => {
    const text = exportAnkiText({ title: 'T', cards: [card('Say "hi"', 'line 1\nline\t2'), card('#1 question', 'a')] });
    const rows = text.split('\n').slice(5, -1).join('\n');
    assert.equal(rows, '"Say ""hi"""\t"line 1\nline\t2"\t\n"#1 question"\ta\t');
    const records = parse(rows, { delimiter: '\t', relax_column_count: true }) as string[][];
    assert.deepEqual(records, [['Say "hi"', 'line 1\nline\t2', ''], ['#1 question', 'a', '']]);
  });

  it('writes HTML with #html:true when asked', () => {
    const text = exportAnkiText({ title: 'T', cards: [card('**Q**', 'A')] }, { html: true, renderHtml: (md) => `<p>${md.replace(/\*\*(.*)\*\*/, '<b>$1</b>')}</p>\n` });
    assert.match(text, /^#html:true$/m);
    assert.match(text, /^<p><b>Q<\/b><\/p>\t<p>A<\/p>\t$/m);
    assert.throws(() => exportAnkiText({ title: 'T', cards: [] }, { html: true }), /renderHtml/);
  });

  describe('round trip through import', () => {
    const same = (a: Deck, b: Deck, normalize: (s: string) => string = (s) => s) => {
      assert.equal(b.cards.length, a.cards.length);
      a.cards.forEach((c, i) => {
        const d = b.cards[i];
        assert.equal(normalize(d.question), normalize(c.question), `question of card ${i + 1}`);
        assert.equal(d.answer, c.answer, `answer of card ${i + 1}`);
        assert.deepEqual(d.tags, c.tags, `tags of card ${i + 1}`);
      });
    };

    for (const file of readdirSync(decksDir).filter((f) => f.endsWith('.md'))) {
      it(`keeps question, answer and tags of ${file}`, () => {
        const deck = parseDeck(file, readFileSync(join(decksDir, file)));
        const back = importAnkiText(exportAnkiText(deck), { fileName: 'export.txt' });
        assert.deepEqual(back.problems, []);
        assert.equal(back.title, deck.title);
        const reread = parseDeck('back.deck.md', back.markdown);
        assert.deepEqual(reread.diagnostics.filter((d) => d.severity === 'error'), []);
        same(deck, reread);
      });
    }

    it('keeps the seed text deck, whose multi-line questions gain a paragraph break', () => {
      const deck = parseDeck('seed.txt', readFileSync(join(decksDir, 'data-engineering-flashcards.txt')));
      const reread = parseDeck('back.deck.md', importAnkiText(exportAnkiText(deck)).markdown);
      // A Markdown deck joins a question's heading and its further lines with a blank line.
      same(deck, reread, (q) => q.replace(/\n+/g, '\n'));
    });

    it('keeps awkward text: quotes, tabs, lone ? lines, headings and fences in answers', () => {
      const deck = {
        title: 'Awkward',
        cards: [
          card('Quotes "and" tabs\tinside', 'Answer with "quotes"\tand a tab', ['a']),
          card('Multi-line question', '?\nA lone question mark line above', ['b', 'c']),
          card('Code', '```md\n## not a card\n?\n```\nafter'),
          card('Question\n\nwith more lines', 'Answer'),
        ],
      };
      const reread = parseDeck('back.deck.md', importAnkiText(exportAnkiText(deck)).markdown);
      assert.deepEqual(reread.diagnostics.filter((d) => d.severity === 'error'), []);
      same(deck as Deck, reread);
    });
  });
});
