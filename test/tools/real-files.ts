// The real-file suite (test/fixtures/real-files/): manifests, Helm charts, custom resources and READMEs written like
// the ones people open, with the expected hover of chosen tokens marked in them (the syntax is documented in
// test/fixtures/real-files/README.md). measureRealFiles() hovers the middle of every marked token, scans every file
// the way "In This File" does, and returns precision, recall and every failure.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { createConceptIndex, findFences, type ConceptHit, type ConceptIndex } from '../../src/core/index';
import { loadTopics } from './knowledge-report';

export const REAL_FILES_DIR = join('test', 'fixtures', 'real-files');
/** Ids that tokens expect but the knowledge base does not have yet, one per line with a note (`id  note`). */
export const PROPOSED_TOPICS_FILE = 'proposed-topics.txt';
const SIDECAR = '.expect';

export interface Expectation {
  /** 1-based line of the file on disk. */
  line: number;
  token: string;
  /** Which occurrence of the token on the line (1-based). */
  nth: number;
  /** As written: `none`, `any`, `custom-resource`, `custom-resource:<id>` or a topic id. */
  expected: string;
  /** Text the hover's context line must contain, when given (`~"..."`). */
  context?: string;
  /** Offsets in the matched text; -1 when the token is not on its line (an integrity problem). */
  start: number;
  end: number;
}

export interface RealFile {
  /** Relative to the suite folder, with `/`. */
  path: string;
  /** The first folder: manifests, helm, kustomize, custom-resources, json, docs. */
  category: string;
  language: string;
  /** The file without its marker lines: what the matcher is asked about. */
  text: string;
  expectations: Expectation[];
  /** `expect-all: none`: every hover on an unmarked token is a wrong one. */
  fullyJudged: boolean;
  problems: string[];
  /** 1-based disk line of each line of `text`. */
  diskLines: number[];
}

export interface Figures extends Tally {
  /** Correct hovers / judged hovers, over the hovers a scan of the files finds. */
  precision: number;
  /** Tokens that expect a concept and get it / tokens that expect a concept. */
  recall: number;
  /** Tokens that expect no hover and get none / such tokens. */
  silence: number;
}

export interface Failure {
  file: string;
  line: number;
  token: string;
  expected: string;
  /** The topic hovered (with ` (custom resource)` when the context says so), or `none`. */
  got: string;
  /** `probe`: hovering the token's middle; `scan`: a hover that the "In This File" scan found. */
  via: 'probe' | 'scan';
}

export interface RealFilesReport {
  files: number;
  /** Marked tokens that are judged (all but `any`). */
  tokens: number;
  overall: Figures;
  /** Precision over every hover of the fully judged files only. */
  fullyJudged: { files: string[]; precision: number; hoversJudged: number; hoversCorrect: number };
  byFile: Record<string, Figures>;
  byCategory: Record<string, Figures>;
  byLanguage: Record<string, Figures>;
  failures: Failure[];
  /** Expected topic ids that the knowledge base does not have. */
  missingTopics: string[];
}

/**
 * `# expect: a -> x, "b c"#2 -> none` or `<!-- expect: ... -->`, on a line of its own (it judges the next line that is
 * not a marker) or at the end of the line it judges; `expect-all: none` marks a fully judged file.
 */
const MARKER_LINE = /^\s*(?:#|<!--)\s*expect(-all)?:\s*(.*?)\s*(?:-->)?\s*$/;
const TRAILING_MARKER = /\s+(?:#|<!--)\s*expect:\s*(.*?)\s*(?:-->)?\s*$/;
const ITEM =
  /\s*(?:"((?:[^"\\]|\\.)*)"|((?:[^\s",]+ )*?[^\s",]+?))(?:#(\d+))?\s*->\s*([a-z0-9-]+(?::[a-z0-9-]+)?)(?:\s+~"((?:[^"\\]|\\.)*)")?\s*(?:,|$)/y;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function languageOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.slice(0, -1).includes('templates')) return 'helm';
  const ext = /\.([^./]+)$/.exec(path)?.[1];
  return ext === 'yaml' || ext === 'yml'
    ? 'yaml'
    : ext === 'json'
      ? 'json'
      : ext === 'md'
        ? 'markdown'
        : ext === 'txt'
          ? 'plaintext'
          : undefined;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap(name => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), rel) : [rel];
    });
}

