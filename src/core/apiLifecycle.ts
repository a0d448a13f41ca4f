/**
 * The API lifecycle table (knowledge/api-lifecycle.yaml): when each built-in apiVersion/kind was introduced,
 * deprecated and removed, and what replaces it. The build parses and checks it here; the core looks facts up in the
 * compiled rows and says what they mean for the Kubernetes release a user targets.
 */
import { isAlias, isMap, isScalar } from 'yaml';
import type { Problem } from './model';
import { compareReleases, isRelease, NEWEST_RELEASE } from './releases';
import { checkUrl, safeHttpsUrl } from './urls';
import { readYamlList } from './yamlList';

/** One row of the table. Releases are minors written "1.16"; a fact nobody could vouch for is absent. */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** The first release that served it (alpha versions, and betas added since 1.24, must be enabled to be served). */
  introduced?: string;
  deprecated?: string;
  /** The first release that no longer serves it. */
  removed?: string;
  /** The apiVersion to move to; the kind stays the same. */
  replacement?: string;
  /** True when moving to `replacement` changes only `apiVersion`. */
  mechanical?: boolean;
  /** Which fields change and how, or what to do when nothing replaces it. */
  changes?: string;
  /** The official page the facts come from. */
  source?: string;
}

export type LifecycleStatus = 'served' | 'deprecated' | 'removed' | 'not-yet';

export interface LifecycleAtTarget {
  status: LifecycleStatus;
  /** One sentence or two for hovers and diagnostics, e.g. "Removed in 1.16; your target is 1.37. Use `apps/v1`." */
  message: string;
  /** The apiVersion to use instead at the target, when the table knows one that the target serves. */
  replacement?: string;
}

export interface ApiLifecycleTable {
  readonly rows: readonly ApiLifecycle[];
  /** The row of a built-in apiVersion/kind, or undefined for one the table does not know (custom resources). */
  lookup(apiVersion: string, kind: string): ApiLifecycle | undefined;
  /** What `entry` means for a cluster of release `target` ("1.37"). Throws when `target` is not a release. */
  at(entry: ApiLifecycle, target: string): LifecycleAtTarget;
}

const FIELDS = [
  'apiVersion',
  'kind',
  'introduced',
  'deprecated',
  'removed',
  'replacement',
  'mechanical',
  'changes',
  'source',
] as const;
type Field = (typeof FIELDS)[number];
const RELEASE_FIELDS: ReadonlySet<Field> = new Set(['introduced', 'deprecated', 'removed']);
const REQUIRED_FIELDS: readonly Field[] = ['apiVersion', 'kind', 'source'];
export const MAX_CHANGES_CHARS = 600;
/** `v1`, or `group/version` with a DNS-style group: `apps/v1`, `networking.k8s.io/v1beta1`. */
const API_VERSION =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\/)?v[1-9]\d*(?:(?:alpha|beta)[1-9]\d*)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const CONTROL_CHAR = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export interface ApiLifecycleParse {
  /** The rows that passed their own checks, in file order. */
  rows: ApiLifecycle[];
  problems: Problem[];
}

interface ParsedRow {
  row: ApiLifecycle;
  line: number;
  lines: Partial<Record<Field, number>>;
}

/** Parses and checks the table; every problem names its file and line. */
export function parseApiLifecycle(text: string, file: string): ApiLifecycleParse {
  const problems: Problem[] = [];
  const report = (line: number, message: string, column = 1) => problems.push({ file, line, column, message });
  const list = readYamlList(text, report, 'the table is a YAML list of rows, each starting with "- apiVersion: …"');
  if (!list) return { rows: [], problems };
  const { doc, lineOf } = list;

  const parsed: ParsedRow[] = [];
  for (const item of list.items) {
    const line = lineOf(item);
    if (!isMap(item)) {
      report(line, 'a row is a mapping of fields (apiVersion, kind, …, source)');
      continue;
    }
    const before = problems.length;
    const values: Partial<Record<Field, unknown>> = {};
    const lines: Partial<Record<Field, number>> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const keyLine = lineOf(pair.key);
      if (typeof key !== 'string' || !(FIELDS as readonly string[]).includes(key)) {
        report(keyLine, `unknown field "${String(key)}"; a row has ${FIELDS.join(', ')}`);
        continue;
      }
      const node = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      const field = key as Field;
      lines[field] = keyLine;
      const value = isScalar(node) ? node.value : node === null ? null : NOT_SCALAR;
      const problem = checkValue(field, value);
      if (problem) report(keyLine, problem);
      else values[field] = field === 'source' ? safeHttpsUrl(value as string) : value;
    }
    for (const field of REQUIRED_FIELDS) if (!(field in lines)) report(line, `a row needs "${field}"`);
    if (problems.length > before) continue;
    const row = toRow(values);
    const rowProblem = checkRow(row, lines, line);
    if (rowProblem) {
      report(rowProblem.line, rowProblem.message);
      continue;
    }
    parsed.push({ row, line, lines });
  }

  const byKey = new Map<string, ParsedRow>();
  for (const p of parsed) {
    const first = byKey.get(key(p.row.apiVersion, p.row.kind));
    if (first) report(p.line, `duplicate row for ${p.row.apiVersion} ${p.row.kind} (first at line ${first.line})`);
    else byKey.set(key(p.row.apiVersion, p.row.kind), p);
  }
  for (const p of parsed) {
    const problem = checkReplacement(p, byKey);
    if (problem) report(p.lines.replacement ?? p.line, problem);
  }
  return { rows: parsed.map(p => p.row), problems };
}

