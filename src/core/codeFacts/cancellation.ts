/**
 * The subset of VS Code's CancellationToken the matcher needs, so core stays editor-free: the
 * adapter passes VS Code's token straight through, tests pass `NEVER_CANCELLED`.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });
