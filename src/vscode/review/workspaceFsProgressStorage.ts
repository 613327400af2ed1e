import * as vscode from 'vscode';
import { concatBytes, type ProgressStorage } from '../../core/review/storage';

/**
 * Progress storage for folders without a local disk (vscode.dev, virtual file systems).
 * `workspace.fs` has no append and no exclusive create: an append rewrites the file, and `create`
 * checks before it renames. Files are never seen half-written, and a window that opened before the
 * log existed does not replace it later; but two windows writing at the very same moment can lose
 * one write, which only the local-disk storage (NodeProgressStorage, O_APPEND) rules out. Desktop
 * and remote windows on a `file:` folder use that one.
 */
export class WorkspaceFsProgressStorage implements ProgressStorage {
  constructor(private readonly dir: vscode.Uri) {}

  async read(name: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.uri(name));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }

  async append(name: string, bytes: Uint8Array): Promise<void> {
    const old = (await this.read(name)) ?? new Uint8Array(0);
    await this.write(name, concatBytes([old, bytes]));
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const temp = await this.temp(name, bytes);
    await vscode.workspace.fs.rename(temp, this.uri(name), { overwrite: true });
  }

  /**
   * A rename that must not overwrite: the file appears whole or not at all, and a window whose
   * store saw no log gets false instead of replacing the one another window has made since. (The
   * file service checks, then renames: not exclusive against a create in the same instant.)
   */
  async create(name: string, bytes: Uint8Array): Promise<boolean> {
    const temp = await this.temp(name, bytes);
    try {
      await vscode.workspace.fs.rename(temp, this.uri(name), { overwrite: false });
      return true;
    } catch (e) {
      await vscode.workspace.fs.delete(temp, { useTrash: false }).then(undefined, () => undefined);
      if (e instanceof vscode.FileSystemError && e.code === 'FileExists') return false;
      throw e;
    }
  }

  /** The bytes in a temporary file of this writer's own: two windows never share one. */
  private async temp(name: string, bytes: Uint8Array): Promise<vscode.Uri> {
    await vscode.workspace.fs.createDirectory(this.dir);
    const suffix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
    const temp = this.uri(`${name}.${suffix}.tmp`);
    await vscode.workspace.fs.writeFile(temp, bytes);
    return temp;
  }

  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: true });
  }

  async delete(name: string): Promise<void> {
    await vscode.workspace.fs.delete(this.uri(name), { useTrash: false });
  }

  private uri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, name);
  }
}
