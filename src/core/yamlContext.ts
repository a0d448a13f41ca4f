/** YAML-aware lookups: `kind:` values, `apiVersion:` groups, field keys and well-known values, by key path. */
import {
  Composer,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  Parser,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import type { Topic } from './model';
import { SuffixRules } from './suffixRules';

/** One `---`-separated document of a YAML stream, parsed on first use. */
export interface YamlSegment {
  start: number;
  end: number;
  parsed?: ParsedSegment;
}

/**
 * A parsed YAML document reduced to what hovers need: every scalar key and value with its range and key path,
 * sorted by position. The yaml AST itself is dropped, so cached documents stay small.
 */
export interface ParsedSegment {
  entries: OutlineEntry[];
  kind?: string;
  apiVersion?: string;
  /** Why the document got no outline (its words still get plain matching). */
  skipped?: 'too-large' | 'too-complex' | 'too-deep' | 'error';
}

export interface OutlineEntry {
  /** Offsets relative to the segment text, quotes excluded. */
  start: number;
  end: number;
  at: 'key' | 'value';
  /** The key itself (for `key`), or the key whose value this is (for `value`; for list items, the list's key). */
  key: string;
  /** Keys from the document root down to the map holding `key` (list levels ignored). */
  path: readonly string[];
  value?: string;
  /** The kind of the object of a `List` (its `items[]`) that holds this entry. */
  kind?: string;
}

export type YamlHit = OutlineEntry;

const DOC_MARKER = /^(?:---|\.\.\.)(?:[ \t].*)?$/;
/** Deeper structures are not outlined (their scalars still get plain matching). */
const MAX_DEPTH = 128;
/**
 * Documents that may nest deeper than this are not parsed at all. The parser recurses per level; near the end of the
 * stack, V8 can abort the whole process (a fatal "RegExpCompiler Allocation failed") instead of throwing a RangeError.
 */
export const MAX_PARSE_DEPTH = 256;
/**
 * The parse budget of one YAML document, so that the first hover after an edit stays well under 50 ms. The parser's
 * cost follows its lexemes, not its bytes: measured (CPU time) at ~2 µs per lexeme for realistic and hostile input
 * alike (deep flow collections, anchors, bad indentation, unclosed quotes), once errors skip their stack traces, and
 * a busy 2-core machine takes 2-3 times as long in wall time. 4,000 lexemes (~8 ms CPU, a Deployment of ~20 KB, a
 * CRD of ~40 KB) keep the worst case under 50 ms there; 8,000 let a hostile document's p99 reach 83 ms in the bench.
 * A larger document gets plain matching.
 */
export const MAX_PARSED_SEGMENT_CHARS = 64 * 1024;
export const MAX_PARSED_SEGMENT_LEXEMES = 4000;

/** Splits a YAML stream at `---`/`...` lines: it only looks where such a line can start, and parses nothing. */
export function splitYamlDocuments(text: string, from = 0, to = text.length): YamlSegment[] {
  const candidates: number[] = [];
  if (text.startsWith('---', from) || text.startsWith('...', from)) candidates.push(from);
  for (const marker of ['\n---', '\n...']) {
    for (let i = text.indexOf(marker, from); i >= 0 && i < to; i = text.indexOf(marker, i + 1)) candidates.push(i + 1);
  }
  candidates.sort((a, b) => a - b);
  const segments: YamlSegment[] = [];
  let segStart = from;
  for (const lineStart of candidates) {
    if (lineStart < segStart) continue;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    if (!DOC_MARKER.test(text.slice(lineStart, lineEnd).replace(/\r$/, ''))) continue;
    if (lineStart > segStart) segments.push({ start: segStart, end: lineStart });
    segStart = Math.min(to, lineEnd + 1);
  }
  if (segStart < to) segments.push({ start: segStart, end: to });
  return segments;
}

/**
 * Helm/Go template actions are blanked to the same length, so offsets stay true and the YAML around them parses. An
 * action alone on its line (`{{- if … }}`, `{{- toYaml … | nindent 8 }}`) becomes spaces; one that stands for text
 * (`image: {{ … }}:{{ … }}`, `- {{ … }}`) becomes a placeholder scalar of `_`, else `image:   :   ` would parse as a
 * nested key and shift the path of every key after it.
 */
export function blankTemplates(text: string): string {
  let open = text.indexOf('{{');
  if (open < 0) return text;
  // A scan, not a lazy regex: that one rescans to the end from every `{{` that is never closed (quadratic).
  let out = '';
  let copied = 0;
  let line = { start: -1, blank: true };
  while (open >= 0) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    const action = text.slice(open, close + 2);
    const lineStart = text.lastIndexOf('\n', open - 1) + 1;
    if (line.start !== lineStart) line = { start: lineStart, blank: onlyActions(text, lineStart) };
    const fill = line.blank || action.includes('\n') ? ' ' : '_';
    out += text.slice(copied, open) + action.replace(/[^\n]/g, fill);
    copied = close + 2;
    open = text.indexOf('{{', copied);
  }
  return out + text.slice(copied);
}

