// The shipped knowledge (dist/knowledge/) against its sources: unpacking the build's files gives back exactly the
// topics that compiling knowledge/ gives, bodies are decompressed only when read, and damaged files fail clearly.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { compileTopics, type CompileInput } from '../../src/core/compile';
import { PACK_FILES, packTopics, unpackTopics } from '../../src/core/knowledgePack';
import { BUILTIN_CATEGORY_IDS } from '../../src/core/model';
import { repoRootFrom } from '../tools/knowledge-report';
import { topic } from './fixtures';

const root = repoRootFrom(__dirname);
const shipped = {
  topics: readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.topics), 'utf8'),
  bodies: new Uint8Array(readFileSync(join(root, 'dist', 'knowledge', PACK_FILES.bodies))),
};
const noProblem = (reason: string): string => assert.fail(`bodies unreadable: ${reason}`);

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
    // Plain copies, so that the comparison reads every body through its getter.
    assert.deepStrictEqual(
      unpacked.map(t => ({ ...t })),
      compiled.topics.map(t => ({ ...t })),
    );
  });

  test('bodies stay compressed until one is read, then all are decoded once', () => {
    let failures = 0;
    const broken = unpackTopics(
      shipped.topics,
      new Uint8Array([1, 2, 3, 4, 5]),
      reason => `unreadable #${++failures}: ${reason}`,
    );
    assert.ok(broken.length > 400);
    assert.strictEqual(broken[0].summary.length > 0, true);
    assert.strictEqual(failures, 0, 'reading other fields must not touch the bodies');
    assert.match(broken[0].body, /^unreadable #1: bodies\.json\.zst: /);
    assert.match(broken[200].body, /^unreadable #1: /);
    assert.strictEqual(failures, 1);
  });

  test('a bodies file that does not match the topics file is reported, not misaligned', () => {
    const two = packTopics([topic('a', { related: ['b'] }), topic('b')]).topics;
    const topics = unpackTopics(two, shipped.bodies, reason => `unreadable: ${reason}`);
    assert.deepStrictEqual(
      topics.map(t => t.related),
      [['b'], []],
    );
    assert.match(topics[1].body, /^unreadable: bodies\.json\.zst: expected a list of 2 topic bodies$/);
  });

  test('a damaged topics file fails with the file and what is wrong', () => {
    const pack = JSON.parse(packTopics([topic('a'), topic('b')]).topics);
    const damaged = (change: (p: { format: unknown; columns: Record<string, unknown[]> }) => void) => {
      const copy = JSON.parse(JSON.stringify(pack));
      change(copy);
      return () => unpackTopics(JSON.stringify(copy), shipped.bodies, noProblem);
    };
    assert.throws(
      () => unpackTopics('[{"id":"x"}]', shipped.bodies, noProblem),
      /^Error: topics\.json: not a knowledge pack of format 1$/,
    );
    assert.throws(
      damaged(p => {
        p.format = 2;
      }),
      /not a knowledge pack of format 1/,
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
    assert.throws(() => unpackTopics('[{"id":', shipped.bodies, noProblem), SyntaxError);
  });

  test('packing stores each field once per topic, related topics by position, and no body, origin or source', () => {
    const topics = [
      topic('pod', { related: ['node'], manifest: { kinds: ['Pod'] } }),
      topic('node', { related: ['pod'] }),
    ];
    const packed = packTopics(topics);
    assert.deepStrictEqual(JSON.parse(packed.bodies), ['Body of pod.', 'Body of node.']);
    const { columns } = JSON.parse(packed.topics);
    assert.deepStrictEqual(
      Object.keys(columns).filter(k => ['body', 'origin', 'source'].includes(k)),
      [],
    );
    assert.deepStrictEqual(columns.related, [[1], [0]]);
    assert.deepStrictEqual(columns.manifest, [{ kinds: ['Pod'] }, null]);
    const unpacked = unpackTopics(packed.topics, new Uint8Array(), () => 'no bodies');
    const withoutBodies = (list: typeof topics) => list.map(({ body: _body, ...rest }) => rest);
    assert.deepStrictEqual(withoutBodies(unpacked), withoutBodies(topics));
  });
});
