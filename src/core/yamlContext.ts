/** YAML-aware lookups: `kind:` values, `apiVersion:` groups, field keys and well-known values, by key path. */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import type { Topic } from './model';

/** One `---`-separated document of a YAML stream, parsed on first use. */
export interface YamlSegment {
  start: number;
  end: number;
  parsed?: ParsedSegment;
}

export interface ParsedSegment {
  root: YamlNode | null;
  kind?: string;
  apiVersion?: string;
}

export type YamlHit =
  | { at: 'key'; key: string; path: string[]; start: number; end: number }
  | { at: 'value'; key: string; path: string[]; value: string; start: number; end: number };

const DOC_MARKER = /^(?:---|\.\.\.)(?:[ \t].*)?$/;

/** Splits a YAML stream at `---`/`...` lines: a line scan, no parsing. */
export function splitYamlDocuments(text: string, from = 0, to = text.length): YamlSegment[] {
  const segments: YamlSegment[] = [];
  let segStart = from;
  let lineStart = from;
  while (lineStart <= to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const c = text.charCodeAt(lineStart);
    if ((c === 45 /* - */ || c === 46 /* . */) && DOC_MARKER.test(text.slice(lineStart, lineEnd).replace(/\r$/, ''))) {
      if (lineStart > segStart) segments.push({ start: segStart, end: lineStart });
      segStart = lineEnd + 1;
    }
    if (lineEnd >= to) break;
    lineStart = lineEnd + 1;
  }
  if (segStart < to) segments.push({ start: segStart, end: to });
  return segments;
}

/** Helm/Go template actions become spaces of the same length, so offsets stay true and the YAML around them parses. */
export function blankTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{[\s\S]*?\}\}/g, m => m.replace(/[^\n]/g, ' '));
}

export function parseSegment(text: string): ParsedSegment {
  const doc = parseDocument(blankTemplates(text), { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  const root = (doc.contents as YamlNode | null) ?? null;
  const segment: ParsedSegment = { root };
  if (isMap(root)) {
    const kind = root.get('kind');
    const apiVersion = root.get('apiVersion');
    if (typeof kind === 'string') segment.kind = kind;
    if (typeof apiVersion === 'string') segment.apiVersion = apiVersion;
  }
  return segment;
}

/** The key or scalar value at `offset` (relative to the segment text), with the path of keys above it. */
export function locate(node: YamlNode | null, offset: number, path: string[] = []): YamlHit | undefined {
  if (isMap(node)) return locateInMap(node, offset, path);
  if (isSeq(node)) {
    for (const item of node.items) {
      const n = item as YamlNode;
      if (!n?.range || offset < n.range[0] || offset > n.range[1]) continue;
      if (isScalar(n)) return scalarHit(n, 'value', path[path.length - 1] ?? '', path.slice(0, -1), offset);
      return locate(n, offset, path);
    }
  }
  return undefined;
}

function locateInMap(map: YAMLMap, offset: number, path: string[]): YamlHit | undefined {
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const key = pair.key as YamlNode | null;
    if (key && isScalar(key) && key.range && offset >= key.range[0] && offset < key.range[1]) {
      return scalarHit(key, 'key', String(key.value), path, offset);
    }
    const value = pair.value as YamlNode | null;
    if (!value?.range || offset < value.range[0] || offset > value.range[1]) continue;
    const keyName = key && isScalar(key) ? String(key.value) : '';
    if (isScalar(value)) return scalarHit(value, 'value', keyName, path, offset);
    return locate(value, offset, [...path, keyName]);
  }
  return undefined;
}

function scalarHit(node: Scalar, at: 'key' | 'value', key: string, path: string[], offset: number): YamlHit | undefined {
  const [start, end] = node.range!;
  if (offset < start || offset >= end) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const s = quoted ? start + 1 : start;
  const e = quoted ? end - 1 : end;
  if (at === 'key') return { at, key, path, start: s, end: e };
  if (node.value === null || typeof node.value === 'object') return undefined;
  return { at, key, path, value: String(node.value), start: s, end: e };
}

interface SuffixRule { suffix: string[]; topicId: string }

/** Maps manifest kinds, key paths and key/value pairs to topics (from the `manifest` hints of the knowledge). */
export class ManifestTable {
  private readonly kinds = new Map<string, string>();
  private readonly keys = new Map<string, SuffixRule[]>();
  private readonly values = new Map<string, SuffixRule[]>();

  constructor(topics: readonly Topic[]) {
    for (const topic of topics) {
      for (const kind of topic.manifest?.kinds ?? []) if (!this.kinds.has(kind)) this.kinds.set(kind, topic.id);
      for (const key of topic.manifest?.keys ?? []) addRule(this.keys, keyPath(key), '', topic.id);
      for (const pair of topic.manifest?.values ?? []) {
        const colon = pair.indexOf(': ');
        addRule(this.values, keyPath(pair.slice(0, colon).trim()), pair.slice(colon + 1).trim(), topic.id);
      }
    }
  }

  kind(value: string): string | undefined {
    return this.kinds.get(value);
  }

  key(path: readonly string[], key: string): string | undefined {
    return longestSuffix(this.keys.get(key), path);
  }

  value(path: readonly string[], key: string, value: string): string | undefined {
    return longestSuffix(this.values.get(key + '\u0000' + value), path);
  }
}

/** `containers.resources` is a path of two keys; a label or annotation key like `example.com/name` is one key. */
function keyPath(spec: string): string[] {
  return spec.includes('/') ? [spec] : spec.split('.');
}

function addRule(map: Map<string, SuffixRule[]>, parts: string[], value: string, topicId: string): void {
  const last = parts[parts.length - 1];
  const id = value ? last + '\u0000' + value : last;
  const rules = map.get(id) ?? [];
  rules.push({ suffix: parts.slice(0, -1), topicId });
  rules.sort((a, b) => b.suffix.length - a.suffix.length);
  map.set(id, rules);
}

function longestSuffix(rules: SuffixRule[] | undefined, path: readonly string[]): string | undefined {
  if (!rules) return undefined;
  for (const rule of rules) {
    if (rule.suffix.length > path.length) continue;
    let ok = true;
    for (let i = 1; i <= rule.suffix.length; i++) {
      if (rule.suffix[rule.suffix.length - i] !== path[path.length - i]) { ok = false; break; }
    }
    if (ok) return rule.topicId;
  }
  return undefined;
}
