/** The "In This File" view: the concepts of the active editor, how often each occurs, and where. */
import * as vscode from 'vscode';
import { readSettings } from './config';
import { HOVER_SETTINGS_SECTION, SETTINGS } from './contributions';
import { categoryTitle, type ConceptHit, type ScanBudget, type ScanStop, type Topic } from './core';
import type { KnowledgeStore } from './knowledgeStore';

export type FileConceptNode =
  | { kind: 'concept'; topic: Topic; hits: ConceptHit[] }
  | { kind: 'occurrence'; topic: Topic; hit: ConceptHit; line: number; snippet: string };

const DEBOUNCE_MS = 400;

export class FileConceptsProvider implements vscode.TreeDataProvider<FileConceptNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FileConceptNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private concepts: Array<Extract<FileConceptNode, { kind: 'concept' }>> = [];
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private stale = true;
  private readonly disposables: vscode.Disposable[] = [];
  private currentMessage: string | undefined;
  /** The scan's time budget; tests set their own clock. */
  scanBudget: Partial<ScanBudget> = {};
  /** Set by the view's owner: shows why the list is empty or incomplete. */
  onMessage: (message: string | undefined) => void = () => undefined;

  constructor(private readonly store: KnowledgeStore) {
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(HOVER_SETTINGS_SECTION)) this.schedule(0);
      }),
      store.onDidChange(() => this.schedule(0)),
    );
  }

  /** Recomputes now (also what the debounce ends in). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.stale = false;
    await this.store.ready;
    // While a webview or another panel has focus, keep following the text editor that is still visible.
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    this.document = editor?.document;
    this.concepts = [];
    if (!editor) {
      this.showMessage(vscode.l10n.t('Open a file to see the Kubernetes concepts it uses.'));
    } else if (!readSettings(editor.document).hover.languages.includes(editor.document.languageId)) {
      this.showMessage(
        vscode.l10n.t(
          'Kubernetes Concepts is off for {0} files (setting {1}).',
          editor.document.languageId,
          SETTINGS.hoverLanguages.key,
        ),
      );
    } else {
      const { hits, stopped } = this.store.analyze(editor.document).occurrences(undefined, this.scanBudget);
      const byTopic = new Map<string, ConceptHit[]>();
      for (const hit of hits) {
        const list = byTopic.get(hit.topicId) ?? [];
        list.push(hit);
        byTopic.set(hit.topicId, list);
      }
      for (const [id, list] of byTopic) {
        const topic = this.store.get(id);
        if (topic) this.concepts.push({ kind: 'concept', topic, hits: list });
      }
      this.concepts.sort((a, b) => b.hits.length - a.hits.length || a.topic.title.localeCompare(b.topic.title));
      this.showMessage(
        stopped
          ? stopMessage(stopped, editor.document, this.concepts.length)
          : this.concepts.length === 0
            ? vscode.l10n.t('No Kubernetes concepts found in this file.')
            : undefined,
      );
    }
    this.changed.fire(undefined);
  }

  /** Scanning a document is work: it is done only while the view is visible, and caught up when it shows. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (!this.visible) {
      this.stale = true;
      return;
    }
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  getChildren(node?: FileConceptNode): FileConceptNode[] {
    if (!node) return this.concepts;
    if (node.kind === 'concept' && this.document) {
      const doc = this.document;
      return node.hits.map(hit => {
        const position = doc.positionAt(hit.start);
        return {
          kind: 'occurrence' as const,
          topic: node.topic,
          hit,
          line: position.line + 1,
          snippet: doc.lineAt(position.line).text.trim().slice(0, 120),
        };
      });
    }
    return [];
  }

  getTreeItem(node: FileConceptNode): vscode.TreeItem {
    if (node.kind === 'concept') {
      const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `concept:${node.topic.id}`;
      item.description = `${node.hits.length}× · ${categoryTitle(node.topic.category)}`;
      item.tooltip = node.topic.summary;
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.contextValue = 'concept';
      return item;
    }
    const item = new vscode.TreeItem(vscode.l10n.t('Line {0}', node.line), vscode.TreeItemCollapsibleState.None);
    item.id = `occurrence:${node.topic.id}:${node.hit.start}`;
    item.description = node.snippet;
    item.tooltip = node.snippet;
    if (this.document) {
      const range = new vscode.Range(this.document.positionAt(node.hit.start), this.document.positionAt(node.hit.end));
      item.command = {
        command: 'vscode.open',
        title: vscode.l10n.t('Go to Occurrence'),
        arguments: [this.document.uri, { selection: range } satisfies vscode.TextDocumentShowOptions],
      };
    }
    return item;
  }

  /** The line above the list: why it is empty or incomplete. */
  get message(): string | undefined {
    return this.currentMessage;
  }

  private showMessage(message: string | undefined): void {
    this.currentMessage = message;
    this.onMessage(message);
  }

  /** What the view shows, for tests: each concept with its count and lines. */
  summary(): Array<{ topicId: string; count: number; lines: number[] }> {
    return this.concepts.map(c => ({
      topicId: c.topic.id,
      count: c.hits.length,
      lines: this.getChildren(c).map(o => (o as { line: number }).line),
    }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function stopMessage(stopped: ScanStop, document: vscode.TextDocument, concepts: number): string {
  switch (stopped.reason) {
    case 'too-large':
      return vscode.l10n.t(
        'This file is too large to list its concepts ({0}; the limit is {1}). Hovers still work.',
        megabytes(stopped.chars),
        megabytes(stopped.maxChars),
      );
    case 'too-many':
      return vscode.l10n.t('Showing the first {0} occurrences only.', stopped.limit);
    case 'time': {
      // Never "no concepts": the rest of the file was not read.
      const line = document.positionAt(stopped.scanned).line + 1;
      return concepts === 0
        ? vscode.l10n.t('No concepts before line {0}: the scan stopped there after {1} ms.', line, stopped.ms)
        : vscode.l10n.t('First {0} concepts: the scan stopped at line {1} after {2} ms.', concepts, line, stopped.ms);
    }
  }
}

/** Characters as MB of text, rounded up (so a file just over the limit does not read as equal to it). */
function megabytes(chars: number): string {
  return `${Math.ceil((chars / (1024 * 1024)) * 10) / 10} MB`;
}
