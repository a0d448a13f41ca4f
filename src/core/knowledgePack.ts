/**
 * The built-in knowledge as the package ships it (format 6), in two files:
 * - `topics.json`: `{ format, columns, pageGroups }`. `columns` holds every field but the page, column by column (all
 *   ids, then all titles, …), with `related` as positions in the id column: similar values side by side compress
 *   better. Two fields are not stored: `notes` (the knowledge's sources: built-in topics ship only their places in the
 *   learning path, `places`) and `linksTo`, which is read from the page's links when "Mentioned in" asks for it (the
 *   build checks that they agree).
 *   `pageGroups` describes `pages.zst` in file order, one `[topics, bytes, hash]` per group: how many consecutive
 *   topics (by position) the group holds, its compressed length, and the FNV-1a hash of those compressed bytes.
 * - `pages.zst`: one zstd frame per group, back to back. The build renders each page (topicPage.renderBody, the
 *   renderer team pages use at run time), so showing a built-in page runs no Markdown renderer. A frame holds, for
 *   each of its topics, the page's HTML and the text of its full hover (hoverText.firstParagraphText): "" when that
 *   is the HTML's first paragraph, worked out when read; U+0001 for none; else the text. All are separated by NUL
 *   characters (`zstd -dc pages.zst | tr '\0' '\n'` prints them). Each frame records its content size, which keeps
 *   fzstd from allocating and shifting an 8 MiB window.
 * A group is decompressed on the first read of one of its topics' `page` (a topic page, a full hover, `linksTo`).
 * Hovers, the tree and search read no page. A group that fails its checks (length, hash, count) turns only its own
 * topics' pages into the `unreadable` text; the other groups still read. The group size trades the `.vsix` size
 * (larger groups compress better) against the time to decompress one group (see `npm run bench`). The build writes
 * small zstd blocks (about 4 KB compressed) so that `readPagesAhead` can decompress in short steps.
 */
import { Decompress, decompress as zstdDecompress } from 'fzstd';
import { firstParagraphText, firstParagraphTextOfHtml } from './hoverText';
import type { FeatureStage, ManifestHints, MarkdownTopic, PackedTopic, RenderedPage, TopicLink } from './model';
import { placesOf } from './learningPath';
import { escapeHtml, renderBody, topicIdsLinkedFrom } from './topicPage';

export const PACK_FILES = { topics: 'topics.json', pages: 'pages.zst' } as const;
const FORMAT = 6;
/**
 * All built-in pages fit one group: one zstd frame compresses best (the package stays under its size limit), and
 * `readPagesAhead` decompresses it in short steps soon after activation, so only a page opened before that pays for
 * the whole frame at once. Smaller groups make that early page cheaper and the package larger.
 */
export const PAGE_GROUP_SIZE = 600;
/** Compressed bytes `readPagesAhead` decompresses per step: at most one of the build's ~4 KB blocks completes. */
export const READ_AHEAD_SLICE_BYTES = 2048;
/** Topics whose links `readPagesAhead` reads from their pages per step, once the pages are read. */
export const LINKS_PER_STEP = 64;
const SEPARATOR = '\0';
const NO_DETAIL = '\u0001';

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
  /** learningPath.placesOf, the first place in each chapter, as `100 × chapter + position`. */
  places: number[][];
  manifest: Array<ManifestHints | null>;
  stages: Array<FeatureStage[] | null>;
}

/** A streaming zstd decompressor: the pieces of one frame in order, the last one `final`. */
export interface ZstdStream {
  push(chunk: Uint8Array, final: boolean): void;
}
export type StartZstdStream = (ondata: (data: Uint8Array) => void) => ZstdStream;
const fzstdStream: StartZstdStream = ondata => new Decompress(ondata);

/** `[topics, bytes, hash]` of one group of pages. */
type GroupEntry = [number, number, number];

export interface PageGroup {
  /** Position of the group's first topic. */
  first: number;
  topics: number;
  /** Byte range in the pages file. */
  start: number;
  end: number;
  hash: number;
}