const NOT_SCALAR = Symbol('not a scalar');

function checkValue(field: Field, value: unknown): string | undefined {
  if (value === NOT_SCALAR) return `"${field}" must be a single value, not a list or mapping`;
  if (RELEASE_FIELDS.has(field)) {
    if (typeof value === 'number')
      return `"${field}" must be a quoted release such as "1.16" (YAML reads 1.20 as the number 1.2)`;
    if (typeof value !== 'string' || !isRelease(value))
      return `"${field}" ${JSON.stringify(value)} is not a release such as "1.16"`;
    if (compareReleases(value, NEWEST_RELEASE) > 0)
      return `"${field}" ${value} is newer than ${NEWEST_RELEASE}, the newest release the knowledge describes`;
    return undefined;
  }
  if (field === 'mechanical') return typeof value === 'boolean' ? undefined : '"mechanical" must be true or false';
  if (typeof value !== 'string' || value.trim() === '') return `"${field}" must be a non-empty string`;
  switch (field) {
    case 'apiVersion':
    case 'replacement':
      return API_VERSION.test(value) ? undefined : `"${field}" "${value}" is not an apiVersion such as apps/v1 or v1`;
    case 'kind':
      return KIND.test(value) ? undefined : `"kind" "${value}" is not a kind such as Deployment`;
    case 'changes':
      if (CONTROL_CHAR.test(value)) return '"changes" must be one paragraph without control characters';
      if (value.length > MAX_CHANGES_CHARS)
        return `"changes" is ${value.length} characters; at most ${MAX_CHANGES_CHARS}`;
      return undefined;
    case 'source': {
      const check = checkUrl(value);
      return check.ok ? undefined : `"source" ${check.reason}`;
    }
  }
  return undefined;
}

function toRow(values: Partial<Record<Field, unknown>>): ApiLifecycle {
  const row: Record<string, unknown> = {};
  for (const field of FIELDS) if (values[field] !== undefined) row[field] = values[field];
  return row as unknown as ApiLifecycle;
}

function checkRow(
  row: ApiLifecycle,
  lines: Partial<Record<Field, number>>,
  line: number,
): { line: number; message: string } | undefined {
  const order: Array<[Field, Field, (c: number) => boolean, string]> = [
    ['introduced', 'deprecated', c => c <= 0, 'may not come before'],
    ['deprecated', 'removed', c => c < 0, 'must come before'],
    ['introduced', 'removed', c => c < 0, 'must come before'],
  ];
  for (const [a, b, ok, words] of order) {
    const [ra, rb] = [row[a], row[b]];
    if (typeof ra === 'string' && typeof rb === 'string' && !ok(compareReleases(ra, rb)))
      return { line: lines[b] ?? line, message: `"${b}" ${rb}: "${a}" ${ra} ${words} it` };
  }
  if (row.mechanical !== undefined && row.replacement === undefined)
    return { line: lines.mechanical ?? line, message: '"mechanical" says how to move to a "replacement"; give one' };
  if (row.mechanical === true && row.changes !== undefined)
    return { line: lines.changes ?? line, message: 'a "mechanical" move changes only apiVersion: drop "changes"' };
  if (row.replacement === row.apiVersion)
    return { line: lines.replacement ?? line, message: '"replacement" names the row\'s own apiVersion' };
  return undefined;
}

