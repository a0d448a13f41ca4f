/** Hovers: the concept under the pointer, explained in a few lines with links to its page and the docs. */
import * as vscode from 'vscode';
import { buildHoverMarkdown, type HoverLabels, type Topic } from './core';
import type { KnowledgeStore } from './knowledgeStore';
import { readSettings } from './config';
import { COMMANDS, SETTINGS } from './contributions';

export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: KnowledgeStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const settings = readSettings(document).hover;
    if (!settings.enabled) return undefined;
    await this.store.ready;
    const offset = document.offsetAt(position);
    const hit = this.store.analyze(document).conceptAt(offset);
    if (!hit) return undefined;
    const topic = this.store.get(hit.topicId);
    if (!topic) return undefined;
    const alternatives = (hit.alternatives ?? []).map(id => this.store.get(id)).filter((t): t is Topic => !!t);
    const markdown = new vscode.MarkdownString(
      buildHoverMarkdown(topic, id => this.store.get(id), {
        detail: settings.detail,
        openCommand: COMMANDS.openTopic,
        context: hit.context,
        alternatives,
        labels: hoverLabels(),
      }),
    );
    // Command links run only for our own command; nothing else in the hover is trusted.
    markdown.isTrusted = { enabledCommands: [COMMANDS.openTopic] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
  }
}

function hoverLabels(): HoverLabels {
  return {
    related: vscode.l10n.t('Related'),
    openPage: vscode.l10n.t('Open topic page'),
    officialDocs: vscode.l10n.t('Official docs'),
    teamTopic: vscode.l10n.t('team topic'),
    meanings: vscode.l10n.t('{0} can mean {1} things here:', '{0}', '{1}'),
  };
}

/** Registers the provider for the configured languages, again whenever the setting changes. */
export function registerHoverProvider(store: KnowledgeStore): vscode.Disposable {
  const provider = new ConceptHoverProvider(store);
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    registration = vscode.languages.registerHoverProvider(
      readSettings().hover.languages.map(language => ({ language })),
      provider,
    );
  };
  register();
  const watcher = vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration(SETTINGS.hoverLanguages.key)) register();
  });
  return {
    dispose: () => {
      registration?.dispose();
      watcher.dispose();
    },
  };
}