/** Every file of the suite with its expectations (README.md, the sidecars and the proposals list excluded). */
export function loadRealFiles(root: string): RealFile[] {
  const dir = join(root, REAL_FILES_DIR);
  return listFiles(dir)
    .filter(p => p !== 'README.md' && p !== PROPOSED_TOPICS_FILE && !p.endsWith(SIDECAR))
    .map(path => readRealFile(dir, path));
}

function readRealFile(dir: string, path: string): RealFile {
  const problems: string[] = [];
  const language = languageOf(path);
  if (!language) problems.push(`${path}: no language for this file name`);
  const diskText = readFileSync(join(dir, path), 'utf8');
  const kept: string[] = [];
  const diskLines: number[] = [];
  let fullyJudged = false;
  const pending: Array<{ items: string; disk: number }> = [];
  const written: Array<{ items: string; disk: number; targetDisk: number }> = [];
  diskText.split('\n').forEach((line, i) => {
    const m = MARKER_LINE.exec(line);
    if (!m) {
      const trailing = TRAILING_MARKER.exec(line);
      kept.push(trailing ? line.slice(0, trailing.index) : line);
      diskLines.push(i + 1);
      for (const p of pending.splice(0)) written.push({ ...p, targetDisk: i + 1 });
      if (trailing) written.push({ items: trailing[1], disk: i + 1, targetDisk: i + 1 });
    } else if (m[1]) {
      if (m[2] === 'none') fullyJudged = true;
      else problems.push(`${path}:${i + 1}: "expect-all:" takes only "none"`);
    } else pending.push({ items: m[2], disk: i + 1 });
  });
  for (const p of pending) problems.push(`${path}:${p.disk}: a marker with no line after it`);
  let sidecar = '';
  try {
    sidecar = readFileSync(join(dir, path + SIDECAR), 'utf8');
  } catch {
    // no sidecar: the markers are in the file
  }
  sidecar.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (trimmed === 'expect-all: none') fullyJudged = true;
    else {
      const m = /^L(\d+):\s*(.*)$/.exec(trimmed);
      if (m) written.push({ items: m[2], disk: i + 1, targetDisk: Number(m[1]) });
      else problems.push(`${path}${SIDECAR}:${i + 1}: expected "L<line>: <token> -> <outcome>, ..."`);
    }
  });

  const text = kept.join('\n');
  const lineStarts: number[] = [];
  for (let i = 0, at = 0; i < kept.length; at += kept[i].length + 1, i++) lineStarts.push(at);
  const expectations: Expectation[] = [];
  for (const w of written) {
    const items = parseItems(w.items);
    if (!items) {
      problems.push(`${path}:${w.disk}: cannot read the marker "${w.items}"`);
      continue;
    }
    const lineIndex = diskLines.indexOf(w.targetDisk);
    for (const item of items) {
      const e: Expectation = { line: w.targetDisk, ...item, start: -1, end: -1 };
      const at = lineIndex < 0 ? -1 : findToken(kept[lineIndex], item.token, item.nth);
      if (at < 0) problems.push(`${path}:${w.targetDisk}: no token "${item.token}"#${item.nth} on this line`);
      else {
        e.start = lineStarts[lineIndex] + at;
        e.end = e.start + item.token.length;
      }
      expectations.push(e);
    }
  }
  if (expectations.length === 0) problems.push(`${path}: no expectations`);
  return {
    path,
    category: path.split('/')[0],
    language: language ?? 'plaintext',
    text,
    expectations,
    fullyJudged,
    problems,
    diskLines,
  };
}

type Item = Pick<Expectation, 'token' | 'nth' | 'expected' | 'context'>;

function parseItems(source: string): Item[] | undefined {
  const items: Item[] = [];
  ITEM.lastIndex = 0;
  while (ITEM.lastIndex < source.length) {
    const m = ITEM.exec(source);
    if (!m) return undefined;
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    items.push({
      token: m[1] !== undefined ? unescape(m[1]) : m[2],
      nth: m[3] ? Number(m[3]) : 1,
      expected: m[4],
      ...(m[5] !== undefined ? { context: unescape(m[5]) } : {}),
    });
  }
  return items.length > 0 ? items : undefined;
}