/** Whether the line at `lineStart` holds only blanks and template actions (one scan of the line). */
function onlyActions(text: string, lineStart: number): boolean {
  for (let i = lineStart; i < text.length && text[i] !== '\n'; i++) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close < 0) return false;
      const newline = text.indexOf('\n', i);
      if (newline >= 0 && newline < close) return true;
      i = close + 1;
    } else if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false;
  }
  return true;
}

export function parseSegment(text: string): ParsedSegment {
  if (text.length > MAX_PARSED_SEGMENT_CHARS) return { entries: [], skipped: 'too-large' };
  const source = blankTemplates(text);
  if (nestsDeeperThan(source, MAX_PARSE_DEPTH)) return { entries: [], skipped: 'too-deep' };
  let root: YamlNode | null;
  try {
    root = (parseDocumentWithinBudget(source)?.contents as YamlNode | null | undefined) ?? null;
  } catch (e) {
    // whatever the parser cannot take gets plain matching
    return { entries: [], skipped: e instanceof OverBudget ? 'too-complex' : 'error' };
  }
  const entries: OutlineEntry[] = [];
  outline(root, [], entries, 0, source);
  entries.sort((a, b) => a.start - b.start);
  const segment: ParsedSegment = { entries };
  if (isMap(root)) {
    const kind = root.get('kind');
    const apiVersion = root.get('apiVersion');
    if (typeof kind === 'string') segment.kind = kind;
    if (typeof apiVersion === 'string') segment.apiVersion = apiVersion;
    if (segment.kind?.endsWith('List')) markItemKinds(root.get('items', true), entries);
  }
  return segment;
}

/** In a `List` (`kind: List`, `ServiceList`), each entry of `items[]` gets the kind of its own object. */
function markItemKinds(items: unknown, entries: OutlineEntry[]): void {
  if (!isSeq(items)) return;
  let e = 0;
  for (const item of items.items) {
    if (!isMap(item) || !item.range) continue;
    const kind = item.get('kind');
    const [start, , end] = item.range;
    while (e < entries.length && entries[e].start < start) e++;
    for (; e < entries.length && entries[e].start < end; e++) if (typeof kind === 'string') entries[e].kind = kind;
  }
}

export class OverBudget extends Error {}

/**
 * `parseDocument` within the parse budget, fed one lexeme at a time: throws `OverBudget` past it. Every parse of
 * user YAML goes through here (hovers and diagnostics), so no document can stall the extension host.
 */
