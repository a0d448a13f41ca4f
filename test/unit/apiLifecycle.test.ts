import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  apiLifecycle,
  BUILTIN_API_LIFECYCLE,
  changesByRelease,
  compareReleases,
  createApiLifecycleTable,
  formatProblem,
  lifecycleAt,
  NEWEST_RELEASE,
  parseApiLifecycle,
  parseRelease,
  type ApiLifecycle,
} from '../../src/core';
import { checkUrl } from '../../src/core/urls';

const rows = BUILTIN_API_LIFECYCLE.rows;
const FILE = 'knowledge/api-lifecycle.yaml';
const ALL_TARGETS = Array.from({ length: 38 }, (_, minor) => `1.${minor}`);
const before = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined || compareReleases(a, b) < 0;
const servedAt = (row: ApiLifecycle, target: string) =>
  (row.introduced === undefined || compareReleases(row.introduced, target) <= 0) &&
  (row.removed === undefined || compareReleases(target, row.removed) < 0);
const lookup = (apiVersion: string, kind: string) => {
  const entry = apiLifecycle(apiVersion, kind);
  assert.ok(entry, `no row for ${apiVersion} ${kind}`);
  return entry;
};
const at = (apiVersion: string, kind: string, target: string) => lifecycleAt(lookup(apiVersion, kind), target);

suite('Releases: the one rule', () => {
  test('a release is a minor written "1.16"', () => {
    assert.deepStrictEqual(parseRelease('1.16'), { major: 1, minor: 16 });
    assert.deepStrictEqual(parseRelease('1.0'), { major: 1, minor: 0 });
    for (const bad of ['1.x', 'banana', '2.0', '1.016', 'v1.16', '1.16.1', '', ' 1.16', '1.', '1.100'])
      assert.strictEqual(parseRelease(bad), undefined, bad);
  });

  test('releases compare by number, not as text', () => {
    assert.ok(compareReleases('1.9', '1.16') < 0);
    assert.ok(compareReleases('1.37', '1.8') > 0);
    assert.strictEqual(compareReleases('1.22', '1.22'), 0);
    assert.throws(() => compareReleases('1.x', '1.22'), /not a Kubernetes release/);
  });
});

