/** The Topics view: topics by category (architecture first) or along the notes' learning path; a click opens the page. */
import * as vscode from 'vscode';
import { CATEGORIES, categoryTitle, groupByCategory, groupByChapter, type Topic } from './core';
import { COMMANDS } from './contributions';
import type { KnowledgeStore } from './knowledgeStore';

export type Grouping = 'category' | 'learningPath';

type GroupNode = { kind: 'group'; id: string; title: string; icon: string; topics: Topic[] };
export type TopicsNode = GroupNode | { kind: 'topic'; topic: Topic; groupId: string };

export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: GroupNode[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly store: KnowledgeStore,
    private currentGrouping: Grouping,
  ) {
    this.disposables.push(store.onDidChange(() => this.refresh()));
    this.rebuild();
  }

  get grouping(): Grouping {
    return this.currentGrouping;
  }

  setGrouping(grouping: Grouping): void {
    this.currentGrouping = grouping;
    this.refresh();
  }

  refresh(): void {
    this.rebuild();
    this.changed.fire(undefined);
  }

  private rebuild(): void {
    this.groups = this.currentGrouping === 'learningPath' ? this.chapterGroups() : this.categoryGroups();
  }

  private categoryGroups(): GroupNode[] {
    return groupByCategory(this.store.topics).map(({ category, topics }) => ({
      kind: 'group' as const,
      id: category,
      title: categoryTitle(category),
      icon: CATEGORIES.find(c => c.id === category)?.icon ?? 'symbol-namespace',
      topics,
    }));
  }

  private chapterGroups(): GroupNode[] {
    return groupByChapter(this.store.topics).map(({ chapter, topics }) => ({
      kind: 'group' as const,
      id: chapter.id,
      title: chapter.title,
      icon: chapter.icon,
      topics,
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

  /** The first tree node of a topic, for `reveal`. */
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
      item.id = `${this.currentGrouping}:${node.id}`;
      item.description = String(node.topics.length);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'group';
      item.tooltip = vscode.l10n.t('{0}: {1} topics', node.title, node.topics.length);
      return item;
    }
    const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.currentGrouping}:${node.groupId}:${node.topic.id}`;
    item.tooltip = new vscode.MarkdownString()
      .appendMarkdown('**')
      .appendText(node.topic.title)
      .appendMarkdown('**\n\n')
      .appendText(node.topic.summary);
    item.command = { command: COMMANDS.openTopic, title: vscode.l10n.t('Open Topic Page'), arguments: [node.topic.id] };
    item.contextValue = 'topic';
    if (node.topic.origin === 'team') item.description = vscode.l10n.t('team');
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
