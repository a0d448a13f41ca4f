/**
 * Two knowledge tables about what manifests write as values (knowledge/README.md documents them):
 * - `field-values.yaml`: for a field whose value is one of a fixed set of words (`dnsPolicy`, `whenUnsatisfiable`),
 *   what each allowed value means for that field;
 * - `well-known-keys.yaml`: the well-known label, annotation and taint keys (`topology.kubernetes.io/zone`).
 * The build parses and checks them here (a problem stops it with file:line) and embeds the checked entries.
 */
import { isMap, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import { isTopicId } from './ids';
import type { Problem } from './model';
import { checkUrl, safeHttpsUrl } from './urls';
import { readYamlList } from './yamlList';

export interface FieldValues {
  /** A key path as `manifest.keys` writes it: the end of the path, `Kind.` first to scope it to a kind. */
  field: string;
  topic: string;
  /** The value the API uses when the field is left out. */
  default?: string;
  /** Other values are valid too (Secret `type`): an unlisted one is not an error. */
  open?: boolean;
  source: string;
  values: Record<string, string>;
}

export type KeyUse = 'label' | 'annotation' | 'taint';

export interface WellKnownKey {
  /** As written; one ending in `/*` stands for every key of that prefix. */
  key: string;
  use: KeyUse[];
  topic: string;
  meaning: string;
  source?: string;
}

/** What the bundles embed: the entries without their `source`, which is for the people who check the table. */
export type ShippedFieldValues = Omit<FieldValues, 'source'>;
export type ShippedWellKnownKey = Omit<WellKnownKey, 'source'>;

export interface TableParse<T> {
  entries: T[];
  /** The line of each entry, for checks that need the topics (made by the build). */
  lines: number[];
  problems: Problem[];
}

export const MAX_MEANING_CHARS = 240;
const MAX_VALUE_CHARS = 64;
const FIELD_PATH = /^(?:[A-Z][A-Za-z0-9]*\.)?[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*$/;
const ENUM_VALUE = /^(?:\*|[A-Za-z0-9][A-Za-z0-9./_-]*)$/;
/** `example.com/name`; a family: `example.com/*` or `example.com/name-prefix-*`. */
const WELL_KNOWN_KEY =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/(?:\*|[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?|[A-Za-z0-9][A-Za-z0-9._-]{0,61}\*)$/;
const KEY_USES: readonly KeyUse[] = ['label', 'annotation', 'taint'];
const CONTROL_CHAR = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A problem, or none; `at` gives the line of a value's own entry (`values` of a field), for a precise place. */
type Check = (
  value: unknown,
  at: (child: string) => number | undefined,
) => string | { line: number | undefined; message: string } | undefined;
interface FieldSpec {
  required: boolean;
  check: Check;
}

export function parseFieldValues(text: string, file: string): TableParse<FieldValues> {
  const spec = {
    field: {
      required: true,
      check: (v: unknown) =>
        isString(v) && FIELD_PATH.test(v)
          ? undefined
          : 'is a key path (`dnsPolicy`, `tolerations.operator`, `Service.type`)',
    },
    topic: { required: true, check: checkTopicId },
    default: {
      required: false,
      check: (v: unknown) => (isString(v) && ENUM_VALUE.test(v) ? undefined : 'is one of the values'),
    },
    open: { required: false, check: (v: unknown) => (typeof v === 'boolean' ? undefined : 'is true or false') },
    source: { required: true, check: checkSource },
    values: { required: true, check: checkValues },
  };
  return parseTable<FieldValues>(text, file, 'field', spec, entry =>
    entry.default !== undefined && !(entry.default in entry.values)
      ? `default "${entry.default}" is not one of the values`
      : undefined,
  );
}

export function parseWellKnownKeys(text: string, file: string): TableParse<WellKnownKey> {
  const spec = {
    key: {
      required: true,
      check: (v: unknown) =>
        isString(v) && WELL_KNOWN_KEY.test(v)
          ? undefined
          : 'is a prefixed key (`example.com/name`, or a family: `example.com/*`, `example.com/prefix-*`)',
    },
    use: { required: true, check: checkUses },
    topic: { required: true, check: checkTopicId },
    meaning: { required: true, check: checkMeaning },
    source: { required: false, check: checkSource },
  };
  return parseTable<WellKnownKey>(text, file, 'key', spec);
}

/**
 * A YAML list of mappings with known fields, each checked, `unique` (the first field) once per table, then the
 * entry as a whole (`checkEntry`); problems name file and line.
 */
function parseTable<T extends { source?: string }>(
  text: string,
  file: string,
  unique: keyof T & string,
  spec: Record<string, FieldSpec>,
  checkEntry: (entry: T) => string | undefined = () => undefined,
): TableParse<T> {
  const problems: Problem[] = [];
  const report = (line: number, message: string, column = 1) => {
    problems.push({ file, line, column, message });
  };
  const entries: T[] = [];
  const lines: number[] = [];
  const list = readYamlList(text, report, `the table is a YAML list of entries, each starting with "- ${unique}: …"`);
  if (!list) return { entries, lines, problems };
  const { lineOf } = list;
  const seen = new Map<unknown, number>();
  const names = Object.keys(spec);
  for (const item of list.items) {
    const line = lineOf(item);
    if (!isMap(item)) {
      report(line, `an entry is a mapping of fields (${names.join(', ')})`);
      continue;
    }
    const before = problems.length;
    const row: Record<string, unknown> = {};
    for (const pair of item.items as Array<Pair<unknown, unknown>>) {
      const name = isScalar(pair.key) ? pair.key.value : undefined;
      const keyLine = lineOf(pair.key);
      if (typeof name !== 'string' || !names.includes(name)) {
        report(keyLine, `unknown field "${String(name)}"; an entry has ${names.join(', ')}`);
        continue;
      }
      const node = pair.value as YamlNode | null;
      const value: unknown = node?.toJSON?.() ?? null;
      const at = (child: string) => {
        const entry = isMap(node) ? node.items.find(p => isScalar(p.key) && p.key.value === child) : undefined;
        return entry ? lineOf(entry.key) : undefined;
      };
      const problem = spec[name].check(value, at);
      if (typeof problem === 'string')
        report(keyLine, `"${name}"${typeof value === 'string' ? ` "${value}"` : ''} ${problem}`);
      else if (problem) report(problem.line ?? keyLine, `"${name}": ${problem.message}`);
      else row[name] = value;
    }
    for (const name of names)
      if (spec[name].required && !(name in row) && problems.length === before) report(line, `an entry needs "${name}"`);
    if (problems.length > before) continue;
    const entry = row as T;
    const first = seen.get(entry[unique]);
    const problem =
      first !== undefined
        ? `duplicate ${unique} "${String(entry[unique])}" (first at line ${first})`
        : checkEntry(entry);
    if (problem) {
      report(line, problem);
      continue;
    }
    seen.set(entry[unique], line);
    entries.push(entry.source ? { ...entry, source: safeHttpsUrl(entry.source) ?? entry.source } : entry);
    lines.push(line);
  }
  return { entries, lines, problems };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

const checkTopicId: Check = v => (isTopicId(v) ? undefined : 'is a topic id (kebab-case)');

const checkSource: Check = v => {
  if (!isString(v)) return 'is an https URL';
  const url = checkUrl(v);
  return url.ok ? undefined : `is not a valid https URL: ${url.reason}`;
};

const checkMeaning: Check = v => {
  if (!isString(v) || v.trim() === '') return 'is a sentence or two of text';
  if (v.length > MAX_MEANING_CHARS) return `has ${v.length} characters; at most ${MAX_MEANING_CHARS}`;
  return CONTROL_CHAR.test(v) ? 'holds a control character' : undefined;
};

const checkValues: Check = (v, at) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length === 0)
    return 'maps each allowed value to what it means (`Value: meaning`)';
  for (const [value, meaning] of Object.entries(v)) {
    const problem =
      value.length > MAX_VALUE_CHARS || !ENUM_VALUE.test(value)
        ? 'is not a value word (letters, digits, `.`, `/`, `_`, `-`, or `*` alone)'
        : (checkMeaning(meaning, at) as string | undefined);
    if (problem) return { line: at(value), message: `value "${value}" ${problem}` };
  }
  return undefined;
};

const checkUses: Check = v => {
  if (!Array.isArray(v) || v.length === 0) return `is a list of ${KEY_USES.join(', ')}`;
  const bad = v.find(u => !KEY_USES.includes(u as KeyUse));
  return bad === undefined ? undefined : `has "${String(bad)}"; use ${KEY_USES.join(', ')}`;
};
