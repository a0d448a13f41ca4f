/**
 * The built-in knowledge as the package ships it (format 2), in two files:
 * - `topics.json`: `{ format, columns, bodyGroups }`. `columns` holds every field but the body, column by column (all
 *   ids, then all titles, …), with `related` and `linksTo` as positions in the id column: similar values side by side
 *   compress better in the zip. `bodyGroups` describes `bodies.zst` in file order, one `[topics, bytes, hash]` per
 *   group: how many consecutive topics (by position) the group holds, its compressed length, and the FNV-1a hash of
 *   those compressed bytes.
 * - `bodies.zst`: one zstd frame per group, back to back; each frame is the JSON list of its topics' bodies
 *   (`zstd -dc bodies.zst` prints them). Each frame records its content size, which keeps fzstd from allocating and
 *   shifting an 8 MiB window.
 * A group is decompressed on the first read of one of its topics' `body` (a topic page, a full hover), so the first
 * page decompresses one group, not every page. Hovers, the tree, search and "Mentioned in" (from `linksTo`) read no
 * body. A group that fails its checks (length, hash, count) turns only its own topics' bodies into the `unreadable`
 * text; the other groups still read. Groups of 32 keep the `.vsix` under 450 KB; smaller ones compress worse.
 */
import { decompress as zstdDecompress } from 'fzstd';
import type { FeatureStage, ManifestHints, Topic, TopicLink } from './model';

export const PACK_FILES = { topics: 'topics.json', bodies: 'bodies.zst' } as const;
const FORMAT = 2;
export const BODY_GROUP_SIZE = 32;

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
  linksTo: number[][];
  notes: string[][];
  manifest: Array<ManifestHints | null>;
  stages: Array<FeatureStage[] | null>;
}

/** `[topics, bytes, hash]` of one group of bodies. */
type GroupEntry = [number, number, number];

export interface BodyGroup {
  /** Position of the group's first topic. */
  first: number;
  topics: number;
  /** Byte range in the bodies file. */
  start: number;
  end: number;
  hash: number;
}

/**
 * The two files to write. `compress` turns one group's JSON into a zstd frame (the build runs zstd; the core has no
 * compressor). Built-in topics only (`source` is derived).
 */
export function packTopics(
  topics: readonly Topic[],
  compress: (bytes: Uint8Array) => Uint8Array,
  groupSize = BODY_GROUP_SIZE,
): { topics: string; bodies: Uint8Array } {
  const position = new Map(topics.map((t, i) => [t.id, i]));
  const column = <T>(value: (t: Topic) => T) => topics.map(value);
  const positions = (t: Topic, ids: string[], what: string) =>
    ids.map(id => position.get(id) ?? fail(`topic "${t.id}" ${what} unknown topic "${id}"`));
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
    related: column(t => positions(t, t.related, 'relates to')),
    linksTo: column(t => positions(t, t.linksTo, 'links to')),
    notes: column(t => t.notes),
    manifest: column(t => t.manifest ?? null),
    stages: column(t => t.stages ?? null),
  };
  const frames: Uint8Array[] = [];
  const bodyGroups: GroupEntry[] = [];
  for (let first = 0; first < topics.length; first += groupSize) {
    const group = topics.slice(first, first + groupSize);
    const frame = compress(new TextEncoder().encode(JSON.stringify(group.map(t => t.body))));
    frames.push(frame);
    bodyGroups.push([group.length, frame.length, fnv1a(frame)]);
  }
  const bodies = new Uint8Array(frames.reduce((sum, f) => sum + f.length, 0));
  let offset = 0;
  for (const frame of frames) {
    bodies.set(frame, offset);
    offset += frame.length;
  }
  return { topics: JSON.stringify({ format: FORMAT, columns, bodyGroups }), bodies };
}

/**
 * Built-in topics from the two packed files. `unreadable` turns a reason into the text that stands in for the bodies
 * of a group that cannot be read, so a damaged install still hovers and shows pages that say what went wrong.
 * `decompress` is fzstd's; tests pass their own to see which groups are read.
 */
