// The shipped knowledge (dist/knowledge/) against its sources: unpacking the build's files gives back exactly the
// topics that compiling knowledge/ gives, a body's group is decompressed only when one of its bodies is read, and
// damaged files fail clearly: a damaged group only for its own topics.
import * as assert from 'assert';
import { decompress as zstdDecompress } from 'fzstd';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { compileTopics, type CompileInput } from '../../src/core/compile';
import { BODY_GROUP_SIZE, PACK_FILES, packedBodyGroups, packTopics, unpackTopics } from '../../src/core/knowledgePack';
import { mentionIndex } from '../../src/core/mentions';
import { BUILTIN_CATEGORY_IDS, type Topic } from '../../src/core/model';
import { linkedTopicIds } from '../../src/core/ids';
import { repoRootFrom } from '../tools/knowledge-report';
import { topic } from './fixtures';

const root = repoRootFrom(__dirname);
const shipped = {
  topics: readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.topics), 'utf8'),
  bodies: new Uint8Array(readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.bodies))),
};
const noProblem = (reason: string): string => assert.fail(`bodies unreadable: ${reason}`);
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

/** Plain copies, so that a comparison reads every body through its getter. */
const copies = (topics: readonly Topic[]) => topics.map(t => ({ ...t }));

function compileSources() {
  const inputs: CompileInput[] = [];
  for (const category of readdirSync(join(root, 'knowledge'), { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const file of readdirSync(join(root, 'knowledge', category.name)).filter(f => f.endsWith('.md'))) {
      const path = `knowledge/${category.name}/${file}`;
      inputs.push({
        path,
        text: readFileSync(join(root, path), 'utf8'),
        expectedId: file.slice(0, -3),
        expectedCategory: category.name,
      });
    }
  }
  return compileTopics(inputs, { knownCategories: BUILTIN_CATEGORY_IDS, origin: 'builtin' });
}

suite('Knowledge pack', () => {
  test('the shipped files unpack to exactly the topics compiled from knowledge/', () => {
    const compiled = compileSources();
    assert.deepStrictEqual(compiled.problems, []);
    const unpacked = unpackTopics(shipped.topics, shipped.bodies, noProblem);
    assert.strictEqual(unpacked.length, compiled.topics.length);
    assert.ok(unpacked.length > 400, `only ${unpacked.length} topics`);
    assert.deepStrictEqual(copies(unpacked), copies(compiled.topics));
    assert.ok(packedBodyGroups(shipped.topics).length > 1, 'the bodies ship in groups');
  });

  test('the first read of a body decompresses only its group, once; other fields and mentions read none', () => {
    const zstd = countingZstd();
    const topics = unpackTopics(shipped.topics, shipped.bodies, noProblem, zstd.decompress);
    const mentionsOf = mentionIndex(topics);
    assert.ok(
      topics.every(t => t.summary.length > 0 && t.linksTo.every(id => mentionsOf(id).includes(t) || id === t.id)),
    );
    assert.strictEqual(zstd.frames, 0, 'fields other than the body, and "Mentioned in", must not decompress');
    assert.ok(topics[0].body.length > 0);
    assert.strictEqual(zstd.frames, 1);
    assert.ok(topics[BODY_GROUP_SIZE - 1].body.length > 0 && topics[0].body.length > 0);
    assert.strictEqual(zstd.frames, 1, 'the same group is not decompressed again');
    assert.ok(topics[BODY_GROUP_SIZE].body.length > 0);
    assert.strictEqual(zstd.frames, 2);
  });

  test('"Mentioned in" from the packed links matches the links in the bodies', () => {
    const topics = unpackTopics(shipped.topics, shipped.bodies, noProblem);
    const mentionsOf = mentionIndex(topics);
    const linked = new Map(topics.map(t => [t, linkedTopicIds(t.body)]));
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
    const intact = copies(unpackTopics(shipped.topics, shipped.bodies, noProblem));
    const groups = packedBodyGroups(shipped.topics);
    const second = groups[1];
    const bodies = shipped.bodies.slice();
    bodies[second.start + 100] ^= 0xff;
    const failures: string[] = [];
    const topics = unpackTopics(shipped.topics, bodies, reason => {
      failures.push(reason);
      return `unreadable: ${reason}`;
    });
    const inSecond = (i: number) => i >= second.first && i < second.first + second.topics;
    topics.forEach((t, i) => {
      if (inSecond(i)) assert.match(t.body, /^unreadable: /);
      else assert.strictEqual(t.body, intact[i].body);
    });
    assert.deepStrictEqual(failures, [
      `bodies.zst, group 2 of ${groups.length} (bytes ${second.start}-${second.end}): ` +
        'its bytes do not match topics.json (damaged or mismatched)',
    ]);
  });

  test('a cut-off bodies file fails only the groups past its end', () => {
    const groups = packedBodyGroups(shipped.topics);
    const last = groups[groups.length - 1];
    const topics = unpackTopics(shipped.topics, shipped.bodies.subarray(0, last.start + 10), r => `unreadable: ${r}`);
    assert.ok(!topics[0].body.startsWith('unreadable'));
    assert.match(
      topics[topics.length - 1].body,
      new RegExp(`^unreadable: bodies\\.zst, group ${groups.length} .*: the file ends at byte ${last.start + 10}, `),
    );
  });

  test('bodies from another build are reported, not misaligned', () => {
    const two = packTopics([topic('a', { related: ['b'] }), topic('b')], plain).topics;
    const topics = unpackTopics(two, shipped.bodies, reason => `unreadable: ${reason}`);
    assert.deepStrictEqual(
      topics.map(t => t.related),
      [['b'], []],
    );
    assert.match(topics[1].body, /^unreadable: bodies\.zst, group 1 of 1 .*: its bytes do not match topics\.json/);
  });

  test('a group whose body count does not match topics.json is reported', () => {
    const packed = packTopics([topic('a'), topic('b'), topic('c')], plain, 2);
    const pack = JSON.parse(packed.topics);
    assert.deepStrictEqual(
      pack.bodyGroups.map((g: number[]) => g[0]),
      [2, 1],
    );
    [pack.bodyGroups[0][0], pack.bodyGroups[1][0]] = [1, 2];
    const topics = unpackTopics(JSON.stringify(pack), packed.bodies, reason => `unreadable: ${reason}`, plain);
    assert.match(topics[0].body, /^unreadable: bodies\.zst, group 1 of 2 .*: expected a list of 1 topic bodies$/);
    assert.match(topics[2].body, /^unreadable: bodies\.zst, group 2 of 2 .*: expected a list of 2 topic bodies$/);
  });

  test('a damaged topics file fails with the file and what is wrong', () => {
    const packed = packTopics([topic('a'), topic('b')], plain);
    const pack = JSON.parse(packed.topics);
    const damaged = (
      change: (p: { format: unknown; columns: Record<string, unknown[]>; bodyGroups: unknown }) => void,
    ) => {
      const copy = JSON.parse(JSON.stringify(pack));
      change(copy);
      return () => unpackTopics(JSON.stringify(copy), packed.bodies, noProblem, plain);
    };
    assert.throws(
      () => unpackTopics('[{"id":"x"}]', packed.bodies, noProblem),
      /^Error: topics\.json: not a knowledge pack of format 2$/,
    );
    assert.throws(
      damaged(p => {
        p.format = 1;
      }),
      /not a knowledge pack of format 2/,
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
        p.columns.linksTo[1] = [2];
      }),
      /topic "b" links to position 2, past the last topic/,
    );
    assert.throws(
      damaged(p => {
        p.bodyGroups = [[2, 10]];
      }),
      /topics\.json: "bodyGroups" is not a list of \[topics, bytes, hash\]/,
    );
    assert.throws(
      damaged(p => {
        p.bodyGroups = [[3, 10, 0]];
      }),
      /topics\.json: "bodyGroups" holds 3 bodies for 2 topics/,
    );
    assert.throws(() => unpackTopics('[{"id":', packed.bodies, noProblem), SyntaxError);
  });

  test('packing stores each field once per topic, related and linked topics by position, and no body', () => {
    const topics = [
      topic('pod', { related: ['node'], manifest: { kinds: ['Pod'] }, body: 'Runs on a [node](topic:node).' }),
      topic('node', { related: ['pod'] }),
    ];
    const packed = packTopics(topics, plain);
    assert.deepStrictEqual(JSON.parse(new TextDecoder().decode(packed.bodies)), [
      'Runs on a [node](topic:node).',
      'Body of node.',
    ]);
    const { columns } = JSON.parse(packed.topics);
    assert.deepStrictEqual(
      Object.keys(columns).filter(k => ['body', 'origin', 'source'].includes(k)),
      [],
    );
    assert.deepStrictEqual(columns.related, [[1], [0]]);
    assert.deepStrictEqual(columns.linksTo, [[1], []]);
    assert.deepStrictEqual(columns.manifest, [{ kinds: ['Pod'] }, null]);
    assert.deepStrictEqual(copies(unpackTopics(packed.topics, packed.bodies, noProblem, plain)), copies(topics));
  });

  test('packing fails on a link to a topic it does not hold', () => {
    assert.throws(
      () => packTopics([topic('pod', { body: 'See [x](topic:gone).' })], plain),
      /topics\.json: topic "pod" links to unknown topic "gone"/,
    );
  });
});