/** The nth occurrence of `token` on `line` that is not part of a longer word. */
function findToken(line: string, token: string, nth: number): number {
  let seen = 0;
  for (let at = line.indexOf(token); at >= 0; at = line.indexOf(token, at + 1)) {
    const cut = (inside: string, outside: string | undefined) =>
      outside !== undefined && WORD_CHAR.test(inside) && WORD_CHAR.test(outside);
    if (cut(token[0], line[at - 1]) || cut(token[token.length - 1], line[at + token.length])) continue;
    if (++seen === nth) return at;
  }
  return -1;
}

/** Where a person hovers a token: its middle, moved onto a letter or digit when the middle is punctuation. */
export function hoverOffset(text: string, e: Expectation): number {
  const middle = e.start + Math.floor((e.end - e.start - 1) / 2);
  for (let d = 0; d < e.end - e.start; d++) {
    for (const at of [middle - d, middle + d]) {
      if (at >= e.start && at < e.end && WORD_CHAR.test(text[at])) return at;
    }
  }
  return middle;
}

export function topicIdOf(expected: string): string | undefined {
  if (expected === 'none' || expected === 'any' || expected === 'custom-resource') return undefined;
  return expected.startsWith('custom-resource:') ? expected.slice('custom-resource:'.length) : expected;
}

const isCustomResourceContext = (hit: ConceptHit) => /custom resource/i.test(hit.context ?? '');

export function meets(e: Pick<Expectation, 'expected' | 'context'>, hit: ConceptHit | undefined): boolean {
  if (e.expected === 'any') return true;
  if (e.expected === 'none') return !hit;
  if (!hit) return false;
  if (e.context !== undefined && !(hit.context ?? '').includes(e.context)) return false;
  if ((e.expected === 'custom-resource' || e.expected.startsWith('custom-resource:')) && !isCustomResourceContext(hit))
    return false;
  const id = topicIdOf(e.expected);
  return id === undefined || hit.topicId === id;
}

function describe(hit: ConceptHit | undefined): string {
  if (!hit) return 'none';
  return hit.topicId + (isCustomResourceContext(hit) ? ' (custom resource)' : '');
}

interface Tally {
  hoversJudged: number;
  hoversCorrect: number;
  expectedConcepts: number;
  found: number;
  expectedSilent: number;
  silent: number;
}

const emptyTally = (): Tally => ({
  hoversJudged: 0,
  hoversCorrect: 0,
  expectedConcepts: 0,
  found: 0,
  expectedSilent: 0,
  silent: 0,
});

const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);

function figures(t: Tally): Figures {
  return {
    precision: percent(t.hoversCorrect, t.hoversJudged),
    recall: percent(t.found, t.expectedConcepts),
    silence: percent(t.silent, t.expectedSilent),
    ...t,
  };
}

function add(into: Tally, t: Tally): void {
  for (const k of Object.keys(t) as Array<keyof Tally>) into[k] += t[k];
}

