// `npm run knowledge:report`: a plain-text overview of the knowledge base (compiled from knowledge/): topics per
// category, coverage of the notes inventory (knowledge/notes-inventory.tsv), the thinnest topic pages, and totals.
// The measures it uses (word counts, inventory coverage) are exported for the quality tests in
// test/unit/knowledge.test.ts, so that the report and the tests count the same way.
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { compileTopics, type CompileInput } from '../../src/core/compile';
import { withoutFences } from '../../src/core/fences';
import { BUILTIN_CATEGORY_IDS, CATEGORIES, formatProblem, type MarkdownTopic, type Topic } from '../../src/core/model';
import { changesByRelease } from '../../src/core/apiLifecycle';
import { BUILTIN_API_LIFECYCLE } from '../../src/core/builtinApiLifecycle';
import { BUILTIN_VALUE_TABLES } from '../../src/core/builtinValueTables';
import { topicsNamed } from '../../src/core/lookup';

/** The repository root, from a bundle in `dist/<folder>/` (both `dist/unit` and `dist/tools` are two levels down). */
export function repoRootFrom(bundleDir: string): string {
  return resolve(bundleDir, '..', '..');
}

/** The built-in topics compiled from their sources (knowledge/), Markdown bodies included, as the build compiles them. */
export function loadTopics(root: string): MarkdownTopic[] {
  const inputs: CompileInput[] = [];
  const knowledge = join(root, 'knowledge');
  for (const category of readdirSync(knowledge, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const file of readdirSync(join(knowledge, category.name)).filter(f => f.endsWith('.md'))) {
      const path = `knowledge/${category.name}/${file}`;
      inputs.push({
        path,
        text: readFileSync(join(root, path), 'utf8'),
        expectedId: file.slice(0, -3),
        expectedCategory: category.name,
      });
    }
  }
  const compiled = compileTopics(inputs, { knownCategories: BUILTIN_CATEGORY_IDS, origin: 'builtin' });
  if (compiled.problems.length > 0) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  return compiled.topics;
}

/** The category folder a topic file lives in (`knowledge/<category>/<id>.md`), else its `category` field. */
export function sourceCategory(topic: Topic): string {
  const m = /(?:^|\/)knowledge\/([^/]+)\/[^/]+\.md$/.exec(topic.source.replace(/\\/g, '/'));
  return m ? m[1] : topic.category;
}

/** Words of a topic body outside fenced code: whitespace-separated tokens holding a letter or digit. */
export function bodyWordCount(body: string): number {
  return withoutFences(body)
    .split(/\s+/)
    .filter(token => /[\p{L}\p{N}]/u.test(token)).length;
}

/** The minimum body length, in words outside fenced code, of a primary and of a brief (`primary: false`) topic. */
export const MIN_WORDS = { primary: 80, brief: 40 } as const;

export function minWords(topic: Topic): number {
  return topic.primary !== false ? MIN_WORDS.primary : MIN_WORDS.brief;
}

export interface TsvRow {
  /** 1-based line in the file. */
  line: number;
  cells: string[];
}

/** A tab-separated file without its header line; blank lines are skipped. */
export function readTsv(path: string): TsvRow[] {
  const lines = readFileSync(path, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/);
  const rows: TsvRow[] = [];
  lines.forEach((text, i) => {
    if (i === 0 || text.trim() === '') return;
    rows.push({ line: i + 1, cells: text.split('\t') });
  });
  return rows;
}

export interface InventoryTerm {
  term: string;
  category: string;
  subcategory: string;
  nFiles: number;
}

/**
 * The terms the notes name, and the path of every notes file: copies kept in the repository, so that the tests need
 * nothing beside it. `node test/tools/notes-inventory.mjs` refreshes them from the notes.
 */
export function inventoryPath(root: string): string {
  return join(root, 'knowledge', 'notes-inventory.tsv');
}

export function notesFilesPath(root: string): string {
  return join(root, 'knowledge', 'notes-files.txt');
}

