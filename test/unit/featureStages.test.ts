import * as assert from 'assert';
import { stageAt } from '../../src/core/featureStages';
import { buildHoverMarkdown } from '../../src/core/hoverText';
import { packTopics, unpackTopics } from '../../src/core/knowledgePack';
import { BUILTIN_CATEGORY_IDS, formatProblem, type FeatureStage } from '../../src/core/model';
import { parseTopicFile } from '../../src/core/parse';
import { NEWEST_RELEASE } from '../../src/core/releases';
import { renderTopicPage } from '../../src/core/topicPage';
import { topic, topicFile, VALID_FRONT_MATTER } from './fixtures';

const SIDECAR: FeatureStage[] = [
  { stage: 'alpha', since: '1.28' },
  { stage: 'beta', since: '1.29', default: 'on' },
  { stage: 'stable', since: '1.33' },
];
const IPVS: FeatureStage[] = [
  { stage: 'stable', since: '1.11' },
  { stage: 'deprecated', since: '1.35' },
];

const parse = (frontMatterExtra: string) =>
  parseTopicFile(topicFile(`${VALID_FRONT_MATTER}\n${frontMatterExtra}`), 'knowledge/worker-node/kube-proxy.md', {
    expectedId: 'kube-proxy',
    expectedCategory: 'worker-node',
    knownCategories: BUILTIN_CATEGORY_IDS,
  });

suite('Feature stages: what they mean for the target release', () => {
  test('before the first stage, at each stage and after the last', () => {
    assert.deepStrictEqual(stageAt(SIDECAR, '1.27'), {
      stage: 'unavailable',
      message: 'Not available before 1.28; your target is 1.27.',
    });
    assert.deepStrictEqual(stageAt(SIDECAR, '1.28'), {
      stage: 'alpha',
      message: 'In 1.28, your target, this is alpha and off by default (beta and on by default from 1.29).',
    });
    assert.deepStrictEqual(stageAt(SIDECAR, '1.31'), {
      stage: 'beta',
      message: 'In 1.31, your target, this is beta and on by default (stable from 1.33).',
    });
    assert.deepStrictEqual(stageAt(SIDECAR, '1.33'), { stage: 'stable', message: 'Stable since 1.33.' });
    assert.deepStrictEqual(stageAt(SIDECAR, NEWEST_RELEASE), { stage: 'stable', message: 'Stable since 1.33.' });
  });

  test('deprecated and removed features name the target', () => {
    assert.strictEqual(stageAt(IPVS, '1.34').message, 'Stable since 1.11 (deprecated from 1.35).');
    assert.deepStrictEqual(stageAt(IPVS, '1.37'), {
      stage: 'deprecated',
      message: 'Deprecated since 1.35; your target is 1.37.',
    });
    const removed: FeatureStage[] = [
      ...IPVS.slice(0, 1),
      { stage: 'deprecated', since: '1.20' },
      { stage: 'removed', since: '1.24' },
    ];
    assert.strictEqual(
      stageAt(removed, '1.22').message,
      'Deprecated since 1.20, removed in 1.24; your target is 1.22.',
    );
    assert.deepStrictEqual(stageAt(removed, '1.30'), {
      stage: 'removed',
      message: 'Removed in 1.24; your target is 1.30.',
    });
  });

  test('a beta whose default changed, and a beta without a known default', () => {
    const stages: FeatureStage[] = [
      { stage: 'alpha', since: '1.25' },
      { stage: 'beta', since: '1.30', default: 'off' },
      { stage: 'beta', since: '1.33', default: 'on' },
    ];
    assert.strictEqual(
      stageAt(stages, '1.31').message,
      'In 1.31, your target, this is beta and off by default (beta and on by default from 1.33).',
    );
    assert.strictEqual(stageAt(stages, '1.37').message, 'In 1.37, your target, this is beta and on by default.');
    assert.strictEqual(
      stageAt([{ stage: 'beta', since: '1.30' }], '1.30').message,
      'In 1.30, your target, this is beta.',
    );
  });

  test('a target that is no release throws', () => {
    for (const target of ['1.x', 'banana', '2.0', 'v1.30', ''])
      assert.throws(() => stageAt(SIDECAR, target), TypeError, target);
  });
});

