/**
 * What a scalar value of a manifest means, from its field: a hinted value (`type: NodePort`), a resource quantity
 * (`cpu: 250m`), or a word from the field's fixed set (`policyTypes: [Ingress]`, `operator: In`, `type: Pods`), which
 * is explained by the field's own topic. Any other value of a known field is data chosen by the author (an image, a
 * path, a port name): it explains nothing, even when a word of it happens to be a topic's name.
 */
import type { ManifestTable } from './yamlContext';

export const RESOURCE_QUANTITIES_TOPIC = 'resource-quantities';

export interface FieldValue {
  topicId: string;
  context: string;
}

/** `silent`: the value belongs to a known field and has no meaning of its own; `undefined`: nothing is known. */
export function explainValue(
  table: ManifestTable,
  path: readonly string[],
  key: string,
  value: string,
  manifest: { kind?: string; apiVersion?: string },
  hasTopic: (id: string) => boolean,
): FieldValue | 'silent' | undefined {
  const kind = manifest.kind;
  const field = `\`${[...path, key].join('.')}\``;
  const inKind = kind ? ` of this ${kind}` : '';
  const hinted = table.value(path, key, value, kind);
  if (hinted) return { topicId: hinted, context: `Value of ${field}${inKind}.` };
  if (isQuantityField(path, key) && QUANTITY.test(value) && hasTopic(RESOURCE_QUANTITIES_TOPIC))
    return { topicId: RESOURCE_QUANTITIES_TOPIC, context: `Quantity ${describeQuantity(key, value)} (${field}).` };
  // `kind:` below the root names a kind (`scaleTargetRef.kind: Deployment`): plain matching explains it.
  // the content of a ConfigMap or Secret is the author's data, whatever words it holds
  if ((kind === 'ConfigMap' || kind === 'Secret') && DATA_KEYS.has(path[0] ?? key)) return 'silent';
  if (key === 'kind' || isCustomResource(manifest.apiVersion)) return undefined;
  const fieldTopic = table.key(path, key, kind);
  if (!fieldTopic) return undefined;
  if (ENUM_WORD.test(value)) return { topicId: fieldTopic, context: `Value of ${field}${inKind}.` };
  return 'silent';
}

/** A group with a dot that is not one of Kubernetes' own (`*.k8s.io`): the field hints describe built-in kinds. */
function isCustomResource(apiVersion: string | undefined): boolean {
  const slash = apiVersion?.indexOf('/') ?? -1;
  if (!apiVersion || slash < 0) return false;
  const group = apiVersion.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

const DATA_KEYS = new Set(['data', 'stringData', 'binaryData']);

/** One word of a field's fixed set, as the API writes them: `In`, `DoNotSchedule`, `RuntimeDefault`, `HTTPS` (not
 * `LOG_LEVEL`: names with `_` are chosen by authors; capability names are hinted one by one). */
const ENUM_WORD = /^[A-Z][A-Za-z0-9]*$/;

/** The Kubernetes quantity notation: a decimal number with an optional SI or binary suffix or exponent. */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/;

const RESOURCE_NAMES = new Set(['cpu', 'memory', 'storage', 'ephemeral-storage', 'pods']);
/** Maps whose keys are resource names and whose values are quantities (requests, node capacity, quotas). */
const RESOURCE_LISTS = new Set(['requests', 'limits', 'capacity', 'allocatable', 'hard', 'used']);
/** The same in a LimitRange item (`spec.limits[].max`). */
const LIMIT_RANGE_LISTS = new Set(['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio']);

function isQuantityField(path: readonly string[], key: string): boolean {
  if (key === 'sizeLimit') return true;
  const map = path[path.length - 1] ?? '';
  // HPA targets: `target.value: 2k`, `target.averageValue: 100m`
  if (key === 'value' || key === 'averageValue') return map === 'target' && path.includes('metrics');
  if (!RESOURCE_LISTS.has(map) && !(LIMIT_RANGE_LISTS.has(map) && path[path.length - 2] === 'limits')) return false;
  // quota keys: `requests.cpu`, `limits.memory`, `requests.storage`
  const resource = key.replace(/^(?:requests|limits)\./, '');
  return (
    RESOURCE_NAMES.has(resource) ||
    resource.startsWith('hugepages-') ||
    (resource.includes('/') && !resource.startsWith('count/'))
  );
}

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** "`250m` = 0.25 CPU", "`256Mi` = 256 × 1024² bytes": the plain units, when they are simple to say. */
function describeQuantity(key: string, value: string): string {
  const m = /^([+-]?[\d.]+)([A-Za-z]*)$/.exec(value);
  const shown = `\`${value}\``;
  if (!m) return shown;
  const [, number, suffix] = m;
  const resource = key.replace(/^(?:requests|limits)\./, '');
  if (resource === 'cpu') {
    if (suffix === '') return `${shown} = ${number} CPU`;
    if (suffix === 'm') return `${shown} = ${Number(number) / 1000} CPU (millicores)`;
  }
  if (suffix in BINARY) return `${shown} = ${number} × 1024${'⁰¹²³⁴⁵⁶'[BINARY[suffix]]} bytes`;
  if (suffix in DECIMAL && DECIMAL[suffix] > 0) {
    const unit = resource === 'memory' || resource.includes('storage') ? ' bytes' : '';
    return `${shown} = ${number} × 10${toSuperscript(DECIMAL[suffix])}${unit}`;
  }
  return shown;
}

function toSuperscript(n: number): string {
  return String(n).replace(/\d/g, d => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}
