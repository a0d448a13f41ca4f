// Issue 12: values that explain themselves — quantities, enumerated values, image references, well-known keys — and
// plain values that stay silent. The hover tests run on the real knowledge base and tables, as users get them.
import * as assert from 'assert';
import { join } from 'path';
import { BUILTIN_VALUE_TABLES } from '../../src/core/builtinValueTables';
import { describeImageReference, parseImageReference } from '../../src/core/imageReference';
import { createConceptIndex } from '../../src/core/index';
import { describeQuantity, parseQuantity } from '../../src/core/quantity';
import { parseFieldValues, parseWellKnownKeys } from '../../src/core/valueTables';
import { loadTopics } from '../tools/knowledge-report';

const index = createConceptIndex(loadTopics(join(__dirname, '..', '..')));

/** The hover at the first `needle` of `text` (on its last character). */
function hoverAt(text: string, needle: string, languageId = 'yaml') {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the text`);
  const hit = index.conceptAt(text, at + needle.length - 1, languageId);
  return hit && { id: hit.topicId, text: text.slice(hit.start, hit.end), context: hit.context ?? '' };
}

suite('Quantities: parsing', () => {
  test('the notation the API accepts', () => {
    for (const text of [
      '250m',
      '0.5',
      '2',
      '96Mi',
      '2Gi',
      '500M',
      '1e3',
      '1E-3',
      '+1',
      '.5',
      '1.',
      '100k',
      '3Ei',
      '5n',
    ])
      assert.ok(parseQuantity(text).valid, text);
  });

  test('invalid forms say why', () => {
    const reason = (text: string) => {
      const q = parseQuantity(text);
      assert.ok(!q.valid, `${text} is invalid`);
      return q.reason;
    };
    assert.match(reason('12mb'), /`mb` is not a suffix.*`M`.*`Mi`/);
    assert.match(reason('1GB'), /`GB` is not a suffix.*`G`.*`Gi`/);
    assert.match(reason('1K'), /`K` is not a suffix.*`k`.*`Ki`/);
    assert.match(reason('1.5.0'), /one number/);
    assert.match(reason('1 Gi'), /no spaces/);
    assert.ok(parseQuantity(' 1Gi ').valid, 'the API server trims white space around a quantity');
    assert.match(reason('Gi'), /starts with a number/);
    assert.match(reason('1Gib'), /not a suffix/);
    assert.match(reason('9'.repeat(65)), /longer than 64/);
  });
});

suite('Quantities: amounts in plain units', () => {
  test('CPU in cores and millicores', () => {
    assert.strictEqual(describeQuantity('500m', 'cpu'), '`500m` = 0.5 CPU (500 millicores).');
    assert.strictEqual(describeQuantity('0.5', 'cpu'), '`0.5` = 0.5 CPU (500 millicores).');
    assert.strictEqual(describeQuantity('2', 'cpu'), '`2` = 2 CPU (2,000 millicores).');
    assert.strictEqual(describeQuantity('1m', 'cpu'), '`1m` = 0.001 CPU (1 millicore).');
    assert.match(describeQuantity('1.5m', 'cpu'), /\(1\.5 millicores\)\. .*finer than `1m`/);
    assert.match(describeQuantity('0.0001', 'cpu'), /\(0\.1 millicores\)\. .*finer than `1m`/);
  });

  test('binary and decimal bytes, exactly', () => {
    assert.strictEqual(describeQuantity('256Mi', 'bytes'), '`256Mi` = 256 MiB = 268,435,456 bytes.');
    assert.strictEqual(describeQuantity('1.5Gi', 'bytes'), '`1.5Gi` = 1.5 GiB = 1,610,612,736 bytes.');
    assert.strictEqual(
      describeQuantity('500M', 'bytes'),
      '`500M` = 500,000,000 bytes. `M` is decimal (powers of 1000); `500Mi` would be 524,288,000 bytes.',
    );
    assert.match(
      describeQuantity('1k', 'bytes'),
      /= 1,000 bytes\. `k` is decimal \(powers of 1000\); `1Ki` would be 1,024 bytes/,
    );
    assert.strictEqual(describeQuantity('1e3', 'bytes'), '`1e3` = 1,000 bytes.');
    assert.strictEqual(describeQuantity('128974848', 'bytes'), '`128974848` = 128,974,848 bytes.');
  });

  test('a lower-case m of memory is a fraction of a byte, and says so', () => {
    assert.match(describeQuantity('400m', 'bytes'), /0\.4 bytes.*thousandths.*`400M` or `400Mi`/);
    assert.doesNotMatch(describeQuantity('2000m', 'bytes'), /fraction/);
  });

  test('an invalid quantity says why', () => {
    assert.match(describeQuantity('12mb', 'bytes'), /^`12mb` is not a valid quantity: `mb` is not a suffix/);
  });
});

suite('Quantities: hovers in manifests', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: orders
spec:
  containers:
    - name: app
      image: nginx
      resources:
        requests:
          cpu: 500m
          memory: 256Mi
        limits:
          cpu: "2"
          memory: 500M
          ephemeral-storage: 12mb
`;
  test('each hovers the quantity concept with its amount', () => {
    const cpu = hoverAt(pod, '500m');
    assert.strictEqual(cpu?.id, 'resource-quantities');
    assert.match(cpu.context, /0\.5 CPU \(500 millicores\)/);
    assert.match(cpu.context, /spec\.containers\.resources\.requests\.cpu/);
    assert.match(hoverAt(pod, '256Mi')?.context ?? '', /256 MiB = 268,435,456 bytes/);
    assert.match(hoverAt(pod, '"2')?.context ?? '', /`2` = 2 CPU/);
    assert.match(hoverAt(pod, '500M')?.context ?? '', /`500Mi` would be 524,288,000 bytes/);
  });

  test('a malformed quantity hovers with the reason', () => {
    const hit = hoverAt(pod, '12mb');
    assert.strictEqual(hit?.id, 'resource-quantities');
    assert.match(hit.context, /not a valid quantity: `mb` is not a suffix/);
  });
});

