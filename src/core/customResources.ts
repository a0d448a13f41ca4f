/**
 * Kinds by their API group: which groups are Kubernetes' own, which belong to a known project (Istio, cert-manager,
 * Flux, …), and how the keys and values of a custom resource are read. A kind of another group never borrows the
 * topic of a built-in kind with the same name (Istio's `Gateway`, a widget's `Deployment`).
 */
import { BUILTIN_API_LIFECYCLE } from './builtinApiLifecycle';

export interface ApiProject {
  /** As the context line names it: "(Istio)". */
  name: string;
  /** API groups, each with its subdomains (`istio.io` covers `networking.istio.io`). */
  domains: readonly string[];
  /** Topics of the project, the main one first; a kind whose own topic is one of them links there. */
  topics: readonly string[];
  /** Its kinds are files read by a tool, not objects stored in the cluster (Kustomize). */
  notStored?: string;
}

/** Projects whose custom resources people write by hand. A topic id that does not exist yet falls back. */
export const API_PROJECTS: readonly ApiProject[] = [
  { name: 'Istio', domains: ['istio.io'], topics: ['istio'] },
  {
    name: 'Prometheus Operator',
    domains: ['monitoring.coreos.com'],
    topics: ['kube-prometheus-stack', 'prometheus', 'alertmanager', 'prometheus-alerting-rules'],
  },
  { name: 'cert-manager', domains: ['cert-manager.io'], topics: ['cert-manager'] },
  { name: 'Argo', domains: ['argoproj.io'], topics: ['argo'] },
  { name: 'Flux', domains: ['toolkit.fluxcd.io'], topics: ['flux'] },
  {
    name: 'Kustomize',
    domains: ['kustomize.config.k8s.io'],
    topics: ['kustomize'],
    notStored: 'a file that `kustomize build` and `kubectl apply -k` read, not an object stored in the cluster',
  },
  {
    name: 'Gateway API',
    domains: ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'],
    topics: ['gateway-api'],
  },
  { name: 'Knative', domains: ['knative.dev'], topics: ['knative'] },
  { name: 'Linkerd', domains: ['linkerd.io'], topics: ['linkerd'] },
  { name: 'Cilium', domains: ['cilium.io'], topics: ['cilium'] },
  { name: 'Calico', domains: ['projectcalico.org'], topics: ['calico', 'calico-ippool'] },
  { name: 'MetalLB', domains: ['metallb.io'], topics: ['metallb'] },
  { name: 'Traefik', domains: ['traefik.io', 'traefik.containo.us'], topics: ['traefik'] },
  { name: 'Contour', domains: ['projectcontour.io'], topics: ['contour'] },
  { name: 'KubeVirt', domains: ['kubevirt.io'], topics: ['kubevirt'] },
  { name: 'Rook', domains: ['rook.io'], topics: ['rook'] },
  { name: 'OpenEBS', domains: ['openebs.io'], topics: ['openebs'] },
  { name: 'the k3s Helm controller', domains: ['helm.cattle.io'], topics: ['helm-controller-k3s'] },
  { name: 'KEDA', domains: ['keda.sh'], topics: [] },
  { name: 'Velero', domains: ['velero.io'], topics: [] },
  { name: 'External Secrets', domains: ['external-secrets.io'], topics: [] },
];

export const CUSTOM_RESOURCES_TOPIC = 'custom-resources';

/** The group of an apiVersion: `networking.istio.io/v1` -> `networking.istio.io`, `v1` -> `` (the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function projectOfGroup(group: string): ApiProject | undefined {
  return API_PROJECTS.find(p => p.domains.some(d => group === d || group.endsWith('.' + d)));
}

const LIFECYCLE_GROUPS = new Set(BUILTIN_API_LIFECYCLE.rows.map(row => apiGroupOf(row.apiVersion)));

/**
 * Groups whose kinds keep the topics of their names: the core group, the groups of the API lifecycle table, and the
 * other groups of Kubernetes and its SIGs (`kubelet.config.k8s.io`, `snapshot.storage.k8s.io`, `cluster.x-k8s.io`)
 * unless a project claims them (the Gateway API, Kustomize).
 */
export function isKubernetesGroup(group: string): boolean {
  if (group === '' || LIFECYCLE_GROUPS.has(group)) return true;
  return (group.endsWith('.k8s.io') || group.endsWith('.x-k8s.io') || group === 'k8s.io') && !projectOfGroup(group);
}

/** A document whose kind is not one of Kubernetes' own. */
export interface CustomKind {
  kind: string;
  apiVersion: string;
  group: string;
  project?: ApiProject;
  /** The kind's topic, where its fields link too. */
  topicId: string;
}

/**
 * The custom kind of a document, or undefined for a kind of Kubernetes' own groups (or without an apiVersion).
 * `kindTopic` is the topic whose `manifest.kinds` name the kind; `exists` says whether a topic id exists.
 */