/**
 * The two files to write. `compress` turns one group into a zstd frame (the build runs zstd; the core has no
 * compressor). Built-in topics only (`source` is derived).
 */
export function packTopics(
  topics: readonly MarkdownTopic[],
  compress: (bytes: Uint8Array) => Uint8Array,
  groupSize = PAGE_GROUP_SIZE,
): { topics: string; pages: Uint8Array } {
  const position = new Map(topics.map((t, i) => [t.id, i]));
  const column = <T>(value: (t: MarkdownTopic) => T) => topics.map(value);
  const positions = (t: MarkdownTopic, ids: string[], what: string) =>
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
    places: column(t => packPlaces(placesOf(t))),
    manifest: column(t => t.manifest ?? null),
    stages: column(t => t.stages ?? null),
  };
  for (const t of topics) positions(t, t.linksTo, 'links to');
  const frames: Uint8Array[] = [];
  const pageGroups: GroupEntry[] = [];
  for (let first = 0; first < topics.length; first += groupSize) {
    const group = topics.slice(first, first + groupSize);
    const pieces = group.flatMap(t => {
      const html = renderBody(t.body);
      const links = topicIdsLinkedFrom(html);
      if (links.join() !== t.linksTo.join())
        fail(
          `the page of topic "${t.id}" links to [${links.join(', ')}], not to its linksTo [${t.linksTo.join(', ')}]`,
        );
      return [html, packHoverDetail(html, t.primary ? firstParagraphText(t.body) : undefined)];
    });
    const withSeparator = pieces.findIndex(piece => piece.includes(SEPARATOR));
    if (withSeparator >= 0) fail(`the page of topic "${group[withSeparator >> 1].id}" holds a NUL character`);
    const frame = compress(new TextEncoder().encode(pieces.join(SEPARATOR)));
    frames.push(frame);
    pageGroups.push([group.length, frame.length, fnv1a(frame)]);
  }
  return { topics: JSON.stringify({ format: FORMAT, columns, pageGroups }), pages: concat(frames) };
}

/**
 * Built-in topics from the two packed files. `unreadable` turns a reason into the text that stands in for the pages
 * of a group that cannot be read, so a damaged install still hovers and shows pages that say what went wrong.
 * `decompress` is fzstd's; tests pass their own to see which groups are read.
 */
export function unpackTopics(
  topicsJson: string,
  pages: Uint8Array,
  unreadable: (reason: string) => string,
  decompress: (frame: Uint8Array) => Uint8Array = zstdDecompress,
): PackedTopic[] {
  return unpackKnowledge(topicsJson, pages, unreadable, decompress).topics;
}

export interface PackedKnowledge {
  topics: PackedTopic[];
  groups: PageGroup[];
  /** Reads the groups not read yet, one short step per `next()` (see `readPagesAhead`). */
  readAheadSteps(): Generator<void, void>;
}

/**
 * `unpackTopics`, with where the groups of pages lie and the steps of `readPagesAhead`. `stream` is fzstd's streaming
 * decompressor; tests pass their own to see how much each step decompresses.
 */
