/** Finds the topic named at an offset of running text: longest name first, with case, plural and ambiguity rules. */
import { GAP, WORD, joinsWords, nameKey, singularForms, tokenAround } from './names';
import type { Topic } from './model';
import type { ShippedWellKnownKey as WellKnownKey } from './valueTables';
import { WellKnownKeys } from './wellKnownKeys';

export interface NameEntry {
  topicId: string;
  /** Set for exact-case names: the words joined as written. */
  exact?: string;
  ambiguous: boolean;
  /** What stands between the words of the name as written, one character each (` ` for white space): `kube-proxy` `-`. */
  separators: string;
}

export interface Match {
  topicId: string;
  start: number;
  end: number;
  /** Other topics the same name may mean, when the text around it cannot tell. */
  alternatives?: string[];
  /** One line about what the words mean where they stand (a well-known key's meaning). */
  context?: string;
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
  readonly wellKnownKeys: WellKnownKeys;
  private sortedKeys: string[] | undefined;
  private contextBlock:
    | { text: string; start: number; end: number; lower: string; found: Map<string, number[]>; wordsIndexed?: boolean }
    | undefined;

  constructor(topics: readonly Topic[], wellKnownKeys: readonly WellKnownKey[] = []) {
    this.wellKnownKeys = new WellKnownKeys(topics, wellKnownKeys);
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
        const entry: NameEntry = {
          topicId: topic.id,
          ambiguous: ambiguousNames.has(name),
          separators: separatorsOf(name.trim().split(WORD).slice(1, -1)),
        };
        if (exactNames.has(name)) entry.exact = key.exact;
        const list = this.byKey.get(key.folded) ?? [];
        const capitals = /\p{L}/u.test(key.exact) && key.exact === key.exact.toUpperCase();
        if (capitals && (list.length === 0 || this.abbreviations.has(key.folded))) this.abbreviations.add(key.folded);
        else this.abbreviations.delete(key.folded);
        const same = (e: NameEntry) =>
          e.topicId === topic.id &&
          e.exact === entry.exact &&
          e.ambiguous === entry.ambiguous &&
          e.separators === entry.separators;
        if (list.some(same)) continue;
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

  /** Whether some name's key starts with `folded` (lower-case words joined). */
  isKeyPrefix(folded: string): boolean {
    const keys = (this.sortedKeys ??= [...this.byKey.keys()].sort());
    let lo = 0,
      hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < folded) lo = mid + 1;
      else hi = mid;
    }
    return lo < keys.length && keys[lo].startsWith(folded);
  }

  hasKey(folded: string): boolean {
    return this.byKey.has(folded);
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
   * Whether a word occurs, as a whole word and in any case, in the context window around `offset`. A scan resolves
   * many names close to each other: a lower-cased block of the text and where each word occurs in it are kept, and
   * windows that fall inside the block are answered from it.
   */
  private contextAround(text: string, offset: number): (word: string) => boolean {
    const start = Math.max(0, offset - CONTEXT_WINDOW);
    const end = Math.min(text.length, offset + CONTEXT_WINDOW);
    let block = this.contextBlock;
    if (!block || block.text !== text || start < block.start || end > block.end) {
      const blockStart = Math.max(0, start - CONTEXT_WINDOW);
      const blockEnd = Math.min(text.length, end + 2 * CONTEXT_WINDOW);
      const lower = text.slice(blockStart, blockEnd).toLowerCase();
      // Lower-casing can change a length (`İ`): then offsets would not line up.
      if (lower.length !== blockEnd - blockStart) {
        const window = text.slice(start, end).toLowerCase();
        return word => containsWord(window, word);
      }
      block = this.contextBlock = { text, start: blockStart, end: blockEnd, lower, found: new Map() };
    }
    const { lower, found } = block;
    const from = start - block.start,
      to = end - block.start;
    return word => {
      if (!word) return false;
      let at = found.get(word);
      if (!at) {
        if (ONE_WORD.test(word)) {
          // One pass over the block files every word at once: many topics sharing a name, each with its own context
          // words, then cost one read of the block instead of one search per context word.
          if (!block.wordsIndexed) {
            for (const m of lower.matchAll(WORD)) {
              const list = found.get(m[0]);
              if (list) list.push(m.index);
              else found.set(m[0], [m.index]);
            }
            block.wordsIndexed = true;
          }
          at = found.get(word) ?? [];
        } else {
          at = [];
          for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) at.push(i);
          found.set(word, at);
        }
      }
      // The same answer as containsWord on the window alone: its ends count as word boundaries.
      for (let k = firstAtLeast(at, from); k < at.length && at[k] + word.length <= to; k++) {
        const before = at[k] > from ? lower[at[k] - 1] : undefined;
        const after = at[k] + word.length < to ? lower[at[k] + word.length] : undefined;
        if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after)))
          return true;
      }
      return false;
    };
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
    const inContext = this.contextAround(text, offset);
    const scored = topics
      .map(id => ({ id, score: (this.contextWords.get(id) ?? []).filter(inContext).length }))
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