export function customKindOf(
  apiVersion: string | undefined,
  kind: string | undefined,
  kindTopic: (kind: string) => string | undefined,
  exists: (topicId: string) => boolean,
): CustomKind | undefined {
  if (!apiVersion || !kind || !apiVersion.trim()) return undefined;
  const group = apiGroupOf(apiVersion);
  if (isKubernetesGroup(group)) return undefined;
  const project = projectOfGroup(group);
  const own = kindTopic(kind);
  const candidates = project ? [...(own && project.topics.includes(own) ? [own] : []), ...project.topics] : [];
  const topicId = candidates.find(exists) ?? CUSTOM_RESOURCES_TOPIC;
  return { kind, apiVersion, group, project, topicId };
}

export function kindContext(c: CustomKind): string {
  if (c.project?.notStored) return `\`${c.kind}\` of \`${c.apiVersion}\` (${c.project.name}): ${c.project.notStored}.`;
  const by = c.project ? c.project.name : 'defined by a CustomResourceDefinition';
  return `Custom resource \`${c.kind}\` of \`${c.apiVersion}\` (${by}).`;
}

export function fieldContext(c: CustomKind, path: readonly string[], key: string, what = 'Field'): string {
  const of = c.project
    ? `of this ${c.kind} (${c.project.name})`
    : `of this ${c.kind}, a custom resource (its CustomResourceDefinition defines it)`;
  return `${what} \`${[...path, key].join('.')}\` ${of}.`;
}

export function apiVersionContext(apiVersion: string): string {
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (group === '') return `The core API group (no group name), version \`${version}\`.`;
  if (isKubernetesGroup(group)) return `API group \`${group}\`, version \`${version}\`.`;
  const project = projectOfGroup(group);
  if (project?.notStored)
    return `API group \`${group}\` (${project.name}), version \`${version}\`: ${project.notStored}.`;
  if (project) return `API group \`${group}\` (${project.name}), version \`${version}\`: custom resources.`;
  return `API group \`${group}\`, version \`${version}\`: custom resources, defined by a CustomResourceDefinition.`;
}

/**
 * How a key of a custom resource reads:
 * - `kubernetes`: it keeps its Kubernetes meaning (top-level keys, metadata, label selectors, containers);
 * - `field`: a field that the custom resource's definition declares (camelCase, like `gateways` or `http01`);
 * - `name`: a name the author chose (a label key, a header name, a Helm value, a substitution variable).
 */
export type KeyRole = 'kubernetes' | 'field' | 'name';

const TOP_LEVEL_KUBERNETES = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
/** Kubernetes types that custom resources embed: their keys keep their meaning. */
const EMBEDDED = new Set([
  'metadata',
  'matchLabels',
  'matchExpressions',
  'containers',
  'initContainers',
  'securityContext',
  'affinity',
  'tolerations',
  'topologySpreadConstraints',
]);
/** Maps whose keys are names (labels, annotations, variables). */
const NAMED_ENTRIES = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'selector',
  'substitute',
  'pairs',
  'commonLabels',
  'commonAnnotations',
  'data',
  'stringData',
]);
/** Free-form documents inside a custom resource (Helm values): nothing below them is a field. */
const FREE_FORM = new Set(['values', 'valuesObject']);
/** The API conventions' field names: lowerCamelCase letters and digits. */
const FIELD_NAME = /^[a-z][A-Za-z0-9]*$/;

/** `scalar` says whether the key's value is a scalar: a label's is, a field's map or list (`dnsZones`, `pairs`) is not. */
export function keyRole(path: readonly string[], key: string, scalar: () => boolean): KeyRole {
  if (path.length === 0 && TOP_LEVEL_KUBERNETES.has(key)) return 'kubernetes';
  if (EMBEDDED.has(key) || path.some(p => EMBEDDED.has(p))) return 'kubernetes';
  if (path.some(p => FREE_FORM.has(p))) return 'name';
  // Label keys are lowercase by convention; a camelCase key with a scalar value is a field (Kustomize's
  // `labels: [{includeSelectors: false}]`).
  if (NAMED_ENTRIES.has(path[path.length - 1]) && !/[a-z][A-Z]/.test(key) && scalar()) return 'name';
  return FIELD_NAME.test(key) ? 'field' : 'name';
}

/** Keys whose values are settings named by the project (`mode: ISTIO_MUTUAL`, `type: PathPrefix`). */
const SETTING_KEY = /^(?:mode|type|action|protocol)$|[a-z]Policy$/;
/** A setting's value: `Terminate`, `PathPrefix`, `SIMPLE`, `ISTIO_MUTUAL` (not `drop`, `5s` or `ECDSA256`). */
const SETTING_VALUE = /^(?:[A-Z][A-Za-z]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;

export function isSettingValue(key: string, value: string): boolean {
  return SETTING_KEY.test(key) && SETTING_VALUE.test(value);
}

/** A label or annotation key in a project's domain (`cert-manager.io/cluster-issuer`), in any manifest. */
export function projectKey(
  path: readonly string[],
  key: string,
  exists: (topicId: string) => boolean,
): { topicId: string; context: string } | undefined {
  const parent = path[path.length - 1];
  const slash = key.indexOf('/');
  if ((parent !== 'labels' && parent !== 'annotations') || slash <= 0) return undefined;
  const project = projectOfGroup(key.slice(0, slash));
  const topicId = project?.topics.find(exists);
  if (!project || !topicId) return undefined;
  return { topicId, context: `${parent === 'labels' ? 'Label' : 'Annotation'} \`${key}\` of ${project.name}.` };
}