/** The inventory's columns are found by their header names, so the file may gain or reorder columns. */
export function loadInventory(root: string): InventoryTerm[] {
  const path = inventoryPath(root);
  const header = readFileSync(path, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]
    .split('\t');
  const column = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${path}: no "${name}" column in the header line`);
    return at;
  };
  const [term, category, subcategory, nFiles] = ['term', 'category', 'subcategory', 'n_files'].map(column);
  return readTsv(path)
    .map(r => ({
      term: (r.cells[term] ?? '').trim(),
      category: r.cells[category] ?? '',
      subcategory: r.cells[subcategory] ?? '',
      nFiles: Number(r.cells[nFiles]) || 0,
    }))
    .filter(t => t.term !== '');
}

export function loadNotesFiles(root: string): Set<string> {
  return new Set(
    readFileSync(notesFilesPath(root), 'utf8')
      .split(/\r?\n/)
      .filter(line => line !== ''),
  );
}

export interface Exclusion {
  term: string;
  reason: string;
  line: number;
}

export function exclusionsPath(root: string): string {
  return join(root, 'knowledge', 'exclusions.tsv');
}

export function loadExclusions(root: string): Exclusion[] {
  return readTsv(exclusionsPath(root)).map(r => ({
    term: (r.cells[0] ?? '').trim(),
    reason: (r.cells[1] ?? '').trim(),
    line: r.line,
  }));
}

/** Lower-cased title and aliases of every topic → the ids that carry that exact name. */
export function namesByLowerCase(topics: readonly Topic[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const t of topics) {
    for (const name of new Set([t.title, ...t.aliases].map(n => n.toLowerCase()))) {
      names.set(name, [...(names.get(name) ?? []), t.id]);
    }
  }
  return names;
}

export interface Coverage {
  covered: Array<{ term: InventoryTerm; topicIds: string[] }>;
  excluded: Array<{ term: InventoryTerm; exclusion: Exclusion }>;
  missing: InventoryTerm[];
}

/**
 * How the knowledge base covers the notes inventory: a term is covered when it equals a title or alias of some topic
 * (case-insensitive exact string compare), excluded when knowledge/exclusions.tsv lists it, else missing.
 */
export function inventoryCoverage(
  topics: readonly Topic[],
  inventory: readonly InventoryTerm[],
  exclusions: readonly Exclusion[],
): Coverage {
  const names = namesByLowerCase(topics);
  const excluded = new Map(exclusions.map(e => [e.term.toLowerCase(), e] as const));
  const result: Coverage = { covered: [], excluded: [], missing: [] };
  for (const term of inventory) {
    const key = term.term.toLowerCase();
    const ids = names.get(key);
    const exclusion = excluded.get(key);
    if (ids) result.covered.push({ term, topicIds: ids });
    else if (exclusion) result.excluded.push({ term, exclusion });
    else result.missing.push(term);
  }
  return result;
}

/** One entry of the official Kubernetes glossary, as knowledge/glossary.tsv records it. */
export interface GlossaryEntry {
  line: number;
  /** The glossary file's name without `.md`. */
  id: string;
  term: string;
  /** `technical` entries must be covered; `community` (roles, project life) and `obsolete` (removed APIs) need not. */
  kind: string;
  /** The topic the term is a name of, or `-`. */
  topic: string;
  reason: string;
}

export const GLOSSARY_KINDS = ['technical', 'community', 'obsolete'] as const;
/** The share of technical entries that must lead to a topic (issue 12). */
export const MIN_GLOSSARY_COVERAGE = 0.95;

export function glossaryPath(root: string): string {
  return join(root, 'knowledge', 'glossary.tsv');
}

export function loadGlossary(root: string): GlossaryEntry[] {
  return readTsv(glossaryPath(root)).map(r => {
    const [id = '', term = '', kind = '', topic = '', reason = ''] = r.cells.map(c => c.trim());
    return { line: r.line, id, term, kind, topic, reason };
  });
}

/**
 * The names a glossary term is written under: the term itself, and for a term with a parenthesis ("Container Storage
 * Interface (CSI)") also the words before it and inside it. A term leads to its topic when one of them is a name of it.
 */
export function glossaryNames(term: string): string[] {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(term);
  return m ? [term, m[1], m[2]] : [term];
}

export interface GlossaryCoverage {
  technical: GlossaryEntry[];
  covered: GlossaryEntry[];
  uncovered: GlossaryEntry[];
  /** Rows that break the format: `file:line: message`. */
  problems: string[];
}

/** How knowledge/glossary.tsv is covered, and what is wrong with it (`isNameOf` asks the matcher's name rule). */
export function glossaryCoverage(
  entries: readonly GlossaryEntry[],
  topicIds: ReadonlySet<string>,
  isNameOf: (name: string, topicId: string) => boolean,
): GlossaryCoverage {
  const problems: string[] = [];
  const at = (e: GlossaryEntry, message: string) => problems.push(`knowledge/glossary.tsv:${e.line}: ${message}`);
  const seen = new Map<string, number>();
  for (const e of entries) {
    if (!e.id || !e.term) at(e, 'a row needs a glossary id and a term');
    if (seen.has(e.id)) at(e, `duplicate glossary id "${e.id}" (first at line ${seen.get(e.id)})`);
    seen.set(e.id, e.line);
    if (!(GLOSSARY_KINDS as readonly string[]).includes(e.kind))
      at(e, `kind "${e.kind}" is not ${GLOSSARY_KINDS.join(', ')}`);
    if (e.topic === '-' || e.topic === '') {
      if (!e.reason) at(e, `"${e.term}" leads to no topic and gives no reason`);
    } else if (!topicIds.has(e.topic)) at(e, `unknown topic "${e.topic}"`);
    else if (!glossaryNames(e.term).some(name => isNameOf(name, e.topic)))
      at(e, `"${e.term}" is not a name of topic "${e.topic}" (add it as an alias, or fix the row)`);
  }
  const technical = entries.filter(e => e.kind === 'technical');
  const leads = (e: GlossaryEntry) =>
    topicIds.has(e.topic) && glossaryNames(e.term).some(name => isNameOf(name, e.topic));
  return { technical, covered: technical.filter(leads), uncovered: technical.filter(e => !leads(e)), problems };
}

// ---------------------------------------------------------------------------------------------------------------

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function buildReport(root: string): string {
  const topics = loadTopics(root);
  const out: string[] = [];
  const words = new Map(topics.map(t => [t.id, bodyWordCount(t.body)] as const));
  const primary = topics.filter(t => t.primary !== false);
  const totalWords = [...words.values()].reduce((a, b) => a + b, 0);

  out.push(`Knowledge base report — ${join(root, 'dist', 'knowledge')}`, '');

  // 1. Topics per category, in sidebar order, then any category that is not built in.
  out.push('Topics per category (primary / brief)');
  const byCategory = new Map<string, Topic[]>();
  for (const t of topics) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
  const categoryIds = [
    ...CATEGORIES.map(c => c.id),
    ...[...byCategory.keys()].filter(id => !CATEGORIES.some(c => c.id === id)).sort(),
  ];
  const titleWidth = Math.max(
    ...categoryIds.map(id => (CATEGORIES.find(c => c.id === id)?.title ?? id).length + id.length + 3),
  );
  for (const id of categoryIds) {
    const list = byCategory.get(id) ?? [];
    const p = list.filter(t => t.primary !== false).length;
    const title = CATEGORIES.find(c => c.id === id)?.title ?? 'not a built-in category';
    out.push(
      `  ${pad(`${title} (${id})`, titleWidth)} ${pad(list.length, 4, true)}   ${pad(p, 3, true)} / ${pad(list.length - p, 3, true)}${list.length === 0 ? '   <- empty' : ''}`,
    );
  }
  out.push(
    `  ${pad('all', titleWidth)} ${pad(topics.length, 4, true)}   ${pad(primary.length, 3, true)} / ${pad(topics.length - primary.length, 3, true)}`,
    '',
  );

  // 2. The notes inventory.
  out.push('Notes inventory coverage');
  const inventory = loadInventory(root);
  const exclusions = loadExclusions(root);
  const c = inventoryCoverage(topics, inventory, exclusions);
  out.push(`  ${inventoryPath(root)}: ${inventory.length} terms`);
  out.push(
    `  covered by a topic title or alias  ${pad(c.covered.length, 4, true)}  (${percent(c.covered.length, inventory.length)})`,
  );
  out.push(
    `  excluded (knowledge/exclusions.tsv) ${pad(c.excluded.length, 4, true)}  (${percent(c.excluded.length, inventory.length)})`,
  );
  out.push(
    `  missing                            ${pad(c.missing.length, 4, true)}  (${percent(c.missing.length, inventory.length)})`,
  );
  for (const m of c.missing)
    out.push(
      `    - ${m.term}  [${m.category}${m.subcategory ? ` / ${m.subcategory}` : ''}; in ${m.nFiles} notes file(s)]`,
    );
  const known = new Set(inventory.map(t => t.term.toLowerCase()));
  const stale = exclusions.filter(e => !known.has(e.term.toLowerCase()));
  if (stale.length > 0)
    out.push(`  exclusions that name no inventory term: ${stale.map(e => `"${e.term}" (line ${e.line})`).join(', ')}`);
  out.push('');

  // 2b. The official glossary.
  out.push(...glossaryReport(root, topics), '');

  // 3. The thinnest topic pages.
  out.push('The 15 thinnest topic bodies (words outside fenced code; minimum 80 primary / 40 brief)');
  const thinnest = [...topics]
    .sort((a, b) => words.get(a.id)! - words.get(b.id)! || a.id.localeCompare(b.id))
    .slice(0, 15);
  const idWidth = Math.max(...thinnest.map(t => t.id.length));
  for (const t of thinnest) {
    const n = words.get(t.id)!;
    out.push(
      `  ${pad(n, 5, true)}  ${pad(t.id, idWidth)}  ${pad(t.primary !== false ? 'primary' : 'brief', 7)}  ${t.category}${n < minWords(t) ? '   <- below minimum' : ''}`,
    );
  }
  out.push('');

  // 4. Totals.
  const sorted = [...words.values()].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
  const count = (f: (t: Topic) => number) => topics.reduce((a, t) => a + f(t), 0);
  out.push('Totals');
  out.push(
    `  topics          ${topics.length} (${primary.length} primary, ${topics.length - primary.length} brief) in ${new Set(topics.map(t => t.category)).size} categories`,
  );
  out.push(
    `  names           ${count(t => 1 + t.aliases.length)} (titles + aliases), ${count(t => t.ambiguous.length)} marked ambiguous`,
  );
  out.push(`  body words      ${totalWords} (median ${median} per topic)`);
  out.push(`  links           ${count(t => t.links.length)}`);
  out.push(`  related ids     ${count(t => t.related.length)}`);
  out.push(
    `  notes refs      ${count(t => t.notes.length)} (${topics.filter(t => t.notes.length > 0).length} topics cite the notes)`,
  );
  out.push(
    `  manifest hints  ${count(t => (t.manifest?.kinds?.length ?? 0) + (t.manifest?.keys?.length ?? 0) + (t.manifest?.values?.length ?? 0))} (kinds, keys and values)`,
  );
  out.push('', ...valueKindsReport(), '', ...apiLifecycleReport());
  return out.join('\n');
}

function glossaryReport(root: string, topics: readonly Topic[]): string[] {
  const entries = loadGlossary(root);
  const ids = new Set(topics.map(t => t.id));
  const c = glossaryCoverage(entries, ids, (name, id) => topicsNamed(topics, name).some(t => t.id === id));
  const kinds = GLOSSARY_KINDS.map(k => `${entries.filter(e => e.kind === k).length} ${k}`).join(', ');
  return [
    'Official glossary coverage (knowledge/glossary.tsv)',
    `  entries         ${entries.length} (${kinds})`,
    `  technical entries that lead to a topic  ${c.covered.length} / ${c.technical.length}  (${percent(c.covered.length, c.technical.length)}; at least ${100 * MIN_GLOSSARY_COVERAGE}%)`,
    ...c.uncovered.map(e => `  not covered: ${e.term} (${e.reason})`),
    ...c.problems.map(p => `  problem: ${p}`),
  ];
}

/** What hovers explain in a value, and how much of each kind the knowledge holds. */
function valueKindsReport(): string[] {
  const { fieldValues, wellKnownKeys } = BUILTIN_VALUE_TABLES;
  const uses = (use: string) => wellKnownKeys.filter(k => k.use.includes(use as never)).length;
  const values = fieldValues.reduce((n, f) => n + Object.keys(f.values).length, 0);
  return [
    'Values that hovers explain',
    `  quantities          cpu, memory, storage, ephemeral-storage, hugepages-*, extended resources; sizeLimit; HPA targets (amount in plain units, or why it is invalid)`,
    `  enumerated values   ${fieldValues.length} fields, ${values} values (knowledge/field-values.yaml; ${fieldValues.filter(f => f.open).length} open sets)`,
    `  image references    registry, repository, tag and digest, with Docker Hub's defaults`,
    `  well-known keys     ${wellKnownKeys.length} (${uses('label')} labels, ${uses('annotation')} annotations, ${uses('taint')} taints; knowledge/well-known-keys.yaml), as keys and as values`,
  ];
}

