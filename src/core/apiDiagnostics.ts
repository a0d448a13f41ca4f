/**
 * Diagnostics for built-in apiVersions the target Kubernetes release does not serve (any more, or yet).
 *
 * Two steps keep it fast and free of false alarms. A line scan finds each document's top-level `apiVersion:` and
 * `kind:` (column 0 in YAML, depth 1 in JSON) without parsing; most manifests stop there, as their APIs are current.
 * A document that would get a diagnostic is then parsed once (cached by content) to confirm that it is valid and that
 * the scan read its keys right. A document with a key twice (Helm `if`/`else` branches) gets nothing: which one
 * applies depends on the cluster.
 */
import { isMap } from 'yaml';
import type { ApiLifecycle } from './apiLifecycle';
import { apiLifecycle, lifecycleAt } from './builtinApiLifecycle';
import { hashKey } from './hash';
import {
  blankTemplates,
  MAX_PARSE_DEPTH,
  nestsDeeperThan,
  OverBudget,
  parseDocumentWithinBudget,
  splitYamlDocuments,
} from './yamlContext';

export type ApiDiagnosticSeverity = 'error' | 'warning' | 'information';

export interface ApiDiagnostic {
  /** The range of the `apiVersion` value (quotes excluded). */
  start: number;
  end: number;
  severity: ApiDiagnosticSeverity;
  message: string;
  /** The apiVersion to use instead at the target. */
  replacement?: string;
  apiVersion: string;
  kind: string;
  /** Where the `kind` value starts (its topic has the migration notes). */
  kindStart: number;
  /** True when moving to `replacement` changes only `apiVersion`. */
  mechanical?: boolean;
  /** What else changes when moving to `replacement`, or what to do when nothing replaces it. */
  changes?: string;
}

export interface DiagnosticsOptions {
  /** The target release, "1.37". */
  kubernetesVersion: string;
}

/** Manifest languages: prose (Markdown, text) gets no diagnostics. */
export const DIAGNOSED_LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'helm', 'json', 'jsonc']);

/** The top-level `apiVersion` and `kind` of one document, with the ranges of their values. */
export interface ManifestHeader {
  apiVersion: string;
  apiVersionStart: number;
  apiVersionEnd: number;
  kind: string;
  kindStart: number;
  kindEnd: number;
  /** The document's range in the text. */
  start: number;
  end: number;
}

export interface DiagnosticsLimits {
  /** Texts above this get no diagnostics (the index's limit for parsing a document). */
  maxDocumentChars: number;
  /** A document above this is never parsed, so it gets no diagnostic (the index's limit for one YAML document). */
  maxSegmentChars: number;
}

export interface ApiDiagnostics {
  diagnostics(text: string, languageId: string, options: DiagnosticsOptions): ApiDiagnostic[];
}

const VERIFIED_CACHE_SIZE = 1024;

export function createApiDiagnostics(limits: DiagnosticsLimits): ApiDiagnostics {
  const verified = new Map<string, boolean>();

  const confirmed = (source: string, header: ManifestHeader, json: boolean): boolean => {
    if (source.length > limits.maxSegmentChars) return false;
    const key = hashKey(source);
    let ok = verified.get(key);
    if (ok === undefined) {
      ok = (json ? parsesAsJson : parsesAsYaml)(source, header);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    } else verified.delete(key); // keep recently used ones at the end
    verified.set(key, ok);
    return ok;
  };

  return {
    diagnostics(text, languageId, { kubernetesVersion }) {
      if (!DIAGNOSED_LANGUAGES.has(languageId) || text.length > limits.maxDocumentChars) return [];
      const json = languageId === 'json' || languageId === 'jsonc';
      const found = json ? jsonHeaders(text) : yamlHeaders(text);
      const out: ApiDiagnostic[] = [];
      for (const { header, source } of found) {
        const diagnostic = diagnose(header, kubernetesVersion);
        if (diagnostic && confirmed(source.slice(header.start, header.end), header, json)) out.push(diagnostic);
      }
      return out;
    },
  };
}

type Verdict = Omit<ApiDiagnostic, 'start' | 'end' | 'kindStart'>;
/** Verdicts per target and table row: at most rows × releases entries, as unknown APIs are not kept. */
const verdicts = new Map<string, Verdict | null>();

/** What the target release means for one document's apiVersion, or undefined when all is well or unknown. */
function diagnose(header: ManifestHeader, target: string): ApiDiagnostic | undefined {
  const key = `${target} ${header.apiVersion} ${header.kind}`;
  let v = verdicts.get(key);
  if (v === undefined) {
    const entry = apiLifecycle(header.apiVersion, header.kind);
    if (!entry) return undefined;
    v = verdict(entry, target) ?? null;
    verdicts.set(key, v);
  }
  return v
    ? { ...v, start: header.apiVersionStart, end: header.apiVersionEnd, kindStart: header.kindStart }
    : undefined;
}

