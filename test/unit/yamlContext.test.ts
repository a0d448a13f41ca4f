import * as assert from 'assert';
import { createConceptIndex } from '../../src/core/index';
import { blankTemplates, splitYamlDocuments } from '../../src/core/yamlContext';
import { template, topic } from './fixtures';

const index = createConceptIndex(
  [
    topic('statefulset', { title: 'StatefulSet', manifest: { kinds: ['StatefulSet'] } }),
    topic('service', {
      title: 'Service',
      exactCase: ['Service'],
      manifest: { kinds: ['Service'], keys: ['spec.ports'] },
    }),
    topic('nodeport', {
      title: 'NodePort',
      aliases: ['nodePort'],
      manifest: { keys: ['nodePort'], values: ['type: NodePort'] },
    }),
    topic('container-ports', { title: 'containerPort', manifest: { keys: ['containerPort', 'containers.ports'] } }),
    topic('resources', { title: 'Resource requests and limits', manifest: { keys: ['containers.resources'] } }),
    topic('rbac-rules', { title: 'RBAC rules', manifest: { keys: ['rules.resources'] } }),
    topic('image-pull-policy', {
      title: 'imagePullPolicy',
      manifest: { keys: ['imagePullPolicy'], values: ['imagePullPolicy: Always'] },
    }),
    topic('rwo', { title: 'ReadWriteOnce', manifest: { values: ['accessModes: ReadWriteOnce'] } }),
    topic('api-groups', { title: 'API groups' }),
    topic('kube-proxy', { title: 'kube-proxy' }),
  ],
  // the hints of these topics only: the built-in value tables have their own tests (values.test.ts)
  { fieldValues: [], wellKnownKeys: [] },
);

function at(marked: string, languageId = 'yaml') {
  const { text, offset } = template(marked);
  const hit = index.conceptAt(text, offset, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), context: hit.context };
}

