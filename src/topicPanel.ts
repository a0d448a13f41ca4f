/** The topic page: one webview panel, reused, with back/forward history, restored after a window reload. */
import * as vscode from 'vscode';
import { escapeHtml, externalLinkHtml, renderTopicPage } from './core/topicPage';
import { parseTopicPageMessage } from './core/webviewMessages';
import { COMMANDS, WEBVIEW_TYPES } from './contributions';
import { findTopicByName, type Topic } from './core';
import type { KnowledgeStore } from './knowledgeStore';
import type { RecentTopics } from './recentTopics';

interface PanelState {
  topicId: string;
}

export class TopicPanel {
  private static current: TopicPanel | undefined;
  private history: string[] = [];
  private position = -1;
  private readonly disposables: vscode.Disposable[] = [];
  /** How often the webview was given new HTML: each time, it reloads the page. */
  private loads = 0;
  /** The page shown, without its nonce. */
  private shown = '';

  static createOrShow(
    extensionUri: vscode.Uri,
    store: KnowledgeStore,
    recent: RecentTopics,
    topicId: string,
  ): TopicPanel {
    if (TopicPanel.current) {
      TopicPanel.current.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(
        WEBVIEW_TYPES.topicPage,
        'Kubernetes Concepts',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        webviewOptions(extensionUri),
      );
      TopicPanel.current = new TopicPanel(panel, extensionUri, store, recent);
    }
    TopicPanel.current.navigate(topicId);
    return TopicPanel.current;
  }

