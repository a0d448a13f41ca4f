import * as assert from 'assert';
import { createConceptIndex } from '../../src/core/index';
import { template, topic } from './fixtures';

const index = createConceptIndex([
  topic('kube-proxy', { title: 'kube-proxy', aliases: ['network proxy'] }),
  topic('pod', { title: 'Pod' }),
  topic('configmap', { title: 'ConfigMap' }),
  topic('service', { title: 'Service', exactCase: ['Service'] }),
  topic('kubeconfig', { title: 'kubeconfig' }),
  topic('kubeconfig-env', {
    title: 'KUBECONFIG environment variable',
    aliases: ['KUBECONFIG'],
    exactCase: ['KUBECONFIG'],
  }),
  topic('hpa', { title: 'HorizontalPodAutoscaler', aliases: ['Horizontal Pod Autoscaler', 'HPA'] }),
  topic('control-plane', {
    title: 'Control plane',
    aliases: ['master'],
    ambiguous: ['master'],
    context: ['kubeadm', 'taint'],
  }),
  topic('cri-o', { title: 'CRI-O', aliases: ['crio'] }),
  topic('liveness-probe', { title: 'Liveness probe', aliases: ['livenessProbe'] }),
  topic('network-policy', { title: 'NetworkPolicy' }),
  topic('ingress', { title: 'Ingress' }),
  topic('oci', {
    title: 'Open Container Initiative',
    aliases: ['OCI'],
    ambiguous: ['OCI'],
    context: ['runc', 'image'],
  }),
  topic('oracle', {
    title: 'Oracle Cloud Infrastructure',
    aliases: ['OCI'],
    ambiguous: ['OCI'],
    context: ['oracle', 'tenancy', 'oke'],
  }),
  topic('high-availability', { title: 'High availability', aliases: ['HA'] }),
  topic('pvc', { title: 'PersistentVolumeClaim', aliases: ['PVC'] }),
]);

/** The topic and matched text at the first `|` of a template like "the |kube-proxy runs". */
function at(marked: string, languageId = 'plaintext') {
  const { text, offset } = template(marked);
  const hit = index.conceptAt(text, offset, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), alternatives: hit.alternatives };
}

