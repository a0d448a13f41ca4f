/** Hovers: the concept under the pointer, explained in a few lines with links to its page and the docs. */
import * as vscode from 'vscode';
import { buildHoverMarkdown, lifecycleLine, manifestHeaderAt, type HoverLabels, type Topic } from './core';
import { inlineText } from './core/hoverText';
import type { KnowledgeStore } from './knowledgeStore';
import { readSettings } from './config';
import { COMMANDS, SETTINGS } from './contributions';

/** A line that may hold a top-level `apiVersion:` or `kind:` key (YAML or JSON): only there a hover adds a lifecycle line. */
const HEADER_LINE = /^\s*["']?(?:apiVersion|kind)["']?\s*:/;

export class ConceptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: KnowledgeStore,
    private readonly targetOf: (document: vscode.TextDocument) => string,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const settings = readSettings(document).hover;
    if (!settings.enabled) return undefined;
    await this.store.ready;
    const offset = document.offsetAt(position);
    const hit = this.store.analyze(document).conceptAt(offset);
    const lifecycle = this.lifecycleAt(document, position, offset);
    const topic = hit && this.store.get(hit.topicId);
    if (!hit || !topic) {
      if (!lifecycle) return undefined;
      const markdown = new vscode.MarkdownString(inlineText(lifecycle.line));
      return new vscode.Hover(markdown, lifecycle.range);
    }
    const alternatives = (hit.alternatives ?? []).map(id => this.store.get(id)).filter((t): t is Topic => !!t);
    const markdown = new vscode.MarkdownString(
      buildHoverMarkdown(topic, id => this.store.get(id), {
        detail: settings.detail,
        openCommand: COMMANDS.openTopic,
        context: [hit.context, lifecycle?.line].filter(Boolean).join(' '),
        alternatives,
        labels: hoverLabels(),
      }),
    );
    // Command links run only for our own command; nothing else in the hover is trusted.
    markdown.isTrusted = { enabledCommands: [COMMANDS.openTopic] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
  }

  /** What the target release means for the apiVersion of the manifest, on its `apiVersion:` or `kind:` value. */
  private lifecycleAt(
    document: vscode.TextDocument,
    position: vscode.Position,
    offset: number,
  ): { line: string; range: vscode.Range } | undefined {
    if (!HEADER_LINE.test(document.lineAt(position.line).text)) return undefined;
    const header = manifestHeaderAt(document.getText(), document.languageId, offset);
    if (!header) return undefined;
    const line = lifecycleLine(header.apiVersion, header.kind, this.targetOf(document));
    if (!line) return undefined;
    const onKind = offset >= header.kindStart && offset <= header.kindEnd;
    const [start, end] = onKind ? [header.kindStart, header.kindEnd] : [header.apiVersionStart, header.apiVersionEnd];
    return { line, range: new vscode.Range(document.positionAt(start), document.positionAt(end)) };
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
export function registerHoverProvider(
  store: KnowledgeStore,
  targetOf: (document: vscode.TextDocument) => string,
): vscode.Disposable {
  const provider = new ConceptHoverProvider(store, targetOf);
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
