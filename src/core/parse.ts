/** Parses one topic file (YAML front matter + Markdown body) into a Topic, with problems at exact lines. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { COMMON_WORDS } from './commonWords';
import { checkStages } from './featureStages';
import { findFences } from './fences';
import { isTopicId, KEBAB_CASE, linkedTopicIds, MAX_TOPIC_ID_LENGTH } from './ids';
import {
  isError,
  type FeatureStage,
  type ManifestHints,
  type MarkdownTopic,
  type Problem,
  type TopicLink,
} from './model';
import { nameKey } from './names';
import { checkUrl } from './urls';

export const MAX_TOPIC_FILE_BYTES = 256 * 1024;
export const MAX_SUMMARY_CHARS = 240;
/** The YAML between the `---` lines; checked before it is parsed. */
export const MAX_FRONT_MATTER_CHARS = 32 * 1024;
export const MAX_NAME_CHARS = 100;
export const MAX_ALIASES = 100;
export const MAX_CONTEXT_WORDS = 32;
export const MAX_CONTEXT_WORD_CHARS = 48;
export const MAX_BODY_CHARS = 64 * 1024;
/** Lists and block quotes inside each other. */
export const MAX_BODY_NESTING = 16;
/** Line breaks, control characters and bidirectional overrides, which no name or link title may hold. */
const CONTROL_CHAR = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const KNOWN_FIELDS = new Set([
  'id',
  'title',
  'category',
  'aliases',
  'exactCase',
  'ambiguous',
  'context',
  'primary',
  'summary',
  'links',
  'related',
  'notes',
  'manifest',
  'stages',
]);
const REQUIRED_FIELDS = ['id', 'title', 'category', 'summary', 'links', 'related'];

/** Line numbers of fields and list items, kept beside a parsed topic for cross-file checks. */
export interface TopicPositions {
  /** 1-based line of each front matter key. */
  fields: Record<string, number>;
  /** 1-based line of the i-th item of a list field: `items.aliases[2]`. */
  items: Record<string, number[]>;
  /** 1-based line of the body's first line of text. */
  bodyLine: number;
}

export interface ParsedTopic {
  topic: MarkdownTopic;
  positions: TopicPositions;
}

export interface ParseResult {
  parsed?: ParsedTopic;
  problems: Problem[];
}

export interface ParseOptions {
  /** The id the file name implies; checked when given. */
  expectedId?: string;
  /** The category the folder implies; checked when given. */
  expectedCategory?: string;
  /** Categories a topic may use; any kebab-case id when absent (team topics). */
  knownCategories?: ReadonlySet<string>;
  origin?: 'builtin' | 'team';
}

/** Checks a file's size and content before decoding it as a topic. */
export function checkTopicBytes(file: string, bytes: Uint8Array): Problem | undefined {
  if (bytes.length > MAX_TOPIC_FILE_BYTES) return tooLargeProblem(file, bytes.length);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (bytes[i] === 10) line++;
    return binaryProblem(file, line);
  }
  return undefined;
}

/** The problem of a file over the size limit (checked from its size alone, before reading it). */
export function tooLargeProblem(file: string, size: number): Problem {
  return {
    file,
    line: 1,
    column: 1,
    message: `file is ${formatBytes(size)}; a topic file may be at most ${formatBytes(MAX_TOPIC_FILE_BYTES)}`,
  };
}