/** The API lifecycle table as the bundles embed it: rows, and what each release removed and deprecated. */
export function apiLifecycleReport(rows = BUILTIN_API_LIFECYCLE.rows): string[] {
  const out = ['API lifecycle table (knowledge/api-lifecycle.yaml)'];
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  out.push(
    `  rows            ${rows.length} (${count(r => r.removed !== undefined)} removed, ${count(r => r.deprecated !== undefined && r.removed === undefined)} deprecated and still served, ${count(r => r.mechanical === true)} mechanical moves)`,
    `  groups          ${new Set(rows.map(r => (r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : 'core'))).size}`,
    `  ${pad('release', 8)}${pad('removed', 8, true)}${pad('deprecated', 12, true)}${pad('introduced', 12, true)}`,
  );
  for (const c of changesByRelease(rows)) {
    const removed = c.removed.map(r => `${r.apiVersion} ${r.kind}`);
    out.push(
      `  ${pad(c.release, 8)}${pad(c.removed.length, 8, true)}${pad(c.deprecated.length, 12, true)}${pad(c.introduced.length, 12, true)}${removed.length > 0 ? `   ${summarize(removed)}` : ''}`,
    );
  }
  return out;
}

function summarize(names: string[]): string {
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}

if (require.main === module) {
  try {
    console.log(buildReport(repoRootFrom(__dirname)));
  } catch (error) {
    console.error(`knowledge:report: ${(error as Error).message}`);
    process.exit(1);
  }
}