const ONE_WORD = /^[\p{L}\p{N}]+$/u;

function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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
  /** For a value that names an object: a name matches only with the separators it is written with (`kube-proxy`). */
  sameSeparators = false,
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
    const firstTo = onSeparator ? at + 1 : at;
    let joined = '';
    for (let i = from; i < firstTo; i++) joined += words[i].text.toLowerCase();
    for (let to = firstTo; to < words.length && to - from < table.maxWords; to++) {
      if (to > at && !GAP.test(line.slice(words[to - 1].end, words[to].start))) break;
      spans.push({ from, to, length: words[to].end - words[from].start });
      // A longer span reads these words as written (only its last word may be singularized): it needs a key here.
      joined += words[to].text.toLowerCase();
      if (!table.isKeyPrefix(joined)) break;
    }
  }
  spans.sort((a, b) => b.length - a.length);
  for (const span of spans) {
    const found = table.lookup(words.slice(span.from, span.to + 1).map(w => w.text));
    if (!found) continue;
    let gaps = '';
    for (let i = span.from; i < span.to; i++) gaps += line.slice(words[i].end, words[i + 1].start);
    const written = separatorsOf(gaps);
    const start = lineStart + words[span.from].start;
    const end = lineStart + words[span.to].end;
    const helm = helmBuiltinPath(text, start);
    const entries = found.filter(e =>
      sameSeparators && written ? e.separators === written : helm || pathLike(e.separators) === pathLike(written),
    );
    if (entries.length === 0) continue;
    if (!partOfLargerIdentifier(text, start) && (helm || wholeTokens(text, start, end))) {
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
  const key = table.wellKnownKeys.at(line, rel);
  if (!key) return undefined;
  const hit = { topicId: key.topicId, start: lineStart + key.start, end: lineStart + key.end };
  return key.context ? { ...hit, context: key.context } : hit;
}

/** The separators between the words of a name or a span, one character each: white space becomes one space. */
function separatorsOf(gaps: string | readonly string[]): string {
  return (typeof gaps === 'string' ? gaps : gaps.join('')).replace(/[ \t]+/g, ' ');
}

/**
 * `.` and `/` make a name a path, a domain or a key (`spec.replicas`, `app.kubernetes.io/name`): a span matches it only
 * with the same ones, so `config.file` is not "config file" nor `/spec/replicas` the field `spec.replicas`.
 */
function pathLike(separators: string): string {
  return separators.replace(/[^./]/g, '');
}

const WORD_HERE = new RegExp(WORD.source, WORD.flags.replace('g', '') + 'y');

/**
 * Where a name starting with the word at `start..end` of `text` could end at the latest (`start` when no name can
 * start there): the words from there, joined as `lookup` joins them, are followed while they begin a key, and the last
 * one that completes a key (maybe as a plural) is the reach. A few steps per word, so a scan can skip the words that
 * no name reaches instead of matching around each.
 */
export function nameReach(table: NameTable, text: string, start: number, end: number): number {
  let reach = table.wellKnownKeys.reach(text, start, end);
  let joined = '';
  for (let words = 1; ; words++) {
    const word = text.slice(start, end);
    const head = joined;
    joined += word.toLowerCase();
    if (table.hasKey(joined) || singularForms(word).some(s => table.hasKey(head + s.toLowerCase()))) reach = end;
    if (words === table.maxWords || !table.isKeyPrefix(joined)) return reach;
    let next = end;
    if ('-_./'.includes(text[next] ?? '_')) next++;
    else if (text[next] === ' ' || text[next] === '\t')
      next += text[next + 1] === ' ' || text[next + 1] === '\t' ? 2 : 1;
    if (next === end || next === text.length) return reach;
    WORD_HERE.lastIndex = next;
    const m = WORD_HERE.exec(text);
    if (!m) return reach;
    start = next;
    end = next + m[0].length;
  }
}

/** `--namespace`, `$pod` and `@pod`: the word is part of a flag, a variable or a handle. */
function partOfLargerIdentifier(text: string, start: number): boolean {
  const before = text[start - 1] ?? '';
  if (before === '$' || before === '@') return true;
  return before === '-' && text[start - 2] === '-';
}

/**
 * Whether `start..end` begins and ends a token (see `joinsWords`): a name hovers only as a whole token, so
 * `kube-proxy` and `app.kubernetes.io/name` do, the `cluster` of `cluster/kubectl.sh` or the `api` of `orders-api`
 * do not. A name written with capitals in a compound of hyphenated words is prose (`YAML-formatted`, `Pod-level`):
 * the names of objects, files and flags are lower case.
 */
function wholeTokens(text: string, start: number, end: number): boolean {
  if (!joinsWords(text, start - 1) && !joinsWords(text, end)) return true;
  if (!/\p{Lu}/u.test(text.slice(start, end))) return false;
  const token = tokenAround(text, start, end, MAX_COMPOUND_CHARS);
  return /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u.test(text.slice(token.start, token.end));
}

const MAX_COMPOUND_CHARS = 64;
/** Helm's built-in objects in a template action: `.Values.replicaCount` and `.Release.Name` keep their hovers. */
const HELM_BUILTIN = /^\.(?:Values|Release)(?:\.|$)/;

/** Whether the name at `start` is in a `.Values.x` or `.Release.x` path. */
function helmBuiltinPath(text: string, start: number): boolean {
  if (text[start - 1] !== '.') return false;
  let from = start;
  while (from > 0 && start - from < 80 && /[\p{L}\p{N}_.]/u.test(text[from - 1])) from--;
  return HELM_BUILTIN.test(text.slice(from, start + 8));
}

const LINK_TARGET = /\]\(([^)\s]*)|^\s*\[[^\]]+\]:\s*(\S+)/g;
/** Characters that end a URL in running text. */
const URL_END = /[\s<>"'`)\]]/;
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const ASCII_LETTER = /[a-z]/i;
const ASCII_WORD_CHAR = /\w/;
const WWW = /\bwww\./gi;
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}-]/u;