function binaryProblem(file: string, line: number): Problem {
  return { file, line, column: 1, message: 'file looks binary (it contains a NUL byte): a topic file is UTF-8 text' };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

export function parseTopicFile(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const problems: Problem[] = [];
  const report = (line: number, message: string, column = 1) => problems.push({ file, line, column, message });
  const warn = (line: number, message: string) =>
    problems.push({ file, line, column: 1, message, severity: 'warning' });

  if (text.length > MAX_TOPIC_FILE_BYTES) return { problems: [tooLargeProblem(file, text.length)] };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { problems: [binaryProblem(file, lineOf(text, nul))] };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const split = splitFrontMatter(source);
  if (!split) {
    report(1, 'missing front matter: a topic file starts with a line "---", then YAML fields, then a line "---"');
    return { problems };
  }
  const { yamlText, yamlFirstLine, body, bodyLine } = split;
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    report(1, `front matter is ${formatBytes(yamlText.length)}; at most ${formatBytes(MAX_FRONT_MATTER_CHARS)}`);
    return { problems };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line + yamlFirstLine - 1, col: pos.col };
  };
  for (const error of doc.errors) {
    const { line, col } = at(error.pos[0]);
    report(line, `invalid YAML: ${firstLine(error.message)}`, col);
  }
  if (doc.errors.length > 0) return { problems };
  if (!isMap(doc.contents)) {
    report(yamlFirstLine, 'front matter must be a YAML mapping of fields (id, title, category, …)');
    return { problems };
  }

  const positions: TopicPositions = { fields: {}, items: {}, bodyLine };
  const values: Record<string, unknown> = {};
  const nodes: Record<string, YamlNode | null> = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyLine = at((pair.key as YamlNode | null)?.range?.[0]).line;
    if (key === undefined) {
      report(keyLine, 'field names must be plain words');
      continue;
    }
    if (!KNOWN_FIELDS.has(key)) {
      report(keyLine, `unknown field "${key}"${suggestField(key)}`);
      continue;
    }
    positions.fields[key] = keyLine;
    nodes[key] = (pair.value as YamlNode | null) ?? null;
    values[key] = pair.value === null || pair.value === undefined ? null : (pair.value as YamlNode).toJSON();
    if (isSeq(pair.value)) positions.items[key] = pair.value.items.map(item => at((item as YamlNode).range?.[0]).line);
  }
  const fieldLine = (key: string) => positions.fields[key] ?? yamlFirstLine - 1;

  for (const key of REQUIRED_FIELDS) {
    if (!(key in positions.fields)) report(yamlFirstLine - 1, `missing required field "${key}"`);
  }

  const str = (key: string, required: boolean): string => {
    const v = values[key];
    if (v === undefined) return '';
    if (typeof v !== 'string' || v.trim() === '') {
      if (required || v !== null) report(fieldLine(key), `"${key}" must be a non-empty string`);
      return '';
    }
    return v.trim();
  };
  /** A name or link title: one line of plain text. */
  const oneLine = (value: string, what: string, line: number, maxChars: number): boolean => {
    const control = CONTROL_CHAR.exec(value);
    if (control) report(line, `${what} holds a line break or control character (${codePoint(control[0])})`);
    else if (value.length > maxChars)
      report(line, `${what} is ${value.length} characters; at most ${maxChars} characters`);
    return !control && value.length <= maxChars;
  };
  const list = (key: string): string[] => {
    const v = values[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      report(fieldLine(key), `"${key}" must be a list, e.g. ${key}: [a, b]`);
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
      else report(positions.items[key]?.[i] ?? fieldLine(key), `"${key}" item ${i + 1} must be a non-empty string`);
    });
    return out;
  };
  const itemLine = (key: string, i: number) => positions.items[key]?.[i] ?? fieldLine(key);
  /** A list of names or words, each one line, at most `max` of them. */
  const wordList = (key: string, what: string, max: number, maxChars: number): string[] => {
    const items = list(key);
    if (items.length > max)
      report(itemLine(key, max), `at most ${max} ${what} per topic; this list has ${items.length}`);
    return items.filter((item, i) => oneLine(item, `"${key}" item ${quote(item)}`, itemLine(key, i), maxChars));
  };

  const id = str('id', true);
  if (id && !isTopicId(id))
    report(
      fieldLine('id'),
      `id "${id}" must be kebab-case: lower-case letters, digits and single hyphens, at most ${MAX_TOPIC_ID_LENGTH} characters`,
    );
  if (id && options.expectedId !== undefined && id !== options.expectedId) {
    report(fieldLine('id'), `id "${id}" differs from the file name "${options.expectedId}.md"`);
  }
  const title = str('title', true);
  if (title) oneLine(title, '"title"', fieldLine('title'), MAX_NAME_CHARS);
  const category = str('category', true);
  if (category) {
    if (options.knownCategories && !options.knownCategories.has(category)) {
      report(
        fieldLine('category'),
        `unknown category "${category}"; use one of: ${[...options.knownCategories].join(', ')}`,
      );
    } else if (!KEBAB_CASE.test(category)) {
      report(fieldLine('category'), `category "${category}" must be kebab-case`);
    }
    if (options.expectedCategory !== undefined && category !== options.expectedCategory) {
      report(fieldLine('category'), `category "${category}" differs from the folder "${options.expectedCategory}"`);
    }
  }
  const summary = str('summary', true).replace(/\s+/g, ' ');
  if (summary.length > MAX_SUMMARY_CHARS) {
    report(fieldLine('summary'), `summary is ${summary.length} characters; at most ${MAX_SUMMARY_CHARS}`);
  }
  const aliases = wordList('aliases', 'aliases', MAX_ALIASES, MAX_NAME_CHARS);
  const names = new Set([title, ...aliases]);
  const subsetOfNames = (key: string) => {
    const items = wordList(key, `"${key}" names`, MAX_ALIASES + 1, MAX_NAME_CHARS);
    items.forEach((n, i) => {
      if (!names.has(n))
        report(
          positions.items[key]?.[i] ?? fieldLine(key),
          `"${key}" names "${n}", which is neither the title nor an alias`,
        );
    });
    return items;
  };
  const exactCase = subsetOfNames('exactCase');
  const ambiguous = subsetOfNames('ambiguous');
  const context = wordList('context', 'context words', MAX_CONTEXT_WORDS, MAX_CONTEXT_WORD_CHARS);
  if (options.origin === 'team') {
    [title, ...aliases].forEach((name, i) => {
      const key = nameKey(name);
      if (key && key.words === 1 && COMMON_WORDS.has(key.folded) && !exactCase.includes(name))
        warn(
          i === 0 ? fieldLine('title') : itemLine('aliases', i - 1),
          `"${name}" is a common English word: it would match almost any text; list it in "exactCase" or drop it`,
        );
    });
  }
  if (ambiguous.length > 0 && context.length === 0) {
    report(fieldLine('ambiguous'), '"ambiguous" names need "context" words that say when this meaning applies');
  }
  let primary = true;
  if (values.primary !== undefined) {
    if (typeof values.primary === 'boolean') primary = values.primary;
    else report(fieldLine('primary'), '"primary" must be true or false');
  }
  const links = parseLinks(values.links, positions, fieldLine('links'), report);
  const related = list('related');
  related.forEach((r, i) => {
    if (!isTopicId(r))
      report(positions.items.related?.[i] ?? fieldLine('related'), `related id "${r}" must be kebab-case`);
    if (r === id) report(positions.items.related?.[i] ?? fieldLine('related'), 'a topic cannot be related to itself');
  });
  const notes = list('notes');
  notes.forEach((n, i) => {
    if (n.startsWith('/') || n.includes('..') || /^[a-z]+:/i.test(n)) {
      report(
        positions.items.notes?.[i] ?? fieldLine('notes'),
        `notes path "${n}" must be relative to the notes repository root`,
      );
    }
  });
  const manifest = parseManifest(nodes.manifest, values.manifest, at, fieldLine('manifest'), report);
  let stages: FeatureStage[] | undefined;
  if (values.stages !== undefined) {
    const checked = checkStages(values.stages);
    checked.problems.forEach(p => report(p.item < 0 ? fieldLine('stages') : itemLine('stages', p.item), p.message));
    stages = checked.stages;
  }

  const trimmedBody = body.trim();
  if (trimmedBody === '') report(bodyLine, 'the topic has no body: write the topic page below the front matter');
  if (trimmedBody.length > MAX_BODY_CHARS) {
    report(bodyLine, `the page is ${formatBytes(trimmedBody.length)}; at most ${formatBytes(MAX_BODY_CHARS)}`);
  } else {
    const deep = firstTooDeep(trimmedBody, MAX_BODY_NESTING);
    if (deep !== undefined)
      report(
        bodyLine + lineOf(trimmedBody, deep) - 1,
        `lists and quotes are nested more than ${MAX_BODY_NESTING} deep`,
      );
  }

  if (problems.some(isError)) return { problems };
  const topic: MarkdownTopic = {
    id,
    title,
    category,
    aliases,
    exactCase,
    ambiguous,
    context,
    primary,
    summary,
    links,
    related,
    linksTo: linkedTopicIds(trimmedBody),
    notes,
    ...(manifest ? { manifest } : {}),
    ...(stages ? { stages } : {}),
    body: trimmedBody,
    source: file,
    origin: options.origin ?? 'builtin',
  };
  return { parsed: { topic, positions }, problems };
}