suite('API lifecycle: the table itself', () => {
  test('the bundles embed exactly what knowledge/api-lifecycle.yaml says', () => {
    const parsed = parseApiLifecycle(readFileSync(join(__dirname, '../..', FILE), 'utf8'), FILE);
    assert.deepStrictEqual(parsed.problems.map(formatProblem), []);
    assert.deepStrictEqual(
      parsed.rows,
      rows.map(r => ({ ...r })),
    );
    assert.ok(rows.length >= 100, `${rows.length} rows`);
  });

  test('versions come in order: introduced <= deprecated < removed, none newer than the newest release', () => {
    for (const r of rows) {
      const name = `${r.apiVersion} ${r.kind}`;
      assert.ok(!r.introduced || !r.deprecated || compareReleases(r.introduced, r.deprecated) <= 0, name);
      assert.ok(before(r.deprecated, r.removed), name);
      assert.ok(before(r.introduced, r.removed), name);
      for (const release of [r.introduced, r.deprecated, r.removed])
        assert.ok(release === undefined || compareReleases(release, NEWEST_RELEASE) <= 0, name);
    }
  });

  test('every replacement has its own row and is served at the removal of the row it replaces', () => {
    const withReplacement = rows.filter(r => r.replacement);
    assert.ok(withReplacement.length >= 50);
    for (const r of withReplacement) {
      const replacement = apiLifecycle(r.replacement!, r.kind);
      assert.ok(replacement, `${r.apiVersion} ${r.kind} -> ${r.replacement}`);
      if (r.removed) assert.ok(servedAt(replacement, r.removed), `${r.replacement} ${r.kind} at ${r.removed}`);
    }
  });

  test('no apiVersion and kind has two rows; every source is an https URL', () => {
    const keys = rows.map(r => `${r.apiVersion} ${r.kind}`);
    assert.deepStrictEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
    );
    for (const r of rows) {
      assert.ok(r.source?.startsWith('https://') && checkUrl(r.source).ok, `${r.apiVersion} ${r.kind}: ${r.source}`);
    }
  });

  test('every removal the migration guide lists from 1.16 to 1.32 is in the table', () => {
    const removals: Record<string, string[]> = {
      '1.16': [
        'extensions/v1beta1 Deployment DaemonSet ReplicaSet NetworkPolicy PodSecurityPolicy',
        'apps/v1beta1 Deployment StatefulSet ReplicaSet',
        'apps/v1beta2 Deployment DaemonSet StatefulSet ReplicaSet',
      ],
      '1.22': [
        'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration ValidatingWebhookConfiguration',
        'apiextensions.k8s.io/v1beta1 CustomResourceDefinition',
        'apiregistration.k8s.io/v1beta1 APIService',
        'authentication.k8s.io/v1beta1 TokenReview',
        'authorization.k8s.io/v1beta1 SubjectAccessReview LocalSubjectAccessReview SelfSubjectAccessReview',
        'certificates.k8s.io/v1beta1 CertificateSigningRequest',
        'coordination.k8s.io/v1beta1 Lease',
        'extensions/v1beta1 Ingress',
        'networking.k8s.io/v1beta1 Ingress IngressClass',
        'rbac.authorization.k8s.io/v1beta1 ClusterRole ClusterRoleBinding Role RoleBinding',
        'scheduling.k8s.io/v1beta1 PriorityClass',
        'storage.k8s.io/v1beta1 CSIDriver CSINode StorageClass VolumeAttachment',
      ],
      '1.25': [
        'batch/v1beta1 CronJob',
        'discovery.k8s.io/v1beta1 EndpointSlice',
        'events.k8s.io/v1beta1 Event',
        'autoscaling/v2beta1 HorizontalPodAutoscaler',
        'policy/v1beta1 PodDisruptionBudget PodSecurityPolicy',
        'node.k8s.io/v1beta1 RuntimeClass',
      ],
      '1.26': [
        'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema PriorityLevelConfiguration',
        'autoscaling/v2beta2 HorizontalPodAutoscaler',
      ],
      '1.27': ['storage.k8s.io/v1beta1 CSIStorageCapacity'],
      '1.29': ['flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema PriorityLevelConfiguration'],
      '1.32': ['flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema PriorityLevelConfiguration'],
    };
    for (const [release, lines] of Object.entries(removals)) {
      for (const line of lines) {
        const [apiVersion, ...kinds] = line.split(' ');
        for (const kind of kinds)
          assert.strictEqual(lookup(apiVersion, kind).removed, release, `${apiVersion} ${kind}`);
      }
    }
    const removedIn = new Map(changesByRelease(rows).map(c => [c.release, c.removed.length]));
    assert.deepStrictEqual(
      ['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32'].map(r => removedIn.get(r)),
      [12, 22, 7, 3, 1, 2, 2],
    );
  });

  test('the current versions people meet are served in the newest release', () => {
    const current = [
      'v1 Pod Service ConfigMap Secret Namespace PersistentVolumeClaim ServiceAccount',
      'apps/v1 Deployment StatefulSet DaemonSet ReplicaSet',
      'batch/v1 Job CronJob',
      'policy/v1 PodDisruptionBudget',
      'autoscaling/v1 HorizontalPodAutoscaler',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'networking.k8s.io/v1 Ingress IngressClass NetworkPolicy',
      'rbac.authorization.k8s.io/v1 Role ClusterRole RoleBinding ClusterRoleBinding',
      'storage.k8s.io/v1 StorageClass CSIDriver',
      'resource.k8s.io/v1 DeviceClass ResourceClaim ResourceClaimTemplate ResourceSlice',
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding MutatingAdmissionPolicy',
    ];
    for (const line of current) {
      const [apiVersion, ...kinds] = line.split(' ');
      for (const kind of kinds) assert.strictEqual(at(apiVersion, kind, NEWEST_RELEASE).status, 'served', kind);
    }
    assert.strictEqual(lookup('resource.k8s.io/v1', 'ResourceClaim').introduced, '1.34');
    assert.strictEqual(lookup('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy').introduced, '1.30');
    assert.ok(!rows.some(r => r.apiVersion.startsWith('gateway.networking.k8s.io/')), 'Gateway API is not built in');
  });
});

