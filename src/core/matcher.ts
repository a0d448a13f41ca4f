/** Finds the topic named at an offset of running text: longest name first, with case, plural and ambiguity rules. */
import { GAP, WORD, nameKey, singularForms } from './names';
import type { Topic } from './model';

export interface NameEntry {
  topicId: string;
  /** Set for exact-case names: the words joined as written. */
  exact?: string;
  ambiguous: boolean;
}

export interface Match {
  topicId: string;
  start: number;
  end: number;
  /** Other topics the same name may mean, when the text around it cannot tell. */
  alternatives?: string[];
}

/** How far around the offset words are read, and how far context words are looked for. */
const WORD_WINDOW = 160;
const CONTEXT_WINDOW = 2000;
const MAX_SPAN_WORDS = 8;

export class NameTable {
  private readonly byKey = new Map<string, NameEntry[]>();
  private readonly contextWords = new Map<string, string[]>();
  /** Keys whose every name is written in capitals (`HA`, `PVC`): abbreviations. */
  private readonly abbreviations = new Set<string>();
  maxWords = 1;

  constructor(topics: readonly Topic[]) {
    for (const topic of topics) {
      const exactNames = new Set(topic.exactCase);
      const ambiguousNames = new Set(topic.ambiguous);
      this.contextWords.set(
        topic.id,
        topic.context.map(w => w.toLowerCase()),
      );
      for (const name of [topic.title, ...topic.aliases]) {
        const key = nameKey(name);
        if (!key) continue;
        const entry: NameEntry = { topicId: topic.id, ambiguous: ambiguousNames.has(name) };
        if (exactNames.has(name)) entry.exact = key.exact;
        const list = this.byKey.get(key.folded) ?? [];
        const capitals = /\p{L}/u.test(key.exact) && key.exact === key.exact.toUpperCase();
        if (capitals && (list.length === 0 || this.abbreviations.has(key.folded))) this.abbreviations.add(key.folded);
        else this.abbreviations.delete(key.folded);
        if (list.some(e => e.topicId === topic.id && e.exact === entry.exact && e.ambiguous === entry.ambiguous))
          continue;
        list.push(entry);
        this.byKey.set(key.folded, list);
        this.maxWords = Math.min(MAX_SPAN_WORDS, Math.max(this.maxWords, key.words));
      }
    }
  }

  /** Entries for a run of words as written, trying singular forms of the last word; `anyCase` for typed names. */
  lookup(words: readonly string[], anyCase = false): NameEntry[] | undefined {
    const exact = words.join('');
    const found = this.lookupJoined(exact, anyCase);
    if (found) return found;
    const last = words[words.length - 1];
    const head = words.slice(0, -1).join('');
    for (const singular of singularForms(last)) {
      const joined = head + singular;
      // An abbreviation keeps its capitals in the plural (`HAs`, `PVCs`): `has` is a verb, not high availability.
      if (!anyCase && this.abbreviations.has(joined.toLowerCase()) && joined !== joined.toUpperCase()) continue;
      const hit = this.lookupJoined(joined, anyCase);
      if (hit) return hit;
    }
    return undefined;
  }

  private lookupJoined(exact: string, anyCase: boolean): NameEntry[] | undefined {
    const entries = this.byKey.get(exact.toLowerCase());
    if (!entries) return undefined;
    if (anyCase) return entries;
    // A name written in its exact case (`KUBECONFIG`) outranks a case-insensitive one (`kubeconfig`).
    const exactHits = entries.filter(e => e.exact === exact);
    if (exactHits.length > 0) return exactHits;
    const folded = entries.filter(e => e.exact === undefined);
    return folded.length > 0 ? folded : undefined;
  }

  /**
   * Picks among entries of one name using the document around the offset. Without any context, a name written like
   * an abbreviation or a proper name (`OCI`, `ECS`) shows all its meanings; a lower-case one (`kind`) shows nothing.
   */
  resolve(
    entries: readonly NameEntry[],
    text: string,
    offset: number,
    written = '',
  ): { topicId: string; alternatives?: string[] } | undefined {
    const topics = [...new Set(entries.map(e => e.topicId))];
    const ambiguous = entries.some(e => e.ambiguous);
    if (!ambiguous) return { topicId: topics[0] };
    const window = text.slice(Math.max(0, offset - CONTEXT_WINDOW), offset + CONTEXT_WINDOW).toLowerCase();
    const found = contextFinder(window);
    const scored = topics
      .map(id => ({ id, score: (this.contextWords.get(id) ?? []).filter(found).length }))
      .sort((a, b) => b.score - a.score);
    if (scored[0].score > 0 && (scored.length === 1 || scored[0].score > scored[1].score)) {
      return { topicId: scored[0].id };
    }
    if (topics.length > 1 && (scored[0].score > 0 || /\p{Lu}/u.test(written))) {
      const tied = scored[0].score > 0 ? scored.filter(s => s.score === scored[0].score) : scored;
      return { topicId: tied[0].id, alternatives: tied.slice(1).map(s => s.id) };
    }
    return undefined;
  }
}