suite('Image references', () => {
  test('parts as written', () => {
    assert.deepStrictEqual(parseImageReference('nginx'), { repository: 'nginx' });
    assert.deepStrictEqual(parseImageReference('nginx:1.27'), { repository: 'nginx', tag: '1.27' });
    assert.deepStrictEqual(parseImageReference('localhost:5000/team/app'), {
      registry: 'localhost:5000',
      repository: 'team/app',
    });
    const digest = 'sha256:' + 'a'.repeat(64);
    assert.deepStrictEqual(parseImageReference(`ghcr.io/org/app:v1.2@${digest}`), {
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: 'v1.2',
      digest,
    });
    assert.deepStrictEqual(parseImageReference('bitnami/redis'), { repository: 'bitnami/redis' });
    assert.deepStrictEqual(parseImageReference('MyHost/app'), { registry: 'MyHost', repository: 'app' });
    assert.deepStrictEqual(parseImageReference('a__b/c--d'), { repository: 'a__b/c--d' });
  });

  test('invalid references say why', () => {
    assert.match((parseImageReference('Nginx:1.27') as { invalid: string }).invalid, /`Nginx` is not a repository/);
    assert.match((parseImageReference('app:') as { invalid: string }).invalid, /tag after `:` is empty/);
    assert.match((parseImageReference('app@sha256:abc') as { invalid: string }).invalid, /64/);
    assert.match((parseImageReference('app:-x') as { invalid: string }).invalid, /not a tag/);
    assert.match((parseImageReference('a//b') as { invalid: string }).invalid, /empty part/);
    assert.match((parseImageReference('a..b/c') as { invalid: string }).invalid, /not a registry host/);
    assert.deepStrictEqual(parseImageReference('[::1]:5000/app'), { registry: '[::1]:5000', repository: 'app' });
  });

  test('defaults filled in, and why latest and a missing digest matter', () => {
    const bare = describeImageReference('nginx');
    assert.match(bare, /registry `docker\.io` \(Docker Hub, the default\)/);
    assert.match(bare, /repository `library\/nginx`/);
    assert.match(bare, /no tag, so `latest`/);
    assert.match(bare, /Pin a version tag or a digest/);
    const tagged = describeImageReference('quay.io/org/app:1.4');
    assert.match(tagged, /registry `quay\.io`, repository `org\/app`, tag `1\.4`/);
    assert.match(tagged, /add a digest/);
    assert.match(describeImageReference(`app@sha256:${'b'.repeat(64)}`), /digest `sha256:bbbbbbbbbbbb…`.*pins/);
  });

  test('an image: value of a container hovers with its parts', () => {
    const hit = hoverAt('kind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n', '1.27');
    assert.strictEqual(hit?.id, 'container-image');
    assert.strictEqual(hit.text, 'nginx:1.27');
    assert.match(hit.context, /repository `library\/nginx`.*, tag `1\.27`/);
  });
});

