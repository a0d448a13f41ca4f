/** Palette and view commands, built from one table. */
import * as vscode from 'vscode';
import { categoryTitle, findTopicByName, groupByCategory, type Topic } from './core';
import { rankTopics } from './core/search';
import { readSettings, setHoverEnabled } from './config';
import { COMMANDS, CONTEXT_KEYS, focusViewCommand, STATE_KEYS, VIEWS, type CommandId } from './contributions';
import type { FileConceptsProvider } from './fileConcepts';
import type { KnowledgeStore } from './knowledgeStore';
import type { RecentTopics } from './recentTopics';
import type { TargetVersion } from './targetVersion';
import { createTeamTopic } from './teamTopicScaffold';
import { TopicPanel } from './topicPanel';
import { type Grouping, type TopicsNode, type TopicsTreeProvider } from './topicsTree';

export interface CommandContext {
  extensionUri: vscode.Uri;
  targetVersion: TargetVersion;
  store: KnowledgeStore;
  recent: RecentTopics;
  topicsTree: TopicsTreeProvider;
  topicsView: vscode.TreeView<TopicsNode>;
  fileConcepts: FileConceptsProvider;
  globalState: vscode.Memento;
}

type Handler = (...args: unknown[]) => unknown;

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const openTopic = async (topicId?: string): Promise<string | undefined> => {
    await ctx.store.ready;
    const id = topicId && ctx.store.get(topicId) ? topicId : (await pickTopic(ctx, topicId ?? ''))?.id;
    if (!id) return undefined;
    TopicPanel.createOrShow(ctx.extensionUri, ctx.store, ctx.recent, id);
    return id;
  };

  const setGrouping = async (grouping: Grouping) => {
    ctx.topicsTree.setGrouping(grouping);
    await ctx.globalState.update(STATE_KEYS.topicsGrouping, grouping);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.topicsGrouping, grouping);
    return grouping;
  };

  const table: Record<CommandId, Handler> = {
    [COMMANDS.setTargetVersion]: () => ctx.targetVersion.pick(),
    [COMMANDS.openTopic]: (topicId?: unknown) => openTopic(typeof topicId === 'string' ? topicId : undefined),

    [COMMANDS.searchTopics]: async (query?: unknown) => {
      await ctx.store.ready;
      const topic = await pickTopic(ctx, typeof query === 'string' ? query : '');
      return topic ? openTopic(topic.id) : undefined;
    },

    [COMMANDS.explainTermAtCursor]: async () => {
      await ctx.store.ready;
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Open a file and put the cursor on a Kubernetes term to explain it.'),
        );
        return undefined;
      }
      const topicId = termAt(ctx.store, editor);
      if (!topicId) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('No Kubernetes concept at the cursor. Try Kubernetes Concepts: Search Topics…'),
        );
        return undefined;
      }
      return openTopic(topicId);
    },

    [COMMANDS.revealInSidebar]: async (topicId?: unknown) => {
      await ctx.store.ready;
      const editor = vscode.window.activeTextEditor;
      const id =
        typeof topicId === 'string' && ctx.store.get(topicId)
          ? topicId
          : TopicPanel.isActive
            ? TopicPanel.currentTopicId
            : editor
              ? termAt(ctx.store, editor)
              : TopicPanel.currentTopicId;
      const node = id ? ctx.topicsTree.nodeOf(id) : undefined;
      if (!id || !node) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Nothing to reveal: open a topic page or put the cursor on a Kubernetes term.'),
        );
        return undefined;
      }
      await ctx.topicsView.reveal(node, { select: true, focus: true, expand: true });
      return id;
    },

    [COMMANDS.showFileConcepts]: async () => {
      await vscode.commands.executeCommand(focusViewCommand(VIEWS.fileConcepts));
      await ctx.fileConcepts.refresh();
      return ctx.fileConcepts.summary();
    },

    [COMMANDS.groupByCategory]: () => setGrouping('category'),
    [COMMANDS.groupByLearningPath]: () => setGrouping('learningPath'),

    [COMMANDS.createTeamTopic]: (options?: unknown) =>
      createTeamTopic(typeof options === 'object' && options ? options : {}),

    [COMMANDS.toggleHover]: async () => {
      const enabled = !readSettings().hover.enabled;
      await setHoverEnabled(enabled);
      void vscode.window.setStatusBarMessage(
        enabled ? vscode.l10n.t('Kubernetes Concepts: hovers on') : vscode.l10n.t('Kubernetes Concepts: hovers off'),
        3000,
      );
      return enabled;
    },

    [COMMANDS.openSample]: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: SAMPLE_MANIFEST });
      await vscode.window.showTextDocument(doc);
      return doc.uri.toString();
    },
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/** The topic under the cursor, or named by the selection. */
function termAt(store: KnowledgeStore, editor: vscode.TextEditor): string | undefined {
  const doc = editor.document;
  const selection = editor.selection;
  if (!selection.isEmpty) {
    const selected = doc.getText(selection).trim();
    const exact = findTopicByName(store.topics, selected);
    if (exact) return exact.id;
    const inside = store.index.conceptAt(selected, 0, 'plaintext');
    if (inside) return inside.topicId;
  }
  return store.analyze(doc).conceptAt(doc.offsetAt(selection.active))?.topicId;
}

interface TopicItem extends vscode.QuickPickItem {
  topic?: Topic;
}

/** A QuickPick over all topics: recently opened first, then by category; ranked by our own search when typing. */
export function pickTopic(
  ctx: Pick<CommandContext, 'store' | 'recent'>,
  initialQuery: string,
): Promise<Topic | undefined> {
  const { store, recent } = ctx;
  const pick = vscode.window.createQuickPick<TopicItem>();
  pick.title = vscode.l10n.t('Kubernetes Concepts: Search Topics');
  pick.placeholder = vscode.l10n.t('Type a term, e.g. kube-proxy, NodePort, PersistentVolumeClaim');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  // A page or view that takes the focus by itself (a webview finishing its load) must not close the user's search;
  // Escape still does.
  pick.ignoreFocusOut = true;
  const toItem = (topic: Topic): TopicItem => ({
    label: topic.title,
    description:
      categoryTitle(topic.category) + (topic.aliases.length ? ` · ${topic.aliases.slice(0, 4).join(', ')}` : ''),
    detail: topic.summary,
    alwaysShow: true,
    topic,
  });
  const separator = (label: string): TopicItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const update = (query: string) => {
    if (query.trim()) {
      pick.items = rankTopics(store.topics, query).map(toItem);
      return;
    }
    const items: TopicItem[] = [];
    const recentTopics = recent.ids.map(id => store.get(id)).filter((t): t is Topic => !!t);
    if (recentTopics.length) items.push(separator(vscode.l10n.t('Recently opened')), ...recentTopics.map(toItem));
    for (const { category, topics } of groupByCategory(store.topics))
      items.push(separator(categoryTitle(category)), ...topics.map(toItem));
    pick.items = items;
  };
  pick.value = initialQuery;
  update(initialQuery);
  return new Promise(resolve => {
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      // After the items were replaced while typing, VS Code can accept with no selected item: take the active one.
      resolve((pick.selectedItems[0] ?? pick.activeItems[0])?.topic);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

const SAMPLE_MANIFEST = `# Hover any highlighted term: kinds, fields and values all explain themselves.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0
          imagePullPolicy: IfNotPresent
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`;