function parseLinks(
  value: unknown,
  positions: TopicPositions,
  line: number,
  report: (line: number, message: string) => void,
): TopicLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length === 0) {
    report(line, '"links" must be a list of {title, url}, the official page first');
    return [];
  }
  const links: TopicLink[] = [];
  value.forEach((item, i) => {
    const itemLine = positions.items.links?.[i] ?? line;
    const obj = item as Record<string, unknown> | null;
    if (
      !obj ||
      typeof obj !== 'object' ||
      typeof obj.title !== 'string' ||
      typeof obj.url !== 'string' ||
      !obj.title.trim()
    ) {
      report(itemLine, `link ${i + 1} must have a "title" and a "url"`);
      return;
    }
    const control = CONTROL_CHAR.exec(obj.title);
    if (control) {
      report(itemLine, `link ${i + 1}: the title holds a line break or control character (${codePoint(control[0])})`);
      return;
    }
    const url = checkUrl(obj.url);
    if (!url.ok) {
      report(itemLine, `link ${i + 1}: ${url.reason}`);
      return;
    }
    links.push({ title: obj.title.trim(), url: url.href });
  });
  return links;
}

function parseManifest(
  node: YamlNode | null | undefined,
  value: unknown,
  at: (offset: number | undefined) => { line: number },
  line: number,
  report: (line: number, message: string) => void,
): ManifestHints | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || !isMap(node)) {
    report(line, '"manifest" must be a mapping with "kinds", "keys" and/or "values" lists');
    return undefined;
  }
  const hints: ManifestHints = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyLine = at((pair.key as YamlNode | null)?.range?.[0]).line;
    if (key !== 'kinds' && key !== 'keys' && key !== 'values') {
      report(keyLine, `unknown manifest field "${key}"; use kinds, keys or values`);
      continue;
    }
    if (!isSeq(pair.value)) {
      report(keyLine, `manifest "${key}" must be a list`);
      continue;
    }
    const items: string[] = [];
    for (const item of pair.value.items) {
      const itemLine = at((item as YamlNode).range?.[0]).line;
      const v = isScalar(item) ? item.value : undefined;
      if (typeof v !== 'string' || v.trim() === '') {
        report(itemLine, `manifest "${key}" items must be strings`);
        continue;
      }
      const s = v.trim();
      if (key === 'values' && !/^[A-Za-z0-9_./-]+: \S/.test(s)) {
        report(itemLine, `manifest value "${s}" must look like "key: value", e.g. "imagePullPolicy: Always"`);
        continue;
      }
      if (
        key === 'keys' &&
        !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(s) &&
        !/^[A-Za-z0-9_.-]+\/(?:[A-Za-z0-9_.-]+|\*)$/.test(s)
      ) {
        report(
          itemLine,
          `manifest key "${s}" must be a key, a dotted key path like "containers.resources", or a label/annotation key like "example.com/name" (or "example.com/*" for every key of the prefix)`,
        );
        continue;
      }
      items.push(s);
    }
    hints[key] = items;
  }
  return hints;
}

