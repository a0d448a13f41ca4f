// Issue 15, rules 3 and 4: values are explained by their field, every common field of the built-in kinds hovers, and
// the Helm context path. These run on the real knowledge base (dist/knowledge/), as the real-file suite does.
import * as assert from 'assert';
import { join } from 'path';
import { createConceptIndex } from '../../src/core/index';
import { blankTemplates } from '../../src/core/yamlContext';
import { loadTopics } from '../tools/knowledge-report';
import { template } from './fixtures';

const index = createConceptIndex(loadTopics(join(__dirname, '..', '..')));

function at(marked: string, languageId = 'yaml') {
  const { text, offset } = template(marked);
  const hit = index.conceptAt(text, offset, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), context: hit.context };
}
const idAt = (marked: string, languageId = 'yaml') => at(marked, languageId)?.id;

const NETPOL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions:
              - key: team
                operator: In
                values: [shop]
      ports:
        - protocol: TCP
          port: 8080
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
`;
/** `text` with the cursor on the last character of the first `needle`. */
const mark = (text: string, needle: string) => {
  const at = text.indexOf(needle) + needle.length - 1;
  return text.slice(0, at) + '|' + text.slice(at);
};

suite('Precision, fields: values by their field (rule 3)', () => {
  test('policyTypes values are NetworkPolicy directions, not the Ingress object', () => {
    assert.strictEqual(idAt(mark(NETPOL, '- Ingress')), 'networkpolicy');
    assert.strictEqual(idAt(mark(NETPOL, '- Egress')), 'networkpolicy');
  });

  test('a selector operator value is a selector operator, not the Operator pattern', () => {
    assert.strictEqual(idAt(mark(NETPOL, ': In')), 'selector');
    assert.strictEqual(idAt(mark(NETPOL, 'operator')), 'selector');
    const nodeAffinity = `kind: Pod
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - key: kubernetes.io/arch
                operator: NotIn
                values: [arm64]
`;
    assert.notStrictEqual(idAt(mark(nodeAffinity, 'NotIn')), 'operator');
    assert.ok(idAt(mark(nodeAffinity, 'NotIn')), 'NotIn hovers');
  });

  test('HPA metric type values are metric source types, not Pod', () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
spec:
  metrics:
    - type: Pods
      pods:
        metric:
          name: requests_per_second
        target:
          type: AverageValue
          averageValue: "100"
    - type: Resource
      resource:
        name: cpu
`;
    assert.strictEqual(idAt(mark(hpa, 'Pods')), 'horizontalpodautoscaler');
    assert.strictEqual(idAt(mark(hpa, ' pods')), 'horizontalpodautoscaler');
    assert.strictEqual(idAt(mark(hpa, 'Resource')), 'horizontalpodautoscaler');
    assert.strictEqual(idAt(mark(hpa, 'metrics')), 'horizontalpodautoscaler');
  });

  test('capabilities values are Linux capabilities', () => {
    const pod = `kind: Pod
spec:
  containers:
    - name: app
      securityContext:
        capabilities:
          drop: [ALL]
          add:
            - NET_BIND_SERVICE
`;
    assert.strictEqual(idAt(mark(pod, 'ALL')), 'linux-capabilities');
    assert.strictEqual(idAt(mark(pod, 'NET_BIND')), 'linux-capabilities');
    assert.strictEqual(idAt(mark(pod, 'drop')), 'security-context');
  });

  test('Pod phase and container state words in prose are those states; lower-case English is not', () => {
    const doc = 'The phase of a Pod is `Pending`, then `Running`; a container that exited is `Terminated`.\n';
    const hover = (word: string) => index.conceptAt(doc, doc.indexOf(word) + 1, 'markdown')?.topicId;
    assert.strictEqual(hover('Pending'), 'pod-phases-and-states');
    assert.strictEqual(hover('Terminated'), 'pod-phases-and-states');
    assert.strictEqual(idAt('In `CrashLoopBackOff` the last state is `Fai|led`.', 'markdown'), 'pod-phases-and-states');
    assert.strictEqual(idAt('the container is still runn|ing, so wait.', 'markdown'), undefined);
    assert.strictEqual(idAt('Waiting for the release is |Pending on review.', 'markdown'), undefined);
  });

  test('a value that names a topic only by accident gets no hover', () => {
    const policy = at('kind: Service\nspec:\n  externalTrafficPolicy: Clus|ter\n');
    assert.notStrictEqual(policy?.id, 'cluster');
    assert.ok(policy?.context?.includes('Value of `spec.externalTrafficPolicy`'), policy?.context);
    assert.strictEqual(idAt('kind: Deployment\nspec:\n  replicas: |2\n'), undefined);
    const pod =
      'kind: Pod\nspec:\n  containers:\n    - name: orders\n      image: nginx:1.27\n      args: [--config, /etc/app/config.yaml]\n      livenessProbe:\n        httpGet:\n          path: /api/v2/orders\n          port: http\n';
    for (const word of ['config.yaml', 'api/v2', 'orders\n', 'http\n'])
      assert.strictEqual(index.conceptAt(pod, pod.lastIndexOf(word) + 1, 'yaml'), undefined, word);
    // an image reference explains itself (issue 12), not the NGINX project
    assert.strictEqual(index.conceptAt(pod, pod.lastIndexOf('nginx') + 1, 'yaml')?.topicId, 'container-image');
    const env = 'kind: Pod\nspec:\n  containers:\n    - env:\n        - name: LOG_LEVEL\n          value: info\n';
    assert.strictEqual(index.conceptAt(env, env.indexOf('LOG_LEVEL') + 1, 'yaml'), undefined);
  });
});

