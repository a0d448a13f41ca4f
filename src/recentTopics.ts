/** Topics opened recently, newest first, remembered across sessions (for Search Topics…). */
import type * as vscode from 'vscode';
import { STATE_KEYS } from './contributions';

const KEY = STATE_KEYS.recentTopics;
const MAX = 8;

export class RecentTopics {
  constructor(private readonly memento: vscode.Memento) {}

  get ids(): string[] {
    const ids = this.memento.get<unknown>(KEY);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  }

  add(topicId: string): void {
    void this.memento.update(KEY, [topicId, ...this.ids.filter(id => id !== topicId)].slice(0, MAX));
  }
}
