import * as assert from 'assert';
import { checkTopicBytes, parseTopicFile } from '../../src/core/parse';
import { compileTopics } from '../../src/core/compile';
import { BUILTIN_CATEGORY_IDS, formatProblem } from '../../src/core/model';
import { topicFile, VALID_FRONT_MATTER } from './fixtures';

const parse = (text: string) =>
  parseTopicFile(text, 'knowledge/worker-node/kube-proxy.md', {
    expectedId: 'kube-proxy',
    expectedCategory: 'worker-node',
    knownCategories: BUILTIN_CATEGORY_IDS,
  });
const messages = (text: string) => parse(text).problems.map(formatProblem);

suite('Topic files: parsing and validation', () => {
  test('a valid file becomes a topic', () => {
    const result = parse(topicFile(VALID_FRONT_MATTER));
    assert.deepStrictEqual(result.problems, []);
    const t = result.parsed!.topic;
    assert.strictEqual(t.id, 'kube-proxy');
    assert.deepStrictEqual(t.aliases, ['kubeproxy']);
    assert.strictEqual(t.links[0].url, 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/');
    assert.strictEqual(t.body, 'A body that explains the topic.');
    assert.strictEqual(t.primary, true);
  });

  test('broken YAML is reported at its file and line', () => {
    const text = topicFile(VALID_FRONT_MATTER.replace('aliases: [kubeproxy]', 'aliases: [kubeproxy'));
    const problems = parse(text).problems;
    assert.ok(problems.length > 0);
    assert.match(formatProblem(problems[0]), /^knowledge\/worker-node\/kube-proxy\.md:\d+:\d+: invalid YAML/);
    assert.ok(problems[0].line >= 5 && problems[0].line <= 7, `line ${problems[0].line}`);
  });

  test('a missing field names the field', () => {
    assert.deepStrictEqual(messages(topicFile(VALID_FRONT_MATTER.replace(/^summary:.*$/m, ''))), [
      'knowledge/worker-node/kube-proxy.md:1:1: missing required field "summary"',
    ]);
  });

  test('a missing front matter says how a topic file starts', () => {
    assert.match(messages('Just text')[0], /:1:1: missing front matter/);
  });

  test('bad URL, http URL and unknown field point at their lines', () => {
    const text = topicFile(
      VALID_FRONT_MATTER.replace(
        'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/',
        'http://kubernetes.io/x',
      ).replace('related:', 'sumary: typo\nrelated:'),
    );
    const m = messages(text);
    assert.ok(
      m.some(x => /:8:1: link 1: "http:\/\/kubernetes.io\/x" must use https/.test(x)),
      m.join('\n'),
    );
    assert.ok(
      m.some(x => /:10:1: unknown field "sumary" \(did you mean "summary"\?\)/.test(x)),
      m.join('\n'),
    );
  });

  test('id, category and summary rules', () => {
    const m = messages(
      topicFile(
        VALID_FRONT_MATTER.replace('id: kube-proxy', 'id: Kube_Proxy')
          .replace('category: worker-node', 'category: nodes')
          .replace(/^summary:.*$/m, `summary: ${'x'.repeat(241)}`),
      ),
    );
    assert.ok(
      m.some(x => /:2:1: id "Kube_Proxy" must be kebab-case/.test(x)),
      m.join('\n'),
    );
    assert.ok(
      m.some(x => /:4:1: unknown category "nodes"/.test(x)),
      m.join('\n'),
    );
    assert.ok(
      m.some(x => /summary is 241 characters; at most 240/.test(x)),
      m.join('\n'),
    );
  });

  test('ambiguous names need context words, and must be names of the topic', () => {
    const m = messages(topicFile(VALID_FRONT_MATTER + 'ambiguous: [proxy]\n'));
    assert.ok(
      m.some(x => /"ambiguous" names "proxy", which is neither the title nor an alias/.test(x)),
      m.join('\n'),
    );
    assert.ok(
      m.some(x => /need "context" words/.test(x)),
      m.join('\n'),
    );
  });

  test('huge and binary files are refused with a clear message', () => {
    assert.match(
      formatProblem(checkTopicBytes('big.md', new Uint8Array(10 * 1024 * 1024))!),
      /big\.md:1:1: file is 10\.0 MB; a topic file may be at most 256 KB/,
    );
    const binary = new Uint8Array([45, 45, 45, 10, 105, 100, 10, 0, 1, 2]);
    assert.match(formatProblem(checkTopicBytes('bin.md', binary)!), /bin\.md:3:1: file looks binary/);
    assert.strictEqual(checkTopicBytes('ok.md', new TextEncoder().encode(topicFile(VALID_FRONT_MATTER))), undefined);
    assert.match(parse('---\nid: a\0\n---\nx').problems[0].message, /binary/);
  });

  test('CRLF line endings and a BOM are accepted', () => {
    const result = parse('\ufeff' + topicFile(VALID_FRONT_MATTER).replace(/\n/g, '\r\n'));
    assert.deepStrictEqual(result.problems, []);
  });
});

suite('Compiling many topic files', () => {
  const file = (id: string, extra = '', body = 'Body.') => ({
    path: `knowledge/cluster/${id}.md`,
    expectedId: id,
    expectedCategory: 'cluster',
    text: topicFile(
      `id: ${id}\ntitle: ${id}\ncategory: cluster\nsummary: S.\nlinks:\n  - {title: Docs, url: "https://kubernetes.io/"}\nrelated: []\n${extra}`,
      body,
    ),
  });
  const compile = (...files: ReturnType<typeof file>[]) =>
    compileTopics(files, { knownCategories: BUILTIN_CATEGORY_IDS });

  test('unknown related ids and topic links are reported at their lines', () => {
    const alpha = file('alpha');
    alpha.text = alpha.text.replace('related: []', 'related: [beta, gamma]');
    const r = compile(alpha, file('beta', '', 'See [missing](topic:nowhere).'));
    const m = r.problems.map(formatProblem);
    assert.ok(m.includes('knowledge/cluster/alpha.md:8:1: related id "gamma" is not a known topic'), m.join('\n'));
    assert.ok(m.includes('knowledge/cluster/beta.md:10:1: link to unknown topic "topic:nowhere"'), m.join('\n'));
    assert.deepStrictEqual(r.skipped.sort(), ['knowledge/cluster/alpha.md', 'knowledge/cluster/beta.md']);
  });

  test('duplicate ids and names are reported unless marked ambiguous in both', () => {
    const dup = compileTopics(
      [file('alpha'), { ...file('alpha'), path: 'knowledge/cluster/alpha-copy.md', expectedId: undefined }],
      {},
    );
    assert.ok(
      dup.problems.some(p => /duplicate id "alpha" \(also in knowledge\/cluster\/alpha\.md:2\)/.test(p.message)),
      dup.problems.map(formatProblem).join('\n'),
    );
    const names = compile(file('alpha', 'aliases: [shared name]'), file('beta', 'aliases: [Shared-Name]'));
    assert.ok(
      names.problems.some(
        p =>
          p.file.endsWith('beta.md') &&
          p.line === 9 &&
          /name "Shared-Name" is also a name of topic "alpha"/.test(p.message),
      ),
      names.problems.map(formatProblem).join('\n'),
    );
    const ok = compile(
      file('alpha', 'aliases: [shared]\nambiguous: [shared]\ncontext: [a]'),
      file('beta', 'aliases: [shared]\nambiguous: [shared]\ncontext: [b]'),
    );
    assert.deepStrictEqual(ok.problems, []);
    const exact = compile(
      file('alpha', 'aliases: [KUBECONFIG]\nexactCase: [KUBECONFIG]'),
      file('beta', 'aliases: [kubeconfig]'),
    );
    assert.deepStrictEqual(exact.problems, [], 'an exact-case name and a case-insensitive one do not clash');
  });

  test('team topics replace built-in ones with the same id; broken team files are skipped', () => {
    const base = compile(file('alpha'), file('beta')).topics;
    const team = compileTopics(
      [
        { path: '.kube-concepts/alpha.md', text: file('alpha', 'aliases: [our alpha]').text },
        { path: '.kube-concepts/broken.md', text: '---\nid: [\n---\nbody' },
      ],
      { base, origin: 'team' },
    );
    assert.deepStrictEqual(team.skipped, ['.kube-concepts/broken.md']);
    assert.deepStrictEqual(
      team.topics.map(t => `${t.id}:${t.origin}`),
      ['beta:builtin', 'alpha:team'],
    );
  });
});
