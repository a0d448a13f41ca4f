/** Topics by a name someone typed (the page's "Go to topic" box, a selection, search), folded as hovers fold it. */
import { NameTable } from './matcher';
import type { Topic } from './model';
import { nameKey, WORD } from './names';

class TopicNames {
  private readonly table: NameTable;
  private readonly byId: Map<string, Topic>;
  /** Names the hover rule cannot key (`kind: Pod`, `--namespace`), by their lower case. */
  private readonly literal = new Map<string, Topic[]>();

  constructor(topics: readonly Topic[]) {
    this.table = new NameTable(topics);
    this.byId = new Map(topics.map(t => [t.id, t] as const));
    for (const topic of topics) {
      for (const name of [topic.title, ...topic.aliases]) {
        if (nameKey(name)) continue;
        const folded = name.trim().toLowerCase();
        const list = this.literal.get(folded) ?? [];
        if (!list.includes(topic)) list.push(topic);
        this.literal.set(folded, list);
      }
    }
  }

  named(query: string): Topic[] {
    const q = query.trim();
    if (!nameKey(q)) return this.literal.get(q.toLowerCase()) ?? [];
    const words = q.match(WORD) ?? [];
    // As hovers read it first (exact-case names win), then in any case: a typed name has no case to go by.
    const entries = this.table.lookup(words) ?? this.table.lookup(words, true) ?? [];
    const topics = [...new Set(entries.map(e => e.topicId))].map(id => this.byId.get(id)!);
    return [...topics.filter(t => isTitleOf(t, q)), ...topics.filter(t => !isTitleOf(t, q))];
  }
}

const cache = new WeakMap<readonly Topic[], TopicNames>();

/** Every topic the typed name names (`kube proxy`, `KubeProxy`, `Pods`), those whose title it is first. */
export function topicsNamed(topics: readonly Topic[], query: string): Topic[] {
  let names = cache.get(topics);
  if (!names) cache.set(topics, (names = new TopicNames(topics)));
  return names.named(query);
}

/** The one topic a typed name means; undefined when it names none, or several and is the title of none of them. */
export function findTopicByName(topics: readonly Topic[], query: string): Topic | undefined {
  const named = topicsNamed(topics, query);
  if (named.length === 1) return named[0];
  const titled = named.filter(t => isTitleOf(t, query));
  return titled.length === 1 ? titled[0] : undefined;
}

/** Whether the typed name is the topic's title, folded. */
export function isTitleOf(topic: Topic, query: string): boolean {
  const q = query.trim();
  const key = nameKey(q);
  return key ? nameKey(topic.title)?.folded === key.folded : topic.title.trim().toLowerCase() === q.toLowerCase();
}
