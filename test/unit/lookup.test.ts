import * as assert from 'assert';
import { createConceptIndex } from '../../src/core/index';
import { findTopicByName, topicsNamed } from '../../src/core/lookup';
import { rankTopics } from '../../src/core/search';
import { topic } from './fixtures';

const topics = [
  topic('kube-proxy', { title: 'kube-proxy', aliases: ['kubeproxy'] }),
  topic('pod', { title: 'Pod' }),
  topic('network-policy', { title: 'NetworkPolicy', aliases: ['network policy'] }),
  topic('kubeconfig', { title: 'kubeconfig', aliases: ['KUBECONFIG'], exactCase: ['KUBECONFIG'] }),
  topic('kind', { title: 'kind', aliases: ['Kubernetes in Docker'], ambiguous: ['kind'], context: ['docker'] }),
  topic('kind-field', { title: 'kind field', aliases: ['kind', 'kind: Pod'], ambiguous: ['kind'], context: ['yaml'] }),
  topic('pvc', { title: 'PersistentVolumeClaim', aliases: ['PVC'] }),
];

suite('Name lookup', () => {
  test('a typed name folds like hovers do: spaces, hyphens, case and plurals', () => {
    for (const typed of ['kube proxy', 'kube-proxy', 'KubeProxy', ' Kube_Proxy ']) {
      assert.strictEqual(findTopicByName(topics, typed)?.id, 'kube-proxy', typed);
    }
    assert.strictEqual(findTopicByName(topics, 'Pods')?.id, 'pod');
    assert.strictEqual(findTopicByName(topics, 'network policies')?.id, 'network-policy');
    assert.strictEqual(findTopicByName(topics, 'PVCs')?.id, 'pvc');
    assert.strictEqual(findTopicByName(topics, 'pvcs')?.id, 'pvc', 'a typed name has no case to go by');
  });

  test('an exact-case name is found in any case; names hovers cannot key match as written, case aside', () => {
    assert.strictEqual(findTopicByName(topics, 'KUBECONFIG')?.id, 'kubeconfig');
    assert.strictEqual(findTopicByName(topics, 'KubeConfig')?.id, 'kubeconfig');
    assert.strictEqual(findTopicByName(topics, 'KIND: pod')?.id, 'kind-field');
    assert.strictEqual(findTopicByName(topics, 'kind:pod'), undefined);
  });

  test('a name of several topics finds the one it is the title of, else none', () => {
    assert.deepStrictEqual(
      topicsNamed(topics, 'Kind').map(t => t.id),
      ['kind', 'kind-field'],
    );
    assert.strictEqual(findTopicByName(topics, 'Kind')?.id, 'kind');
    const twoAliases = [
      topic('a', { aliases: ['shared'], ambiguous: ['shared'], context: ['x'] }),
      topic('b', { aliases: ['shared'], ambiguous: ['shared'], context: ['y'] }),
    ];
    assert.strictEqual(findTopicByName(twoAliases, 'shared'), undefined);
  });

  test('nothing for a blank or unknown name', () => {
    for (const typed of ['', '   ', 'p', 'nothing here', '--', '%zz']) {
      assert.strictEqual(findTopicByName(topics, typed), undefined, typed);
    }
  });

  test('search ranks first what the jump box finds and what a hover on the same words shows', () => {
    const index = createConceptIndex(topics);
    for (const typed of ['kube proxy', 'KubeProxy', 'Pods', 'network policies', 'PVCs', 'KUBECONFIG']) {
      const found = findTopicByName(topics, typed)?.id;
      assert.strictEqual(rankTopics(topics, typed)[0]?.id, found, typed);
      assert.strictEqual(index.conceptAt(typed, 0, 'plaintext')?.topicId, found, typed);
    }
  });
});