export function unpackKnowledge(
  topicsJson: string,
  pages: Uint8Array,
  unreadable: (reason: string) => string,
  decompress: (frame: Uint8Array) => Uint8Array = zstdDecompress,
  stream: StartZstdStream = fzstdStream,
): PackedKnowledge {
  const pack = readPack(JSON.parse(topicsJson));
  const c = pack.columns;
  const groups = pageGroups(pack.pageGroups);
  const groupOf = groups.flatMap((g, n) => new Array<number>(g.topics).fill(n));
  const read: Array<RenderedPage[] | undefined> = [];
  const reader = new GroupReader(pages, groups, unreadable);
  const pageAt = (i: number) => {
    const n = groupOf[i];
    const group = (read[n] ??= reader.read(n, decompress));
    return group[i - groups[n].first];
  };
  function* readAheadSteps(): Generator<void, void> {
    for (let n = 0; n < groups.length; n++) {
      const steps = reader.readInSteps(n, stream);
      // A page read between two steps reads its group at once; its steps are then dropped.
      while (!read[n]) {
        const step = steps.next();
        if (step.done) read[n] = step.value;
        yield;
      }
    }
    // "Mentioned in" reads every topic's links from its page: read them now, a few topics per step.
    for (let i = 0; i < topics.length; i += LINKS_PER_STEP) {
      for (const topic of topics.slice(i, i + LINKS_PER_STEP)) void topic.linksTo;
      yield;
    }
  }
  const ids = (id: string, list: number[], what: string) =>
    list.map(r => c.id[r] ?? fail(`topic "${id}" ${what} position ${r}, past the last topic`));
  const topics = c.id.map((id, i) => {
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
      notes: [],
      chapterPlaces: c.places[i].map(n => [Math.floor(n / 100), n % 100]),
      ...(manifest ? { manifest } : {}),
      ...(stages ? { stages } : {}),
      source: `knowledge/${c.category[i]}/${id}.md`,
      origin: 'builtin',
    } as Omit<PackedTopic, 'page' | 'linksTo'> as PackedTopic;
    let linksTo: string[] | undefined;
    Object.defineProperty(topic, 'page', { get: () => pageAt(i), enumerable: true });
    Object.defineProperty(topic, 'linksTo', {
      get: () => (linksTo ??= topicIdsLinkedFrom(pageAt(i).html)),
      enumerable: true,
    });
    return topic;
  });
  return { topics, groups, readAheadSteps };
}

/**
 * Reads the groups of pages ahead, one step after each `pause()` (which answers false to stop), so that the pages and
 * full hovers asked for later find them decompressed. fzstd runs about forty times slower until V8 has optimized it:
 * read ahead, the first page costs milliseconds instead of a cold decompression (`npm run bench`). Each step
 * decompresses at most `READ_AHEAD_SLICE_BYTES`, so even cold steps block for a few milliseconds only.
 */
export async function readPagesAhead(knowledge: PackedKnowledge, pause: () => Promise<boolean>): Promise<void> {
  const steps = knowledge.readAheadSteps();
  while (await pause()) if (steps.next().done) return;
}

/** Where each group of pages lies in the pages file, from `topics.json` (checked as `unpackTopics` checks it). */
export function packedPageGroups(topicsJson: string): PageGroup[] {
  return pageGroups(readPack(JSON.parse(topicsJson)).pageGroups);
}

interface Pack {
  columns: Columns;
  pageGroups: GroupEntry[];
}

function readPack(data: unknown): Pack {
  const pack = data as { format?: unknown; columns?: Record<string, unknown>; pageGroups?: unknown } | null;
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
    'places',
    'manifest',
    'stages',
  ];
  for (const name of names) {
    const values = pack.columns[name];
    if (!Array.isArray(values) || values.length !== ids.length)
      fail(`the "${name}" column does not hold ${ids.length} values`);
  }
  const groups = pack.pageGroups;
  const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (!Array.isArray(groups) || !groups.every(g => Array.isArray(g) && g.length === 3 && g.every(isCount))) {
    fail('"pageGroups" is not a list of [topics, bytes, hash]');
  }
  const grouped = (groups as GroupEntry[]).reduce((sum, [topics]) => sum + topics, 0);
  if (grouped !== ids.length) fail(`"pageGroups" holds ${grouped} pages for ${ids.length} topics`);
  return { columns: pack.columns as unknown as Columns, pageGroups: groups as GroupEntry[] };
}

function pageGroups(entries: readonly GroupEntry[]): PageGroup[] {
  let first = 0;
  let start = 0;
  return entries.map(([topics, bytes, hash]) => {
    const group = { first, topics, start, end: start + bytes, hash };
    first += topics;
    start += bytes;
    return group;
  });
}