function verdict(entry: ApiLifecycle, target: string): Verdict | undefined {
  const at = lifecycleAt(entry, target);
  const severity: ApiDiagnosticSeverity | undefined =
    at.status === 'removed' || at.status === 'not-yet'
      ? 'error'
      : at.status === 'deprecated'
        ? 'warning'
        : entry.deprecated || entry.removed
          ? 'information'
          : undefined;
  if (!severity) return undefined;
  const move = at.replacement ? moveBetween(entry.kind, entry.apiVersion, at.replacement) : undefined;
  const changes =
    severity === 'information'
      ? undefined
      : at.replacement
        ? move?.mechanical
          ? undefined
          : move?.changes
        : entry.changes;
  let message = `${entry.apiVersion} ${entry.kind}: ${plain(at.message)}`;
  if (changes) message += at.replacement ? ` More than apiVersion changes: ${plain(changes)}` : ` ${plain(changes)}`;
  const result: Verdict = { severity, message, apiVersion: entry.apiVersion, kind: entry.kind };
  if (at.replacement) {
    result.replacement = at.replacement;
    result.mechanical = move?.mechanical ?? false;
  }
  if (changes) result.changes = changes;
  return result;
}

/**
 * Whether moving `kind` between two apiVersions changes only apiVersion, following the replacement chain either way
 * (forward for removed APIs, backward for a target older than the API); with the fields that change when it does not.
 */
export function moveBetween(
  kind: string,
  from: string,
  to: string,
): { mechanical: boolean; changes?: string } | undefined {
  for (const [a, b] of [
    [from, to],
    [to, from],
  ]) {
    const steps: ApiLifecycle[] = [];
    const seen = new Set<string>();
    for (
      let row = apiLifecycle(a, kind);
      row && !seen.has(row.apiVersion);
      row = apiLifecycle(row.replacement ?? '', kind)
    ) {
      seen.add(row.apiVersion);
      if (row.apiVersion === b) {
        const changes = steps.flatMap(s => (s.changes ? [s.changes] : [])).join(' ');
        return steps.every(s => s.mechanical === true)
          ? { mechanical: true }
          : { mechanical: false, changes: changes || undefined };
      }
      steps.push(row);
    }
  }
  return undefined;
}

/** The one line a hover adds on `apiVersion:` or `kind:` for the target, or undefined for unknown APIs. */
export function lifecycleLine(apiVersion: string, kind: string, target: string): string | undefined {
  const entry = apiLifecycle(apiVersion, kind);
  return entry ? lifecycleAt(entry, target).message : undefined;
}

/** The header of the document whose top-level `apiVersion` or `kind` value holds `offset`, if any. */
export function manifestHeaderAt(text: string, languageId: string, offset: number): ManifestHeader | undefined {
  if (!DIAGNOSED_LANGUAGES.has(languageId)) return undefined;
  const json = languageId === 'json' || languageId === 'jsonc';
  for (const { header } of json ? jsonHeaders(text) : yamlHeaders(text)) {
    if (offset >= header.apiVersionStart && offset <= header.apiVersionEnd) return header;
    if (offset >= header.kindStart && offset <= header.kindEnd) return header;
  }
  return undefined;
}

/** A short hint from a row's `changes` for a menu title: its first clause, without Markdown or parentheses. */
export function migrationHint(changes: string, maxChars = 60): string {
  const first = changes
    .split(/;|\.(?:\s|$)/)[0]
    .replace(/\([^)]*\)/g, '')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return first.length <= maxChars ? first : `${first.slice(0, maxChars - 1).trimEnd()}…`;
}

