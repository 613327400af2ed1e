import * as vscode from 'vscode';
import { HOVER_COMMANDS, hoverAt } from '../../core/codeFacts';
import type { CodeFactsService } from './codeFactsService';

export class CodeFactsHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: CodeFactsService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const indexed = await this.service.indexFor(doc, token);
    if (!indexed || token.isCancellationRequested) return undefined;
    const hover = hoverAt(indexed.index, doc.offsetAt(position), indexed.facts);
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    // Card text is untrusted: it is sanitized in core, and only our own two commands may run from it.
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, new vscode.Range(doc.positionAt(hover.start), doc.positionAt(hover.end)));
  }
}
