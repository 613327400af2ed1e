import * as assert from 'node:assert/strict';
import {
  DEFAULT_DECK_GLOBS,
  deckGlobs,
  excludeGlobs,
  findFilesQuery,
  isExcluded,
  isInside,
  isWorkspaceDeck,
} from '../../../src/core/tree/discovery';
import { expandBraces, matchesGlob } from '../../../src/core/tree/glob';

describe('deck discovery', () => {
  describe('globs', () => {
    it('matches ** across folders, including none', () => {
      assert.ok(matchesGlob('team.deck.md', '**/*.deck.md'));
      assert.ok(matchesGlob('a/b/c/team.deck.md', '**/*.deck.md'));
      assert.ok(!matchesGlob('team.deck.md.bak', '**/*.deck.md'));
      assert.ok(matchesGlob('decks/kinesis.md', '**/decks/**/*.md'));
      assert.ok(matchesGlob('x/decks/y/z/kinesis.md', '**/decks/**/*.md'));
      assert.ok(!matchesGlob('mydecks/kinesis.md', '**/decks/**/*.md'));
      assert.ok(matchesGlob('notes.cards.txt', '**/*.cards.txt'));
    });

    it('handles *, ?, classes and braces, nested too', () => {
      assert.ok(matchesGlob('a.md', '?.md'));
      assert.ok(!matchesGlob('dir/a.md', '*.md'), '* stops at /');
      assert.ok(matchesGlob('b.md', '[abc].md'));
      assert.ok(!matchesGlob('d.md', '[abc].md'));
      assert.ok(matchesGlob('d.md', '[!abc].md'));
      assert.deepEqual(expandBraces('x/{a,b{c,d}}.md'), ['x/a.md', 'x/bc.md', 'x/bd.md']);
      assert.ok(matchesGlob('docs/z.txt', 'docs/*.{md,txt}'));
      assert.ok(matchesGlob('.git', '**/.git'));
      assert.ok(matchesGlob('out/x/y', 'out/**'));
      assert.ok(matchesGlob('a+b (1).md', 'a+b (1).md'), 'regex characters are literal');
    });
  });

  describe('settings', () => {
    it('falls back to the defaults for an empty or invalid setting', () => {
      assert.deepEqual(deckGlobs(undefined), DEFAULT_DECK_GLOBS);
      assert.deepEqual(deckGlobs([]), DEFAULT_DECK_GLOBS);
      assert.deepEqual(deckGlobs([' ', 3]), DEFAULT_DECK_GLOBS);
      assert.deepEqual(deckGlobs(['cards/*.md', 7]), ['cards/*.md']);
    });

    it('always excludes node_modules and adds files.exclude entries that are on', () => {
      assert.deepEqual(excludeGlobs({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' }, '**/tmp': true }), ['**/node_modules/**', '**/.git', '**/tmp']);
      assert.deepEqual(excludeGlobs(null), ['**/node_modules/**']);
    });

    it('builds one include and one exclude pattern for findFiles, expanding the user\'s braces', () => {
      assert.deepEqual(findFilesQuery(['**/*.{deck.md,cards.txt}', '**/decks/**/*.md'], ['**/node_modules/**']), {
        include: '{**/*.deck.md,**/*.cards.txt,**/decks/**/*.md}',
        exclude: '**/node_modules/**',
      });
    });
  });

  describe('filtering', () => {
    const globs = [...DEFAULT_DECK_GLOBS];
    const excludes = excludeGlobs({ '**/.git': true, 'archive/**': true, '**/*.tmp.deck.md': true });

    it('accepts the default kinds of deck file', () => {
      for (const path of ['kinesis.deck.md', 'docs/team.deck.md', 'decks/streams.md', 'study/decks/aws/firehose.md', 'old.cards.txt']) {
        assert.ok(isWorkspaceDeck(path, globs, excludes), path);
      }
    });

    it('rejects other files', () => {
      for (const path of ['README.md', 'docs/guide.md', 'decks.md', 'notes.txt', 'decks/image.png']) {
        assert.ok(!isWorkspaceDeck(path, globs, excludes), path);
      }
    });

    it('skips node_modules and files.exclude, including everything under an excluded folder', () => {
      assert.ok(!isWorkspaceDeck('node_modules/pkg/decks/a.md', globs, excludes));
      assert.ok(!isWorkspaceDeck('packages/x/node_modules/y/z.deck.md', globs, excludes));
      assert.ok(!isWorkspaceDeck('.git/decks/a.md', globs, excludes));
      assert.ok(!isWorkspaceDeck('archive/2023/old.deck.md', globs, excludes));
      assert.ok(!isWorkspaceDeck('draft.tmp.deck.md', globs, excludes));
      assert.ok(isWorkspaceDeck('src/archive/kept.deck.md', globs, excludes), 'archive/** is anchored at the folder root');
    });

    it('accepts Windows separators and ./ prefixes', () => {
      assert.ok(isWorkspaceDeck('docs\\team.deck.md', globs, excludes));
      assert.ok(isWorkspaceDeck('./team.deck.md', globs, excludes));
      assert.ok(isExcluded('node_modules\\x.deck.md', excludes));
    });

    it('tells whether a path is inside a folder', () => {
      assert.ok(isInside('/ext/decks/a.md', '/ext/decks'));
      assert.ok(isInside('/ext/decks/a.md', '/ext/decks/'));
      assert.ok(!isInside('/ext/decks-old/a.md', '/ext/decks'));
    });
  });
});