suite('YAML context', () => {
  test('kind: values resolve to the kind, with the apiVersion in the context line', () => {
    assert.deepStrictEqual(at('apiVersion: apps/v1\nkind: State|fulSet\n'), {
      id: 'statefulset',
      text: 'StatefulSet',
      context: 'The kind of this manifest (`apiVersion: apps/v1`).',
    });
  });

  test('apiVersion: values resolve to the API group', () => {
    assert.deepStrictEqual(at('apiVersion: ap|ps/v1\nkind: Deployment\n'), {
      id: 'api-groups',
      text: 'apps/v1',
      context: 'API group `apps`, version `v1`.',
    });
    assert.match(at('apiVersion: |v1\n')!.context!, /core API group/);
  });

  test('keys resolve only where the key means that field', () => {
    const pod =
      'kind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        limits: {}\n      ports:\n        - containerPort: 80\n';
    assert.strictEqual(at(pod.replace('resources:', 'reso|urces:'))?.id, 'resources');
    assert.strictEqual(at(pod.replace('ports:\n', 'po|rts:\n'))?.id, 'container-ports');
    const role = 'kind: Role\nrules:\n  - apiGroups: [""]\n    resources: [pods]\n';
    assert.strictEqual(at(role.replace('resources:', 'reso|urces:'))?.id, 'rbac-rules');
    assert.strictEqual(at('metadata:\n  resou|rces: x\n'), undefined, 'an unrelated key of the same name');
    const svc = 'kind: Service\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n';
    assert.deepStrictEqual(at(svc.replace('type: NodePort', 'type: Node|Port')), {
      id: 'nodeport',
      text: 'NodePort',
      context: 'Value of `spec.type` of this Service.',
    });
    assert.strictEqual(at(svc.replace('  ports:', '  po|rts:'))?.id, 'service');
    assert.strictEqual(at(svc.replace('nodePort: 30080', 'node|Port: 30080'))?.id, 'nodeport');
  });

  test('values, including list items, resolve to their topic', () => {
    assert.strictEqual(at('spec:\n  containers:\n    - imagePullPolicy: Alw|ays\n')?.id, 'image-pull-policy');
    assert.strictEqual(at('spec:\n  accessModes: [ReadWrite|Once]\n')?.id, 'rwo');
    assert.strictEqual(at('spec:\n  accessModes:\n    - "ReadWrite|Once"\n')?.text, 'ReadWriteOnce');
    assert.strictEqual(at('spec:\n  other: Alw|ays\n'), undefined);
  });

  test('plain matching in values and comments', () => {
    assert.strictEqual(at('metadata:\n  name: kube-pr|oxy\n')?.id, 'kube-proxy');
    assert.strictEqual(at('# the kube-pr|oxy config\nkind: ConfigMap\n')?.id, 'kube-proxy');
    assert.strictEqual(at('metadata:\n  labels:\n    component: kube-pr|oxy\n')?.id, 'kube-proxy');
    // Issue 15, rule 1: a name hovers only as a whole token.
    assert.strictEqual(at('metadata:\n  labels:\n    component: kube-pr|oxy-canary\n'), undefined);
  });

  test('a value that names an object hovers only when the whole name is a term', () => {
    assert.strictEqual(at('metadata:\n  name: "kube-pr|oxy"\n')?.id, 'kube-proxy');
    assert.strictEqual(at('metadata:\n  name: kube-pr|oxy-config\n'), undefined);
    assert.strictEqual(at('metadata:\n  generateName: kube-pr|oxy-\n'), undefined);
    assert.strictEqual(at('volumes:\n  - persistentVolumeClaim:\n      claimName: kube-pr|oxy-data\n'), undefined);
    assert.strictEqual(at('scrape_configs:\n  - job_name: kube-pr|oxy-metrics\n'), undefined);
    assert.strictEqual(at('spec:\n  serviceAccountName: kube-pr|oxy\n')?.id, 'kube-proxy');
    assert.strictEqual(
      at('metadata:\n  # the kube-pr|oxy config\n  name: x\n')?.id,
      'kube-proxy',
      'comments keep plain matching',
    );
  });

  test('multi-document files, Helm templates and broken YAML', () => {
    const multi = 'kind: Service\n---\n# second\nkind: Statef|ulSet\n---\nkind: Service\n';
    assert.strictEqual(at(multi)?.id, 'statefulset');
    const helm = 'kind: {{ .Values.kind }}\nspec:\n  {{- if .Values.x }}\n  type: Node|Port\n  {{- end }}\n';
    assert.strictEqual(at(helm)?.id, 'nodeport');
    assert.strictEqual(at('kind: [unclosed\nname: kube-pro|xy\n')?.id, 'kube-proxy');
  });

  test('JSON manifests', () => {
    assert.deepStrictEqual(at('{"apiVersion": "apps/v1", "kind": "Statef|ulSet"}', 'json'), {
      id: 'statefulset',
      text: 'StatefulSet',
      context: 'The kind of this manifest (`apiVersion: apps/v1`).',
    });
  });

  test('Markdown: fenced YAML gets YAML context, prose gets plain matching', () => {
    const md = 'Run kube-proxy here.\n\n```yaml\nkind: StatefulSet\n```\n';
    const o = md.indexOf('StatefulSet') + 2;
    assert.strictEqual(index.conceptAt(md, o, 'markdown')?.context?.startsWith('The kind of this manifest'), true);
    assert.strictEqual(index.conceptAt(md, md.indexOf('kube-proxy'), 'markdown')?.topicId, 'kube-proxy');
  });

  test('splitting and template blanking keep offsets', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n...\n';
    assert.deepStrictEqual(
      splitYamlDocuments(text).map(s => text.slice(s.start, s.end)),
      ['a: 1\n', 'b: 2\n', 'c: 3\n'],
    );
    const t = 'x: {{ .Values.y }}\n';
    assert.strictEqual(blankTemplates(t).length, t.length);
    // a value becomes a placeholder scalar; an action alone on its line becomes blanks
    assert.strictEqual(blankTemplates(t), 'x: _______________\n');
    assert.strictEqual(blankTemplates('{{- if .y }}\n'), '            \n');
  });
});
