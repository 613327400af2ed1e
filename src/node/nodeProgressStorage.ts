import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ProgressStorage } from '../core/review/storage';

/** Keeps temp file names of one process apart: two writes of one file can fall in the same ms. */
let tempCounter = 0;
/** `<name>.<pid>.<ms>[.<n>].tmp`, as `writeTemp` names them (and as versions before it did). */
const TEMP_FILE = /\.\d+\.\d+(?:\.\d+)?\.tmp$/;
const STALE_TEMP_MS = 10 * 60_000;

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
    await fs.rename(await this.writeTemp(target, bytes), target);
  }

  /** Like `write`, but only when the file does not exist yet: two windows creating the log at once. */
  async create(name: string, bytes: Uint8Array): Promise<boolean> {
    await this.ensureDir();
    const target = join(this.dir, name);
    const temp = await this.writeTemp(target, bytes);
    try {
      // Unlike rename, link fails when the target exists; either way the file appears whole.
      await fs.link(temp, target);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      // No hard links on this file system (FAT, some network shares): exclusive open instead.
      return this.createExclusive(target, bytes);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  private async createExclusive(target: string, bytes: Uint8Array): Promise<boolean> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(target, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  /** A durable copy of `bytes` under a name no other write uses, even in the same millisecond. */
  private async writeTemp(target: string, bytes: Uint8Array): Promise<string> {
    const temp = `${target}.${process.pid}.${Date.now()}.${++tempCounter}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.rename(join(this.dir, from), join(this.dir, to));
  }

  async delete(name: string): Promise<void> {
    await fs.rm(join(this.dir, name), { force: true });
  }

  private ensureDir(): Promise<void> {
    return (this.dirReady ??= fs.mkdir(this.dir, { recursive: true }).then(() => this.removeStaleTemps()));
  }

  /**
   * A write killed between its temp file and the rename (a crash, a power cut) leaves the temp
   * file behind, and they would pile up over months. A temp file is renamed milliseconds after it
   * is written, so one that is minutes old, from any window, is such a leftover.
   */
  private async removeStaleTemps(): Promise<void> {
    try {
      const now = Date.now();
      for (const name of await fs.readdir(this.dir)) {
        if (!TEMP_FILE.test(name)) continue;
        const path = join(this.dir, name);
        const stat = await fs.stat(path).catch(() => undefined);
        if (stat && now - stat.mtimeMs > STALE_TEMP_MS) await fs.rm(path, { force: true });
      }
    } catch {
      // Housekeeping only: a folder that cannot be listed still takes writes.
    }
  }
}
