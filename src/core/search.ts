/** Ranks topics for a typed query: topics it names (as the jump box and hovers read it), then by title, aliases, summary. */
import { isTitleOf, topicsNamed } from './lookup';
import type { Topic } from './model';

export function rankTopics(topics: readonly Topic[], query: string, limit = 200): Topic[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...topics];
  const words = q.split(/\s+/);
  const named = new Set(topicsNamed(topics, query));
  const scored: Array<{ topic: Topic; score: number }> = [];
  for (const topic of topics) {
    const title = topic.title.toLowerCase();
    const aliases = topic.aliases.map(a => a.toLowerCase());
    let score = 0;
    if (named.has(topic)) score = isTitleOf(topic, query) ? 100 : 90;
    else if (title.startsWith(q)) score = 80;
    else if (aliases.some(a => a.startsWith(q))) score = 70;
    else if (title.includes(q)) score = 60;
    else if (aliases.some(a => a.includes(q))) score = 50;
    else {
      const haystack = `${title} ${aliases.join(' ')} ${topic.summary.toLowerCase()}`;
      if (words.every(w => haystack.includes(w))) score = 20 + (words.some(w => title.includes(w)) ? 10 : 0);
    }
    if (score > 0) scored.push({ topic, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score || a.topic.title.length - b.topic.title.length || a.topic.title.localeCompare(b.topic.title),
  );
  return scored.slice(0, limit).map(s => s.topic);
}
