/** API diagnostics in the Problems panel, and their quick fixes: the core finds them, this file shows them. */
import * as vscode from 'vscode';
import { readSettings } from './config';
import { COMMANDS, DIAGNOSTIC_COLLECTIONS, SETTINGS } from './contributions';
import { apiLifecycle, DIAGNOSED_LANGUAGES, migrationHint, type ApiDiagnostic } from './core';
import type { KnowledgeStore } from './knowledgeStore';
import type { TargetVersion } from './targetVersion';

export const DIAGNOSTIC_SOURCE = 'Kubernetes Concepts';
const REFRESH_DELAY_MS = 300;
/** Views of other versions of a file (Git, the SCM view, output) would repeat its problems. */
const SKIPPED_SCHEMES = new Set(['git', 'output', 'vscode-scm']);

const SEVERITY: Record<ApiDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function registerApiDiagnostics(store: KnowledgeStore, target: TargetVersion): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTIONS.api);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const found = (document: vscode.TextDocument): ApiDiagnostic[] => {
    if (!DIAGNOSED_LANGUAGES.has(document.languageId) || SKIPPED_SCHEMES.has(document.uri.scheme)) return [];
    if (!readSettings(document).diagnostics.enabled) return [];
    return store.index.diagnostics(document.getText(), document.languageId, {
      kubernetesVersion: target.of(document),
    });
  };

  const refresh = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    const diagnostics = found(document).map(d => {
      const range = new vscode.Range(document.positionAt(d.start), document.positionAt(d.end));
      const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      return diagnostic;
    });
    if (diagnostics.length > 0) collection.set(document.uri, diagnostics);
    else collection.delete(document.uri);
  };

  const refreshAll = () => {
    collection.clear();
    for (const document of vscode.workspace.textDocuments) refresh(document);
  };

  const disposables: vscode.Disposable[] = [
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument(e => {
      const key = e.document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => refresh(e.document), REFRESH_DELAY_MS),
      );
    }),
    vscode.workspace.onDidCloseTextDocument(document => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (
        e.affectsConfiguration(SETTINGS.kubernetesVersion.key) ||
        e.affectsConfiguration(SETTINGS.diagnosticsEnabled.key)
      )
        refreshAll();
    }),
    vscode.languages.registerCodeActionsProvider(
      [...DIAGNOSED_LANGUAGES].map(language => ({ language })),
      new ApiQuickFixes(store, found),
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  ];
  refreshAll();
  return {
    dispose: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      for (const d of disposables) d.dispose();
    },
  };
}

/** "Change apiVersion to apps/v1" where a replacement exists; the migration notes and the kind's page beside it. */
class ApiQuickFixes implements vscode.CodeActionProvider {
  constructor(
    private readonly store: KnowledgeStore,
    private readonly found: (document: vscode.TextDocument) => ApiDiagnostic[],
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of this.found(document)) {
      const span = new vscode.Range(document.positionAt(d.start), document.positionAt(d.end));
      if (!span.intersection(range)) continue;
      const diagnostics = ours.filter(o => o.range.isEqual(span));
      if (d.replacement) {
        const title = d.mechanical
          ? vscode.l10n.t('Change apiVersion to {0}', d.replacement)
          : d.changes
            ? vscode.l10n.t('Change apiVersion to {0} (then check: {1})', d.replacement, migrationHint(d.changes))
            : vscode.l10n.t('Change apiVersion to {0} (then check the other fields)', d.replacement);
        const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, span, d.replacement);
        fix.diagnostics = diagnostics;
        fix.isPreferred = d.mechanical === true;
        actions.push(fix);
      }
      if (d.mechanical) continue;
      const source = apiLifecycle(d.apiVersion, d.kind)?.source;
      if (source) {
        const notes = new vscode.CodeAction(
          vscode.l10n.t('Open migration notes for {0}', d.kind),
          vscode.CodeActionKind.QuickFix,
        );
        notes.command = { title: notes.title, command: 'vscode.open', arguments: [vscode.Uri.parse(source)] };
        notes.diagnostics = diagnostics;
        actions.push(notes);
      }
      const topicId = this.store.analyze(document).conceptAt(d.kindStart)?.topicId;
      if (topicId) {
        const page = new vscode.CodeAction(
          vscode.l10n.t('Open topic page: {0}', this.store.get(topicId)?.title ?? d.kind),
          vscode.CodeActionKind.QuickFix,
        );
        page.command = { title: page.title, command: COMMANDS.openTopic, arguments: [topicId] };
        page.diagnostics = diagnostics;
        actions.push(page);
      }
    }
    return actions;
  }
}
