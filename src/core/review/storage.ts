/**
 * Where progress files live. The engine never touches a file system itself so the same code runs
 * in the desktop extension host, in a web worker (vscode.dev) and in tests. Names are flat file
 * names (`progress.jsonl`), resolved by the adapter against its own folder.
 */
export interface ProgressStorage {
  /** The whole file, or `undefined` when it does not exist. */
  read(name: string): Promise<Uint8Array | undefined>;
  /**
   * Bytes `[start, end)` of the file (`end` defaults to its end; both clamped to its size), or
   * `undefined` when it does not exist. Optional but worth having: with it, opening reads only
   * the header and the log after the snapshot instead of the whole log.
   */
  readRange?(name: string, start: number, end?: number): Promise<Uint8Array | undefined>;
  /**
   * Appends at the end, creating the file if needed. Resolves only once the bytes are durable
   * (fsync). Two processes appending to the same file must not interleave within one call
   * (O_APPEND semantics); the engine relies on that for two windows sharing one log.
   */
  append(name: string, bytes: Uint8Array): Promise<void>;
  /** Replaces the file atomically (temp file + rename): readers see the old or the new content. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Creates the file with `bytes` only if it does not exist, atomically (readers see no file or
   * all of it); resolves to false, changing nothing, when it exists. Optional: without it a new
   * log is created with `write`, and two windows creating it at the same moment can replace the
   * entries one of them already recorded.
   */
  create?(name: string, bytes: Uint8Array): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  delete?(name: string): Promise<void>;
}

export type StorageOperation = { op: 'read' | 'readRange' | 'append' | 'write' | 'create' | 'rename' | 'delete'; name: string };

/**
 * Test double. Keeps appended chunks apart and joins them on read, so a long test log doesn't cost
 * a full copy per append.
 */
export class InMemoryProgressStorage implements ProgressStorage {
  private readonly files = new Map<string, Uint8Array[]>();
  private tearNext: number | undefined;
  /** Every call, in order, so tests can assert that recording is a single append. */
  readonly operations: StorageOperation[] = [];

  async read(name: string): Promise<Uint8Array | undefined> {
    this.operations.push({ op: 'read', name });
    return this.bytes(name);
  }

  async readRange(name: string, start: number, end?: number): Promise<Uint8Array | undefined> {
    this.operations.push({ op: 'readRange', name });
    return this.bytes(name)?.slice(start, end);
  }

  async append(name: string, bytes: Uint8Array): Promise<void> {
    this.operations.push({ op: 'append', name });
    const chunks = this.files.get(name) ?? [];
    this.files.set(name, chunks);
    if (this.tearNext !== undefined) {
      const keep = Math.min(this.tearNext, bytes.length);
      this.tearNext = undefined;
      chunks.push(bytes.slice(0, keep));
      throw new Error(`simulated crash: only ${keep} of ${bytes.length} bytes reached ${name}`);
    }
    chunks.push(bytes.slice());
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    this.operations.push({ op: 'write', name });
    this.files.set(name, [bytes.slice()]);
  }

  async create(name: string, bytes: Uint8Array): Promise<boolean> {
    this.operations.push({ op: 'create', name });
    if (this.files.has(name)) return false;
    this.files.set(name, [bytes.slice()]);
    return true;
  }

  async rename(from: string, to: string): Promise<void> {
    this.operations.push({ op: 'rename', name: from });
    const chunks = this.files.get(from);
    if (!chunks) throw new Error(`${from} does not exist`);
    this.files.set(to, chunks);
    this.files.delete(from);
  }

  async delete(name: string): Promise<void> {
    this.operations.push({ op: 'delete', name });
    this.files.delete(name);
  }

  /**
   * The next append writes only its first `keepBytes` bytes and then fails, as when the process
   * dies or the disk fills mid-write.
   */
  tearNextAppend(keepBytes: number): void {
    this.tearNext = keepBytes;
  }

  // Synchronous helpers for arranging and inspecting test fixtures.

  bytes(name: string): Uint8Array | undefined {
    const chunks = this.files.get(name);
    if (!chunks) return undefined;
    if (chunks.length > 1) {
      const joined = concatBytes(chunks);
      chunks.length = 0;
      chunks.push(joined);
    }
    return chunks[0]?.slice() ?? new Uint8Array(0);
  }

  text(name: string): string | undefined {
    const bytes = this.bytes(name);
    return bytes && new TextDecoder().decode(bytes);
  }

  setText(name: string, text: string): void {
    this.files.set(name, [new TextEncoder().encode(text)]);
  }

  setBytes(name: string, bytes: Uint8Array): void {
    this.files.set(name, [bytes.slice()]);
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

/** The chunks one after the other in one new array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
