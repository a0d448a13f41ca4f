// Issue 15, rule 2: kinds are resolved with their apiVersion's group; custom resources of known projects hover as
// that project's resources, and their fields say so, instead of borrowing a built-in topic.
import * as assert from 'assert';
import { join } from 'path';
import { createConceptIndex } from '../../src/core/index';
import { apiGroupOf, isKubernetesGroup, projectOfGroup } from '../../src/core/customResources';
import { loadTopics } from '../tools/knowledge-report';
import { template } from './fixtures';

const index = createConceptIndex(loadTopics(join(__dirname, '..', '..')));

/** The hover at the `|` of a YAML template: its topic, its text and its context line. */
function at(marked: string, languageId = 'yaml') {
  const { text, offset } = template(marked);
  const hit = index.conceptAt(text, offset, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), context: hit.context ?? '' };
}

const istioGateway = (body: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n${body}`;

suite('Rule 2: kinds by their API group', () => {
  test('the API group table: core, built-in groups, projects and unknown groups', () => {
    assert.strictEqual(apiGroupOf('v1'), '');
    assert.strictEqual(apiGroupOf('networking.istio.io/v1beta1'), 'networking.istio.io');
    for (const g of ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'kubelet.config.k8s.io'])
      assert.ok(isKubernetesGroup(g), g);
    for (const g of ['networking.istio.io', 'gateway.networking.k8s.io', 'kustomize.config.k8s.io', 'example.com'])
      assert.ok(!isKubernetesGroup(g), g);
    assert.strictEqual(projectOfGroup('security.istio.io')?.name, 'Istio');
    assert.strictEqual(projectOfGroup('acme.cert-manager.io')?.name, 'cert-manager');
    assert.strictEqual(projectOfGroup('helm.toolkit.fluxcd.io')?.name, 'Flux');
    assert.strictEqual(projectOfGroup('monitoring.coreos.com')?.name, 'Prometheus Operator');
    assert.strictEqual(projectOfGroup('notistio.io'), undefined);
    assert.strictEqual(projectOfGroup('example.com'), undefined);
  });

  test("Istio's kind: Gateway is an Istio custom resource, not the Gateway API", () => {
    const hit = at('apiVersion: networking.istio.io/v1\nkind: Gate|way\n');
    assert.strictEqual(hit?.id, 'istio');
    assert.strictEqual(hit?.context, 'Custom resource `Gateway` of `networking.istio.io/v1` (Istio).');
  });

  test("Istio's kind: Sidecar is an Istio custom resource, not the sidecar pattern", () => {
    const hit = at('apiVersion: networking.istio.io/v1\nkind: Side|car\n');
    assert.strictEqual(hit?.id, 'istio');
    assert.match(hit?.context ?? '', /Custom resource `Sidecar`/);
  });

  test('the Gateway API Gateway keeps its topic, as a custom resource of the Gateway API', () => {
    const hit = at('apiVersion: gateway.networking.k8s.io/v1\nkind: Gate|way\n');
    assert.strictEqual(hit?.id, 'gateway-api');
    assert.strictEqual(hit?.context, 'Custom resource `Gateway` of `gateway.networking.k8s.io/v1` (Gateway API).');
  });

  test('a kind with a topic of its own in its project links there (PrometheusRule)', () => {
    assert.strictEqual(
      at('apiVersion: monitoring.coreos.com/v1\nkind: Prometheus|Rule\n')?.id,
      'prometheus-alerting-rules',
    );
    assert.strictEqual(
      at('apiVersion: monitoring.coreos.com/v1\nkind: Service|Monitor\n')?.id,
      'kube-prometheus-stack',
    );
  });

  test("Flux's Kustomization is not Kustomize's; Kustomize's is a file, not a custom resource", () => {
    const flux = at('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomiz|ation\n');
    assert.notStrictEqual(flux?.id, 'kustomize');
    assert.match(
      flux?.context ?? '',
      /Custom resource `Kustomization` of `kustomize\.toolkit\.fluxcd\.io\/v1` \(Flux\)/,
    );
    const kustomize = at('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomiz|ation\n');
    assert.strictEqual(kustomize?.id, 'kustomize');
    assert.doesNotMatch(kustomize?.context ?? '', /custom resource/i);
  });

  test('a built-in kind of an unknown group is a custom resource, not the built-in kind', () => {
    const hit = at('apiVersion: widgets.example.org/v1\nkind: Deploy|ment\n');
    assert.strictEqual(hit?.id, 'custom-resources');
    assert.strictEqual(
      hit?.context,
      'Custom resource `Deployment` of `widgets.example.org/v1` (defined by a CustomResourceDefinition).',
    );
    assert.strictEqual(at('apiVersion: example.com/v1\nkind: Wid|get\n')?.id, 'custom-resources');
  });

  test('built-in kinds keep their topics and context', () => {
    assert.strictEqual(at('apiVersion: apps/v1\nkind: Deploy|ment\n')?.id, 'deployment');
    assert.strictEqual(at('apiVersion: v1\nkind: Ser|vice\n')?.id, 'service');
    assert.strictEqual(at('apiVersion: extensions/v1beta1\nkind: Ingr|ess\n')?.id, 'ingress');
    assert.doesNotMatch(at('apiVersion: apps/v1\nkind: Deploy|ment\n')?.context ?? '', /custom resource/i);
  });

  test('the apiVersion of a custom resource names its group and project', () => {
    const hit = at('apiVersion: networking.is|tio.io/v1\nkind: VirtualService\n');
    assert.strictEqual(hit?.id, 'api-groups');
    assert.match(hit?.context ?? '', /`networking\.istio\.io`.*Istio/);
    assert.match(at('apiVersion: exam|ple.com/v1\nkind: Widget\n')?.context ?? '', /custom resource/i);
    assert.doesNotMatch(at('apiVersion: ap|ps/v1\nkind: Deployment\n')?.context ?? '', /custom resource/i);
  });
});

suite('Rule 2: the fields of a custom resource', () => {
  const virtualService = (body: string) =>
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  labels:\n    app: reviews\nspec:\n${body}`;

  test('a field of a known project links to its topic, with the path in the context line', () => {
    const hit = at(virtualService('  gate|ways:\n    - mesh\n'));
    assert.strictEqual(hit?.id, 'istio');
    assert.strictEqual(hit?.context, 'Field `spec.gateways` of this VirtualService (Istio).');
  });

  test("a CR's tls, labels, loadBalancer and secretRef do not explain built-in fields", () => {
    assert.strictEqual(at(istioGateway('spec:\n  servers:\n    - t|ls:\n        mode: SIMPLE\n'))?.id, 'istio');
    assert.strictEqual(
      at(
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  subsets:\n    - name: v1\n      lab|els:\n        version: v1\n',
      )?.id,
      'istio',
    );
    assert.strictEqual(
      at('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    loadBal|ancer: {}\n')
        ?.id,
      'istio',
    );
    const flux = at(
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nspec:\n  secret|Ref:\n    name: key\n',
    );
    assert.ok(flux, 'a hover');
    assert.notStrictEqual(flux.id, 'environment-variables');
    assert.match(flux.context, /Field `spec\.secretRef` of this GitRepository \(Flux\)/);
    const kustomize = at('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nima|ges:\n  - name: api\n');
    assert.strictEqual(kustomize?.id, 'kustomize');
  });

  test('metadata keeps its Kubernetes meaning', () => {
    assert.strictEqual(at(virtualService('  hosts: []\n').replace('  labels:', '  la|bels:'))?.id, 'label');
    assert.strictEqual(at(virtualService('  hosts: []\n').replace('metadata:', 'meta|data:'))?.id, 'metadata');
    assert.strictEqual(at(virtualService('  hosts: []\n').replace('spec:', 'sp|ec:'))?.id, 'spec');
  });

  test('names chosen by the author inside a custom resource do not hover', () => {
    // a label key, a header name, a Helm value, a substitution variable
    assert.strictEqual(at(istioGateway('spec:\n  selector:\n    is|tio: ingressgateway\n')), undefined);
    assert.strictEqual(
      at(
        virtualService('  http:\n    - match:\n        - headers:\n            x-can|ary:\n              exact: "1"\n'),
      ),
      undefined,
    );
    assert.strictEqual(
      at(
        virtualService('  http:\n    - match:\n        - headers:\n            x-canary:\n              ex|act: "1"\n'),
      )?.id,
      'istio',
    );
    assert.strictEqual(
      at(
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n  values:\n    auth:\n      existing|Secret: x\n',
      ),
      undefined,
    );
  });

  test('values of a custom resource: settings link to the project, names and expressions do not hover', () => {
    const mode = at(istioGateway('spec:\n  servers:\n    - tls:\n        mode: SIM|PLE\n'));
    assert.strictEqual(mode?.id, 'istio');
    assert.strictEqual(mode?.context, 'Value of `spec.servers.tls.mode` of this Gateway (Istio).');
    assert.strictEqual(
      at(
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - rules:\n        - expr: sum by (namespace, p|od) (x)\n',
      ),
      undefined,
    );
    assert.strictEqual(at(istioGateway('spec:\n  servers:\n    - hosts:\n        - gate|way\n')), undefined);
  });

  test('a kind or a group named inside a custom resource is that kind or project', () => {
    const gatewayApi = (body: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nspec:\n${body}`;
    assert.strictEqual(
      at(gatewayApi('  listeners:\n    - tls:\n        certificateRefs:\n          - kind: Sec|ret\n'))?.id,
      'secret',
    );
    const certificate = (body: string) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nspec:\n${body}`;
    assert.strictEqual(at(certificate('  issuerRef:\n    group: cert-mana|ger.io\n'))?.id, 'cert-manager');
    assert.strictEqual(
      at('apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  ignoreDifferences:\n    - group: ap|ps\n'),
      undefined,
    );
  });

  test('a field of an unknown group says it is a custom resource field', () => {
    const hit = at('apiVersion: databases.example.com/v1alpha1\nkind: PostgresCluster\nspec:\n  insta|nces: 3\n');
    assert.strictEqual(hit?.id, 'custom-resources');
    assert.match(hit?.context ?? '', /Field `spec\.instances` of this PostgresCluster.*custom resource/);
  });

  test('the same rules apply in a YAML fence of a Markdown file', () => {
    const hit = at('Text.\n\n```yaml\napiVersion: networking.istio.io/v1\nkind: Side|car\n```\n', 'markdown');
    assert.strictEqual(hit?.id, 'istio');
  });

  test("a label or annotation key in a project's domain links to the project, in any manifest", () => {
    const application = at(
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  annotations:\n    notifications.argo|proj.io/subscribe.on-sync-failed.slack: shop\n',
    );
    assert.strictEqual(application?.id, 'argo');
    assert.strictEqual(application?.text, 'notifications.argoproj.io/subscribe.on-sync-failed.slack');
    assert.match(application?.context ?? '', /annotation.*Argo/i);
    const ingress = at(
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations:\n    cert-manager.io/cluster-is|suer: letsencrypt\n',
    );
    assert.strictEqual(ingress?.id, 'cert-manager');
  });
});
