/**
 * What a scalar value of a manifest means, from its field: a word of the field's fixed set (`dnsPolicy: Default`,
 * `whenUnsatisfiable: DoNotSchedule`, from the field-values table, or explained by the field's own topic), a hinted
 * value (`type: NodePort`), a resource quantity (`cpu: 250m`) or an image reference. Any other value of a known field
 * is data chosen by the author (a name, a path, a port): it explains nothing, even when a word of it happens to be a
 * topic's name.
 */
import { describeImageReference } from './imageReference';
import { describeQuantity, looksNumeric, parseQuantity, quantityResource, resourceName } from './quantity';
import { SuffixRules } from './suffixRules';
import type { ShippedFieldValues as FieldValues } from './valueTables';
import type { ManifestTable } from './yamlContext';

export const RESOURCE_QUANTITIES_TOPIC = 'resource-quantities';
export const CONTAINER_IMAGE_TOPIC = 'container-image';

export interface FieldValue {
  topicId: string;
  context: string;
}

/** The field-values table, looked up by key path as manifest hints are. */
export class FieldValueTable {
  private readonly rules = new SuffixRules<FieldValues>();

  constructor(entries: readonly FieldValues[], hasTopic: (id: string) => boolean) {
    for (const entry of entries) if (hasTopic(entry.topic)) this.rules.add(entry.field, entry);
  }

  find(path: readonly string[], key: string, kind?: string): FieldValues | undefined {
    return this.rules.find(path, key, kind);
  }
}

/**
 * `silent`: the value belongs to a known field and has no meaning of its own; `undefined`: nothing is known.
 * `namedByValue` is the topic the whole value is a name of, if any.
 */
export function explainValue(
  table: ManifestTable,
  fieldValues: FieldValueTable,
  path: readonly string[],
  key: string,
  value: string,
  manifest: { kind?: string; apiVersion?: string },
  hasTopic: (id: string) => boolean,
  namedByValue: () => string | undefined = () => undefined,
): FieldValue | 'silent' | undefined {
  const kind = manifest.kind;
  const field = `\`${[...path, key].join('.')}\``;
  const inKind = kind ? ` of this ${kind}` : '';
  const hinted = table.value(path, key, value, kind);
  const set = isCustomResource(manifest.apiVersion) ? undefined : fieldValues.find(path, key, kind);
  if (set) {
    const meaning = set.values[value];
    const isDefault = value === set.default ? ' (the default)' : '';
    // The most specific topic: the value's own (`type: NodePort`; a kind, as in `kind: ServiceAccount`), else the
    // field's (`type: Pods` of an HPA metric is not the Pod object), else a topic the value is named after.
    const topicId =
      hinted ??
      (key === 'kind' ? namedByValue() : undefined) ??
      table.key(path, key, kind) ??
      namedByValue() ??
      set.topic;
    if (meaning !== undefined) return { topicId, context: `Value of ${field}${inKind}${isDefault}: ${meaning}` };
    if (!set.open && !hinted) return { topicId: set.topic, context: notAllowed(value, field, set) };
  }
  if (hinted) return { topicId: hinted, context: `Value of ${field}${inKind}.` };
  if (isQuantityField(path, key) && hasTopic(RESOURCE_QUANTITIES_TOPIC)) {
    if (parseQuantity(value).valid || looksNumeric(value))
      return {
        topicId: RESOURCE_QUANTITIES_TOPIC,
        context: `Quantity for ${field}: ${describeQuantity(value, quantityResource(key))}`,
      };
  }
  if (key === 'image' && CONTAINER_LISTS.has(path[path.length - 1] ?? '') && hasTopic(CONTAINER_IMAGE_TOPIC)) {
    return /^[A-Za-z0-9][^\s]*$/.test(value)
      ? { topicId: CONTAINER_IMAGE_TOPIC, context: describeImageReference(value) }
      : 'silent';
  }
  // `kind:` below the root names a kind (`scaleTargetRef.kind: Deployment`): plain matching explains it.
  // the content of a ConfigMap or Secret is the author's data, whatever words it holds
  if ((kind === 'ConfigMap' || kind === 'Secret') && DATA_KEYS.has(path[0] ?? key)) return 'silent';
  if (key === 'kind' || isCustomResource(manifest.apiVersion)) return undefined;
  const fieldTopic = table.key(path, key, kind);
  if (!fieldTopic) return undefined;
  if (ENUM_WORD.test(value)) return { topicId: fieldTopic, context: `Value of ${field}${inKind}.` };
  return 'silent';
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** "`Clster` is not an allowed value of `spec.externalTrafficPolicy`: use `Cluster` or `Local`." */
function notAllowed(value: string, field: string, set: FieldValues): string {
  const allowed = Object.keys(set.values);
  const sameLetters = allowed.find(v => v.toLowerCase() === value.toLowerCase());
  const list = allowed.map(v => `\`${v}\``);
  const choices = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
  const hint = sameLetters ? ` Values are case-sensitive: \`${sameLetters}\`?` : ` Use ${choices}.`;
  return `\`${value}\` is not an allowed value of ${field}.${hint}`;
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
  const resource = resourceName(key);
  return (
    RESOURCE_NAMES.has(resource) ||
    resource.startsWith('hugepages-') ||
    (resource.includes('/') && !resource.startsWith('count/'))
  );
}
