/** Parsed YAML documents by a hash of their source, least recently used first out, bounded by source characters. */
import { hashKey } from './hash';
import type { ParsedSegment } from './yamlContext';

/**
 * What the cache may hold, counted in characters of the source parsed. The outline kept per document grows with its
 * source (about 16 bytes of heap per character), so this bounds memory where a count of entries did not: 512 versions
 * of a 500 KB document held ~1.4 GB. 2 MB of source, about 35 MB of heap, still holds 32 documents at the parse limit.
 */
export const MAX_CACHED_SOURCE_CHARS = 2 * 1024 * 1024;

export class SegmentCache {
  private readonly entries = new Map<string, { parsed: ParsedSegment; chars: number }>();
  private chars = 0;

  constructor(private readonly maxChars = MAX_CACHED_SOURCE_CHARS) {}

  /** The parsed source, from the cache or from `parse` (then kept). */
  get(source: string, parse: (source: string) => ParsedSegment): ParsedSegment {
    // Keyed by a hash, not the source itself: the source would keep every old version of the document alive.
    const key = hashKey(source);
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // keep recently used ones at the end
      this.entries.set(key, cached);
      return cached.parsed;
    }
    // The outline's strings are cut from the source, and a cut keeps its whole parent string alive: from a copy, so
    // that a cached outline holds its own document and not the version of the file it was cut from.
    const parsed = parse(JSON.parse(JSON.stringify(source)) as string);
    if (source.length <= this.maxChars) {
      this.entries.set(key, { parsed, chars: source.length });
      this.chars += source.length;
      for (const [oldest, entry] of this.entries) {
        if (this.chars <= this.maxChars) break;
        this.entries.delete(oldest);
        this.chars -= entry.chars;
      }
    }
    return parsed;
  }

  /** The cache's own accounting, for tests and the bench. */
  get stats(): { entries: number; sourceChars: number; maxSourceChars: number } {
    return { entries: this.entries.size, sourceChars: this.chars, maxSourceChars: this.maxChars };
  }
}