/** Whether `rel` is inside a URL, an e-mail address or a Markdown link target of `line` (exported for tests). */
export function insideUrlOrLinkTarget(line: string, rel: number): boolean {
  if (insideUrl(line, rel) || (line.includes('@') && insideEmail(line, rel))) return true;
  LINK_TARGET.lastIndex = 0;
  for (let m = LINK_TARGET.exec(line); m; m = LINK_TARGET.exec(line)) {
    if (m.index <= rel && rel < m.index + m[0].length) return true;
    if (m[0].length === 0) LINK_TARGET.lastIndex++;
  }
  return false;
}

/**
 * Whether `rel` is inside `scheme://…` or `www.…`, which run to the next URL_END character. Each character is read a
 * bounded number of times: the regex this replaces was quadratic per line on `a-a-a…` and `a.a.a…` chains.
 */
function insideUrl(line: string, rel: number): boolean {
  let runStart = rel;
  while (runStart > 0 && !URL_END.test(line[runStart - 1])) runStart--;
  let runEnd = rel;
  while (runEnd < line.length && !URL_END.test(line[runEnd])) runEnd++;
  if (runEnd === rel) return false;
  // A URL runs to the end of its run of characters, so `rel` is inside one if one starts at or before it.
  for (
    let colon = line.indexOf('://', runStart);
    colon >= 0 && colon < runEnd;
    colon = line.indexOf('://', colon + 3)
  ) {
    let schemeStart = colon;
    while (schemeStart > runStart && SCHEME_CHAR.test(line[schemeStart - 1])) schemeStart--;
    for (let p = schemeStart; p < colon && p <= rel; p++) {
      const boundary = p === 0 || !ASCII_WORD_CHAR.test(line[p - 1]);
      if (boundary && ASCII_LETTER.test(line[p])) return true;
    }
    if (schemeStart > rel) break;
  }
  WWW.lastIndex = runStart;
  for (let m = WWW.exec(line); m && m.index <= rel; m = WWW.exec(line)) if (m.index + 4 < runEnd) return true;
  return false;
}

/** Whether `rel` is inside `local@domain.tld`; a walk around each `@`, linear in the line. */
function insideEmail(line: string, rel: number): boolean {
  let previousEnd = 0;
  for (let at = line.indexOf('@'); at >= 0; at = line.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && EMAIL_LOCAL_CHAR.test(line[start - 1])) start--;
    let end = at + 1;
    while (end < line.length && DOMAIN_CHAR.test(line[end])) end++;
    if (start === at || end === at + 1) continue;
    let labels = 0;
    while (line[end] === '.' && DOMAIN_CHAR.test(line[end + 1] ?? '')) {
      for (end += 2; end < line.length && DOMAIN_CHAR.test(line[end]); end++);
      labels++;
    }
    if (labels === 0) continue;
    if (start > rel) return false;
    if (rel < end) return true;
    previousEnd = end;
  }
  return false;
}
