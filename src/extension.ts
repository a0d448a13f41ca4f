/** Wires the pieces together; each lives in its own file. Activation stays cheap: knowledge loads in the background. */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerHoverProvider } from './hoverProvider';
import { KnowledgeStore } from './knowledgeStore';
import { TOPIC_PANEL_VIEW_TYPE, TopicPanelSerializer } from './topicPanel';
import { TopicsTreeProvider } from './topicsTree';

export interface KubeConceptsApi {
  store: KnowledgeStore;
  topicsTree: TopicsTreeProvider;
}

export function activate(context: vscode.ExtensionContext): KubeConceptsApi {
  const output = vscode.window.createOutputChannel('Kubernetes Concepts');
  const store = new KnowledgeStore(context.extensionUri, message => output.appendLine(message));
  const topicsTree = new TopicsTreeProvider(store);
  context.subscriptions.push(
    output,
    store,
    registerHoverProvider(store),
    vscode.window.createTreeView('kubeConcepts.topics', { treeDataProvider: topicsTree, showCollapseAll: true }),
    vscode.window.registerWebviewPanelSerializer(TOPIC_PANEL_VIEW_TYPE, new TopicPanelSerializer(context.extensionUri, store)),
    ...registerCommands({ extensionUri: context.extensionUri, store }),
  );
  return { store, topicsTree };
}

export function deactivate(): void {}