/** The length of a file's front matter (0 without one), found without parsing it. */
export function frontMatterChars(text: string): number {
  return splitFrontMatter(text)?.yamlText.length ?? 0;
}

interface FrontMatterSplit {
  yamlText: string;
  yamlFirstLine: number;
  body: string;
  bodyLine: number;
}

function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const close = /^---[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return undefined;
  const yamlText = rest.slice(0, m.index);
  const bodyStart = open[0].length + m.index + m[0].length;
  return {
    yamlText,
    yamlFirstLine: 2,
    body: text.slice(bodyStart),
    // The body is stored trimmed: its first line is the first line with text.
    bodyLine: lineOf(text, bodyStart + (text.slice(bodyStart).length - text.slice(bodyStart).trimStart().length)),
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The offset of the first line inside more than `max` lists and block quotes, or undefined. Fenced code is skipped;
 * an item stays open while later lines are indented past its marker, as CommonMark reads them.
 */
function firstTooDeep(body: string, max: number): number | undefined {
  const fences = findFences(body);
  let fence = 0;
  const open: number[] = []; // the keys of the list items that contain the current line
  const marker = /(>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y;
  for (let start = 0; start < body.length;) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const next = end + 1;
    while (fence < fences.length && fences[fence].end <= start) fence++;
    if ((fence < fences.length && fences[fence].start <= start) || body.slice(start, end).trim() === '') {
      start = next;
      continue;
    }
    let at = start;
    let quotes = 0;
    for (;;) {
      while (body[at] === ' ' || body[at] === '\t') at++;
      if (body[at] !== '>') break;
      quotes++;
      at++;
    }
    // A list item's key: its quote level first, then its column, so items end at a lower level or a smaller indent.
    const key = (column: number) => quotes * MAX_BODY_CHARS + column;
    const indent = at - start;
    while (open.length > 0 && open[open.length - 1] >= key(indent)) open.pop();
    let depth = quotes + open.length;
    marker.lastIndex = at;
    for (let m = marker.exec(body); m && m.index < end; m = marker.exec(body)) {
      depth++;
      if (m[1] !== '>') open.push(key(m.index - start));
      if (depth > max) return start;
    }
    if (depth > max) return start;
    start = next;
  }
  return undefined;
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A value quoted for a message, shortened. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function suggestField(key: string): string {
  const lower = key.toLowerCase();
  for (const known of KNOWN_FIELDS) {
    if (known.toLowerCase() === lower || editDistanceAtMostOne(known.toLowerCase(), lower))
      return ` (did you mean "${known}"?)`;
  }
  return `; known fields: ${[...KNOWN_FIELDS].join(', ')}`;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0,
    j = 0,
    edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
