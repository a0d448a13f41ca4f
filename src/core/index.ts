/** The public core API: build an index from topics, then ask what concept stands at an offset of a document. */
import { matchPlain, nameReach, NameTable, type Match } from './matcher';
import { createApiDiagnostics, type ApiDiagnostic, type DiagnosticsOptions } from './apiDiagnostics';
import { BUILTIN_VALUE_TABLES, type ValueTables } from './builtinValueTables';
import { explainValue, FieldValueTable } from './fieldValues';
import { findFences } from './fences';
import { licenceHeaderEnd } from './licenceHeader';
import { WORD } from './names';
import type { Topic } from './model';
import { SegmentCache } from './segmentCache';
import {
  apiVersionContext,
  customKindOf,
  fieldContext,
  isSettingValue,
  keyRole,
  kindContext,
  projectKey,
  projectOfGroup,
  type CustomKind,
} from './customResources';
import {
  hasScalarValue,
  locate,
  ManifestTable,
  MAX_PARSED_SEGMENT_CHARS,
  parseSegment,
  splitYamlDocuments,
  type ParsedSegment,
  type YamlSegment,
} from './yamlContext';

export * from './model';
export {
  parseTopicFile,
  checkTopicBytes,
  tooLargeProblem,
  MAX_TOPIC_FILE_BYTES,
  type ParsedTopic,
  type ParseResult,
} from './parse';
export { checkUrl, safeHttpsUrl, type UrlCheck } from './urls';
export { isTopicId, toTopicId, topicIdOfHref } from './ids';
export { findTopicByName, topicsNamed } from './lookup';
export { findFences, withoutFences, type FencedBlock } from './fences';
export { compileTopics, type CompileInput, type CompileResult } from './compile';
export { buildHoverMarkdown, type HoverLabels, type HoverOptions } from './hoverText';
export { CHAPTERS, groupByChapter, type Chapter } from './learningPath';
export {
  packTopics,
  packedPageGroups,
  readPagesAhead,
  unpackKnowledge,
  unpackTopics,
  PACK_FILES,
  type PackedKnowledge,
} from './knowledgePack';
export { mentionIndex } from './mentions';
export { checkStages, stageAt, type StageAtTarget, type StagesCheck } from './featureStages';
export {
  compareReleases,
  isRelease,
  parseRelease,
  parseTargetVersion,
  releasesNewestFirst,
  NEWEST_RELEASE,
  OLDEST_DESCRIBED_RELEASE,
  type Release,
  type TargetVersion,
} from './releases';
export {
  changesByRelease,
  createApiLifecycleTable,
  parseApiLifecycle,
  type ApiLifecycle,
  type ApiLifecycleParse,
  type ApiLifecycleTable,
  type LifecycleAtTarget,
  type LifecycleStatus,
  type ReleaseChanges,
} from './apiLifecycle';
export { apiLifecycle, lifecycleAt, BUILTIN_API_LIFECYCLE } from './builtinApiLifecycle';
export {
  DIAGNOSED_LANGUAGES,
  lifecycleLine,
  manifestHeaderAt,
  migrationHint,
  moveBetween,
  type ApiDiagnostic,
  type ApiDiagnosticSeverity,
  type DiagnosticsOptions,
  type ManifestHeader,
} from './apiDiagnostics';

export interface ConceptHit extends Match {
  /** One line about where the term stands, e.g. "Field `spec.replicas` of this Deployment." */
  context?: string;
}

export interface DocumentConcepts {
  conceptAt(offset: number): ConceptHit | undefined;
  /** Every concept in the document, in order, at most `limit` of them, found within the time budget. */
  occurrences(limit?: number, budget?: Partial<ScanBudget>): Occurrences;
}

/** How long a scan may take, and the clock it reads (injectable, so tests are deterministic). */
export interface ScanBudget {
  ms: number;
  now: () => number;
}

/** "In This File" reruns after every edit while it is visible: a scan stops after this long and says so. */
export const SCAN_BUDGET_MS = 200;

/** The concepts a scan found; `stopped` says why it did not cover the whole document (then `hits` may be partial). */
export interface Occurrences {
  hits: ConceptHit[];
  complete: boolean;
  stopped?: ScanStop;
}

export type ScanStop =
  | { reason: 'too-large'; chars: number; maxChars: number }
  | { reason: 'too-many'; limit: number }
  /** The time budget ran out; everything before offset `scanned` was scanned. */
  | { reason: 'time'; scanned: number; ms: number };

/** Documents above this size get no full scan for "In This File". */
export const MAX_SCANNED_DOCUMENT_CHARS = 2 * 1024 * 1024;

export interface ConceptIndex {
  readonly topics: readonly Topic[];
  get(topicId: string): Topic | undefined;
  /** The concept at `offset` of `text` (a one-document cache makes repeated calls on the same text cheap). */
  conceptAt(text: string, offset: number, languageId: string): ConceptHit | undefined;
  /** A reusable view of one document version: parse work is done lazily, per YAML document, and shared. */
  analyze(text: string, languageId: string): DocumentConcepts;
  /** The parse cache's own accounting: it is bounded by characters of source, whatever the edits. */
  parseCacheStats(): { entries: number; sourceChars: number; maxSourceChars: number };
  /** Built-in apiVersions that the target release does not serve, or deprecates (see apiDiagnostics.ts). */
  diagnostics(text: string, languageId: string, options: DiagnosticsOptions): ApiDiagnostic[];
}

/** Documents above this size are matched line by line, without YAML parsing. */
export const MAX_PARSED_DOCUMENT_CHARS = 2 * 1024 * 1024;
const YAML_LANGUAGES = new Set(['yaml', 'helm', 'json', 'jsonc', 'dockercompose', 'github-actions-workflow']);
/** Fenced blocks in Markdown that get YAML context. */
const YAML_FENCE_LANGUAGES = new Set(['yaml', 'yml', 'json', 'jsonc']);
const API_GROUPS_TOPIC = 'api-groups';