/** Hovers every marked token and scans every file; `index` defaults to the built knowledge (dist/knowledge/). */
export function measureRealFiles(root: string, index?: ConceptIndex): RealFilesReport {
  const concepts = index ?? createConceptIndex(loadTopics(root));
  const files = loadRealFiles(root);
  const failures: Failure[] = [];
  const byFile: Record<string, Figures> = {};
  const categories = new Map<string, Tally>();
  const languages = new Map<string, Tally>();
  const overall = emptyTally();
  const judgedAll = emptyTally();
  let tokens = 0;
  const missing = new Set<string>();

  for (const file of files) {
    const doc = concepts.analyze(file.text, file.language);
    const tally = emptyTally();
    const marked = file.expectations.filter(e => e.start >= 0);
    const lineOf = (offset: number) => file.diskLines[file.text.slice(0, offset).split('\n').length - 1];
    const fail = (line: number, token: string, expected: string, hit: ConceptHit | undefined, via: Failure['via']) =>
      failures.push({ file: file.path, line, token, expected, got: describe(hit), via });

    for (const e of marked) {
      const id = topicIdOf(e.expected);
      if (id && !concepts.get(id)) missing.add(id);
      if (e.expected === 'any') continue;
      tokens++;
      const hit = doc.conceptAt(hoverOffset(file.text, e));
      const ok = meets(e, hit);
      if (e.expected === 'none') {
        tally.expectedSilent++;
        if (ok) tally.silent++;
      } else {
        tally.expectedConcepts++;
        if (ok) tally.found++;
      }
      if (!ok) fail(e.line, e.token, e.expected, hit, 'probe');
    }

    const fileJudged = emptyTally();
    for (const hit of doc.occurrences().hits) {
      const over = marked.filter(e => e.start < hit.end && hit.start < e.end);
      let verdict: boolean | undefined;
      if (over.some(e => e.expected !== 'any' && meets(e, hit))) verdict = true;
      else if (over.some(e => e.expected !== 'any')) verdict = false;
      else if (over.length === 0 && file.fullyJudged) verdict = false;
      if (verdict === undefined) continue;
      fileJudged.hoversJudged++;
      if (verdict) fileJudged.hoversCorrect++;
      else {
        const token = over.find(e => e.expected !== 'any');
        const text = file.text.slice(hit.start, hit.end);
        const already = failures.some(
          f => f.file === file.path && f.via === 'probe' && token && f.line === token.line && f.token === token.token,
        );
        if (!already) fail(lineOf(hit.start), token?.token ?? text, token?.expected ?? 'none', hit, 'scan');
      }
    }
    add(tally, fileJudged);
    if (file.fullyJudged) add(judgedAll, fileJudged);

    byFile[file.path] = figures(tally);
    for (const [map, key] of [
      [categories, file.category],
      [languages, file.language],
    ] as const) {
      const t = map.get(key) ?? emptyTally();
      add(t, tally);
      map.set(key, t);
    }
    add(overall, tally);
  }

  const fromMap = (m: Map<string, Tally>) => Object.fromEntries([...m].map(([k, t]) => [k, figures(t)]));
  return {
    files: files.length,
    tokens,
    overall: figures(overall),
    fullyJudged: {
      files: files.filter(f => f.fullyJudged).map(f => f.path),
      precision: percent(judgedAll.hoversCorrect, judgedAll.hoversJudged),
      hoversJudged: judgedAll.hoversJudged,
      hoversCorrect: judgedAll.hoversCorrect,
    },
    byFile,
    byCategory: fromMap(categories),
    byLanguage: fromMap(languages),
    failures,
    missingTopics: [...missing].sort(),
  };
}

/** Why a file of the suite would not load as its language, or undefined when it does. */
export function parseProblem(file: RealFile): string | undefined {
  const yamlErrors = (text: string) =>
    parseAllDocuments(text)
      .flatMap(d => d.errors)
      .map(e => e.message.split('\n')[0]);
  let errors: string[] = [];
  if (file.language === 'yaml') errors = yamlErrors(file.text);
  else if (file.language === 'helm') errors = yamlErrors(renderedLike(file.text));
  else if (file.language === 'json') {
    try {
      JSON.parse(file.text);
    } catch (error) {
      errors = [String(error)];
    }
  } else if (file.language === 'markdown') {
    for (const fence of findFences(file.text)) {
      if (fence.contentEnd === file.text.length && fence.end === file.text.length) errors.push('an unclosed fence');
      else if (fence.language === 'yaml' || fence.language === 'yml')
        errors.push(...yamlErrors(file.text.slice(fence.contentStart, fence.contentEnd)));
    }
  }
  return errors.length > 0 ? `${file.path} (${file.language}): ${errors.join('; ')}` : undefined;
}

/**
 * A Helm template as YAML, roughly as rendered: a line of template actions only disappears, an action inside a line
 * becomes a word (`image: {{ .a }}:{{ .b }}` is valid Helm that blanking alone would make invalid YAML).
 */
function renderedLike(template: string): string {
  const ACTION = '\uE000';
  let marked = '';
  let from = 0;
  for (let open = template.indexOf('{{'); open >= 0; open = template.indexOf('{{', from)) {
    const close = template.indexOf('}}', open + 2);
    if (close < 0) break;
    marked += template.slice(from, open) + template.slice(open, close + 2).replace(/[^\n]/g, ACTION);
    from = close + 2;
  }
  marked += template.slice(from);
  return marked
    .split('\n')
    .map(line => (/^[\s\uE000]*$/.test(line) ? '' : line.replace(/\uE000+/g, 'x')))
    .join('\n');
}

/** The ids listed in proposed-topics.txt: expected by tokens, not yet written. */
export function proposedTopics(root: string): Map<string, string> {
  const text = readFileSync(join(root, REAL_FILES_DIR, PROPOSED_TOPICS_FILE), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([a-z0-9-]+)\s+(.*)$/.exec(line.trim());
    if (m && !line.trim().startsWith('#')) out.set(m[1], m[2]);
  }
  return out;
}
