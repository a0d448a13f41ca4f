/**
 * Well-known label, annotation and taint keys (`app.kubernetes.io/name`, `node.kubernetes.io/unreachable`) hover as one
 * unit, wherever they are written. They come from the `manifest.keys` hints of the knowledge that hold a `/`; a key
 * `example.com/*` stands for every key of that prefix (`nginx.ingress.kubernetes.io/*`).
 */
import type { Topic } from './model';
import { tokenAround } from './names';

export interface KeyHit {
  topicId: string;
  /** Offsets in the line that was asked about. */
  start: number;
  end: number;
}

/** A key is short: longer runs are paths or URLs, and are not read past this. */
const MAX_KEY_CHARS = 253 + 1 + 63;

export class WellKnownKeys {
  private readonly exact = new Map<string, string>();
  private readonly prefixes = new Map<string, string>();
  /** The first word of every key (`app` of `app.kubernetes.io/name`): where a scan needs to look. */
  private readonly firstWords = new Set<string>();

  constructor(topics: readonly Topic[]) {
    for (const topic of topics) {
      for (const key of topic.manifest?.keys ?? []) {
        if (!key.includes('/')) continue;
        const table = key.endsWith('/*') ? this.prefixes : this.exact;
        const name = key.endsWith('/*') ? key.slice(0, -1) : key;
        if (!table.has(name)) table.set(name, topic.id);
        this.firstWords.add(/^[\p{L}\p{N}]+/u.exec(name)?.[0] ?? '');
      }
    }
  }

  /** The well-known key that the token at `rel` of `line` is, if it is one (the whole token, not a part of it). */
  at(line: string, rel: number): KeyHit | undefined {
    if (this.exact.size === 0 && this.prefixes.size === 0) return undefined;
    const { start, end } = tokenAround(line, rel, rel, MAX_KEY_CHARS);
    if (rel >= end || end - start > MAX_KEY_CHARS) return undefined;
    const token = line.slice(start, end);
    const slash = token.indexOf('/');
    if (slash <= 0) return undefined;
    const topicId = this.exact.get(token) ?? this.prefixes.get(token.slice(0, slash + 1));
    return topicId ? { topicId, start, end } : undefined;
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
