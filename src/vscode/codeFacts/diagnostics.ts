import * as vscode from 'vscode';
import type { CodeDiagnostic } from '../../core/codeFacts';
import { CodeFactsService } from './codeFactsService';

export const DIAGNOSTICS_SETTING = 'codeDiagnostics';
/** Typing pauses shorter than this do not re-scan; scanning never runs inside a keystroke. */
const DEBOUNCE_MS = 300;
/** Real documents only: not diff views, output channels or SCM input. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata']);

/** Limit and deprecation warnings for open Kinesis/Firehose code, templates and manifests. */
export class CodeFactsDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('flashcards-code');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly service: CodeFactsService) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.cancel(doc.uri);
        this.collection.delete(doc.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`flashcards.${DIAGNOSTICS_SETTING}`)) this.refreshAll();
      }),
      service.onDidChangeFacts(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('flashcards').get<boolean>(DIAGNOSTICS_SETTING, true);
  }

  private refreshAll(): void {
    if (!this.enabled()) {
      this.collection.clear();
      return;
    }
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!SCHEMES.has(doc.uri.scheme) || !CodeFactsService.isCandidate(doc) || !this.enabled()) return;
    const key = doc.uri.toString();
    this.cancel(doc.uri);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(doc);
    }, delay));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private async update(doc: vscode.TextDocument): Promise<void> {
    const version = doc.version;
    const indexed = await this.service.indexFor(doc);
    if (doc.isClosed || doc.version !== version || !this.enabled()) return;
    const found = indexed?.index.diagnostics ?? [];
    if (found.length === 0) this.collection.delete(doc.uri);
    else this.collection.set(doc.uri, found.map((d) => toVsDiagnostic(doc, d)));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function toVsDiagnostic(doc: vscode.TextDocument, d: CodeDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end)), d.message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'flashcards';
  diagnostic.code = d.kind;
  return diagnostic;
}