suite('API lifecycle: lookups', () => {
  test('a built-in apiVersion and kind has its facts; releases are "1.16" strings', () => {
    const entry = lookup('extensions/v1beta1', 'Ingress');
    assert.strictEqual(entry.deprecated, '1.14');
    assert.strictEqual(entry.removed, '1.22');
    assert.strictEqual(entry.replacement, 'networking.k8s.io/v1');
    assert.strictEqual(entry.mechanical, undefined);
    assert.match(entry.changes!, /service\.name/);
    assert.match(entry.source!, /^https:\/\/kubernetes\.io\/docs\/reference\/using-api\/deprecation-guide\//);
    assert.strictEqual(lookup('rbac.authorization.k8s.io/v1beta1', 'Role').mechanical, true);
  });

  test('custom resources, unknown kinds and near misses are unknown', () => {
    assert.strictEqual(apiLifecycle('cert-manager.io/v1', 'Certificate'), undefined);
    assert.strictEqual(apiLifecycle('gateway.networking.k8s.io/v1', 'HTTPRoute'), undefined);
    assert.strictEqual(apiLifecycle('apps/v1', 'Widget'), undefined);
    assert.strictEqual(apiLifecycle('Apps/V1', 'Deployment'), undefined);
    assert.strictEqual(apiLifecycle('apps/v1', 'deployment'), undefined);
    assert.strictEqual(apiLifecycle('', ''), undefined);
  });

  test('the rows handed out cannot change the table', () => {
    const entry = lookup('apps/v1', 'Deployment');
    assert.throws(() => ((entry as { removed?: string }).removed = '1.20'));
    assert.strictEqual(lookup('apps/v1', 'Deployment').removed, undefined);
  });
});

suite('API lifecycle: what a row means for the target release', () => {
  test('before, at and after a removal', () => {
    assert.deepStrictEqual(at('extensions/v1beta1', 'Deployment', '1.37'), {
      status: 'removed',
      message: 'Removed in 1.16; your target is 1.37. Use `apps/v1`.',
      replacement: 'apps/v1',
    });
    assert.strictEqual(at('extensions/v1beta1', 'Deployment', '1.16').status, 'removed');
    assert.deepStrictEqual(at('extensions/v1beta1', 'Deployment', '1.15'), {
      status: 'deprecated',
      message: 'Still served in 1.15, your target; removed in 1.16. Use `apps/v1`.',
      replacement: 'apps/v1',
    });
    // apps/v1 arrived in 1.9: a target before it gets no replacement to use.
    assert.deepStrictEqual(at('extensions/v1beta1', 'Deployment', '1.8'), {
      status: 'deprecated',
      message: 'Still served in 1.8, your target; removed in 1.16.',
    });
  });

  test('before, at and after a deprecation', () => {
    const v1beta3 = (target: string) => at('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', target);
    assert.deepStrictEqual(v1beta3('1.25'), {
      status: 'not-yet',
      message: 'Not served before 1.26; your target is 1.25. Use `flowcontrol.apiserver.k8s.io/v1beta2`.',
      replacement: 'flowcontrol.apiserver.k8s.io/v1beta2',
    });
    assert.deepStrictEqual(v1beta3('1.28'), {
      status: 'served',
      message: 'Served in 1.28, your target; deprecated in 1.29, removed in 1.32.',
    });
    assert.deepStrictEqual(v1beta3('1.29'), {
      status: 'deprecated',
      message: 'Deprecated since 1.29, removed in 1.32. Use `flowcontrol.apiserver.k8s.io/v1`.',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    });
    assert.strictEqual(v1beta3('1.31').status, 'deprecated');
    assert.strictEqual(v1beta3('1.32').status, 'removed');
    assert.deepStrictEqual(at('v1', 'Endpoints', '1.37'), { status: 'deprecated', message: 'Deprecated since 1.33.' });
    assert.strictEqual(at('v1', 'Endpoints', '1.32').status, 'served');
  });

  test('before and after an arrival', () => {
    assert.deepStrictEqual(at('batch/v1', 'CronJob', '1.19'), {
      status: 'not-yet',
      message: 'Not served before 1.21; your target is 1.19. Use `batch/v1beta1`.',
      replacement: 'batch/v1beta1',
    });
    assert.deepStrictEqual(at('batch/v1', 'CronJob', '1.21'), { status: 'served', message: 'Served since 1.21.' });
    // Two older Ingress versions are served in 1.18; the undeprecated one is offered.
    assert.strictEqual(at('networking.k8s.io/v1', 'Ingress', '1.18').replacement, 'networking.k8s.io/v1beta1');
    assert.deepStrictEqual(at('v1', 'Pod', '1.37'), { status: 'served', message: 'Served in 1.37, your target.' });
  });

  test('a replacement that was itself removed leads on to the one the target serves', () => {
    const v1beta1 = (target: string) => at('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', target);
    assert.strictEqual(v1beta1('1.27').replacement, 'flowcontrol.apiserver.k8s.io/v1beta2');
    assert.strictEqual(v1beta1('1.37').replacement, 'flowcontrol.apiserver.k8s.io/v1');
    assert.deepStrictEqual(at('extensions/v1beta1', 'PodSecurityPolicy', '1.37'), {
      status: 'removed',
      message: 'Removed in 1.16; your target is 1.37.',
    });
  });

  test('every row at every target from 1.0 to the newest: the status follows the facts, the replacement is served', () => {
    for (const row of rows) {
      for (const target of ALL_TARGETS) {
        const result = lifecycleAt(row, target);
        const name = `${row.apiVersion} ${row.kind} at ${target}`;
        const expected =
          row.introduced && compareReleases(target, row.introduced) < 0
            ? 'not-yet'
            : row.removed && compareReleases(target, row.removed) >= 0
              ? 'removed'
              : row.deprecated && compareReleases(target, row.deprecated) >= 0
                ? 'deprecated'
                : row.removed && !row.deprecated
                  ? 'deprecated'
                  : 'served';
        assert.strictEqual(result.status, expected, name);
        assert.ok(result.message.length > 0 && result.message.length < 200, name);
        if (result.replacement) {
          assert.ok(servedAt(lookup(result.replacement, row.kind), target), name);
          assert.ok(result.message.endsWith(`Use \`${result.replacement}\`.`), name);
        }
      }
    }
  });

  test('a target that is no release is refused', () => {
    for (const bad of ['1.x', 'banana', '2.0', ''])
      assert.throws(() => at('apps/v1', 'Deployment', bad), /not a Kubernetes release/, bad);
  });
});

suite('API lifecycle: a broken table is reported at its lines', () => {
  const row = (fields: string) => `- apiVersion: example.k8s.io/v1\n  kind: Widget\n${fields}`;
  const SOURCE = '  source: https://kubernetes.io/docs/\n';
  const problems = (text: string) => parseApiLifecycle(text, FILE).problems.map(formatProblem);

  test('a valid table gives rows and no problem', () => {
    const parsed = parseApiLifecycle(
      row(`  removed: "1.20"\n  replacement: example.k8s.io/v2\n  mechanical: true\n${SOURCE}`) +
        `- { apiVersion: example.k8s.io/v2, kind: Widget, introduced: "1.19", source: "https://kubernetes.io/" }\n`,
      FILE,
    );
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.rows[0], {
      apiVersion: 'example.k8s.io/v1',
      kind: 'Widget',
      removed: '1.20',
      replacement: 'example.k8s.io/v2',
      mechanical: true,
      source: 'https://kubernetes.io/docs/',
    });
  });

  test('unknown fields, bad values and missing fields', () => {
    assert.deepStrictEqual(problems(row(`  colour: blue\n${SOURCE}`)), [
      `${FILE}:3:1: unknown field "colour"; a row has apiVersion, kind, introduced, deprecated, removed, replacement, mechanical, changes, source`,
    ]);
    assert.deepStrictEqual(problems(row('  removed: "1.20"\n')), [`${FILE}:1:1: a row needs "source"`]);
    assert.deepStrictEqual(problems(`- kind: Widget\n  apiVersion: Apps/V1\n${SOURCE}`), [
      `${FILE}:2:1: "apiVersion" "Apps/V1" is not an apiVersion such as apps/v1 or v1`,
    ]);
    assert.deepStrictEqual(problems(row(`  mechanical: yes please\n${SOURCE}`)), [
      `${FILE}:3:1: "mechanical" must be true or false`,
    ]);
    assert.deepStrictEqual(problems(row('  source: http://kubernetes.io/docs/\n')), [
      `${FILE}:3:1: "source" "http://kubernetes.io/docs/" must use https`,
    ]);
    assert.deepStrictEqual(problems(row(`  changes: [a, b]\n${SOURCE}`)), [
      `${FILE}:3:1: "changes" must be a single value, not a list or mapping`,
    ]);
  });

  test('bad release strings', () => {
    assert.deepStrictEqual(problems(row(`  removed: 1.20\n${SOURCE}`)), [
      `${FILE}:3:1: "removed" must be a quoted release such as "1.16" (YAML reads 1.20 as the number 1.2)`,
    ]);
    assert.deepStrictEqual(problems(row(`  introduced: "1.x"\n  deprecated: "2.0"\n${SOURCE}`)), [
      `${FILE}:3:1: "introduced" "1.x" is not a release such as "1.16"`,
      `${FILE}:4:1: "deprecated" "2.0" is not a release such as "1.16"`,
    ]);
    assert.deepStrictEqual(problems(row(`  removed: "1.99"\n${SOURCE}`)), [
      `${FILE}:3:1: "removed" 1.99 is newer than ${NEWEST_RELEASE}, the newest release the knowledge describes`,
    ]);
  });

  test('releases out of order', () => {
    assert.deepStrictEqual(problems(row(`  deprecated: "1.25"\n  removed: "1.22"\n${SOURCE}`)), [
      `${FILE}:4:1: "removed" 1.22: "deprecated" 1.25 must come before it`,
    ]);
    assert.deepStrictEqual(problems(row(`  deprecated: "1.22"\n  removed: "1.22"\n${SOURCE}`)), [
      `${FILE}:4:1: "removed" 1.22: "deprecated" 1.22 must come before it`,
    ]);
    assert.deepStrictEqual(problems(row(`  introduced: "1.20"\n  deprecated: "1.19"\n${SOURCE}`)), [
      `${FILE}:4:1: "deprecated" 1.19: "introduced" 1.20 may not come before it`,
    ]);
  });

  test('replacements: missing, not served at the removal, circular, or contradicting the move', () => {
    const v2 = (fields: string) =>
      `- apiVersion: example.k8s.io/v2\n  kind: Widget\n${fields}  source: https://kubernetes.io/\n`;
    assert.deepStrictEqual(problems(row(`  removed: "1.20"\n  replacement: example.k8s.io/v2\n${SOURCE}`)), [
      `${FILE}:4:1: "replacement" example.k8s.io/v2 has no row for Widget`,
    ]);
    assert.deepStrictEqual(
      problems(row(`  removed: "1.20"\n  replacement: example.k8s.io/v2\n${SOURCE}`) + v2('  introduced: "1.21"\n')),
      [`${FILE}:4:1: "replacement" example.k8s.io/v2 Widget is not served in 1.20, when example.k8s.io/v1 is removed`],
    );
    assert.deepStrictEqual(
      problems(row(`  replacement: example.k8s.io/v2\n${SOURCE}`) + v2('  replacement: example.k8s.io/v1\n')),
      [
        `${FILE}:3:1: "replacement" example.k8s.io/v2 leads back to example.k8s.io/v1`,
        `${FILE}:7:1: "replacement" example.k8s.io/v1 leads back to example.k8s.io/v2`,
      ],
    );
    assert.deepStrictEqual(problems(row(`  mechanical: true\n${SOURCE}`)), [
      `${FILE}:3:1: "mechanical" says how to move to a "replacement"; give one`,
    ]);
    assert.deepStrictEqual(
      problems(row(`  replacement: example.k8s.io/v2\n  mechanical: true\n  changes: spec moves\n${SOURCE}`) + v2('')),
      [`${FILE}:5:1: a "mechanical" move changes only apiVersion: drop "changes"`],
    );
  });

  test('duplicates, broken YAML and a table that is no list', () => {
    assert.deepStrictEqual(problems(row(SOURCE) + row(SOURCE)), [
      `${FILE}:4:1: duplicate row for example.k8s.io/v1 Widget (first at line 1)`,
    ]);
    assert.match(
      problems(row(`  removed: "1.20\n${SOURCE}`))[0],
      /^knowledge\/api-lifecycle\.yaml:\d+:\d+: invalid YAML/,
    );
    assert.deepStrictEqual(problems('apiVersion: v1\nkind: Pod\n'), [
      `${FILE}:1:1: the table is a YAML list of rows, each starting with "- apiVersion: …"`,
    ]);
    assert.deepStrictEqual(problems('- just text\n'), [
      `${FILE}:1:1: a row is a mapping of fields (apiVersion, kind, …, source)`,
    ]);
  });

  test('good rows survive next to broken ones', () => {
    const parsed = parseApiLifecycle(row(SOURCE) + `- apiVersion: v1\n  kind: Pod\n  removed: 1.2\n${SOURCE}`, FILE);
    assert.strictEqual(parsed.problems.length, 1);
    assert.deepStrictEqual(
      parsed.rows.map(r => r.kind),
      ['Widget'],
    );
  });

  test('a table of its own answers like the built-in one', () => {
    const table = createApiLifecycleTable([
      { apiVersion: 'example.k8s.io/v1', kind: 'Widget', removed: '1.20', replacement: 'example.k8s.io/v2' },
      { apiVersion: 'example.k8s.io/v2', kind: 'Widget', introduced: '1.18' },
    ]);
    assert.strictEqual(table.lookup('example.k8s.io/v1', 'Gadget'), undefined);
    assert.deepStrictEqual(table.at(table.lookup('example.k8s.io/v1', 'Widget')!, '1.17'), {
      status: 'deprecated',
      message: 'Still served in 1.17, your target; removed in 1.20.',
    });
    assert.strictEqual(table.at(table.lookup('example.k8s.io/v2', 'Widget')!, '1.17').replacement, 'example.k8s.io/v1');
  });
});