suite('Matching names in running text', () => {
  test('hyphen, space and joined variants, in any case', () => {
    for (const t of [
      'the |kube-proxy runs',
      'the kube |proxy runs',
      'the |kubeproxy runs',
      'the |Kube-Proxy runs',
      'kube|-proxy',
    ]) {
      assert.strictEqual(at(t)?.id, 'kube-proxy', t);
    }
    assert.deepStrictEqual(at('uses |CRI-O.'), { id: 'cri-o', text: 'CRI-O', alternatives: undefined });
    assert.strictEqual(at('uses |crio')?.id, 'cri-o');
  });

  test('plural and possessive forms, with the range on the matched text', () => {
    assert.deepStrictEqual(at('two |Pods here'), { id: 'pod', text: 'Pods', alternatives: undefined });
    assert.deepStrictEqual(at("the |Pod's IP"), { id: 'pod', text: 'Pod', alternatives: undefined });
    assert.strictEqual(at('all |ConfigMaps')?.id, 'configmap');
    assert.strictEqual(at('two |NetworkPolicies')?.id, 'network-policy');
    assert.strictEqual(at('many |Ingresses')?.id, 'ingress');
  });

  test('an abbreviation keeps its capitals in the plural, so ordinary words do not match it', () => {
    assert.strictEqual(at('the cluster |has three nodes'), undefined);
    assert.strictEqual(at('it |Has three nodes'), undefined);
    assert.strictEqual(
      at('two |HAs')?.id,
      'high-availability',
      'written with capitals, the plural is the abbreviation',
    );
    assert.strictEqual(at('the |HA setup')?.id, 'high-availability');
    assert.strictEqual(at('the |ha setup')?.id, 'high-availability', 'the name itself still matches in any case');
    assert.deepStrictEqual(at('bound |PVCs'), { id: 'pvc', text: 'PVCs', alternatives: undefined });
    assert.strictEqual(at('bound |pvcs'), undefined);
    assert.strictEqual(at('kubectl get |pvc')?.id, 'pvc');
    assert.strictEqual(at('two |pods')?.id, 'pod', 'names not written in capitals keep any-case plurals');
  });

  test('exact-case names match only as written; exact case beats case-insensitive', () => {
    assert.strictEqual(at('a |Service routes')?.id, 'service');
    assert.strictEqual(at('|Services route')?.id, 'service');
    assert.strictEqual(at('customer |service desk'), undefined);
    assert.strictEqual(at('export |KUBECONFIG=x')?.id, 'kubeconfig-env');
    assert.strictEqual(at('your |kubeconfig file')?.id, 'kubeconfig');
  });

  test('the longest multi-word name wins and covers exactly its text', () => {
    assert.deepStrictEqual(at('a Horizontal |Pod Autoscaler scales'), {
      id: 'hpa',
      text: 'Horizontal Pod Autoscaler',
      alternatives: undefined,
    });
    assert.deepStrictEqual(at('a |Pod restarts'), { id: 'pod', text: 'Pod', alternatives: undefined });
    assert.deepStrictEqual(at('the |network proxy'), {
      id: 'kube-proxy',
      text: 'network proxy',
      alternatives: undefined,
    });
  });

  test('camelCase fields as written in manifests', () => {
    assert.deepStrictEqual(at('set |livenessProbe on it'), {
      id: 'liveness-probe',
      text: 'livenessProbe',
      alternatives: undefined,
    });
    assert.strictEqual(at('a |liveness probe')?.id, 'liveness-probe');
  });

  test('no match inside larger identifiers, URLs, e-mail addresses, link targets or flags', () => {
    assert.strictEqual(at('my|PodName'), undefined);
    assert.strictEqual(at("from: '|kube-proxy@example.com'"), undefined);
    assert.strictEqual(at('mail ops@|ingress.example.org'), undefined);
    assert.strictEqual(at('image: |kube-proxy@sha256:0123abcd')?.id, 'kube-proxy', 'an image digest is not an address');
    assert.strictEqual(at('the |kube-proxy, mail@example.com')?.id, 'kube-proxy');
    assert.strictEqual(at('see https://example.com/|kube-proxy/docs'), undefined);
    assert.strictEqual(at('see [docs](https://k8s.io/|pod)'), undefined);
    assert.strictEqual(at('kubectl --|pod x'), undefined);
    assert.strictEqual(at('file |pod.yaml'), undefined);
    assert.strictEqual(at('the |app runs'), undefined);
  });

  test('an ambiguous name needs context, or shows every meaning', () => {
    assert.strictEqual(at('merge into |master'), undefined, 'no context: no hover');
    assert.strictEqual(at('kubeadm taint on |master')?.id, 'control-plane');
    assert.strictEqual(at('an |OCI image built with runc')?.id, 'oci');
    assert.strictEqual(at('|OCI tenancy for OKE on Oracle')?.id, 'oracle');
    const both = at('what is |OCI?');
    assert.strictEqual(both?.id, 'oci');
    assert.deepStrictEqual(both?.alternatives, ['oracle']);
  });

  test('odd offsets never throw', () => {
    for (const offset of [-1, 0, 3, 1e9, NaN, 1.5]) {
      assert.strictEqual(index.conceptAt('abc', offset, 'plaintext'), undefined);
    }
    assert.strictEqual(index.conceptAt('', 0, 'yaml'), undefined);
  });
});

suite('Context words', () => {
  test('count only as whole words', async () => {
    const { containsWord } = await import('../../src/core/matcher');
    assert.strictEqual(containsWord('a tcp ack here', 'ack'), true);
    assert.strictEqual(containsWord('the stack and back', 'ack'), false);
    assert.strictEqual(containsWord('kind create cluster', 'kind create'), true);
    assert.strictEqual(containsWord('ack', 'ack'), true);
  });
});

suite('Ambiguous lower-case names', () => {
  const shared = createConceptIndex([
    topic('kind-tool', {
      title: 'kind (Kubernetes in Docker)',
      aliases: ['kind'],
      ambiguous: ['kind'],
      context: ['kind create cluster', 'kindest'],
    }),
    topic('kind-field', {
      title: 'kind (manifest field)',
      aliases: ['kind'],
      ambiguous: ['kind'],
      context: ['apiVersion'],
    }),
  ]);
  test('show nothing without context, pick by context otherwise', () => {
    assert.strictEqual(shared.conceptAt('this kind of thing', 5, 'plaintext'), undefined);
    assert.strictEqual(shared.conceptAt('run kind create cluster now', 4, 'plaintext')?.topicId, 'kind-tool');
    assert.strictEqual(shared.conceptAt('set apiVersion and kind', 19, 'plaintext')?.topicId, 'kind-field');
    assert.deepStrictEqual(shared.conceptAt('Kind?', 0, 'plaintext')?.alternatives, ['kind-field']);
  });
});