interface Word {
  start: number;
  end: number;
  text: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether a context word is in the window: one-word ones by a set of the window's words, made once, so many topics
 * sharing a name (each with its context words) cost one read of the window; others by `containsWord`, each once.
 */
function contextFinder(window: string): (word: string) => boolean {
  let words: Set<string> | undefined;
  const seen = new Map<string, boolean>();
  return word => {
    let found = seen.get(word);
    if (found === undefined) {
      if (ONE_WORD.test(word)) found = (words ??= new Set(window.match(WORD))).has(word);
      else found = containsWord(window, word);
      seen.set(word, found);
    }
    return found;
  };
}

const ONE_WORD = /^[\p{L}\p{N}]+$/u;

/** Whether `word` occurs in `text` as a whole word (so `ack` is not found in `stack`). */
export function containsWord(text: string, word: string): boolean {
  if (!word) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after)))
      return true;
  }
  return false;
}

/**
 * The topic named at `offset` in plain text, reading only the current line near the offset.
 * `lo`/`hi` bound the region that may be read (a YAML scalar, a fenced block); default: the whole text.
 */
export function matchPlain(
  table: NameTable,
  text: string,
  offset: number,
  lo = 0,
  hi = text.length,
): Match | undefined {
  if (offset < lo || offset >= hi) return undefined;
  // Only a window around the offset is read, so a hover costs the same on a 1 MB line as on a short one.
  const windowStart = Math.max(lo, offset - WORD_WINDOW);
  const windowEnd = Math.min(hi, offset + WORD_WINDOW);
  const before = text.slice(windowStart, offset);
  const after = text.slice(offset, windowEnd);
  const lineStart = windowStart + before.lastIndexOf('\n') + 1;
  const newline = after.indexOf('\n');
  const lineEnd = newline < 0 ? windowEnd : offset + newline;
  const line = text.slice(lineStart, lineEnd);
  const rel = offset - lineStart;
  if (insideUrlOrLinkTarget(line, rel)) return undefined;

  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m; m = WORD.exec(line)) {
    words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  // The word under the offset, or the two around a separator inside a name (`kube-proxy` hovered on the hyphen).
  let at = words.findIndex(w => w.start <= rel && rel < w.end);
  const onSeparator = at < 0;
  if (onSeparator) {
    const next = words.findIndex(w => w.start > rel);
    if (next <= 0 || !GAP.test(line.slice(words[next - 1].end, words[next].start)) || /\s/.test(line[rel]))
      return undefined;
    at = next - 1;
  }

  // Longest span first, among spans of contiguous words that contain the hovered word (on a separator: both words).
  const spans: Array<{ from: number; to: number; length: number }> = [];
  for (let from = at; from >= 0 && at - from < table.maxWords; from--) {
    if (from < at && !GAP.test(line.slice(words[from].end, words[from + 1].start))) break;
    for (let to = onSeparator ? at + 1 : at; to < words.length && to - from < table.maxWords; to++) {
      if (to > at && !GAP.test(line.slice(words[to - 1].end, words[to].start))) break;
      spans.push({ from, to, length: words[to].end - words[from].start });
    }
  }
  spans.sort((a, b) => b.length - a.length);
  for (const span of spans) {
    const entries = table.lookup(words.slice(span.from, span.to + 1).map(w => w.text));
    if (!entries) continue;
    const start = lineStart + words[span.from].start;
    const end = lineStart + words[span.to].end;
    if (!partOfLargerIdentifier(text, start, end)) {
      const picked = table.resolve(entries, text, offset, text.slice(start, end));
      if (picked)
        return {
          topicId: picked.topicId,
          start,
          end,
          ...(picked.alternatives?.length ? { alternatives: picked.alternatives } : {}),
        };
    }
  }
  return undefined;
}

/** `--namespace`, `$pod`, `my_pod`, `pod.yaml`-like neighbours make a word part of something else. */
function partOfLargerIdentifier(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (before === '$' || before === '@') return true;
  if (before === '-' && text[start - 2] === '-') return true;
  if (before === '_' || after === '_') return true;
  if (
    after === '.' &&
    /[\p{L}\p{N}]/u.test(text[end + 1] ?? '') &&
    /^(ya?ml|json|md|txt|conf|toml|sh|py|go|js|ts)\b/.test(text.slice(end + 1, end + 6))
  )
    return true;
  return false;
}

const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]*|\bwww\.[^\s<>"'`)\]]+/gi;
const LINK_TARGET = /\]\(([^)\s]*)|^\s*\[[^\]]+\]:\s*(\S+)/g;
const EMAIL_LIKE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

function insideUrlOrLinkTarget(line: string, rel: number): boolean {
  for (const re of [URL_LIKE, LINK_TARGET, EMAIL_LIKE]) {
    if (re === EMAIL_LIKE && !line.includes('@')) continue;
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m.index <= rel && rel < m.index + m[0].length) return true;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return false;
}
