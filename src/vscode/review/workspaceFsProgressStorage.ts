import * as vscode from 'vscode';
import type { ProgressStorage } from '../../core/review/storage';

/**
 * Progress storage for hosts without a local disk (vscode.dev). `workspace.fs` has no append, so
 * an append rewrites the file; acceptable for the sizes a browser session produces, and the
 * desktop uses NodeProgressStorage instead.
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
    const joined = new Uint8Array(old.length + bytes.length);
    joined.set(old);
    joined.set(bytes, old.length);
    await this.write(name, joined);
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.dir);
    const temp = this.uri(`${name}.tmp`);
    await vscode.workspace.fs.writeFile(temp, bytes);
    await vscode.workspace.fs.rename(temp, this.uri(name), { overwrite: true });
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