  /** Brings back a panel VS Code kept across a reload. */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    store: KnowledgeStore,
    recent: RecentTopics,
    state: unknown,
  ): void {
    TopicPanel.current?.panel.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    TopicPanel.current = new TopicPanel(panel, extensionUri, store, recent);
    const topicId = (state as PanelState | undefined)?.topicId;
    void store.ready.then(() =>
      TopicPanel.current?.navigate(typeof topicId === 'string' && store.get(topicId) ? topicId : 'kubernetes'),
    );
  }

  static get currentTopicId(): string | undefined {
    return TopicPanel.state()?.topicId;
  }

  static get isActive(): boolean {
    return TopicPanel.current?.panel.active ?? false;
  }

  /** Where the open page stands, for tests and the Reveal command. */
  static state(): { topicId: string; canGoBack: boolean; canGoForward: boolean } | undefined {
    const p = TopicPanel.current;
    return p && p.position >= 0
      ? { topicId: p.history[p.position], canGoBack: p.position > 0, canGoForward: p.position < p.history.length - 1 }
      : undefined;
  }

  /** How often the open page was loaded, for tests: a needless reload can take the focus. */
  static loads(): number | undefined {
    return TopicPanel.current?.loads;
  }

  /** Handles a message as if the page had sent it (tests use this to drive the page's own message path). */
  static receive(message: unknown): void {
    TopicPanel.current?.onMessage(message);
  }

  /** Drops the page's listeners when the extension stops; the panel stays open so VS Code can restore it. */
  static detach(): void {
    TopicPanel.current?.dispose();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly store: KnowledgeStore,
    private readonly recent: RecentTopics,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
      store.onDidChange(() => this.render()),
    );
  }

  navigate(topicId: string): void {
    if (!this.store.get(topicId)) return;
    this.recent.add(topicId);
    if (this.history[this.position] !== topicId) {
      this.history = this.history.slice(0, this.position + 1);
      this.history.push(topicId);
      this.position = this.history.length - 1;
    }
    this.render();
  }

  back(): void {
    if (this.position > 0) {
      this.position--;
      this.render();
    }
  }

  forward(): void {
    if (this.position < this.history.length - 1) {
      this.position++;
      this.render();
    }
  }

  private onMessage(raw: unknown): void {
    const message = parseTopicPageMessage(raw);
    if (!message) return; // unknown or malformed: ignored, never executed
    switch (message.type) {
      case 'open':
        this.navigate(message.topicId);
        break;
      case 'back':
        this.back();
        break;
      case 'forward':
        this.forward();
        break;
      case 'external':
        openExternal(message.url);
        break;
      case 'search': {
        const found = findTopicByName(this.store.topics, message.query);
        if (found) this.navigate(found.id);
        else void vscode.commands.executeCommand(COMMANDS.searchTopics, message.query);
        break;
      }
    }
  }

  private render(): void {
    const topic = this.store.get(this.history[this.position] ?? '');
    if (!topic) return;
    const nonce = makeNonce();
    let html: string;
    try {
      html = this.html(topic, nonce);
    } catch (error) {
      html = errorPage(topic.title, error, this.panel.webview.cspSource);
    }
    const content = html.split(nonce).join('');
    // A reload can move the focus into the page (closing the user's quick pick): reload only to show something new.
    if (content === this.shown) return;
    this.shown = content;
    this.panel.title = topic.title;
    this.panel.webview.html = html;
    this.loads++;
  }

  private html(topic: Topic, nonce: string): string {
    const webview = this.panel.webview;
    const media = (file: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    const page = renderTopicPage(topic, id => this.store.get(id), this.store.mentionsOf(topic.id));
    const topicLink = (t: { id: string; title: string }) =>
      `<a href="#" data-topic="${escapeHtml(t.id)}">${escapeHtml(t.title)}</a>`;
    const list = (items: string[]) => `<ul>${items.map(i => `<li>${i}</li>`).join('')}</ul>`;
    const section = (id: string, title: string, content: string) =>
      `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${content}</section>`;
    const sections: string[] = [];
    if (page.related.length)
      sections.push(
        section(
          'related',
          'Related',
          list(page.related.map(r => `${topicLink(r)}<span class="hint"> — ${escapeHtml(r.summary)}</span>`)),
        ),
      );
    if (page.mentionedIn.length)
      sections.push(section('mentioned', 'Mentioned in', list(page.mentionedIn.map(topicLink))));
    if (page.links.length)
      sections.push(
        section('docs', 'Official documentation', list(page.links.map(l => externalLinkHtml(l.url, l.title)))),
      );
    if (page.notes.length)
      sections.push(section('notes', 'In the notes', list(page.notes.map(n => externalLinkHtml(n.url, n.path)))));
    const options = this.store.topics.map(t => `<option value="${escapeHtml(t.title)}"></option>`).join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('topicPage.css')}">
<title>${escapeHtml(topic.title)}</title>
</head>
<body data-topic-id="${escapeHtml(topic.id)}">
<nav class="toolbar" aria-label="Topic navigation">
<button type="button" id="back" title="Back (Alt+Left)" aria-label="Back"${this.position > 0 ? '' : ' disabled'}>&larr; Back</button>
<button type="button" id="forward" title="Forward (Alt+Right)" aria-label="Forward"${this.position < this.history.length - 1 ? '' : ' disabled'}>Forward &rarr;</button>
<form id="search" role="search"><label for="search-input" class="visually-hidden">Go to topic</label><input id="search-input" type="search" list="topic-titles" placeholder="Go to topic…" autocomplete="off"><datalist id="topic-titles">${options}</datalist></form>
</nav>
<main>
<p class="breadcrumb"><span>Kubernetes Concepts</span> › <span>${escapeHtml(page.category)}</span>${page.origin === 'team' ? ' › <span class="badge">team topic</span>' : ''}</p>
<h1 id="topic-title">${escapeHtml(page.title)}</h1>
${page.aliases.length ? `<p class="aliases">Also: ${page.aliases.map(a => `<code>${escapeHtml(a)}</code>`).join(' ')}</p>` : ''}
<p class="summary">${page.summaryHtml}</p>
${page.featureState ? `<p class="feature-state">Feature state: ${escapeHtml(page.featureState)}</p>` : ''}
<article class="body">${page.bodyHtml}</article>
${sections.join('\n')}
</main>
<script nonce="${nonce}" src="${media('topicPage.js')}"></script>
</body>
</html>`;
  }

  private dispose(): void {
    if (TopicPanel.current === this) TopicPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Opens a URL the core's rule already normalised; a URL VS Code still cannot parse is ignored, not thrown. */
function openExternal(href: string): void {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  void vscode.env.openExternal(uri);
}

/** What the page shows when it cannot be built: the reason, never a blank page. */
function errorPage(title: string, error: unknown, cspSource: string): string {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource};">
<title>${escapeHtml(title)}</title>
</head>
<body>
<h1 id="topic-title">${escapeHtml(title)}</h1>
<p class="render-note">This topic page could not be shown (${escapeHtml(why.slice(0, 300))}).</p>
</body>
</html>`;
}

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

export class TopicPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: KnowledgeStore,
    private readonly recent: RecentTopics,
  ) {}
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    TopicPanel.revive(panel, this.extensionUri, this.store, this.recent, state);
  }
}
