/** The Topics view: categories in sidebar order, then their topics; a click opens the topic page. */
import * as vscode from 'vscode';
import { CATEGORIES, categoryTitle, type Topic } from './core';
import { OPEN_TOPIC_COMMAND } from './hoverProvider';
import type { KnowledgeStore } from './knowledgeStore';

export type TopicsNode =
  | { kind: 'group'; id: string; title: string; icon: string; topics: Topic[] }
  | { kind: 'topic'; topic: Topic; groupId: string };

export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsNode> {
  private readonly changed = new vscode.EventEmitter<TopicsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: Array<Extract<TopicsNode, { kind: 'group' }>> = [];

  constructor(private readonly store: KnowledgeStore) {
    store.onDidChange(() => this.refresh());
    this.rebuild();
  }

  refresh(): void {
    this.rebuild();
    this.changed.fire(undefined);
  }

  private rebuild(): void {
    const byCategory = new Map<string, Topic[]>();
    for (const topic of this.store.topics) {
      const list = byCategory.get(topic.category) ?? [];
      list.push(topic);
      byCategory.set(topic.category, list);
    }
    const order = [...CATEGORIES.map(c => c.id), ...[...byCategory.keys()].filter(id => !CATEGORIES.some(c => c.id === id)).sort()];
    this.groups = order.filter(id => byCategory.has(id)).map(id => ({
      kind: 'group' as const, id, title: categoryTitle(id),
      icon: CATEGORIES.find(c => c.id === id)?.icon ?? 'symbol-namespace',
      topics: byCategory.get(id)!.sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' })),
    }));
  }

  getChildren(node?: TopicsNode): TopicsNode[] {
    if (!node) return this.groups;
    if (node.kind === 'group') return node.topics.map(topic => ({ kind: 'topic' as const, topic, groupId: node.id }));
    return [];
  }

  getParent(node: TopicsNode): TopicsNode | undefined {
    return node.kind === 'topic' ? this.groups.find(g => g.id === node.groupId) : undefined;
  }

  /** The tree node of a topic, for `reveal`. */
  nodeOf(topicId: string): TopicsNode | undefined {
    for (const group of this.groups) {
      const topic = group.topics.find(t => t.id === topicId);
      if (topic) return { kind: 'topic', topic, groupId: group.id };
    }
    return undefined;
  }

  getTreeItem(node: TopicsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `group:${node.id}`;
      item.description = String(node.topics.length);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'category';
      item.tooltip = `${node.title}: ${node.topics.length} topics`;
      return item;
    }
    const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.None);
    item.id = `topic:${node.groupId}:${node.topic.id}`;
    item.tooltip = new vscode.MarkdownString().appendMarkdown(`**`).appendText(node.topic.title).appendMarkdown(`**\n\n`).appendText(node.topic.summary);
    item.command = { command: OPEN_TOPIC_COMMAND, title: 'Open Topic Page', arguments: [node.topic.id] };
    item.contextValue = 'topic';
    if (node.topic.origin === 'team') item.description = 'team';
    return item;
  }
}