/** A YAML document that sets `field` (a table key path, `Kind.` first when scoped) to `value`. */
function manifestSetting(field: string, value: string): string {
  const parts = field.split('.');
  const kind = /^[A-Z]/.test(parts[0]) ? parts.shift() : 'Pod';
  const lines = [`apiVersion: v1`, `kind: ${kind}`];
  parts.forEach((part, depth) =>
    lines.push(`${'  '.repeat(depth)}${part}:${depth === parts.length - 1 ? ` ${value}` : ''}`),
  );
  return lines.join('\n') + '\n';
}

suite('Enumerated values', () => {
  const entries = BUILTIN_VALUE_TABLES.fieldValues;

  test('the table covers the fields the issue names', () => {
    const fields = new Set(entries.map(e => e.field.split('.').pop()));
    for (const field of [
      'dnsPolicy',
      'restartPolicy',
      'imagePullPolicy',
      'terminationMessagePolicy',
      'type',
      'sessionAffinity',
      'externalTrafficPolicy',
      'internalTrafficPolicy',
      'ipFamilyPolicy',
      'whenUnsatisfiable',
      'operator',
      'concurrencyPolicy',
      'podManagementPolicy',
      'volumeMode',
      'volumeBindingMode',
      'persistentVolumeReclaimPolicy',
      'accessModes',
      'pathType',
      'effect',
      'preemptionPolicy',
      'unhealthyPodEvictionPolicy',
    ])
      assert.ok(fields.has(field), field);
  });

  test('every value resolves in its field, with what it means there', () => {
    let checked = 0;
    for (const entry of entries) {
      for (const [value, meaning] of Object.entries(entry.values)) {
        const text = manifestSetting(entry.field, value === '*' ? '"*"' : value);
        const hit = index.conceptAt(text, text.lastIndexOf(value) + value.length - 1, 'yaml');
        assert.ok(hit, `${entry.field}: ${value} hovers`);
        assert.ok(hit.context?.includes(meaning), `${entry.field}: ${value} says what it means (${hit.context})`);
        checked++;
      }
    }
    assert.ok(checked > 150, `${checked} values checked`);
  });

  test('outside its field a value does not get that meaning', () => {
    for (const entry of entries) {
      for (const [value, meaning] of Object.entries(entry.values)) {
        const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    mode: "${value}"\n`;
        const hit = index.conceptAt(text, text.lastIndexOf(value) + value.length - 1, 'yaml');
        assert.ok(!hit?.context?.includes(meaning), `${value} as a label value: ${hit?.context}`);
      }
    }
  });

  test('a value hovers with its meaning; the default says so', () => {
    const spread = manifestSetting('spec.topologySpreadConstraints.whenUnsatisfiable', 'DoNotSchedule');
    const hit = hoverAt(spread, 'DoNotSchedule');
    assert.strictEqual(hit?.id, 'topology-spread-constraints');
    assert.match(hit.context, /^Value of `spec\.topologySpreadConstraints\.whenUnsatisfiable` of this Pod: \S/);
    const first = hoverAt(manifestSetting('spec.dnsPolicy', 'ClusterFirst'), 'ClusterFirst');
    assert.match(first?.context ?? '', /^Value of `spec\.dnsPolicy` of this Pod \(the default\): /);
    const dns = hoverAt(manifestSetting('spec.dnsPolicy', 'Default'), 'Default');
    assert.ok(dns && !dns.context.includes('(the default)'), dns?.context);
  });

  test('`externalTrafficPolicy: Cluster` is the traffic policy, not a cluster', () => {
    const service = 'apiVersion: v1\nkind: Service\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Cluster\n';
    const hit = hoverAt(service, 'Policy: Cluster');
    assert.notStrictEqual(hit?.id, 'cluster');
    assert.match(hit?.context ?? '', /externalTrafficPolicy/);
  });

  test('a value outside the allowed set says so, and suggests the right case', () => {
    const typo = hoverAt('apiVersion: v1\nkind: Service\nspec:\n  externalTrafficPolicy: Locl\n', 'Locl');
    assert.match(
      typo?.context ?? '',
      /`Locl` is not an allowed value of `spec\.externalTrafficPolicy`\. Use `Cluster` or `Local`\./,
    );
    const lower = hoverAt('apiVersion: v1\nkind: Service\nspec:\n  externalTrafficPolicy: local\n', 'local');
    assert.match(lower?.context ?? '', /case-sensitive: `Local`\?/);
  });

  test('a custom resource field of the same name is not judged by the built-in table', () => {
    const istio = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
spec:
  ports:
    - number: 80
      protocol: HTTP
`;
    assert.ok(!/not an allowed value/.test(hoverAt(istio, 'HTTP')?.context ?? ''));
  });
});

suite('Well-known labels, annotations and taints', () => {
  const keys = BUILTIN_VALUE_TABLES.wellKnownKeys.filter(k => !k.key.endsWith('*'));

  test('every key hovers as a label key and as a value, with its meaning', () => {
    for (const { key, meaning } of keys) {
      const asKey = `apiVersion: v1\nkind: Node\nmetadata:\n  labels:\n    ${key}: "x"\n`;
      const keyHit = index.conceptAt(asKey, asKey.indexOf(key) + 1, 'yaml');
      assert.ok(keyHit?.context?.includes(meaning), `${key} as a key: ${keyHit?.context}`);
      const asValue = `kind: Pod\nspec:\n  topologySpreadConstraints:\n    - topologyKey: ${key}\n`;
      const valueHit = index.conceptAt(asValue, asValue.indexOf(key) + key.length - 1, 'yaml');
      assert.ok(valueHit?.context?.includes(meaning), `${key} as a value: ${valueHit?.context}`);
    }
    assert.ok(keys.length > 100, `${keys.length} keys`);
  });

  test('a toleration key, a nodeSelector key and an annotation', () => {
    const pod = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    kubernetes.io/change-cause: "image updated to 1.27"
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
`;
    assert.match(
      hoverAt(pod, 'change-cause')?.context ?? '',
      /^Well-known annotation `kubernetes\.io\/change-cause`: /,
    );
    assert.match(hoverAt(pod, 'kubernetes.io/os')?.context ?? '', /^Well-known label `kubernetes\.io\/os`: /);
    assert.match(hoverAt(pod, 'unreachable')?.context ?? '', /^Well-known taint `node\.kubernetes\.io\/unreachable`: /);
  });

  test('a member of a documented family names itself', () => {
    const svc = `apiVersion: v1
kind: Service
metadata:
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-healthcheck-path: /healthz
    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
`;
    const member = hoverAt(svc, 'healthcheck-path');
    assert.strictEqual(member?.id, 'aws-elastic-load-balancing');
    assert.match(
      member.context,
      /^Well-known annotation `service\.beta\.kubernetes\.io\/aws-load-balancer-healthcheck-path`: /,
    );
    assert.match(hoverAt(svc, 'scheme')?.context ?? '', /internet-facing/, 'an exact entry wins over its family');
  });

  test('in Markdown prose too', () => {
    const hit = hoverAt('Spread Pods over `topology.kubernetes.io/zone` values.', 'zone', 'markdown');
    assert.match(hit?.context ?? '', /Well-known label/);
  });
});

suite('Plain values stay silent', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: orders
          image: registry.example.com/shop/orders:2.3.1
          ports:
            - containerPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
    - http:
        paths:
          - path: /api/v2/orders
            pathType: Prefix
`;
  for (const needle of ['orders\n', '2\n', '8080', '/api', 'api/v2', 'v2', 'shop\n'])
    test(`no hover on ${JSON.stringify(needle)}`, () => {
      assert.strictEqual(hoverAt(deployment, needle), undefined);
    });
});

suite('Value tables: the format is checked', () => {
  test('a broken field-values file reports each problem at its line', () => {
    const text = [
      '- field: dnsPolicy',
      '  topic: cluster-dns',
      '  source: https://kubernetes.io/docs/',
      '  values:',
      '    ClusterFirst: Ask the cluster DNS first.',
      '- field: a.b',
      '  topic: cluster-dns',
      '  default: Nope',
      '  source: https://kubernetes.io/docs/',
      '  values: { A: x }',
      '- field: dnsPolicy',
      '  topic: cluster-dns',
      '  source: https://kubernetes.io/docs/',
      '  values: { A: x }',
      '- field: "bad key"',
      '  topic: Not_An_Id',
      '  source: http://example.com',
      '  values:',
      '    "has space": x',
      `    Long: ${'y'.repeat(300)}`,
      '  colour: blue',
    ].join('\n');
    const { entries, problems } = parseFieldValues(text, 'field-values.yaml');
    assert.deepStrictEqual(
      entries.map(e => e.field),
      ['dnsPolicy'],
    );
    const at = problems.map(p => `${p.line}: ${p.message}`);
    assert.ok(
      at.some(p => /^6: default "Nope" is not one of the values/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^11: duplicate field "dnsPolicy" \(first at line 1\)/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^15: "field" "bad key" is a key path/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^16: "topic" "Not_An_Id" is a topic id/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^17: "source" "http:\/\/example\.com" is not a valid https URL/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^19: "values": value "has space" is not a value word/.test(p)),
      at.join('\n'),
    );
    assert.ok(
      at.some(p => /^21: unknown field "colour"/.test(p)),
      at.join('\n'),
    );
  });

  test('a broken well-known-keys file reports each problem at its line', () => {
    const text = [
      '- key: job-name',
      '  use: [label]',
      '  topic: job',
      '  meaning: Unprefixed.',
      '- key: example.com/a',
      '  use: [flag]',
      '  topic: job',
      '  meaning: x',
      '- key: example.com/b',
      '  use: [label]',
      '  topic: job',
      '- not a mapping',
      'key: [unclosed',
    ].join('\n');
    const { problems } = parseWellKnownKeys(text, 'well-known-keys.yaml');
    assert.ok(problems.length > 0);
    assert.ok(problems.every(p => p.file === 'well-known-keys.yaml' && p.line > 0));
    const valid = parseWellKnownKeys(text.split('\n').slice(0, 11).join('\n'), 'k.yaml').problems.map(
      p => `${p.line}: ${p.message}`,
    );
    assert.ok(
      valid.some(p => /^1: "key" "job-name" is a prefixed key/.test(p)),
      valid.join('\n'),
    );
    assert.ok(
      valid.some(p => /^6: "use" has "flag"/.test(p)),
      valid.join('\n'),
    );
    assert.ok(
      valid.some(p => /^9: an entry needs "meaning"/.test(p)),
      valid.join('\n'),
    );
  });
});
