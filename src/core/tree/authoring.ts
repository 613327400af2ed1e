import { CARD_KEYS } from '../deck/markdownDeck';
import type { Deck, DeckDiagnostic } from '../deck/types';
import { questionDiagnostics } from '../exam/question';

/**
 * Everything the editor reports about a deck: the parser's diagnostics plus, for Markdown decks,
 * the exam problems of each card (a multiple-choice card without a correct option, a broken
 * cloze), sorted by position. The CLI and the Problems panel both use it, so they agree.
 */
export function deckDiagnostics(deck: Deck, text: string): DeckDiagnostic[] {
  if (deck.format !== 'markdown') return deck.diagnostics;
  const exam: DeckDiagnostic[] = [];
  const cards = deck.cards.filter(mayHaveExamProblems);
  // questionDiagnostics splits the whole deck text to place a problem exactly; a deck full of
  // broken cards would pay that per card, so past a few hundred problem cards use the cheaper
  // placement (exact unless the author left blank lines around `?`).
  let exact = 200;
  for (const card of cards) {
    const problems = questionDiagnostics(card, exact > 0 ? text : undefined);
    if (problems.length && exact > 0) exact--;
    exam.push(...problems);
  }
  if (!exam.length) return deck.diagnostics;
  return [...deck.diagnostics, ...exam].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A card without `{{` or a `[` in a list item cannot have an exam problem; skip the full parse. */
function mayHaveExamProblems(card: { question: string; answer: string }): boolean {
  return card.question.includes('{{') || card.answer.includes('{{') || card.question.includes('[') || card.answer.includes('[');
}

/** A deck with exam problems merged into its diagnostics. */
export function withExamDiagnostics(deck: Deck, text: string): Deck {
  const diagnostics = deckDiagnostics(deck, text);
  return diagnostics === deck.diagnostics ? deck : { ...deck, diagnostics };
}

/**
 * An id no card of the deck uses yet: `<prefix>-<6 hex>`, drawn from `random` so tests can fix it.
 * Explicit ids keep a card's progress when its question is reworded.
 */
export function freshCardId(taken: ReadonlySet<string>, random: () => number = Math.random, prefix = 'card'): string {
  for (let attempt = 0; ; attempt++) {
    const hex = Math.floor(random() * 0x1000000).toString(16).padStart(6, '0');
    const id = attempt < 20 ? `${prefix}-${hex}` : `${prefix}-${hex}-${attempt}`;
    if (!taken.has(id)) return id;
  }
}

/** A prefix for ids from a deck's file name: `kinesis-limits.deck.md` → `kinesis-limits`. */
export function idPrefix(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.(deck\.md|cards\.txt|md|txt)$/i, '');
  const slug = slugify(base);
  return slug ? slug.slice(0, 24).replace(/-+$/, '') : 'card';
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A file name for a new deck titled `title`: `Kafka Basics` → `kafka-basics.deck.md`. */
export function deckFileName(title: string): string {
  return `${slugify(title).slice(0, 60).replace(/-+$/, '') || 'my-flashcards'}.deck.md`;
}

/**
 * The text "Flashcards: New Card" inserts, as a VS Code snippet: tab stops for the question and
 * the answer. `$` and `}` in the id are impossible (ids are `[A-Za-z0-9._:-]`), so no escaping.
 */
export function newCardSnippet(id: string): string {
  return ['## ${1:Question}', '<!--', `id: ${id}`, 'tags: ${2}', '-->', '${0:Answer}', ''].join('\n');
}

/**
 * A documented starter deck: the cards teach the format by being examples of it, so the file
 * stays a valid deck while the author reads it.
 */
export function deckTemplate(title: string, random: () => number = Math.random): string {
  const taken = new Set<string>();
  const prefix = slugify(title).slice(0, 16).replace(/-+$/, '') || 'card';
  const id = () => {
    const next = freshCardId(taken, random, prefix);
    taken.add(next);
    return next;
  };
  return `# ${title.replace(/\s+/g, ' ').trim() || 'My Flashcards'}

What this deck is about, in a sentence or two. This text is shown as the deck's description.

## How do I write a card?
<!--
id: ${id()}
tags: format
-->
Each card starts with a \`##\` heading: the heading is the question and everything under it is the answer, in Markdown.
The \`<!-- … -->\` block right after the heading is optional metadata: ${CARD_KEYS.map((k) => `\`${k}\``).join(', ')}.
Keep the \`id\` when you reword a card: progress is stored by id.

## What goes before and after a \`?\` line?
<!--
id: ${id()}
tags: format
-->
Lines between the heading and a line holding only \`?\` belong to the question.
?
Everything after the \`?\` line is the answer. Use it when the question needs more than one line, like code or a scenario.

## Which list marks the correct option of a multiple-choice card?
<!--
id: ${id()}
tags: format, exam
-->
?
- [ ] \`- [ ]\` marks the correct option
- [x] \`- [x]\` marks the correct option

Explanation: One \`[x]\` makes a multiple-choice question, two or more a multiple-response one ("Choose 2"). Options are shuffled in exams.

## Cloze deletions
<!--
id: ${id()}
tags: format, exam
-->
A cloze card hides {{c1::the marked text}} on its front. Each {{c2::cloze number::c1, c2…}} becomes its own review card, so this card gives two reviews.
`;
}