/** Reads one group of pages, checked (length, hash, count); a group that fails turns into the `unreadable` text. */
class GroupReader {
  constructor(
    private readonly file: Uint8Array,
    private readonly groups: readonly PageGroup[],
    private readonly unreadable: (reason: string) => string,
  ) {}

  read(n: number, decompress: (frame: Uint8Array) => Uint8Array): RenderedPage[] {
    try {
      return this.pages(n, decompress(this.frame(n)));
    } catch (error) {
      return this.unreadablePages(n, error);
    }
  }

  /** `read`, one step per `next()`: the checks, then each slice of the frame, then the pages. */
  *readInSteps(n: number, stream: StartZstdStream): Generator<void, RenderedPage[]> {
    try {
      const frame = this.frame(n);
      yield;
      const output: Uint8Array[] = [];
      const decompressor = stream(data => output.push(data));
      for (let at = 0; at < frame.length; at += READ_AHEAD_SLICE_BYTES) {
        decompressor.push(frame.subarray(at, at + READ_AHEAD_SLICE_BYTES), at + READ_AHEAD_SLICE_BYTES >= frame.length);
        yield;
      }
      return this.pages(n, concat(output));
    } catch (error) {
      return this.unreadablePages(n, error);
    }
  }

  private frame(n: number): Uint8Array {
    const g = this.groups[n];
    if (this.file.length < g.end) throw new Error(`the file ends at byte ${this.file.length}, before the group's end`);
    const frame = this.file.subarray(g.start, g.end);
    if (fnv1a(frame) !== g.hash) throw new Error(`its bytes do not match ${PACK_FILES.topics} (damaged or mismatched)`);
    return frame;
  }

  private pages(n: number, bytes: Uint8Array): RenderedPage[] {
    const g = this.groups[n];
    const pieces = new TextDecoder().decode(bytes).split(SEPARATOR);
    if (pieces.length !== 2 * g.topics) throw new Error(`expected ${g.topics} topic pages`);
    return Array.from({ length: g.topics }, (_, k) => renderedPage(pieces[2 * k], pieces[2 * k + 1]));
  }

  private unreadablePages(n: number, error: unknown): RenderedPage[] {
    const g = this.groups[n];
    const where = `${PACK_FILES.pages}, group ${n + 1} of ${this.groups.length} (bytes ${g.start}-${g.end})`;
    const text = this.unreadable(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    return new Array<RenderedPage>(g.topics).fill({ html: `<p>${escapeHtml(text)}</p>`, hoverDetail: text });
  }
}

/**
 * The text of a full hover, as stored beside a page: nothing when it can be worked out from the page's HTML (most
 * pages: storing it twice would cost about 5% of the pages file), `NO_DETAIL` for none, else the text itself.
 */
function packHoverDetail(html: string, detail: string | undefined): string {
  if (detail === undefined) return NO_DETAIL;
  return detail === firstParagraphTextOfHtml(html) ? '' : detail;
}

/** A page whose full-hover text is worked out on first use: a read step then does no more than decompress. */
function renderedPage(html: string, stored: string): RenderedPage {
  let detail: { text: string | undefined } | undefined;
  return {
    html,
    get hoverDetail() {
      return (detail ??= { text: unpackHoverDetail(html, stored) }).text;
    },
  };
}

function unpackHoverDetail(html: string, stored: string): string | undefined {
  if (stored === NO_DETAIL) return undefined;
  return stored === '' ? firstParagraphTextOfHtml(html) : stored;
}

/** The first place of a topic in each chapter (all the learning path uses), each as one number. */
function packPlaces(places: ReadonlyArray<[number, number]>): number[] {
  const first = new Map<number, number>();
  for (const [chapter, position] of places) {
    if (position >= 100) fail(`a learning-path position of ${position} does not fit the pack (at most 99)`);
    first.set(chapter, Math.min(first.get(chapter) ?? position, position));
  }
  return [...first].map(([chapter, position]) => 100 * chapter + position);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
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
