import { manifestKindOf, type ManifestKind } from './manifests';
import type { LanguageKind } from './types';

/** VS Code language ids the hover provider is registered for. */
export const HOVER_LANGUAGE_IDS = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python', 'java', 'go', 'yaml', 'json', 'jsonc'] as const;

const KINDS: Record<string, LanguageKind> = {
  typescript: 'js',
  javascript: 'js',
  typescriptreact: 'js',
  javascriptreact: 'js',
  python: 'python',
  java: 'java',
  go: 'go',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
};

export type DocumentKind = { kind: 'code'; language: LanguageKind } | { kind: 'manifest'; manifest: ManifestKind };

/** How a document is read: as code/template by language id, or as a build manifest by file name. */
export function documentKindOf(languageId: string, fileName: string): DocumentKind | undefined {
  const manifest = manifestKindOf(fileName);
  if (manifest) return { kind: 'manifest', manifest };
  const language = KINDS[languageId];
  return language ? { kind: 'code', language } : undefined;
}
