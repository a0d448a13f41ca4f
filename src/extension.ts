/** Wires the pieces together; each lives in its own file. Activation stays cheap: knowledge loads in the background. */
import * as vscode from 'vscode';
import { registerApiDiagnostics } from './apiDiagnostics';
import { registerCommands } from './commands';
import { CONTEXT_KEYS, STATE_KEYS, VIEWS, WEBVIEW_TYPES } from './contributions';
import { FileConceptsProvider } from './fileConcepts';
import { registerHoverProvider } from './hoverProvider';
import { KnowledgeStore } from './knowledgeStore';
import { RecentTopics } from './recentTopics';
import { TargetVersion } from './targetVersion';
import { TeamKnowledge } from './teamKnowledge';
import { TopicPanel, TopicPanelSerializer } from './topicPanel';
import { TopicsTreeProvider, type Grouping, type TopicsNode } from './topicsTree';

/** What `activate` returns to the test suites (only when VS Code runs the extension in test mode). */
export interface KubeConceptsTestHooks {
  /** How long activate() took, in milliseconds (reported by npm run bench). */
  activationMs: number;
  store: KnowledgeStore;
  topicsTree: TopicsTreeProvider;
  topicsView: vscode.TreeView<TopicsNode>;
  fileConcepts: FileConceptsProvider;
  team: TeamKnowledge;
  topicPage: { state: typeof TopicPanel.state; receive: typeof TopicPanel.receive; loads: typeof TopicPanel.loads };
}

/** Other extensions get nothing: the commands (e.g. `kubeConcepts.openTopic` with a topic id) are the public API. */
export function activate(context: vscode.ExtensionContext): KubeConceptsTestHooks | undefined {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Kubernetes Concepts');
  const store = new KnowledgeStore(context.extensionUri, message => output.appendLine(message));
  const recent = new RecentTopics(context.globalState);
  const grouping: Grouping =
    context.globalState.get(STATE_KEYS.topicsGrouping) === 'learningPath' ? 'learningPath' : 'category';
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.topicsGrouping, grouping);
  const topicsTree = new TopicsTreeProvider(store, grouping);
  const topicsView = vscode.window.createTreeView(VIEWS.topics, {
    treeDataProvider: topicsTree,
    showCollapseAll: true,
  });
  const fileConcepts = new FileConceptsProvider(store);
  const fileConceptsView = vscode.window.createTreeView(VIEWS.fileConcepts, {
    treeDataProvider: fileConcepts,
    showCollapseAll: true,
  });
  fileConcepts.onMessage = message => {
    fileConceptsView.message = message;
  };
  fileConcepts.setVisible(fileConceptsView.visible);
  const team = new TeamKnowledge(store, output);
  const targetVersion = new TargetVersion();
  context.subscriptions.push(
    output,
    store,
    topicsTree,
    topicsView,
    fileConcepts,
    fileConceptsView,
    team,
    team.onDidChange(status => {
      topicsView.message = status.trusted
        ? undefined
        : vscode.l10n.t(
            'Restricted Mode: team topics from this workspace load once you trust it. Built-in topics work as usual.',
          );
    }),
    fileConceptsView.onDidChangeVisibility(e => fileConcepts.setVisible(e.visible)),
    targetVersion,
    registerHoverProvider(store, document => targetVersion.of(document)),
    registerApiDiagnostics(store, targetVersion),
    vscode.window.registerWebviewPanelSerializer(
      WEBVIEW_TYPES.topicPage,
      new TopicPanelSerializer(context.extensionUri, store, recent),
    ),
    { dispose: () => TopicPanel.detach() },
    ...registerCommands({
      extensionUri: context.extensionUri,
      targetVersion,
      store,
      recent,
      topicsTree,
      topicsView,
      fileConcepts,
      globalState: context.globalState,
    }),
  );
  void team.reload();
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    activationMs: performance.now() - started,
    store,
    topicsTree,
    topicsView,
    fileConcepts,
    team,
    topicPage: {
      state: () => TopicPanel.state(),
      receive: message => TopicPanel.receive(message),
      loads: () => TopicPanel.loads(),
    },
  };
}

export function deactivate(): void {}
