// Helpers shared by the host suites (bundled into each suite file, not a suite of its own).
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'data-eng-study.data-engineering-flashcards';

let apiPromise: Promise<unknown> | undefined;

/** Activates the extension once per extension host and waits until its decks are loaded. */
export function getApi<T extends { ready(): Promise<void> }>(): Promise<T> {
  apiPromise ??= (async () => {
    const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    const api = await ext.activate();
    await api.ready();
    return api;
  })();
  return apiPromise as Promise<T>;
}

/** Polls `probe` until it returns a value (not undefined), or fails with the last state after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
