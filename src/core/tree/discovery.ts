import { expandBraces, matchesGlob } from './glob';

/**
 * Which workspace files are decks: the rules behind `flashcards.deckGlobs`, apart from VS Code so
 * they can be tested. `DeckManager` asks `findFiles` with `findFilesQuery` and filters file
 * watcher events with `isWorkspaceDeck`, so a deck appears or disappears the same way whichever
 * path found it.
 */

export const DEFAULT_DECK_GLOBS: readonly string[] = ['**/*.deck.md', '**/decks/**/*.md', '**/*.cards.txt'];

/** Always skipped, whatever the settings say: installed packages ship Markdown under `decks/` too. */
export const ALWAYS_EXCLUDED: readonly string[] = ['**/node_modules/**'];

/** The setting's globs, or the defaults when it is empty or not a list of strings. */
export function deckGlobs(setting: unknown): string[] {
  if (!Array.isArray(setting)) return [...DEFAULT_DECK_GLOBS];
  const globs = setting.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim());
  return globs.length ? globs : [...DEFAULT_DECK_GLOBS];
}

/**
 * `files.exclude` entries that are switched on. Entries whose value is a `{ when }` object depend
 * on sibling files, which a path alone cannot decide; they are left to VS Code's explorer.
 */
export function excludeGlobs(filesExclude: unknown): string[] {
  const user = filesExclude && typeof filesExclude === 'object' && !Array.isArray(filesExclude)
    ? Object.entries(filesExclude as Record<string, unknown>).filter(([glob, on]) => on === true && glob.trim() !== '').map(([glob]) => glob)
    : [];
  return [...ALWAYS_EXCLUDED, ...user];
}

/**
 * One include and one exclude pattern for `vscode.workspace.findFiles`. Its patterns take one
 * level of `{a,b}`, so the user's own braces are expanded first. An exclude passed to findFiles
 * replaces `files.exclude` rather than adding to it, which is why the user's excludes are part of it.
 */
export function findFilesQuery(globs: readonly string[], excludes: readonly string[]): { include: string; exclude: string } {
  return { include: braceList(globs), exclude: braceList(excludes) };
}

function braceList(globs: readonly string[]): string {
  const flat = [...new Set(globs.flatMap(expandBraces))];
  return flat.length === 1 ? flat[0] : `{${flat.join(',')}}`;
}

/**
 * Whether a workspace-relative path (`/`-separated) is hidden by an exclude glob. Like VS Code's
 * search, a glob that matches a folder hides everything inside it: excluding the `.git` folder
 * excludes `.git/config`.
 */
export function isExcluded(relativePath: string, excludes: readonly string[]): boolean {
  const path = normalize(relativePath);
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (excludes.some((glob) => matchesGlob(prefix, glob))) return true;
  }
  return false;
}

export function isWorkspaceDeck(relativePath: string, globs: readonly string[], excludes: readonly string[]): boolean {
  const path = normalize(relativePath);
  return globs.some((glob) => matchesGlob(path, glob)) && !isExcluded(path, excludes);
}

/** True when `path` is `folder` itself or lies inside it (both absolute, `/`-separated). */
export function isInside(path: string, folder: string): boolean {
  const dir = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(dir);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}
