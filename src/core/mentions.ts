/** "Mentioned in": the topics whose pages link to a topic, from each topic's `linksTo`, so no body is read. */
import type { Topic } from './model';

export function mentionIndex(topics: readonly Topic[]): (topicId: string) => Topic[] {
  const mentions = new Map<string, Topic[]>();
  for (const topic of topics) {
    for (const target of topic.linksTo) {
      if (target === topic.id) continue;
      const list = mentions.get(target) ?? [];
      list.push(topic);
      mentions.set(target, list);
    }
  }
  return topicId => mentions.get(topicId) ?? [];
}