export function createConceptIndex(topics: readonly Topic[], tables: ValueTables = BUILTIN_VALUE_TABLES): ConceptIndex {
  const byId = new Map(topics.map(t => [t.id, t] as const));
  const names = new NameTable(topics, tables.wellKnownKeys);
  const manifests = new ManifestTable(topics);
  const hasTopic = (id: string) => byId.has(id);
  const fieldValues = new FieldValueTable(tables.fieldValues, hasTopic);
  const segmentCache = new SegmentCache();
  let last: { text: string; languageId: string; doc: DocumentConcepts } | undefined;
  const apiDiagnostics = createApiDiagnostics({
    maxDocumentChars: MAX_PARSED_DOCUMENT_CHARS,
    maxSegmentChars: MAX_PARSED_SEGMENT_CHARS,
  });

  const parsedSegment = (text: string, segment: YamlSegment): ParsedSegment => {
    if (segment.parsed) return segment.parsed;
    if (segment.end - segment.start > MAX_PARSED_SEGMENT_CHARS)
      return (segment.parsed = { entries: [], skipped: 'too-large' });
    return (segment.parsed = segmentCache.get(text.slice(segment.start, segment.end), parseSegment));
  };

  /**
   * A value of a custom resource's own field: a kind or an API group it refers to, or a setting its project names
   * (`mode: ISTIO_MUTUAL`). Names, durations and expressions (PromQL) get no hover.
   */
  const customValue = (
    custom: CustomKind,
    path: readonly string[],
    key: string,
    value: string,
    start: number,
    end: number,
  ) => {
    const hit = (topicId: string, what: string): ConceptHit => ({
      topicId,
      start,
      end,
      context: fieldContext(custom, path, key, what),
    });
    if (key === 'kind') {
      const topicId = manifests.kind(value);
      return topicId ? hit(topicId, 'Kind named by') : undefined;
    }
    if (key === 'group' || key === 'apiGroup') {
      const topicId = projectOfGroup(value)?.topics.find(id => byId.has(id));
      return topicId ? hit(topicId, 'API group named by') : undefined;
    }
    // A Kubernetes setting keeps its meaning (a generated Secret's `type: Opaque`, a port's `protocol: TCP`).
    const known = manifests.value(path, key, value);
    if (known) return hit(known, 'Value of');
    if (custom.project && isSettingValue(key, value)) return hit(custom.topicId, 'Value of');
    return undefined;
  };

  /** Once per parsed document: a scan asks for every word. */
  const customKinds = new WeakMap<ParsedSegment, CustomKind | null>();
  const customKindOfSegment = (parsed: ParsedSegment): CustomKind | undefined => {
    let custom = customKinds.get(parsed);
    if (custom === undefined) {
      custom =
        customKindOf(
          parsed.apiVersion,
          parsed.kind,
          kind => manifests.kind(kind),
          id => byId.has(id),
        ) ?? null;
      customKinds.set(parsed, custom);
    }
    return custom ?? undefined;
  };

  const yamlConceptAt = (text: string, segments: YamlSegment[], offset: number): ConceptHit | undefined => {
    const segment = findSegment(segments, offset);
    if (!segment) return matchPlain(names, text, offset);
    const parsed = parsedSegment(text, segment);
    const hit = locate(parsed, offset - segment.start);
    if (!hit) return matchPlain(names, text, offset);
    const base = segment.start;
    const kind = hit.kind ?? parsed.kind;
    const inKind = kind ? ` of this ${kind}` : '';
    const custom = customKindOfSegment(parsed);
    const at = (topicId: string, context: string): ConceptHit => ({
      topicId,
      start: base + hit.start,
      end: base + hit.end,
      context,
    });
    if (hit.at === 'key') {
      if (custom) {
        const role = keyRole(hit.path, hit.key, () => hasScalarValue(parsed, hit, text, base));
        if (role === 'field') return at(custom.topicId, fieldContext(custom, hit.path, hit.key));
        // A name the author chose: only a prefixed one (`app.kubernetes.io/name`) can be a well-known key.
        if (role === 'name' && !hit.key.includes('/')) return undefined;
      }
      const wellKnown = names.wellKnownKeys.get(hit.key);
      if (wellKnown?.context) return at(wellKnown.topicId, wellKnown.context);
      const topicId = manifests.key(hit.path, hit.key, kind);
      if (topicId) return at(topicId, `Field \`${[...hit.path, hit.key].join('.')}\`${inKind}.`);
      const owned = projectKey(hit.path, hit.key, id => byId.has(id));
      if (owned) return at(owned.topicId, owned.context);
    } else if (hit.value !== undefined) {
      // A Helm action inside a value (`name: {{ .Release.Name }}-web`) is template code, not the value's data.
      const action = templateActionAt(text, offset);
      if (action) return matchPlain(names, text, offset, action.start, action.end);
      const value = hit.value;
      if (hit.path.length === 0 && hit.key === 'kind') {
        if (custom) return at(custom.topicId, kindContext(custom));
        const topicId = manifests.kind(value);
        if (topicId) {
          const version = parsed.apiVersion ? ` (\`apiVersion: ${parsed.apiVersion}\`)` : '';
          return at(topicId, `The kind of this manifest${version}.`);
        }
      } else if (hit.key === 'apiVersion' && (hit.path.length === 0 || custom) && byId.has(API_GROUPS_TOPIC)) {
        return at(API_GROUPS_TOPIC, apiVersionContext(value));
      } else if (custom && keyRole(hit.path, hit.key, () => true) !== 'kubernetes') {
        return customValue(custom, hit.path, hit.key, value, base + hit.start, base + hit.end);
      } else {
        // A well-known key as a value (`topologyKey: topology.kubernetes.io/zone`, a toleration's `key`).
        const wellKnown = names.wellKnownKeys.get(value);
        if (wellKnown?.context) return at(wellKnown.topicId, wellKnown.context);
        const manifest = { kind, apiVersion: parsed.apiVersion };
        const valueStart = base + hit.start;
        const valueEnd = base + hit.end;
        const namedByValue = () => {
          const whole = matchPlain(names, text, valueStart, valueStart, valueEnd);
          return whole && text.slice(whole.start, whole.end) === value ? whole.topicId : undefined;
        };
        const meaning = explainValue(
          manifests,
          fieldValues,
          hit.path,
          hit.key,
          value,
          manifest,
          hasTopic,
          namedByValue,
        );
        if (meaning && meaning !== 'silent') return { ...meaning, start: valueStart, end: valueEnd };
        if (meaning === 'silent') {
          // data of a known field (an image, a path, a port name): only a name that is the whole value explains it
          const whole = matchPlain(names, text, offset, base + hit.start, base + hit.end);
          return whole && text.slice(whole.start, whole.end) === value ? whole : undefined;
        }
      }
      // A path (`mountPath: /cache`, `path: /healthz`) names a place in a file system or a URL, not a concept.
      if (PATH_KEY.test(hit.key)) return undefined;
      const naming = NAMING_KEY.test(hit.key);
      const match = matchPlain(names, text, offset, base + hit.start, base + hit.end, naming);
      // A value that names an object is an identifier: `name: coredns` is CoreDNS, but the `pod` in
      // `name: pod-reader-binding` or the `pvc` in `claimName: data-pvc` explains nothing.
      if (match && naming && text.slice(match.start, match.end) !== value) return undefined;
      return match;
    }
    return matchPlain(names, text, offset);
  };

  const analyze = (text: string, languageId: string): DocumentConcepts => {
    const finder = withoutLicenceHeader(text, languageId, conceptFinder(text, languageId));
    return {
      conceptAt: finder.conceptAt,
      occurrences: (limit = 10000, budget = {}) =>
        scan(text, finder, (start, end) => nameReach(names, text, start, end), limit, {
          ms: budget.ms ?? SCAN_BUDGET_MS,
          now: budget.now ?? (() => performance.now()),
        }),
    };
  };

  /** Whether `offset` is on a key or value of the YAML outline (else only plain matching can find a concept there). */
  const outlined = (text: string, segments: YamlSegment[], offset: number): boolean => {
    const segment = findSegment(segments, offset);
    if (!segment) return false;
    return safely(
      () => locate(parsedSegment(text, segment), offset - segment.start) !== undefined,
      () => false,
    );
  };

  /** `conceptAt` for one document, and `plainOnly`: whether an offset gets plain matching only. */
  const conceptFinder = (text: string, languageId: string): ConceptFinder => {
    const big = text.length > MAX_PARSED_DOCUMENT_CHARS;
    if (!big && YAML_LANGUAGES.has(languageId)) {
      const isJson = languageId === 'json' || languageId === 'jsonc';
      const segments = isJson ? [{ start: 0, end: text.length }] : splitYamlDocuments(text);
      return {
        conceptAt: offset =>
          validOffset(text, offset)
            ? safely(
                () => yamlConceptAt(text, segments, offset),
                () => matchPlain(names, text, offset),
              )
            : undefined,
        plainOnly: offset => !outlined(text, segments, offset),
      };
    }
    if (!big && languageId === 'markdown') {
      const fences: MarkdownFence[] = findFences(text).map(f => ({
        start: f.start,
        end: f.end,
        contentStart: f.contentStart,
        contentEnd: f.contentEnd,
        yaml: YAML_FENCE_LANGUAGES.has(f.language),
      }));
      const fenceSegments = (fence: MarkdownFence) =>
        (fence.segments ??= splitYamlDocuments(text, fence.contentStart, fence.contentEnd));
      return {
        conceptAt: offset => {
          if (!validOffset(text, offset)) return undefined;
          const fence = fenceAt(fences, offset);
          if (!fence) return onFenceLine(fences, offset) ? undefined : matchPlain(names, text, offset);
          if (!fence.yaml) return matchPlain(names, text, offset, fence.contentStart, fence.contentEnd);
          return safely(
            () => yamlConceptAt(text, fenceSegments(fence), offset),
            () => matchPlain(names, text, offset, fence.contentStart, fence.contentEnd),
          );
        },
        plainOnly: offset => {
          const fence = fenceAt(fences, offset);
          return !fence?.yaml || !outlined(text, fenceSegments(fence), offset);
        },
      };
    }
    return {
      conceptAt: offset => (validOffset(text, offset) ? matchPlain(names, text, offset) : undefined),
      plainOnly: () => true,
    };
  };

  return {
    topics,
    get: id => byId.get(id),
    analyze,
    parseCacheStats: () => segmentCache.stats,
    diagnostics: (text, languageId, options) => apiDiagnostics.diagnostics(text, languageId, options),
    conceptAt(text, offset, languageId) {
      if (!last || last.text !== text || last.languageId !== languageId)
        last = { text, languageId, doc: analyze(text, languageId) };
      return last.doc.conceptAt(offset);
    },
  };
}

