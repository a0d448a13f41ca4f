// Issue 15, rules 1 and 5: no hover inside paths, file names, URLs, domain/name keys, fence info strings, licence
// headers or identifiers; well-known label, annotation and taint keys hover as one unit; Markdown emphasis hovers.
import * as assert from 'assert';
import { createConceptIndex } from '../../src/core/index';
import { parseTopicFile } from '../../src/core/parse';
import { template, topic, topicFile } from './fixtures';

const index = createConceptIndex([
  topic('cluster', { title: 'Cluster' }),
  topic('yaml', { title: 'YAML' }),
  topic('kubernetes-api', { title: 'Kubernetes API', aliases: ['API'] }),
  topic('istio', { title: 'Istio' }),
  topic('prometheus', { title: 'Prometheus' }),
  topic('pod', { title: 'Pod' }),
  topic('namespace', { title: 'Namespace' }),
  topic('kubernetes', { title: 'Kubernetes' }),
  topic('kube-proxy', { title: 'kube-proxy' }),
  topic('cert-manager', { title: 'cert-manager', manifest: { keys: ['cert-manager.io/*'] } }),
  topic('control-plane', { title: 'Control plane' }),
  topic('kube-scheduler', { title: 'kube-scheduler', aliases: ['scheduler'] }),
  topic('replicas', { title: 'Replicas', aliases: ['spec.replicas', 'replicaCount'] }),
  topic('manifest', { title: 'Manifest', aliases: ['config file'] }),
  topic('batch', { title: 'Batch execution', aliases: ['batch jobs'] }),
  topic('helm-release', { title: 'Helm release', aliases: ['release name'] }),
  topic('health', { title: 'Health endpoints', aliases: ['healthz'] }),
  topic('label', {
    title: 'Label',
    manifest: { keys: ['labels', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of'] },
  }),
  topic('taints', { title: 'Taints and tolerations', manifest: { keys: ['node.kubernetes.io/unreachable'] } }),
  topic('prometheus-scrape-config', {
    title: 'Prometheus scrape config',
    manifest: { keys: ['prometheus.io/scrape'] },
  }),
  topic('ingress-nginx', { title: 'ingress-nginx', manifest: { keys: ['nginx.ingress.kubernetes.io/*'] } }),
  topic('rewrite', { title: 'rewrite-target annotation', aliases: ['nginx.ingress.kubernetes.io/rewrite-target'] }),
]);

function at(marked: string, languageId = 'markdown') {
  const { text, offset } = template(marked);
  const hit = index.conceptAt(text, offset, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), context: hit.context };
}

function scan(text: string, languageId: string) {
  return index
    .analyze(text, languageId)
    .occurrences()
    .hits.map(h => `${text.slice(h.start, h.end)}=${h.topicId}`);
}

suite('Precision on real files: noise (issue 15, rules 1 and 5)', () => {
  test('rule 1: a word of a path, a file name or a domain/name token does not hover', () => {
    for (const t of [
      'run `|cluster/kubectl.sh` first',
      'kubectl apply -f nginx-deployment.|yaml',
      'image: registry.example.com/shop/orders-|api:1.4.2',
      'kubectl -n |istio-system get pods',
      'kubectl port-forward svc/orders 8080 and |svc/orders',
      'the `|prometheus.io/port` annotation of another exporter',
      'see docs/runbooks/|pod-crash-looping.md',
      'helm install orders charts/orders --create-|namespace',
    ]) {
      assert.strictEqual(at(t), undefined, t);
    }
    assert.strictEqual(at('metadata:\n  name: orders-|api\n', 'yaml'), undefined);
    assert.strictEqual(at('metadata:\n  namespace: |istio-system\n', 'yaml'), undefined);
  });

  test('rule 1: a name written with separators hovers as the whole token', () => {
    assert.deepStrictEqual(at('the |kube-proxy runs on each node'), {
      id: 'kube-proxy',
      text: 'kube-proxy',
      context: undefined,
    });
    assert.strictEqual(at('install |cert-manager first')?.id, 'cert-manager');
    assert.strictEqual(at('a |control-plane node')?.id, 'control-plane');
    assert.strictEqual(at('a |Pod and a cluster')?.id, 'pod');
    assert.strictEqual(at('the Pod. Then the |cluster.')?.id, 'cluster');
  });

  test('rule 1: a capitalised name in a hyphenated prose compound still hovers (`YAML-formatted`)', () => {
    assert.strictEqual(at('# This is a |YAML-formatted file.', 'yaml')?.id, 'yaml');
    assert.strictEqual(at('each |Pod-level setting')?.id, 'pod');
    assert.strictEqual(at('name: |yaml-formatted', 'yaml'), undefined);
  });

  test('rule 1: `.` and `/` in a token must be written in the name (`config.file`, `/spec/replicas`)', () => {
    assert.strictEqual(at('- -|config.file=/etc/promtail/config.yml', 'yaml'), undefined);
    assert.strictEqual(at('jsonPointers:\n  - /spec/|replicas\n', 'yaml'), undefined);
    assert.strictEqual(at('set |spec.replicas to 3')?.id, 'replicas');
  });

  test('rule 1: an object name of hyphenated words is not a name written with spaces (`name: batch-jobs`)', () => {
    assert.strictEqual(at('metadata:\n  name: batch-|jobs\n', 'yaml'), undefined);
    assert.strictEqual(at('metadata:\n  name: kube-|proxy\n', 'yaml')?.id, 'kube-proxy');
    assert.strictEqual(at('we run batch |jobs at night')?.id, 'batch');
  });

  test('rule 1: the values of path keys are paths (`path: /healthz`, `mountPath`)', () => {
    assert.strictEqual(at('httpGet:\n  path: /|healthz\n', 'yaml'), undefined);
    assert.strictEqual(at('volumeMounts:\n  - mountPath: /var/run/|pod\n', 'yaml'), undefined);
    assert.strictEqual(at('items:\n  - path: |labels\n', 'yaml'), undefined);
  });

  test('rule 1: well-known label, annotation and taint keys hover as one unit, in YAML and in prose', () => {
    const yaml = 'metadata:\n  labels:\n    |app.kubernetes.io/name: orders\n';
    assert.deepStrictEqual(
      { id: at(yaml, 'yaml')?.id, text: at(yaml, 'yaml')?.text },
      { id: 'label', text: 'app.kubernetes.io/name' },
    );
    assert.strictEqual(at('metadata:\n  labels:\n    app.|kubernetes.io/part-of: shop\n', 'yaml')?.id, 'label');
    assert.strictEqual(at('tolerations:\n  - key: node.kubernetes.io/|unreachable\n', 'yaml')?.id, 'taints');
    assert.strictEqual(at('annotations:\n  |prometheus.io/scrape: "true"\n', 'yaml')?.id, 'prometheus-scrape-config');
    assert.strictEqual(at('select with `-l app.kubernetes.io/|name=orders`')?.text, 'app.kubernetes.io/name');
    assert.strictEqual(at('the `node.|kubernetes.io/unreachable` taint')?.id, 'taints');
  });

  test('rule 1: a key `example.com/*` stands for every key of its prefix; a name that is an alias wins', () => {
    assert.strictEqual(
      at('annotations:\n  |nginx.ingress.kubernetes.io/proxy-body-size: 8m\n', 'yaml')?.id,
      'ingress-nginx',
    );
    assert.strictEqual(at('annotations:\n  cert-manager.io/|cluster-issuer: prod\n', 'yaml')?.id, 'cert-manager');
    assert.strictEqual(at('annotations:\n  nginx.ingress.kubernetes.io/|rewrite-target: /\n', 'yaml')?.id, 'rewrite');
    assert.strictEqual(at('annotations:\n  example.com/|scrape: "true"\n', 'yaml'), undefined);
  });

  test('rule 1: the topic parser accepts a `example.com/*` key', () => {
    const file = topicFile(
      'id: x\ntitle: X thing\ncategory: cluster\nsummary: A thing.\nlinks:\n  - title: X\n    url: https://kubernetes.io/x\nrelated: [pod, node]\nmanifest:\n  keys: [x.example.com/*]',
    );
    const parsed = parseTopicFile(file, 'knowledge/cluster/x.md');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.parsed?.topic.manifest?.keys, ['x.example.com/*']);
  });

  test('rule 1: "In This File" lists a well-known key once, as a whole', () => {
    const hits = scan('metadata:\n  labels:\n    app.kubernetes.io/name: orders\n', 'yaml');
    assert.ok(hits.includes('app.kubernetes.io/name=label'), hits.join(', '));
    assert.ok(!hits.some(h => h.startsWith('kubernetes=')), hits.join(', '));
  });

  test("rule 1: Helm's .Values.x and .Release.Name stay as they are", () => {
    assert.strictEqual(at('replicas: {{ .Values.|replicaCount }}', 'helm')?.id, 'replicas');
    assert.strictEqual(at('name: {{ .|Release.Name }}-web', 'helm')?.id, 'helm-release');
  });

  test('rule 1: a code-fence info string does not hover', () => {
    const doc = '# Run\n\n```|yaml title="nginx-deployment.yaml"\nkind: Pod\n```\n';
    assert.strictEqual(at(doc), undefined);
    assert.ok(!scan(doc.replace('|', ''), 'markdown').some(h => h.startsWith('yaml=')));
  });

  test('rule 1: a licence header at the top of a file does not hover; the same words below it do', () => {
    const yaml =
      '# Copyright 2024 The |Kubernetes Authors.\n#\n# Licensed under the Apache License, Version 2.0\n\napiVersion: v1\nkind: Pod\n';
    assert.strictEqual(at(yaml, 'yaml'), undefined);
    assert.strictEqual(at('# Pods of the |Kubernetes demo\napiVersion: v1\n', 'yaml')?.id, 'kubernetes');
    const md =
      '<!--\nSPDX-License-Identifier: Apache-2.0\nCopyright The |Kubernetes Authors\n-->\n# A Kubernetes demo\n';
    assert.strictEqual(at(md), undefined);
    assert.strictEqual(at(md.replace('|', '').replace('A Kubernetes', 'A |Kubernetes'))?.id, 'kubernetes');
  });

  test('rule 1: URLs and e-mail addresses stay silent, with or without a scheme', () => {
    assert.strictEqual(at('see https://kubernetes.io/docs/concepts/workloads/|pods/'), undefined);
    assert.strictEqual(at('see kubernetes.io/docs/concepts/workloads/|pods/'), undefined);
    assert.strictEqual(at('write to |pod@example.com'), undefined);
  });

  test('rule 5: terms in Markdown __bold__ and _emphasis_ hover', () => {
    assert.strictEqual(at('A __|Pod__ moves through phases')?.id, 'pod');
    assert.strictEqual(at('while the __sched|uler__ looks for a node')?.id, 'kube-scheduler');
    assert.strictEqual(at('which is what a _|Pod_ wants')?.id, 'pod');
    assert.strictEqual(at('set `MY_|POD_NAME`'), undefined);
  });

  test('rule 5: a file path, a URL or a command line in inline code follows the whole-token rule', () => {
    assert.strictEqual(at('run `kubectl apply -f |cluster/addons/dns.yaml`'), undefined);
    assert.strictEqual(at('run `kubectl get |pods -n istio-system`')?.id, 'pod');
    assert.strictEqual(at('run `kubectl get pods -n |istio-system`'), undefined);
  });
});