suite('Precision, fields: every common field hovers (rule 4)', () => {
  const cases: Array<[string, string, string, string?]> = [
    // [manifest with |, topic, context must contain]
    [
      'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          com|mand: [sh]\n',
      'container',
      'spec.template.spec.containers.command',
    ],
    ['kind: Pod\nspec:\n  containers:\n    - name: a\n      ar|gs: [x]\n', 'container', 'containers.args'],
    [
      'kind: Pod\nspec:\n  containers:\n    - name: a\n      livenessProbe:\n        httpGet:\n          pa|th: /healthz\n          port: 8080\n',
      'probe-handlers',
      'httpGet.path',
    ],
    [
      'kind: Pod\nspec:\n  containers:\n    - name: a\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          po|rt: 8080\n',
      'probe-handlers',
      'httpGet.port',
    ],
    ['kind: Service\nspec:\n  ty|pe: ClusterIP\n', 'service', 'spec.type'],
    ['kind: Service\nspec:\n  ports:\n    - po|rt: 80\n', 'service', 'spec.ports.port'],
    [NETPOL.replace('  ingress:', '  ingre|ss:'), 'networkpolicy', 'spec.ingress'],
    [NETPOL.replace('    - to:', '    - t|o:'), 'networkpolicy', 'spec.egress.to'],
    [NETPOL.replace('ipBlock', 'ipBl|ock'), 'networkpolicy', 'ipBlock'],
    [NETPOL.replace('port: 8080', 'po|rt: 8080'), 'networkpolicy', 'spec.ingress.ports.port'],
    ['kind: Ingress\nspec:\n  ru|les:\n    - host: a.example.com\n', 'ingress', 'spec.rules'],
    ['kind: PodDisruptionBudget\nspec:\n  maxUnav|ailable: 1\n', 'poddisruptionbudget', 'spec.maxUnavailable'],
    ['kind: Role\nru|les:\n  - apiGroups: [""]\n', 'rbac-rules', 'rules'],
    ['kind: CronJob\nspec:\n  susp|end: false\n', 'cronjob', 'spec.suspend'],
  ];
  for (const [marked, id, context] of cases) {
    const { text, offset } = template(marked);
    const word = /\w+$/.exec(text.slice(0, offset))![0] + /^\w+/.exec(text.slice(offset))![0];
    test(`${word} in ${/kind: (\w+)/.exec(text)![1]} -> ${id} (${context})`, () => {
      const hit = at(marked);
      assert.strictEqual(hit?.id, id);
      assert.ok(hit?.context?.includes(context), hit?.context);
    });
  }
});

suite('Precision, fields: resource quantities', () => {
  const pod = `kind: Pod
spec:
  containers:
    - name: a
      resources:
        requests:
          cpu: 250m
          memory: 256Mi
        limits:
          cpu: 2
`;
  test('a quantity value hovers as a resource quantity, and its resource name as requests and limits', () => {
    assert.strictEqual(idAt(mark(pod, '250m')), 'resource-quantities');
    assert.strictEqual(idAt(mark(pod, '256Mi')), 'resource-quantities');
    assert.strictEqual(idAt(mark(pod, ': 2')), 'resource-quantities');
    assert.strictEqual(idAt(mark(pod, 'cpu')), 'resource-requests-and-limits');
    assert.strictEqual(idAt(mark(pod, 'memory')), 'resource-requests-and-limits');
  });
});

suite('Precision, fields: the Helm context path', () => {
  const chart = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`;
  const hover = (word: string) => {
    const hit = index.conceptAt(chart, chart.indexOf(word) + 1, 'helm');
    return hit && { id: hit.topicId, context: hit.context };
  };
  test('after `image: {{ … }}:{{ … }}` the next keys keep their path', () => {
    const hit = hover('imagePullPolicy');
    assert.strictEqual(hit?.id, 'imagepullpolicy');
    assert.ok(hit?.context?.includes('spec.template.spec.containers.imagePullPolicy'), hit?.context);
    const sc = hover('securityContext:');
    assert.ok(sc?.context?.includes('spec.template.spec.containers.securityContext'), sc?.context);
  });

  test('template actions are blanked to the same length', () => {
    assert.strictEqual(blankTemplates(chart).length, chart.length);
    assert.strictEqual(blankTemplates('a: {{ x }}\n{{- if y }}\nb: 1\n').split('\n')[1].trim(), '');
  });
});

suite('Precision, fields: the kind that owns a field', () => {
  test('a hint of one kind holds in that kind only: `data` of a ConfigMap and of a Secret', () => {
    assert.strictEqual(idAt('kind: ConfigMap\nda|ta:\n  a: b\n'), 'configmap');
    assert.strictEqual(idAt('kind: Secret\nty|pe: Opaque\nda|ta:\n  a: Yg==\n'), 'secret-types');
    assert.strictEqual(idAt('kind: Secret\ntype: Opaque\nda|ta:\n  a: Yg==\n'), 'secret');
  });

  test('the objects of a List get the fields of their own kind', () => {
    const hit = at(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    spec:\n      ty|pe: ClusterIP\n',
    );
    assert.strictEqual(hit?.id, 'service');
    assert.ok(hit?.context?.includes('of this Service'), hit?.context);
  });

  test('the content of a ConfigMap is data: its words explain nothing', () => {
    const cm = 'kind: ConfigMap\ndata:\n  app.conf: |\n    mode: pod-per-service\n    host: db.cluster.local\n';
    assert.strictEqual(index.conceptAt(cm, cm.indexOf('pod-per') + 1, 'yaml'), undefined);
    assert.strictEqual(index.conceptAt(cm, cm.indexOf('cluster.local') + 1, 'yaml'), undefined);
  });
});
