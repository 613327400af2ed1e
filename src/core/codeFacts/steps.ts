import type { CancellationToken } from './cancellation';

/**
 * Work that can pause. Each `yield` marks a point where the caller may hand the thread back: the
 * scanners yield every few thousand tokens or a few hundred lines, so no step between two yields
 * grows with the size of the document. A minified 1 MB bundle indexed in one call holds the extension host for as
 * long as the whole scan (and several times that before the JIT has warmed up).
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * The slice the editor adapter gives indexing before it lets other work run: well under a frame, so
 * a hover or a keystroke queued behind a large document waits at most this long (plus one step), and
 * long enough that the pauses add little to the total.
 */
export const INDEX_SLICE_MS = 8;

/** Runs the steps in one go: for tests, the CLI and small documents. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** Run steps until this much time has passed, then pause. */
  sliceMs: number;
  now: () => number;
  /** Hands the thread back (the adapter passes `setImmediate`); core knows no event loop. */
  pause: () => Promise<void>;
  /** Checked at every pause; a cancelled run ends with undefined. */
  token?: CancellationToken;
  /** Called with the duration of each slice, for measurements. */
  onSlice?: (ms: number) => void;
}

/** Runs the steps in slices of about `sliceMs`, pausing in between. */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions): Promise<T | undefined> {
  const { sliceMs, now, pause, token, onSlice } = options;
  let start = now();
  for (;;) {
    const r = steps.next();
    if (r.done) {
      onSlice?.(now() - start);
      return r.value;
    }
    const elapsed = now() - start;
    if (elapsed < sliceMs) continue;
    onSlice?.(elapsed);
    await pause();
    if (token?.isCancellationRequested) {
      steps.return(undefined as T);
      return undefined;
    }
    start = now();
  }
}