function checkReplacement(p: ParsedRow, byKey: ReadonlyMap<string, ParsedRow>): string | undefined {
  const { replacement, kind, removed, apiVersion } = p.row;
  if (replacement === undefined) return undefined;
  const target = byKey.get(key(replacement, kind));
  if (!target) return `"replacement" ${replacement} has no row for ${kind}`;
  if (removed !== undefined && !servedAt(target.row, removed))
    return `"replacement" ${replacement} ${kind} is not served in ${removed}, when ${apiVersion} is removed`;
  const seen = new Set([apiVersion]);
  for (let next: ParsedRow | undefined = target; next; next = byKey.get(key(next.row.replacement ?? '', kind))) {
    if (seen.has(next.row.apiVersion)) return `"replacement" ${replacement} leads back to ${next.row.apiVersion}`;
    seen.add(next.row.apiVersion);
  }
  return undefined;
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function servedAt(row: ApiLifecycle, target: string): boolean {
  return (
    (row.introduced === undefined || compareReleases(row.introduced, target) <= 0) &&
    (row.removed === undefined || compareReleases(target, row.removed) < 0)
  );
}

function deprecatedAt(row: ApiLifecycle, target: string): boolean {
  return row.deprecated !== undefined && compareReleases(row.deprecated, target) <= 0;
}

/** A lookup and the target rule over checked rows (the compiled table, or a test's own). */
export function createApiLifecycleTable(rows: readonly ApiLifecycle[]): ApiLifecycleTable {
  const frozen = rows.map(row => Object.freeze({ ...row }));
  const byKey = new Map(frozen.map(row => [key(row.apiVersion, row.kind), row] as const));
  const lookup = (apiVersion: string, kind: string) => byKey.get(key(apiVersion, kind));

  /** Along the replacement chain: the first version the target serves undeprecated, else the first it serves. */
  const newerAt = (entry: ApiLifecycle, target: string): string | undefined => {
    let fallback: string | undefined;
    const seen = new Set([entry.apiVersion]);
    for (let next = entry.replacement; next !== undefined && !seen.has(next);) {
      seen.add(next);
      const row = lookup(next, entry.kind);
      if (!row) return fallback ?? next;
      if (servedAt(row, target)) {
        if (!deprecatedAt(row, target)) return next;
        fallback ??= next;
      }
      next = row.replacement;
    }
    return fallback;
  };

  const leadsTo = (row: ApiLifecycle, apiVersion: string): boolean => {
    const seen = new Set<string>();
    for (
      let next = row.replacement;
      next !== undefined && !seen.has(next);
      next = lookup(next, row.kind)?.replacement
    ) {
      if (next === apiVersion) return true;
      seen.add(next);
    }
    return false;
  };

  /** Another version of the same kind that the target serves: one of its group, or one whose replacements lead here. */
  const olderAt = (entry: ApiLifecycle, target: string): string | undefined => {
    const group = groupOf(entry.apiVersion);
    const older = frozen.filter(
      row =>
        row.kind === entry.kind &&
        row !== entry &&
        servedAt(row, target) &&
        (groupOf(row.apiVersion) === group || leadsTo(row, entry.apiVersion)),
    );
    return (older.find(row => !deprecatedAt(row, target)) ?? older[0])?.apiVersion;
  };

  const at = (entry: ApiLifecycle, target: string): LifecycleAtTarget => {
    compareReleases(target, target); // throws on a target that is no release
    const { introduced, deprecated, removed } = entry;
    const result = (status: LifecycleStatus, message: string, replacement?: string): LifecycleAtTarget =>
      replacement ? { status, message: `${message} Use \`${replacement}\`.`, replacement } : { status, message };
    const removal = removed ? `, removed in ${removed}.` : '.';
    if (introduced && compareReleases(target, introduced) < 0)
      return result('not-yet', `Not served before ${introduced}; your target is ${target}.`, olderAt(entry, target));
    if (removed && compareReleases(target, removed) >= 0)
      return result('removed', `Removed in ${removed}; your target is ${target}.`, newerAt(entry, target));
    if (deprecated && compareReleases(target, deprecated) >= 0)
      return result('deprecated', `Deprecated since ${deprecated}${removal}`, newerAt(entry, target));
    if (removed && !deprecated)
      return result(
        'deprecated',
        `Still served in ${target}, your target; removed in ${removed}.`,
        newerAt(entry, target),
      );
    if (deprecated) return result('served', `Served in ${target}, your target; deprecated in ${deprecated}${removal}`);
    return result('served', introduced ? `Served since ${introduced}.` : `Served in ${target}, your target.`);
  };

  return { rows: frozen, lookup, at };
}

export interface ReleaseChanges {
  release: string;
  introduced: ApiLifecycle[];
  deprecated: ApiLifecycle[];
  removed: ApiLifecycle[];
}

/** What each release introduced, deprecated and removed, oldest release first. */
export function changesByRelease(rows: readonly ApiLifecycle[]): ReleaseChanges[] {
  const byRelease = new Map<string, ReleaseChanges>();
  const add = (release: string | undefined, what: 'introduced' | 'deprecated' | 'removed', row: ApiLifecycle) => {
    if (release === undefined) return;
    let changes = byRelease.get(release);
    if (!changes) byRelease.set(release, (changes = { release, introduced: [], deprecated: [], removed: [] }));
    changes[what].push(row);
  };
  for (const row of rows) {
    add(row.introduced, 'introduced', row);
    add(row.deprecated, 'deprecated', row);
    add(row.removed, 'removed', row);
  }
  return [...byRelease.values()].sort((a, b) => compareReleases(a.release, b.release));
}
