import * as assert from 'assert';
import { isTopicId, toTopicId, topicIdOfHref, topicLinkTargets } from '../../src/core/ids';
import { formatProblem, isError } from '../../src/core/model';
import { parseTopicFile } from '../../src/core/parse';
import { teamTopicTemplate, teamTopicTitle } from '../../src/core/teamTopicTemplate';
import { seededRandom } from './fixtures';

suite('Topic ids', () => {
  test('an id is kebab-case, at most 100 characters', () => {
    for (const good of ['pod', 'kube-proxy', 'k8s', '88', 'a'.repeat(100)]) assert.ok(isTopicId(good), good);
    for (const bad of ['', 'Pod', 'kube--proxy', '-pod', 'pod-', 'kube_proxy', 'pod ', 'a'.repeat(101), 42, null]) {
      assert.ok(!isTopicId(bad), String(bad));
    }
  });

  test('topic: links are lower case only, and name a valid id', () => {
    assert.strictEqual(topicIdOfHref('topic:kube-proxy'), 'kube-proxy');
    for (const href of [
      'TOPIC:POD',
      'Topic:pod',
      'topic:Pod',
      'topic:',
      'topic:pod/x',
      ' topic:pod',
      'https://x.io/',
    ]) {
      assert.strictEqual(topicIdOfHref(href), undefined, href);
    }
    assert.deepStrictEqual(topicLinkTargets('[a](topic:pod) [b](TOPIC:pod) [c](topic:Bad_Id)\n[d](topic:x "t")'), [
      { target: 'pod', offset: 2 },
      { target: 'Bad_Id', offset: 32 },
    ]);
  });

  test('a title becomes a kebab-case id: accents folded, no trailing hyphen after the cut', () => {
    assert.strictEqual(toTopicId('Platform Ingress Gateway'), 'platform-ingress-gateway');
    assert.strictEqual(toTopicId('Résumé'), 'resume');
    assert.strictEqual(toTopicId('Crème Brûlée: the Ñ case'), 'creme-brulee-the-n-case');
    const long = toTopicId('a'.repeat(59) + ' b');
    assert.ok(!long.endsWith('-') && long.length <= 60, long);
  });

  test('a title without ASCII letters or digits gets a stable id that is still kebab-case', () => {
    const id = toTopicId('服务网格');
    assert.match(id, /^topic-[a-z0-9]+$/);
    assert.strictEqual(toTopicId('服务网格'), id);
    assert.notStrictEqual(toTopicId('🚀🚀'), id);
  });
});

suite('Create Team Topic: the scaffold passes its own parser', function () {
  this.timeout(20_000); // parses hundreds of files; a busy CPU must not fail it
  const parse = (title: string) => {
    const file = teamTopicTemplate(title);
    assert.ok(file, `no file for ${JSON.stringify(title)}`);
    const result = parseTopicFile(file.text, `.kube-concepts/${file.id}.md`, { expectedId: file.id, origin: 'team' });
    // A warning (a common word as the title) does not stop the file.
    assert.deepStrictEqual(result.problems.filter(isError).map(formatProblem), [], JSON.stringify(title));
    assert.strictEqual(result.parsed?.topic.title, teamTopicTitle(title));
    return file.id;
  };

  test('titles that once made an invalid file', () => {
    assert.strictEqual(parse('Résumé'), 'resume');
    assert.strictEqual(parse('Kubernetes'), 'kubernetes', 'not related to itself');
    assert.strictEqual(parse('cluster'), 'cluster');
    for (const yamlScalar of ['88', '1e3', '0o17', 'null', 'true', 'No']) parse(yamlScalar);
    parse('x'.repeat(59) + ' y');
    parse('A very long name '.repeat(20));
    parse('服务网格');
    parse('"quoted": #hash $\'dollar\' \\back\\slash');
    parse('--- a line of dashes ---');
    assert.strictEqual(teamTopicTemplate('   '), undefined);
  });

  test('random Unicode titles (seeded)', () => {
    const random = seededRandom(20240610);
    const pools = [
      'abcxyzABCXYZ0189',
      'éèêëçñøåßÆŒŁİıäöüÿ',
      '\u0301\u0308\u0327',
      '服务网格日本語한국어',
      '🚀🐳✨👩‍💻',
      ' :#$\'"`\\{}[]|>&*!%@,?-_./',
      '\t\u00a0\u2028\u2029\u3000\u200b\ufeff\u0085\u007f\u0000\u001b',
    ];
    const chars = pools.map(pool => [...pool]);
    for (let i = 0; i < 300; i++) {
      let title = '';
      const length = 1 + Math.floor(random() * 90);
      for (let j = 0; j < length; j++) {
        const pool = chars[Math.floor(random() * chars.length)];
        title += pool[Math.floor(random() * pool.length)];
      }
      if (title.trim()) parse(title);
    }
  });
});
