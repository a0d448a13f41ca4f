/** Palette commands, built from one table. */
import * as vscode from 'vscode';
import { categoryTitle, CATEGORIES, type Topic } from './core';
import { rankTopics } from './core/search';
import type { KnowledgeStore } from './knowledgeStore';
import { TopicPanel } from './topicPanel';

export interface CommandContext {
  extensionUri: vscode.Uri;
  store: KnowledgeStore;
}

type Handler = (...args: unknown[]) => unknown;

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const openTopic = async (topicId?: string): Promise<string | undefined> => {
    await ctx.store.ready;
    const id = topicId && ctx.store.get(topicId) ? topicId : (await pickTopic(ctx.store, typeof topicId === 'string' ? topicId : ''))?.id;
    if (!id) return undefined;
    TopicPanel.createOrShow(ctx.extensionUri, ctx.store, id);
    return id;
  };
  const table: Record<string, Handler> = {
    'kubeConcepts.openTopic': (topicId?: unknown) => openTopic(typeof topicId === 'string' ? topicId : undefined),
    'kubeConcepts.searchTopics': async (query?: unknown) => {
      await ctx.store.ready;
      const topic = await pickTopic(ctx.store, typeof query === 'string' ? query : '');
      return topic ? openTopic(topic.id) : undefined;
    },
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

interface TopicItem extends vscode.QuickPickItem { topic?: Topic }

/** A QuickPick over all topics: grouped by category when empty, ranked by our own search when typing. */
export function pickTopic(store: KnowledgeStore, initialQuery: string): Promise<Topic | undefined> {
  const pick = vscode.window.createQuickPick<TopicItem>();
  pick.title = 'Kubernetes Concepts: Search Topics';
  pick.placeholder = 'Type a term, e.g. kube-proxy, NodePort, PersistentVolumeClaim';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const toItem = (topic: Topic): TopicItem => ({
    label: topic.title,
    description: categoryTitle(topic.category) + (topic.aliases.length ? ` · ${topic.aliases.slice(0, 4).join(', ')}` : ''),
    detail: topic.summary,
    alwaysShow: true,
    topic,
  });
  const update = (query: string) => {
    if (!query.trim()) {
      const items: TopicItem[] = [];
      const order = [...CATEGORIES.map(c => c.id), ...new Set(store.topics.map(t => t.category))];
      for (const category of new Set(order)) {
        const topics = store.topics.filter(t => t.category === category).sort((a, b) => a.title.localeCompare(b.title));
        if (topics.length === 0) continue;
        items.push({ label: categoryTitle(category), kind: vscode.QuickPickItemKind.Separator });
        items.push(...topics.map(toItem));
      }
      pick.items = items;
    } else {
      pick.items = rankTopics(store.topics, query).map(toItem);
    }
  };
  pick.value = initialQuery;
  update(initialQuery);
  return new Promise(resolve => {
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => { resolve(pick.selectedItems[0]?.topic); pick.hide(); });
    pick.onDidHide(() => { resolve(undefined); pick.dispose(); });
    pick.show();
  });
}