suite('Feature stages: the front matter field', () => {
  test('a valid list is parsed in order, with defaults for beta', () => {
    const result = parse(
      'stages: [{stage: alpha, since: "1.28"}, {stage: beta, since: "1.29", default: on}, {stage: stable, since: "1.33"}]',
    );
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(result.parsed!.topic.stages, SIDECAR);
  });

  test('a topic without stages has none', () => {
    assert.strictEqual(parse('').parsed!.topic.stages, undefined);
  });

  test('each mistake is reported at its item line', () => {
    const cases: Array<[string, RegExp]> = [
      ['stages: [{stage: alpha, since: 1.28}]', /stage 1: "since" must be quoted/],
      ['stages: [{stage: alpha, since: "v1.28"}]', /stage 1: "since" must be a release like "1\.37"/],
      ['stages: [{stage: alpha, since: "1.28.0"}]', /must be a release/],
      ['stages: [{stage: alpha, since: "1.38"}]', /1\.38 is newer than 1\.37/],
      ['stages: [{stage: gamma, since: "1.28"}]', /"stage" must be one of alpha, beta, stable, deprecated, removed/],
      ['stages: [{stage: stable, since: "1.28", default: on}]', /"default" is only for a beta stage/],
      ['stages: [{stage: beta, since: "1.28", default: yes}]', /"default" must be on or off/],
      ['stages: [{stage: beta, since: "1.28", gate: X}]', /unknown field "gate"/],
      [
        'stages: [{stage: beta, since: "1.29"}, {stage: stable, since: "1.29"}]',
        /stage 2: 1\.29 must be later than 1\.29/,
      ],
      [
        'stages: [{stage: stable, since: "1.29"}, {stage: beta, since: "1.30"}]',
        /stage 2: "beta" cannot follow "stable"/,
      ],
      [
        'stages: [{stage: beta, since: "1.29", default: on}, {stage: beta, since: "1.30", default: on}]',
        /changes "default"/,
      ],
      ['stages: []', /"stages" must be a list/],
      ['stages: stable', /"stages" must be a list/],
      ['stages: [stable]', /stage 1: must be a mapping/],
    ];
    for (const [yaml, expected] of cases) {
      const problems = parse(yaml).problems.map(formatProblem);
      assert.ok(
        problems.some(p => expected.test(p) && p.startsWith('knowledge/worker-node/kube-proxy.md:12:')),
        `${yaml}\n  gave ${JSON.stringify(problems)}`,
      );
    }
  });

  test('block-style items are reported at their own line', () => {
    const problems = parse('stages:\n  - {stage: alpha, since: "1.28"}\n  - {stage: beta, since: 1.30}').problems;
    assert.deepStrictEqual(problems.map(formatProblem), [
      'knowledge/worker-node/kube-proxy.md:14:1: stage 2: "since" must be quoted, like "1.37" (YAML reads 1.20 as the number 1.2)',
    ]);
  });
});

suite('Feature stages: hover, page and pack', () => {
  const sidecar = topic('sidecar-container', { title: 'Sidecar container', stages: SIDECAR });
  const hover = (t = sidecar, kubernetesVersion?: string) =>
    buildHoverMarkdown(t, () => undefined, { detail: 'short', openCommand: 'open', kubernetesVersion });

  test('the hover adds one line for the target, the newest release by default', () => {
    assert.match(hover(), /\n\n\*Stable since 1\\\.33\\\.\*\n\n/);
    assert.match(
      hover(sidecar, '1.30'),
      /\*In 1\\\.30, your target, this is beta and on by default \\\(stable from 1\\\.33\\\)\\\.\*/,
    );
    assert.doesNotMatch(hover(topic('pod')), /since|your target/);
  });

  test('the topic page has a feature state only for topics with stages', () => {
    assert.strictEqual(renderTopicPage(sidecar, () => undefined, []).featureState, 'Stable since 1.33.');
    assert.strictEqual(
      renderTopicPage(sidecar, () => undefined, [], '1.27').featureState,
      'Not available before 1.28; your target is 1.27.',
    );
    assert.strictEqual(renderTopicPage(topic('pod'), () => undefined, []).featureState, undefined);
  });

  test('the knowledge pack keeps stages', () => {
    const packed = packTopics([sidecar, topic('pod')], bytes => bytes);
    const unpacked = unpackTopics(
      packed.topics,
      packed.pages,
      reason => reason,
      bytes => bytes,
    );
    assert.deepStrictEqual(unpacked[0].stages, SIDECAR);
    assert.strictEqual(unpacked[1].stages, undefined);
  });
});