/** Hovers and the Problems panel show text, not Markdown. */
function plain(message: string): string {
  return message.replace(/`/g, '');
}

interface FoundHeader {
  header: ManifestHeader;
  /** The text the header's offsets refer to, templates or comments blanked: what verification parses. */
  source: string;
}

/** A column-0 `apiVersion:`/`kind:` key, quoted or not. */
const YAML_TOP_KEY = /^\uFEFF?(["']?)(apiVersion|kind)\1[ \t]*:(?=[ \t\r\n]|$)/gm;
/** The value after the colon: a plain or quoted token such as `apps/v1`, then maybe a comment. */
const YAML_VALUE =
  /^[ \t]*(?:"([A-Za-z0-9][\w./-]*)"|'([A-Za-z0-9][\w./-]*)'|([A-Za-z0-9][\w./-]*))(?:[ \t]+#.*)?[ \t]*\r?$/;

interface KeyHit {
  key: 'apiVersion' | 'kind';
  value?: string;
  start: number;
  end: number;
}

function yamlHeaders(text: string): FoundHeader[] {
  const source = text.includes('{{') ? blankTemplates(text) : text;
  const segments = splitYamlDocuments(source);
  const out: FoundHeader[] = [];
  let s = 0;
  let hits: KeyHit[] = [];
  const flush = () => {
    const header = segments[s] && headerOf(hits, segments[s].start, segments[s].end);
    if (header) out.push({ header, source });
    hits = [];
  };
  const keys = new RegExp(YAML_TOP_KEY.source, YAML_TOP_KEY.flags);
  for (let m = keys.exec(source); m; m = keys.exec(source)) {
    while (s < segments.length && m.index >= segments[s].end) {
      flush();
      s++;
    }
    if (s >= segments.length) break;
    if (m.index < segments[s].start) continue; // a marker line
    const valueStart = m.index + m[0].length;
    let lineEnd = source.indexOf('\n', valueStart);
    if (lineEnd < 0) lineEnd = source.length;
    const v = YAML_VALUE.exec(source.slice(valueStart, lineEnd));
    const key = m[2] as KeyHit['key'];
    const value = v ? (v[1] ?? v[2] ?? v[3]) : undefined;
    if (!v || value === undefined) {
      hits.push({ key, start: valueStart, end: valueStart });
      continue;
    }
    const at = valueStart + (v[0].length - v[0].trimStart().length) + (v[3] === undefined ? 1 : 0);
    hits.push({ key, value, start: at, end: at + value.length });
  }
  flush();
  return out;
}

function headerOf(hits: readonly KeyHit[], start: number, end: number): ManifestHeader | undefined {
  const apiVersions = hits.filter(h => h.key === 'apiVersion');
  const kinds = hits.filter(h => h.key === 'kind');
  if (apiVersions.length !== 1 || kinds.length !== 1) return undefined;
  const [a, k] = [apiVersions[0], kinds[0]];
  if (a.value === undefined || k.value === undefined) return undefined;
  return {
    apiVersion: a.value,
    apiVersionStart: a.start,
    apiVersionEnd: a.end,
    kind: k.value,
    kindStart: k.start,
    kindEnd: k.end,
    start,
    end,
  };
}

/**
 * The depth-1 `apiVersion`/`kind` of a JSON object, comments blanked. Gives nothing for a root that is not an object,
 * an unclosed string, comment or bracket, or a bracket that does not match.
 */
function jsonHeaders(text: string): FoundHeader[] {
  const stack: number[] = [];
  const hits: KeyHit[] = [];
  let comments: Array<[number, number]> | undefined;
  let lastString: { start: number; end: number } | undefined;
  let valueOf: KeyHit['key'] | undefined;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || (c === 0xfeff && i === 0)) continue;
    if (c === 47 /* / */ && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      let end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i);
      if (end < 0) {
        if (block) return [];
        end = text.length;
      } else if (block) end += 2;
      (comments ??= []).push([i, end]);
      i = end - 1;
      continue;
    }
    if (closed) return []; // something after the root object
    if (stack.length === 0 && c !== 123 /* { */) return [];
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length || text[j] !== '"') return [];
      if (stack.length === 1) {
        if (valueOf) {
          const value = text.slice(i + 1, j);
          if (!value.includes('\\')) hits.push({ key: valueOf, value, start: i + 1, end: j });
          else hits.push({ key: valueOf, start: i + 1, end: i + 1 });
          valueOf = undefined;
        } else lastString = { start: i + 1, end: j };
      }
      i = j;
      continue;
    }
    if (stack.length === 1 && c === 58 /* : */ && lastString) {
      const key = text.slice(lastString.start, lastString.end);
      if (key === 'apiVersion' || key === 'kind') valueOf = key;
      lastString = undefined;
      continue;
    }
    if (stack.length === 1 && valueOf) {
      hits.push({ key: valueOf, start: i, end: i }); // not a string: counts, gives nothing
      valueOf = undefined;
    }
    lastString = undefined;
    if (c === 123 || c === 91 /* [ */) stack.push(c);
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (stack.pop() !== (c === 125 ? 123 : 91)) return [];
      if (stack.length === 0) closed = true;
    }
  }
  if (!closed) return [];
  const header = headerOf(hits, 0, text.length);
  if (!header) return [];
  let source = text;
  if (comments) {
    source = '';
    let copied = 0;
    for (const [from, to] of comments) {
      source += text.slice(copied, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
      copied = to;
    }
    source += text.slice(copied);
  }
  return [{ header, source }];
}

function parsesAsYaml(source: string, header: ManifestHeader): boolean {
  if (nestsDeeperThan(source, MAX_PARSE_DEPTH)) return false;
  let doc: ReturnType<typeof parseDocumentWithinBudget>;
  try {
    doc = parseDocumentWithinBudget(source);
  } catch (error) {
    // Past the parse budget the line scan's one top-level apiVersion and kind stand: a removed API in a big CRD
    // matters more than a broken document elsewhere in it.
    return error instanceof OverBudget;
  }
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents)) return false;
  const root = doc.contents;
  return (root.get('apiVersion') as unknown) === header.apiVersion && (root.get('kind') as unknown) === header.kind;
}

function parsesAsJson(source: string, header: ManifestHeader): boolean {
  try {
    const root: unknown = JSON.parse(source);
    return (
      typeof root === 'object' &&
      root !== null &&
      (root as Record<string, unknown>).apiVersion === header.apiVersion &&
      (root as Record<string, unknown>).kind === header.kind
    );
  } catch {
    return false;
  }
}
