/**
 * Well-known label, annotation and taint keys (`app.kubernetes.io/name`, `node.kubernetes.io/unreachable`) hover as one
 * unit, wherever they are written: as a key, or as a value (`topologyKey: topology.kubernetes.io/zone`). They come
 * from the table of well-known keys, which says what each means, and from the `manifest.keys` hints of the knowledge
 * that hold a `/`; a key `example.com/*` stands for every key of that prefix (`nginx.ingress.kubernetes.io/*`).
 */
import type { Topic } from './model';
import { tokenAround } from './names';
import type { KeyUse, ShippedWellKnownKey as WellKnownKey } from './valueTables';

export interface KeyHit {
  topicId: string;
  /** Offsets in the line that was asked about. */
  start: number;
  end: number;
  /** What the key means, from the table: "Well-known label `kubernetes.io/os`: …". */
  context?: string;
}

export interface KeyMeaning {
  topicId: string;
  context?: string;
}

/** A table entry: the context line is made for the key as written (a family's member names itself). */
interface KeyEntry {
  topicId: string;
  use?: readonly KeyUse[];
  meaning?: string;
}

/** A key is short: longer runs are paths or URLs, and are not read past this. */
const MAX_KEY_CHARS = 253 + 1 + 63;

export class WellKnownKeys {
  private readonly exact = new Map<string, KeyEntry>();
  /** Families (`example.com/*`, `example.com/prefix-*`) by prefix, the longest first. */
  private readonly prefixes: Array<[string, KeyEntry]> = [];
  /** The first word of every key (`app` of `app.kubernetes.io/name`): where a scan needs to look. */
  private readonly firstWords = new Set<string>();

  constructor(topics: readonly Topic[], table: readonly WellKnownKey[] = []) {
    const known = new Set(topics.map(t => t.id));
    for (const entry of table) {
      if (known.has(entry.topic)) this.add(entry.key, { topicId: entry.topic, use: entry.use, meaning: entry.meaning });
    }
    for (const topic of topics) {
      for (const key of topic.manifest?.keys ?? []) if (key.includes('/')) this.add(key, { topicId: topic.id });
    }
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  private add(key: string, entry: KeyEntry): void {
    if (key.endsWith('*')) {
      const prefix = key.slice(0, -1);
      if (!this.prefixes.some(([p]) => p === prefix)) this.prefixes.push([prefix, entry]);
    } else if (!this.exact.has(key)) this.exact.set(key, entry);
    this.firstWords.add(/^[\p{L}\p{N}]+/u.exec(key)?.[0] ?? '');
  }

  /** What a whole key means, if it is a well-known one. */
  get(key: string): KeyMeaning | undefined {
    if (key.indexOf('/') <= 0) return undefined;
    const entry = this.exact.get(key) ?? this.prefixes.find(([prefix]) => key.startsWith(prefix))?.[1];
    if (!entry) return undefined;
    if (!entry.use || !entry.meaning) return { topicId: entry.topicId };
    return { topicId: entry.topicId, context: `${describeUse(entry.use)} \`${key}\`: ${entry.meaning}` };
  }

  /** The well-known key that the token at `rel` of `line` is, if it is one (the whole token, not a part of it). */
  at(line: string, rel: number): KeyHit | undefined {
    if (this.exact.size === 0 && this.prefixes.length === 0) return undefined;
    const { start, end } = tokenAround(line, rel, rel, MAX_KEY_CHARS);
    if (rel >= end || end - start > MAX_KEY_CHARS) return undefined;
    const token = line.slice(start, end);
    const slash = token.indexOf('/');
    if (slash <= 0) return undefined;
    const meaning = this.get(token);
    return meaning ? { ...meaning, start, end } : undefined;
  }

  /**
   * Where a key starting with the word at `start..end` of `text` ends (`start` when none does): lets a scan skip the
   * words that start no key. A few steps per word: only the first word of a token can start a key.
   */
  reach(text: string, start: number, end: number): number {
    if (!this.firstWords.has(text.slice(start, end))) return start;
    const from = Math.max(0, start - 2);
    const hit = this.at(text.slice(from, start + MAX_KEY_CHARS + 2), start - from);
    return hit && hit.start === start - from ? from + hit.end : start;
  }
}

/** "Well-known label", "Well-known label and taint". */
function describeUse(use: readonly KeyUse[]): string {
  const names = use.length > 1 ? `${use.slice(0, -1).join(', ')} and ${use[use.length - 1]}` : use[0];
  return `Well-known ${names}`;
}
