import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ProgressStorage } from '../core/review/storage';

/**
 * Progress storage on a local disk. `vscode.workspace.fs` can only replace whole files, which
 * would make every grade O(log size) and open a window in which a crash loses the log; an
 * acknowledged grade needs an O_APPEND write followed by fsync, which only Node's fs offers.
 * The extension uses this where the storage folder is a `file:` URI (desktop and remote hosts)
 * and falls back to `WorkspaceFsProgressStorage` elsewhere (vscode.dev).
 */
export class NodeProgressStorage implements ProgressStorage {
  private dirReady: Promise<void> | undefined;

  constructor(private readonly dir: string) {}

  async read(name: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(join(this.dir, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Lets the store read the log tail after its snapshot instead of the whole file. */
  async readRange(name: string, start: number, end?: number): Promise<Uint8Array | undefined> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(join(this.dir, name), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const size = (await handle.stat()).size;
      const from = Math.min(Math.max(0, start), size);
      const to = Math.min(end ?? size, size);
      const out = new Uint8Array(Math.max(0, to - from));
      let read = 0;
      while (read < out.length) {
        const { bytesRead } = await handle.read(out, read, out.length - read, from + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return read === out.length ? out : out.subarray(0, read);
    } finally {
      await handle.close();
    }
  }

  async append(name: string, bytes: Uint8Array): Promise<void> {
    await this.ensureDir();
    // O_APPEND makes each write land at the end even when another window appends too.
    const handle = await fs.open(join(this.dir, name), constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
    try {
      let written = 0;
      while (written < bytes.length) written += (await handle.write(bytes, written)).bytesWritten;
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    await this.ensureDir();
    const target = join(this.dir, name);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.rename(join(this.dir, from), join(this.dir, to));
  }

  async delete(name: string): Promise<void> {
    await fs.rm(join(this.dir, name), { force: true });
  }

  private ensureDir(): Promise<void> {
    return (this.dirReady ??= fs.mkdir(this.dir, { recursive: true }).then(() => undefined));
  }
}
