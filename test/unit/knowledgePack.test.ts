// The shipped knowledge (dist/knowledge/) against its sources: unpacking the build's files gives back exactly the
// topics that compiling knowledge/ gives, with pages and full hovers equal to those rendered from the Markdown; a
// page's group is decompressed only when one of its pages is read, or ahead in short steps; damaged files fail
// clearly: a damaged group only for its own topics.
import * as assert from 'assert';
import { firstParagraphText } from '../../src/core/hoverText';
import { Decompress, decompress as zstdDecompress } from 'fzstd';
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildHoverMarkdown, inlineText } from '../../src/core/hoverText';
import {
  LINKS_PER_STEP,
  PACK_FILES,
  READ_AHEAD_SLICE_BYTES,
  packedPageGroups,
  packTopics,
  readPagesAhead,
  unpackKnowledge,
  unpackTopics,
} from '../../src/core/knowledgePack';
import { mentionIndex } from '../../src/core/mentions';
import { groupByChapter } from '../../src/core/learningPath';
import type { PackedTopic, Topic } from '../../src/core/model';
import { linkedTopicIds } from '../../src/core/ids';
import { renderBody, renderTopicPage } from '../../src/core/topicPage';
import { loadTopics, repoRootFrom } from '../tools/knowledge-report';
import { topic } from './fixtures';

const root = repoRootFrom(__dirname);
const shipped = {
  topics: readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.topics), 'utf8'),
  pages: new Uint8Array(readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.pages))),
};
/**
 * The same knowledge packed in groups of 64 with the zstd command, as the build compresses: the shipped pack is one
 * group today (it compresses best), so group behaviour is tested on this one.
 */
const grouped = packTopics(
  loadTopics(root),
  frame =>
    new Uint8Array(
      execFileSync(
        'zstd',
        ['-19', '-q', '-c', '--no-check', `--stream-size=${frame.length}`, '--target-compressed-block-size=4096'],
        {
          input: frame,
        },
      ),
    ),
  64,
);
const GROUP = 64;
const noProblem = (reason: string): string => assert.fail(`pages unreadable: ${reason}`);
const plain = (bytes: Uint8Array) => bytes;

/** fzstd's decompress, counting the frames it was given. */
function countingZstd() {
  const counter = {
    frames: 0,
    decompress(frame: Uint8Array) {
      counter.frames++;
      return zstdDecompress(frame);
    },
  };
  return counter;
}

/** fzstd's streaming decompressor, recording each push: which stream (one per group read ahead) and how many bytes. */
function countingStream() {
  const counter = {
    streams: 0,
    pushes: [] as Array<{ stream: number; bytes: number }>,
    start(ondata: (data: Uint8Array) => void) {
      const stream = counter.streams++;
      const decompressor = new Decompress(ondata);
      return {
        push(chunk: Uint8Array, final: boolean) {
          counter.pushes.push({ stream, bytes: chunk.length });
          decompressor.push(chunk, final);
        },
      };
    },
  };
  return counter;
}

/** A topic's fields without its page or body (reading none). */
/** The fields a topic keeps through packing (a built-in topic ships without the notes, its sources). */
function fields(t: Topic): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(t))
    if (key !== 'page' && key !== 'body' && key !== 'chapterPlaces') copy[key] = t[key as keyof Topic];
  copy.notes = [];
  return copy;
}

/** What a topic shows: its page's parts and its full hover, rendered from Markdown or as the build rendered them. */
function shown(t: Topic, all: readonly Topic[]) {
  const byId = new Map(all.map(x => [x.id, x]));
  const lookup = (id: string) => byId.get(id);
  return {
    page: renderTopicPage(t, lookup, []),
    hover: buildHoverMarkdown(t, lookup, { detail: 'full', openCommand: 'x.open' }),
  };
}

