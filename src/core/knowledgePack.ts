/**
 * The built-in knowledge as the package ships it, in two files:
 * - `topics.json`: every field but the body, stored column by column (all ids, then all titles, …), with related
 *   topics as positions in the id column. Similar values side by side compress better in the zip.
 * - `bodies.json.zst`: all bodies as one zstd-compressed JSON list, about a fifth smaller than the zip's deflate.
 *   It is decompressed on the first read of any `topic.body` (a topic page, "Mentioned in", full hovers), so hovers,
 *   the tree and search never pay for it.
 * Together they keep the `.vsix` under 400 KB with every topic page in it.
 */
import { decompress } from 'fzstd';
import type { ManifestHints, Topic, TopicLink } from './model';

export const PACK_FILES = { topics: 'topics.json', bodies: 'bodies.json.zst' } as const;
const FORMAT = 1;

interface Columns {
  id: string[];
  title: string[];
  category: string[];
  aliases: string[][];
  exactCase: string[][];
  ambiguous: string[][];
  context: string[][];
  primary: boolean[];
  summary: string[];
  links: TopicLink[][];
  related: number[][];
  notes: string[][];
  manifest: Array<ManifestHints | null>;
}

/** The two texts to write; the build compresses `bodies` with zstd. Built-in topics only (`source` is derived). */
export function packTopics(topics: readonly Topic[]): { topics: string; bodies: string } {
  const position = new Map(topics.map((t, i) => [t.id, i]));
  const column = <T>(value: (t: Topic) => T) => topics.map(value);
  const columns: Columns = {
    id: column(t => t.id),
    title: column(t => t.title),
    category: column(t => t.category),
    aliases: column(t => t.aliases),
    exactCase: column(t => t.exactCase),
    ambiguous: column(t => t.ambiguous),
    context: column(t => t.context),
    primary: column(t => t.primary),
    summary: column(t => t.summary),
    links: column(t => t.links),
    related: column(t =>
      t.related.map(id => position.get(id) ?? fail(`topic "${t.id}" relates to unknown topic "${id}"`)),
    ),
    notes: column(t => t.notes),
    manifest: column(t => t.manifest ?? null),
  };
  return { topics: JSON.stringify({ format: FORMAT, columns }), bodies: JSON.stringify(column(t => t.body)) };
}

/**
 * Built-in topics from the two packed files. `unreadable` turns a reason into the text that stands in for every body
 * when the bodies file cannot be read, so a damaged install still hovers and shows pages that say what went wrong.
 */
export function unpackTopics(
  topicsJson: string,
  compressedBodies: Uint8Array,
  unreadable: (reason: string) => string,
): Topic[] {
  const c = readColumns(JSON.parse(topicsJson));
  let bodies: string[] | undefined;
  const bodyAt = (i: number) => (bodies ??= readBodies(compressedBodies, c.id.length, unreadable))[i];
  return c.id.map((id, i) => {
    const manifest = c.manifest[i];
    const topic = {
      id,
      title: c.title[i],
      category: c.category[i],
      aliases: c.aliases[i],
      exactCase: c.exactCase[i],
      ambiguous: c.ambiguous[i],
      context: c.context[i],
      primary: c.primary[i],
      summary: c.summary[i],
      links: c.links[i],
      related: c.related[i].map(r => c.id[r] ?? fail(`topic "${id}" relates to position ${r}, past the last topic`)),
      notes: c.notes[i],
      ...(manifest ? { manifest } : {}),
      source: `knowledge/${c.category[i]}/${id}.md`,
      origin: 'builtin',
    } as Topic;
    Object.defineProperty(topic, 'body', { get: () => bodyAt(i), enumerable: true });
    return topic;
  });
}

function readColumns(data: unknown): Columns {
  const pack = data as { format?: unknown; columns?: Record<string, unknown> } | null;
  if (pack?.format !== FORMAT || typeof pack.columns !== 'object' || pack.columns === null) {
    fail(`not a knowledge pack of format ${FORMAT}`);
  }
  const ids = pack.columns.id;
  if (!Array.isArray(ids)) fail('the "id" column is missing');
  const names: Array<keyof Columns> = [
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
  ];
  for (const name of names) {
    const values = pack.columns[name];
    if (!Array.isArray(values) || values.length !== ids.length)
      fail(`the "${name}" column does not hold ${ids.length} values`);
  }
  return pack.columns as unknown as Columns;
}

function readBodies(compressed: Uint8Array, count: number, unreadable: (reason: string) => string): string[] {
  try {
    const list: unknown = JSON.parse(new TextDecoder().decode(decompress(compressed)));
    if (!Array.isArray(list) || list.length !== count || !list.every(b => typeof b === 'string')) {
      throw new Error(`expected a list of ${count} topic bodies`);
    }
    return list;
  } catch (error) {
    return new Array<string>(count).fill(
      unreadable(`${PACK_FILES.bodies}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

function fail(message: string): never {
  throw new Error(`${PACK_FILES.topics}: ${message}`);
}