/** YAML context is a refinement: if it fails on some input, plain matching still answers. */
function safely<T>(refined: () => T, plain: () => T): T {
  try {
    return refined();
  } catch {
    return plain();
  }
}

/**
 * Tries every word start once, skipping past each concept found, until the deadline. Plain matching can only find a
 * name that some word reaches (see `nameReach`): the other words are skipped without matching around them.
 */
function scan(
  text: string,
  finder: ConceptFinder,
  reachOf: (start: number, end: number) => number,
  limit: number,
  budget: ScanBudget,
): Occurrences {
  if (text.length > MAX_SCANNED_DOCUMENT_CHARS)
    return {
      hits: [],
      complete: false,
      stopped: { reason: 'too-large', chars: text.length, maxChars: MAX_SCANNED_DOCUMENT_CHARS },
    };
  const hits: ConceptHit[] = [];
  const deadline = budget.now() + budget.ms;
  let words = 0;
  let reach = 0;
  const word = new RegExp(WORD.source, WORD.flags); // its own lastIndex: conceptAt uses the shared WORD
  for (let m = word.exec(text); m; m = word.exec(text)) {
    // The clock is read every few words: a word costs microseconds, a reading of the clock is not free either.
    if (++words % 32 === 0 && budget.now() > deadline)
      return { hits, complete: false, stopped: { reason: 'time', scanned: m.index, ms: budget.ms } };
    const start = m.index;
    reach = Math.max(reach, reachOf(start, start + m[0].length));
    if (start >= reach && finder.plainOnly(start)) continue;
    const hit = finder.conceptAt(start);
    if (hit && hit.end > start) {
      if (hits.length === limit) return { hits, complete: false, stopped: { reason: 'too-many', limit } };
      hits.push(hit);
      // The words passed over may start names that reach beyond the concept.
      for (let inside = word.exec(text); inside && inside.index < hit.end; inside = word.exec(text))
        reach = Math.max(reach, reachOf(inside.index, inside.index + inside[0].length));
      word.lastIndex = hit.end;
    }
  }
  return { hits, complete: true };
}