suite('Knowledge pack', () => {
  test('the shipped files unpack to the topics compiled from knowledge/, showing the same pages and full hovers', () => {
    // built-in topics ship without their notes (the knowledge's sources)
    const compiled = loadTopics(root).map(t => ({ ...t, notes: [] }));
    const unpacked = unpackTopics(shipped.topics, shipped.pages, noProblem);
    assert.ok(unpacked.length > 400, `only ${unpacked.length} topics`);
    assert.deepStrictEqual(unpacked.map(fields), compiled.map(fields));
    unpacked.forEach((t, i) => assert.deepStrictEqual(shown(t, unpacked), shown(compiled[i], compiled), t.id));
    assert.ok(
      unpacked.filter(t => t.primary && shown(t, unpacked).hover.includes(t.page.hoverDetail!.slice(0, 20))).length >
        300,
      'full hovers of primary topics show a first paragraph',
    );
    assert.deepStrictEqual(
      packedPageGroups(shipped.topics).map(group => group.topics),
      [unpacked.length],
      'one group while all topics fit in PAGE_GROUP_SIZE',
    );
    assert.ok(packedPageGroups(grouped.topics).length > 1, 'packed in groups of 64');
  });

  test('the first read of a page decompresses only its group, once; other fields read none', () => {
    const zstd = countingZstd();
    const topics = unpackTopics(grouped.topics, grouped.pages, noProblem, zstd.decompress);
    assert.ok(topics.every(t => t.summary.length > 0 && t.related.length > 0 && t.aliases !== undefined));
    assert.strictEqual(zstd.frames, 0, 'fields other than the page and the links it holds must not decompress');
    assert.ok(topics[0].page.html.length > 0);
    assert.strictEqual(zstd.frames, 1);
    assert.ok(topics[GROUP - 1].page.html.length > 0 && topics[0].page.html.length > 0);
    assert.strictEqual(zstd.frames, 1, 'the same group is not decompressed again');
    assert.ok(topics[GROUP].page.html.length > 0);
    assert.strictEqual(zstd.frames, 2);
  });

  test('the learning path from the shipped places is the one the notes give', () => {
    const chapters = (topics: readonly Topic[]) =>
      groupByChapter(topics).map(g => `${g.chapter.title}: ${g.topics.map(t => t.id).join(' ')}`);
    const shippedPath = chapters(unpackTopics(shipped.topics, shipped.pages, noProblem));
    assert.deepStrictEqual(shippedPath, chapters(loadTopics(root)));
    assert.ok(shippedPath.length > 10 && shippedPath[0].startsWith('1. '), shippedPath[0]);
  });

  test('"Mentioned in" comes from the links of the pages, as compiled', () => {
    const zstd = countingZstd();
    const topics = unpackTopics(grouped.topics, grouped.pages, noProblem, zstd.decompress);
    const compiled = loadTopics(root);
    const mentionsOf = mentionIndex(topics);
    assert.ok(
      topics.every((t, i) => t.linksTo.join() === compiled[i].linksTo.join()),
      'linksTo as compiled',
    );
    assert.ok(topics.every(t => t.linksTo.every(id => mentionsOf(id).includes(t) || id === t.id)));
    assert.ok(topics.filter(t => t.linksTo.length > 0).length > 100, 'pages link to topics');
    assert.strictEqual(zstd.frames, packedPageGroups(grouped.topics).length, 'each group decompressed once');
  });

  test('packing fails when a page does not link to what its linksTo says', () => {
    assert.throws(
      () => packTopics([topic('a', { body: 'See [b](topic:b).', linksTo: [] }), topic('b')], plain),
      /topics\.json: the page of topic "a" links to \[b\], not to its linksTo \[\]/,
    );
  });

  test('reading ahead decompresses one slice at most per step, each group once, none already read', async () => {
    const intact = unpackTopics(grouped.topics, grouped.pages, noProblem);
    const zstd = countingZstd();
    const stream = countingStream();
    const knowledge = unpackKnowledge(grouped.topics, grouped.pages, noProblem, zstd.decompress, stream.start);
    void knowledge.topics[GROUP].page;
    const pushesPerStep: Array<Array<{ stream: number; bytes: number }>> = [];
    let seen = 0;
    await readPagesAhead(knowledge, async () => {
      pushesPerStep.push(stream.pushes.slice(seen));
      seen = stream.pushes.length;
      return true;
    });
    assert.ok(pushesPerStep.every(step => step.length <= 1 && step.every(p => p.bytes <= READ_AHEAD_SLICE_BYTES)));
    const groups = knowledge.groups;
    const readAhead = groups.filter((_, n) => n !== 1);
    assert.strictEqual(stream.streams, readAhead.length, 'the group read before is not read ahead');
    readAhead.forEach((g, k) => {
      const pushed = stream.pushes.filter(p => p.stream === k);
      assert.strictEqual(
        pushed.reduce((sum, p) => sum + p.bytes, 0),
        g.end - g.start,
      );
      assert.strictEqual(pushed.length, Math.ceil((g.end - g.start) / READ_AHEAD_SLICE_BYTES));
    });
    // The checks and the pages of each group take a step of their own, then the pages' links a step per
    // LINKS_PER_STEP topics, and the last pause finds nothing left.
    const linkSteps = Math.ceil(knowledge.topics.length / LINKS_PER_STEP);
    assert.strictEqual(pushesPerStep.length, stream.pushes.length + 2 * readAhead.length + linkSteps + 1);
    assert.strictEqual(zstd.frames, 1, 'only the page read before decompressed a group at once');
    knowledge.topics.forEach((t, i) => assert.deepStrictEqual(t.page, intact[i].page, t.id));
    assert.deepStrictEqual([zstd.frames, stream.pushes.length], [1, seen]);
  });

  test('a page read in the middle of reading its group ahead is right, and the group is not read twice', async () => {
    const intact = unpackTopics(grouped.topics, grouped.pages, noProblem);
    const zstd = countingZstd();
    const stream = countingStream();
    const knowledge = unpackKnowledge(grouped.topics, grouped.pages, noProblem, zstd.decompress, stream.start);
    let pushesWhenRead = -1;
    await readPagesAhead(knowledge, async () => {
      if (pushesWhenRead < 0 && stream.pushes.length === 3) {
        pushesWhenRead = stream.pushes.length;
        assert.deepStrictEqual(knowledge.topics[5].page, intact[5].page);
      }
      return true;
    });
    assert.strictEqual(pushesWhenRead, 3);
    assert.strictEqual(stream.pushes.filter(p => p.stream === 0).length, 3, 'the first group stops being read ahead');
    assert.strictEqual(zstd.frames, 1);
    knowledge.topics.forEach((t, i) => assert.deepStrictEqual(t.page, intact[i].page, t.id));
    assert.strictEqual(zstd.frames, 1);
  });

  test('reading ahead stops when the pause says so', async () => {
    const zstd = countingZstd();
    const stream = countingStream();
    const knowledge = unpackKnowledge(grouped.topics, grouped.pages, noProblem, zstd.decompress, stream.start);
    let pauses = 0;
    await readPagesAhead(knowledge, async () => ++pauses < 5);
    // Four steps: the checks of the first group, then three slices.
    assert.deepStrictEqual([pauses, stream.pushes.length, zstd.frames], [5, 3, 0]);
  });

  test('reading ahead a damaged group turns only its own topics into the message, reported once', async () => {
    const intact = unpackTopics(grouped.topics, grouped.pages, noProblem);
    const groups = packedPageGroups(grouped.topics);
    const second = groups[1];
    const pages = grouped.pages.slice();
    pages[second.start + 100] ^= 0xff;
    const failures: string[] = [];
    const stream = countingStream();
    const knowledge = unpackKnowledge(
      grouped.topics,
      pages,
      reason => {
        failures.push(reason);
        return `unreadable: ${reason}`;
      },
      zstdDecompress,
      stream.start,
    );
    await readPagesAhead(knowledge, async () => true);
    assert.strictEqual(stream.streams, groups.length - 1, 'the damaged group is not decompressed');
    assert.deepStrictEqual(failures, [
      `pages.zst, group 2 of ${groups.length} (bytes ${second.start}-${second.end}): ` +
        'its bytes do not match topics.json (damaged or mismatched)',
    ]);
    knowledge.topics.forEach((t, i) => {
      if (i >= second.first && i < second.first + second.topics) assert.match(t.page.hoverDetail!, /^unreadable: /);
      else assert.deepStrictEqual(t.page, intact[i].page, t.id);
    });
    assert.strictEqual(failures.length, 1);
  });

  test('"Mentioned in" from the packed links matches the links in the bodies', () => {
    const topics = unpackTopics(grouped.topics, grouped.pages, noProblem);
    const bodies = new Map(loadTopics(root).map(t => [t.id, t.body]));
    const mentionsOf = mentionIndex(topics);
    const linked = new Map(topics.map(t => [t, linkedTopicIds(bodies.get(t.id)!)]));
    const fromBodies = (id: string) => topics.filter(t => t.id !== id && linked.get(t)!.includes(id));
    for (const t of topics) assert.deepStrictEqual(mentionsOf(t.id), fromBodies(t.id), t.id);
    assert.ok(mentionsOf('pod').length > 5, 'many pages link to the Pod page');
  });

  test('"Mentioned in" leaves out a page that links to itself', () => {
    const topics = [topic('pod', { body: 'A [pod](topic:pod) on a [node](topic:node).' }), topic('node')];
    const mentionsOf = mentionIndex(topics);
    assert.deepStrictEqual(mentionsOf('node'), [topics[0]]);
    assert.deepStrictEqual(mentionsOf('pod'), []);
  });

  test('a damaged group turns only its own topics into the message; the other groups still read', () => {
    const intact = unpackTopics(grouped.topics, grouped.pages, noProblem);
    const groups = packedPageGroups(grouped.topics);
    const second = groups[1];
    const pages = grouped.pages.slice();
    pages[second.start + 100] ^= 0xff;
    const failures: string[] = [];
    const topics = unpackTopics(grouped.topics, pages, reason => {
      failures.push(reason);
      return `unreadable: ${reason} <b>`;
    });
    const inSecond = (i: number) => i >= second.first && i < second.first + second.topics;
    const reason =
      `pages.zst, group 2 of ${groups.length} (bytes ${second.start}-${second.end}): ` +
      'its bytes do not match topics.json (damaged or mismatched)';
    topics.forEach((t, i) => {
      if (!inSecond(i)) assert.deepStrictEqual(t.page, intact[i].page);
      else
        assert.deepStrictEqual(t.page, {
          html: `<p>unreadable: ${reason} &lt;b&gt;</p>`,
          hoverDetail: `unreadable: ${reason} <b>`,
        });
    });
    assert.deepStrictEqual(failures, [reason]);
    const primary = topics.find((t, i) => inSecond(i) && t.primary)!;
    // The full hover shows the message, escaped like any Markdown text.
    assert.ok(shown(primary, topics).hover.includes(`\n\n${inlineText(`unreadable: ${reason} <b>`)}\n\n`));
  });

  test('a cut-off pages file fails only the groups past its end', () => {
    const groups = packedPageGroups(grouped.topics);
    const last = groups[groups.length - 1];
    const topics = unpackTopics(grouped.topics, grouped.pages.subarray(0, last.start + 10), r => `unreadable: ${r}`);
    assert.ok(!topics[0].page.html.includes('unreadable'));
    assert.match(
      topics[topics.length - 1].page.hoverDetail!,
      new RegExp(`^unreadable: pages\\.zst, group ${groups.length} .*: the file ends at byte ${last.start + 10}, `),
    );
  });

  test('pages from another build are reported, not misaligned', () => {
    const two = packTopics([topic('a', { related: ['b'] }), topic('b')], plain).topics;
    const topics = unpackTopics(two, grouped.pages, reason => `unreadable: ${reason}`);
    assert.deepStrictEqual(
      topics.map(t => t.related),
      [['b'], []],
    );
    assert.match(
      topics[1].page.hoverDetail!,
      /^unreadable: pages\.zst, group 1 of 1 .*: its bytes do not match topics\.json/,
    );
  });

  test('a group whose page count does not match topics.json is reported', () => {
    const packed = packTopics([topic('a'), topic('b'), topic('c')], plain, 2);
    const pack = JSON.parse(packed.topics);
    assert.deepStrictEqual(
      pack.pageGroups.map((g: number[]) => g[0]),
      [2, 1],
    );
    [pack.pageGroups[0][0], pack.pageGroups[1][0]] = [1, 2];
    const topics = unpackTopics(JSON.stringify(pack), packed.pages, reason => `unreadable: ${reason}`, plain);
    assert.match(topics[0].page.hoverDetail!, /^unreadable: pages\.zst, group 1 of 2 .*: expected 1 topic pages$/);
    assert.match(topics[2].page.hoverDetail!, /^unreadable: pages\.zst, group 2 of 2 .*: expected 2 topic pages$/);
  });

  test('a damaged topics file fails with the file and what is wrong', () => {
    const packed = packTopics([topic('a'), topic('b')], plain);
    const pack = JSON.parse(packed.topics);
    const damaged = (
      change: (p: { format: unknown; columns: Record<string, unknown[]>; pageGroups: unknown }) => void,
    ) => {
      const copy = JSON.parse(JSON.stringify(pack));
      change(copy);
      return () => unpackTopics(JSON.stringify(copy), packed.pages, noProblem, plain);
    };
    assert.throws(
      () => unpackTopics('[{"id":"x"}]', packed.pages, noProblem),
      /^Error: topics\.json: not a knowledge pack of format 6$/,
    );
    assert.throws(
      damaged(p => {
        p.format = 1;
      }),
      /not a knowledge pack of format 6/,
    );
    assert.throws(
      damaged(p => {
        delete p.columns.id;
      }),
      /the "id" column is missing/,
    );
    assert.throws(
      damaged(p => {
        p.columns.summary.pop();
      }),
      /the "summary" column does not hold 2 values/,
    );
    assert.throws(
      damaged(p => {
        p.columns.related[0] = [7];
      }),
      /topic "a" relates to position 7, past the last topic/,
    );
    assert.throws(
      damaged(p => {
        p.pageGroups = [[2, 10]];
      }),
      /topics\.json: "pageGroups" is not a list of \[topics, bytes, hash\]/,
    );
    assert.throws(
      damaged(p => {
        p.pageGroups = [[3, 10, 0]];
      }),
      /topics\.json: "pageGroups" holds 3 pages for 2 topics/,
    );
    assert.throws(() => unpackTopics('[{"id":', packed.pages, noProblem), SyntaxError);
  });

  test('packing stores each field once per topic, related and linked topics by position, and pages, not bodies', () => {
    const topics = [
      topic('pod', { related: ['node'], manifest: { kinds: ['Pod'] }, body: 'Runs on a [node](topic:node).\n\nMore.' }),
      topic('node', { related: ['pod'], primary: false }),
    ];
    const packed = packTopics(topics, plain);
    // The full hover's text is worked out from the page (''), and a brief topic has none ('\u0001').
    assert.deepStrictEqual(new TextDecoder().decode(packed.pages).split('\0'), [
      renderBody(topics[0].body),
      '',
      renderBody(topics[1].body),
      '\u0001',
    ]);
    const { columns } = JSON.parse(packed.topics);
    assert.deepStrictEqual(
      Object.keys(columns).filter(k => ['body', 'page', 'origin', 'source'].includes(k)),
      [],
    );
    assert.deepStrictEqual(columns.related, [[1], [0]]);
    assert.deepStrictEqual(
      Object.keys(columns).filter(k => ['linksTo', 'notes'].includes(k)),
      [],
      'linksTo is read from the page, and notes are not shipped',
    );
    assert.deepStrictEqual(columns.manifest, [{ kinds: ['Pod'] }, null]);
    const unpacked: PackedTopic[] = unpackTopics(packed.topics, packed.pages, noProblem, plain);
    assert.deepStrictEqual(unpacked.map(fields), topics.map(fields));
    unpacked.forEach((t, i) => assert.deepStrictEqual(shown(t, unpacked), shown(topics[i], topics)));
  });

  test('the text of a full hover is stored only where the page cannot give it', () => {
    const topics = [
      topic('a', { body: 'Uses `kubectl` and [a node](topic:node) & **more** <things>.\n\nSecond.' }),
      topic('b', { body: '## Only a heading\n\n- and a list' }),
      topic('c', { body: '> A quote first.\n\nThen the paragraph.' }),
      topic('node'),
    ];
    const packed = packTopics(topics, plain);
    const pieces = new TextDecoder().decode(packed.pages).split('\0');
    assert.strictEqual(pieces[1], '', 'worked out from the HTML');
    assert.strictEqual(pieces[3], '\u0001', 'no paragraph: no text');
    assert.strictEqual(pieces[5], 'Then the paragraph.', 'the HTML would give the quote: stored');
    const unpacked = unpackTopics(packed.topics, packed.pages, noProblem, plain);
    unpacked.forEach((t, i) => assert.strictEqual(t.page?.hoverDetail, firstParagraphText(topics[i].body), t.id));
    assert.strictEqual(unpacked[0].page?.hoverDetail, 'Uses `kubectl` and a node & more <things>.');
  });

  test('packing fails on a page that holds the separator', () => {
    assert.throws(
      () => packTopics([topic('pod', { body: 'A \0 in the text.' })], plain),
      /topics\.json: the page of topic "pod" holds a NUL character/,
    );
  });

  test('packing fails on a link to a topic it does not hold', () => {
    assert.throws(
      () => packTopics([topic('pod', { body: 'See [x](topic:gone).' })], plain),
      /topics\.json: topic "pod" links to unknown topic "gone"/,
    );
  });
});