export function parseDocumentWithinBudget(source: string): Document.Parsed | undefined {
  const composer = new Composer({ keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  const parser = new Parser();
  function* tokens() {
    let lexemes = 0;
    for (const lexeme of new Lexer().lex(source)) {
      if (++lexemes > MAX_PARSED_SEGMENT_LEXEMES) throw new OverBudget();
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  // Each parse error is an Error: with an error per line, capturing their stacks costs more than the parse (V8).
  const errorClass = Error as { stackTraceLimit?: number };
  const stackTraceLimit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    for (const doc of composer.compose(tokens(), true, source.length)) return doc;
    return undefined;
  } finally {
    errorClass.stackTraceLimit = stackTraceLimit;
  }
}

function outline(
  node: YamlNode | null,
  path: readonly string[],
  out: OutlineEntry[],
  depth: number,
  source: string,
): void {
  if (depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      const keyName = key && isScalar(key) ? String(key.value) : '';
      if (key && isScalar(key)) pushScalar(key, 'key', keyName, path, out, source);
      const value = pair.value as YamlNode | null;
      if (isScalar(value)) pushScalar(value, 'value', keyName, path, out, source);
      else if (value) outline(value, [...path, keyName], out, depth + 1, source);
    }
  } else if (isSeq(node)) {
    const listKey = path[path.length - 1] ?? '';
    const parent = path.slice(0, -1);
    for (const item of node.items) {
      const n = item as YamlNode | null;
      if (isScalar(n)) pushScalar(n, 'value', listKey, parent, out, source);
      else if (n) outline(n, path, out, depth + 1, source);
    }
  }
}

function pushScalar(
  node: Scalar,
  at: 'key' | 'value',
  key: string,
  path: readonly string[],
  out: OutlineEntry[],
  source: string,
): void {
  if (!node.range) return;
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  // An unclosed quote runs to where the parser gave up, and its value lacks the last character: plain matching instead.
  if (quoted && !closesQuote(source, start, end, node.type === 'QUOTE_DOUBLE' ? '"' : "'")) return;
  const entry: OutlineEntry = { start: quoted ? start + 1 : start, end: quoted ? end - 1 : end, at, key, path };
  if (at === 'value') {
    if (node.value === null || typeof node.value === 'object') return;
    // As written: `1e3`, `1.0` and `True` are text to explain, not the number or boolean YAML reads.
    const written = node.type === 'PLAIN' ? source.slice(start, end) : '';
    entry.value = written && !written.includes('\n') ? written : String(node.value);
  }
  if (entry.end > entry.start) out.push(entry);
}

/** Whether the quoted scalar at `start..end` of `source` has its closing quote (not one escaped by `\` or `''`). */
function closesQuote(source: string, start: number, end: number, quote: string): boolean {
  if (end - start < 2 || source[end - 1] !== quote) return false;
  const escape = quote === '"' ? '\\' : quote;
  let i = end - 2;
  while (i > start && source[i] === escape) i--;
  return (end - 2 - i) % 2 === 0;
}

/**
 * Whether `text` may nest deeper than `limit`: an upper bound from a line scan that counts block levels (indentation,
 * compact `- `/`? ` entries; twice, as a key's sequence may share its indentation) plus open flow brackets (also those
 * in scalars, which can only overestimate).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i < lineEnd && text[i] !== '#' && text[i] !== '\r') {
      const column = i - lineStart;
      while (indents.length > 0 && indents[indents.length - 1] > column) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < column) indents.push(column);
      while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        for (i += 2; text[i] === ' ' || text[i] === '\t'; i++);
        indents.push(i - lineStart);
      }
      if (2 * indents.length + flow > limit) return true;
      for (; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (c === 91 /* [ */ || c === 123 /* { */) {
          if (2 * indents.length + ++flow > limit) return true;
        } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) flow--;
      }
    }
    lineStart = lineEnd + 1;
  }
  return false;
}

/** The key or scalar value at `offset` (relative to the segment text): a binary search of the outline. */
export function locate(segment: ParsedSegment, offset: number): YamlHit | undefined {
  const entries = segment.entries;
  let lo = 0,
    hi = entries.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const entry = found >= 0 ? entries[found] : undefined;
  return entry && offset < entry.end ? entry : undefined;
}

/**
 * Whether the key `entry` has a scalar value: the next entry of the outline is its value, after nothing but `: `, a
 * quote or a block scalar indicator (a list's items would follow a `-` or a `[`). `text` holds the segment at `base`.
 */
export function hasScalarValue(segment: ParsedSegment, entry: OutlineEntry, text: string, base: number): boolean {
  const entries = segment.entries;
  let lo = 0,
    hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start < entry.end) lo = mid + 1;
    else hi = mid;
  }
  const next = entries[lo];
  if (next?.at !== 'value' || next.key !== entry.key || next.path.length !== entry.path.length) return false;
  const gap = text.slice(base + entry.end, base + next.start);
  return gap.length < 200 && /^["']?[ \t]*:(?:[ \t]*[|>][-+0-9]*[ \t]*\r?\n)?\s*["']?$/.test(gap);
}

/**
 * Maps manifest kinds, key paths and key/value pairs to topics (from the `manifest` hints of the knowledge). A hint
 * is a key, or a dotted path that must end the key's path (`httpGet.path`); a first part that starts with a capital
 * is a kind (`ConfigMap.data`, `Secret.data`), for keys that mean different things in different kinds.
 */
export class ManifestTable {
  private readonly kinds = new Map<string, string>();
  private readonly keys = new SuffixRules<string>();
  private readonly values = new SuffixRules<string>();

  constructor(topics: readonly Topic[]) {
    for (const topic of topics) {
      for (const kind of topic.manifest?.kinds ?? []) if (!this.kinds.has(kind)) this.kinds.set(kind, topic.id);
      for (const key of topic.manifest?.keys ?? []) this.keys.add(key, topic.id);
      for (const pair of topic.manifest?.values ?? []) {
        const colon = pair.indexOf(': ');
        this.values.add(pair.slice(0, colon).trim(), topic.id, pair.slice(colon + 1).trim());
      }
    }
  }

  kind(value: string): string | undefined {
    return this.kinds.get(value);
  }

  key(path: readonly string[], key: string, kind?: string): string | undefined {
    return this.keys.find(path, key, kind);
  }

  value(path: readonly string[], key: string, value: string, kind?: string): string | undefined {
    return this.values.find(path, key, kind, value);
  }
}