/** The `{{ … }}` action around `offset` on its line, looking at most 256 characters each way (actions are short). */
function templateActionAt(text: string, offset: number): { start: number; end: number } | undefined {
  const from = Math.max(0, offset - 256);
  const before = text.slice(from, offset + 1);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('\n', open) >= 0 || before.indexOf('}}', open + 2) >= 0) return undefined;
  const after = text.slice(from + open, offset + 256);
  const close = after.indexOf('}}', 2);
  if (close < 0 || after.lastIndexOf('\n', close) >= 0) return undefined;
  return { start: from + open, end: from + open + close + 2 };
}

function validOffset(text: string, offset: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset < text.length;
}

/** The range holding `offset`, by binary search over ranges sorted and not overlapping; `start`/`end` pick the ends. */
function rangeAt<R>(
  ranges: readonly R[],
  offset: number,
  start: (r: R) => number,
  end: (r: R) => number,
): R | undefined {
  let lo = 0,
    hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < start(ranges[mid])) hi = mid - 1;
    else if (offset >= end(ranges[mid])) lo = mid + 1;
    else return ranges[mid];
  }
  return undefined;
}

function findSegment(segments: readonly YamlSegment[], offset: number): YamlSegment | undefined {
  return rangeAt(
    segments,
    offset,
    s => s.start,
    s => s.end,
  );
}

/** The fence whose content holds `offset`. */
function fenceAt<F extends { contentStart: number; contentEnd: number }>(fences: readonly F[], offset: number) {
  return rangeAt(
    fences,
    offset,
    f => f.contentStart,
    f => f.contentEnd,
  );
}

/** Whether `offset` is on the opening line of a fence (its info string, ```yaml title="x"```) or its closing line. */
function onFenceLine(fences: readonly MarkdownFence[], offset: number): boolean {
  const f = rangeAt(
    fences,
    offset,
    f => f.start,
    f => f.end,
  );
  return !!f && (offset < f.contentStart || offset >= f.contentEnd);
}

/** A licence header at the top of the document gets no hovers. */
function withoutLicenceHeader(text: string, languageId: string, finder: ConceptFinder): ConceptFinder {
  const headerEnd = licenceHeaderEnd(text, languageId);
  if (headerEnd === 0) return finder;
  return {
    conceptAt: offset => (offset < headerEnd ? undefined : finder.conceptAt(offset)),
    plainOnly: offset => offset < headerEnd || finder.plainOnly(offset),
  };
}

interface ConceptFinder {
  conceptAt(offset: number): ConceptHit | undefined;
  plainOnly(offset: number): boolean;
}

interface MarkdownFence {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  yaml: boolean;
  segments?: YamlSegment[];
}

/** Keys whose values are names chosen for objects: `name`, `generateName`, `claimName`, `secretName`, `job_name`. */
const NAMING_KEY = /^(?:name|generateName)$|[a-z]Name$|_name$/;

/** Keys whose values are paths: `path`, `mountPath`, `subPath`, `terminationMessagePath`. */
const PATH_KEY = /^path$|[a-z]Path$/;