export function unpackTopics(
  topicsJson: string,
  bodies: Uint8Array,
  unreadable: (reason: string) => string,
  decompress: (frame: Uint8Array) => Uint8Array = zstdDecompress,
): Topic[] {
  const pack = readPack(JSON.parse(topicsJson));
  const c = pack.columns;
  const groups = bodyGroups(pack.bodyGroups);
  const groupOf = groups.flatMap((g, n) => new Array<number>(g.topics).fill(n));
  const read: Array<string[] | undefined> = [];
  const bodyAt = (i: number) => {
    const n = groupOf[i];
    const group = (read[n] ??= readGroup(bodies, groups, n, decompress, unreadable));
    return group[i - groups[n].first];
  };
  const ids = (id: string, list: number[], what: string) =>
    list.map(r => c.id[r] ?? fail(`topic "${id}" ${what} position ${r}, past the last topic`));
  return c.id.map((id, i) => {
    const manifest = c.manifest[i];
    const stages = c.stages[i];
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
      related: ids(id, c.related[i], 'relates to'),
      linksTo: ids(id, c.linksTo[i], 'links to'),
      notes: c.notes[i],
      ...(manifest ? { manifest } : {}),
      ...(stages ? { stages } : {}),
      source: `knowledge/${c.category[i]}/${id}.md`,
      origin: 'builtin',
    } as Topic;
    Object.defineProperty(topic, 'body', { get: () => bodyAt(i), enumerable: true });
    return topic;
  });
}

/** Where each group of bodies lies in the bodies file, from `topics.json` (checked as `unpackTopics` checks it). */
export function packedBodyGroups(topicsJson: string): BodyGroup[] {
  return bodyGroups(readPack(JSON.parse(topicsJson)).bodyGroups);
}

interface Pack {
  columns: Columns;
  bodyGroups: GroupEntry[];
}

function readPack(data: unknown): Pack {
  const pack = data as { format?: unknown; columns?: Record<string, unknown>; bodyGroups?: unknown } | null;
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
    'linksTo',
    'notes',
    'manifest',
    'stages',
  ];
  for (const name of names) {
    const values = pack.columns[name];
    if (!Array.isArray(values) || values.length !== ids.length)
      fail(`the "${name}" column does not hold ${ids.length} values`);
  }
  const groups = pack.bodyGroups;
  const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (!Array.isArray(groups) || !groups.every(g => Array.isArray(g) && g.length === 3 && g.every(isCount))) {
    fail('"bodyGroups" is not a list of [topics, bytes, hash]');
  }
  const grouped = (groups as GroupEntry[]).reduce((sum, [topics]) => sum + topics, 0);
  if (grouped !== ids.length) fail(`"bodyGroups" holds ${grouped} bodies for ${ids.length} topics`);
  return { columns: pack.columns as unknown as Columns, bodyGroups: groups as GroupEntry[] };
}

function bodyGroups(entries: readonly GroupEntry[]): BodyGroup[] {
  let first = 0;
  let start = 0;
  return entries.map(([topics, bytes, hash]) => {
    const group = { first, topics, start, end: start + bytes, hash };
    first += topics;
    start += bytes;
    return group;
  });
}

function readGroup(
  file: Uint8Array,
  groups: readonly BodyGroup[],
  n: number,
  decompress: (frame: Uint8Array) => Uint8Array,
  unreadable: (reason: string) => string,
): string[] {
  const g = groups[n];
  try {
    if (file.length < g.end) throw new Error(`the file ends at byte ${file.length}, before the group's end`);
    const frame = file.subarray(g.start, g.end);
    if (fnv1a(frame) !== g.hash) throw new Error(`its bytes do not match ${PACK_FILES.topics} (damaged or mismatched)`);
    const list: unknown = JSON.parse(new TextDecoder().decode(decompress(frame)));
    if (!Array.isArray(list) || list.length !== g.topics || !list.every(b => typeof b === 'string')) {
      throw new Error(`expected a list of ${g.topics} topic bodies`);
    }
    return list;
  } catch (error) {
    const where = `${PACK_FILES.bodies}, group ${n + 1} of ${groups.length} (bytes ${g.start}-${g.end})`;
    const reason = `${where}: ${error instanceof Error ? error.message : String(error)}`;
    return new Array<string>(g.topics).fill(unreadable(reason));
  }
}

/** 32-bit FNV-1a: enough to tell a damaged or foreign group from the one `topics.json` describes. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

function fail(message: string): never {
  throw new Error(`${PACK_FILES.topics}: ${message}`);
}
