/** Wires the pieces together; each lives in its own file. Activation stays cheap: knowledge loads in the background. */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { FileConceptsProvider } from './fileConcepts';
import { registerHoverProvider } from './hoverProvider';
import { KnowledgeStore } from './knowledgeStore';
import { RecentTopics } from './recentTopics';
import { TeamKnowledge } from './teamKnowledge';
import { TOPIC_PANEL_VIEW_TYPE, TopicPanel, TopicPanelSerializer } from './topicPanel';
import { GROUPING_KEY, TopicsTreeProvider, type Grouping, type TopicsNode } from './topicsTree';

export interface KubeConceptsApi {
  /** How long activate() took, in milliseconds (reported by npm run bench). */
  activationMs: number;
  store: KnowledgeStore;
  topicsTree: TopicsTreeProvider;
  topicsView: vscode.TreeView<TopicsNode>;
  fileConcepts: FileConceptsProvider;
  team: TeamKnowledge;
  topicPage: { state: typeof TopicPanel.state; receive: typeof TopicPanel.receive };
}

export function activate(context: vscode.ExtensionContext): KubeConceptsApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Kubernetes Concepts');
  const store = new KnowledgeStore(context.extensionUri, message => output.appendLine(message));
  const recent = new RecentTopics(context.globalState);
  const grouping: Grouping = context.globalState.get(GROUPING_KEY) === 'learningPath' ? 'learningPath' : 'category';
  void vscode.commands.executeCommand('setContext', GROUPING_KEY, grouping);
  const topicsTree = new TopicsTreeProvider(store, grouping);
  const topicsView = vscode.window.createTreeView('kubeConcepts.topics', {
    treeDataProvider: topicsTree,
    showCollapseAll: true,
  });
  const fileConcepts = new FileConceptsProvider(store);
  const fileConceptsView = vscode.window.createTreeView('kubeConcepts.fileConcepts', {
    treeDataProvider: fileConcepts,
    showCollapseAll: true,
  });
  fileConcepts.onMessage = message => {
    fileConceptsView.message = message;
  };
  fileConcepts.setVisible(fileConceptsView.visible);
  const team = new TeamKnowledge(store, output);
  team.onDidChange(status => {
    topicsView.message = status.trusted
      ? undefined
      : vscode.l10n.t(
          'Restricted Mode: team topics from this workspace load once you trust it. Built-in topics work as usual.',
        );
  });
  void team.reload();
  context.subscriptions.push(
    output,
    store,
    topicsView,
    fileConcepts,
    fileConceptsView,
    team,
    fileConceptsView.onDidChangeVisibility(e => fileConcepts.setVisible(e.visible)),
    registerHoverProvider(store),
    vscode.window.registerWebviewPanelSerializer(
      TOPIC_PANEL_VIEW_TYPE,
      new TopicPanelSerializer(context.extensionUri, store, recent),
    ),
    ...registerCommands({
      extensionUri: context.extensionUri,
      store,
      recent,
      topicsTree,
      topicsView,
      fileConcepts,
      globalState: context.globalState,
    }),
  );
  return {
    activationMs: performance.now() - started,
    store,
    topicsTree,
    topicsView,
    fileConcepts,
    team,
    topicPage: { state: () => TopicPanel.state(), receive: message => TopicPanel.receive(message) },
  };
}

export function deactivate(): void {}
