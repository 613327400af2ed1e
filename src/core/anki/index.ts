// Anki interop: import of Anki's text exports into a Markdown deck, and export of any deck as a
// file Anki imports. Pure: no `vscode`, no Node built-ins.
export { parseAnkiText, splitTags, type AnkiNote, type AnkiTextFile, type ImportProblem } from './ankiText';
export { exportAnkiText, type ExportOptions } from './exportDeck';
export { decodeEntities, escapeMarkdown, htmlToMarkdown, looksLikeHtml, type HtmlConversion } from './html';
export { clozeHeading, importAnkiText, type AnkiImport, type ImportOptions } from './importDeck';
export { writeCard, writeMarkdownDeck, type DeckCardDraft } from './markdownWriter';
