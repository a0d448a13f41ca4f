import * as assert from 'assert';
import {
  BUILTIN_API_LIFECYCLE,
  createConceptIndex,
  lifecycleLine,
  manifestHeaderAt,
  migrationHint,
  moveBetween,
  NEWEST_RELEASE,
  parseTargetVersion,
  releasesNewestFirst,
  type ApiDiagnostic,
} from '../../src/core';

const index = createConceptIndex([]);
const at = (target: string) => ({ kubernetesVersion: target });
const diagnose = (text: string, languageId = 'yaml', target = NEWEST_RELEASE) =>
  index.diagnostics(text, languageId, at(target));
const spans = (text: string, ds: ApiDiagnostic[]) => ds.map(d => `${d.severity} ${text.slice(d.start, d.end)}`);

const DEPLOYMENT = (apiVersion: string) =>
  `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n`;

suite('API diagnostics: what the target release serves', () => {
  test('an extensions/v1beta1 Deployment is an error at 1.37, on the apiVersion value', () => {
    const text = DEPLOYMENT('extensions/v1beta1');
    const [d, ...rest] = diagnose(text);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.severity, 'error');
    assert.strictEqual(text.slice(d.start, d.end), 'extensions/v1beta1');
    assert.strictEqual(d.replacement, 'apps/v1');
    assert.strictEqual(d.mechanical, false);
    assert.match(d.message, /^extensions\/v1beta1 Deployment: Removed in 1\.16; your target is 1\.37\. Use apps\/v1\./);
    assert.match(d.changes ?? '', /spec\.selector/);
    assert.strictEqual(text.slice(d.kindStart, d.kindStart + 'Deployment'.length), 'Deployment');
  });

  test('the release before a removal gets a warning, the removal release an error', () => {
    const text = DEPLOYMENT('extensions/v1beta1');
    assert.deepStrictEqual(spans(text, diagnose(text, 'yaml', '1.15')), ['warning extensions/v1beta1']);
    assert.deepStrictEqual(spans(text, diagnose(text, 'yaml', '1.16')), ['error extensions/v1beta1']);
  });

  test('every row, at every release from 1.8 to the newest: the severity follows its introduced/deprecated/removed', () => {
    const releases = releasesNewestFirst('1.8');
    for (const row of BUILTIN_API_LIFECYCLE.rows) {
      const text = `apiVersion: ${row.apiVersion}\nkind: ${row.kind}\n`;
      for (const target of releases) {
        const minor = (r?: string) => (r ? Number(r.split('.')[1]) : undefined);
        const t = minor(target)!;
        const [intro, dep, rem] = [minor(row.introduced), minor(row.deprecated), minor(row.removed)];
        const expected =
          (intro !== undefined && t < intro) || (rem !== undefined && t >= rem)
            ? 'error'
            : (dep !== undefined && t >= dep) || (dep === undefined && rem !== undefined)
              ? 'warning'
              : dep !== undefined
                ? 'information'
                : undefined;
        const got = diagnose(text, 'yaml', target).map(d => d.severity);
        assert.deepStrictEqual(got, expected ? [expected] : [], `${row.apiVersion} ${row.kind} at ${target}`);
      }
    }
  });

  test('a not-yet-served API is an error that points back to the version the target serves', () => {
    const text = 'apiVersion: batch/v1\nkind: CronJob\n';
    const [d] = diagnose(text, 'yaml', '1.20');
    assert.strictEqual(d.severity, 'error');
    assert.match(d.message, /Not served before 1\.21; your target is 1\.20\. Use batch\/v1beta1\./);
    assert.strictEqual(d.replacement, 'batch/v1beta1');
    assert.strictEqual(d.mechanical, true, 'the batch/v1beta1 row says the move is mechanical, either way');
    assert.deepStrictEqual(diagnose(text, 'yaml', '1.21'), []);
  });

  test('information: served at the target, deprecated in a later release', () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\n';
    const [d] = diagnose(text, 'yaml', '1.20');
    assert.strictEqual(d.severity, 'information');
    assert.match(d.message, /deprecated in 1\.21, removed in 1\.25/);
    assert.strictEqual(d.replacement, undefined);
  });

  test('mechanical moves along a chain of replacements', () => {
    const text = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\n';
    const [d] = diagnose(text);
    assert.strictEqual(d.replacement, 'flowcontrol.apiserver.k8s.io/v1');
    assert.strictEqual(d.mechanical, true);
    assert.deepStrictEqual(moveBetween('Deployment', 'apps/v1', 'extensions/v1beta1')?.mechanical, false);
    assert.strictEqual(moveBetween('Deployment', 'apps/v1', 'batch/v1'), undefined);
  });

  test('nothing for current APIs, custom resources, unknown kinds of known groups', () => {
    for (const text of [
      DEPLOYMENT('apps/v1'),
      'apiVersion: v1\nkind: Pod\n',
      'apiVersion: cert-manager.io/v1\nkind: Certificate\n',
      'apiVersion: extensions/v1beta1\nkind: Widget\n',
      'apiVersion: apps/v1beta1\nkind: ConfigMap\n',
    ])
      assert.deepStrictEqual(diagnose(text), [], text);
  });
});

suite('API diagnostics: positions and formats', () => {
  test('multi-document YAML: each document its own range, comments and quotes around values', () => {
    const text = [
      '# old manifests',
      'apiVersion: extensions/v1beta1 # should be apps/v1',
      'kind: Deployment',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      '--- # a comment on the marker',
      "kind: 'CronJob'",
      'metadata: {name: x}',
      'apiVersion: "batch/v1beta1"',
      '...',
      '---',
      'apiVersion:   policy/v1beta1   ',
      'kind: PodDisruptionBudget',
    ].join('\n');
    const ds = diagnose(text);
    assert.deepStrictEqual(spans(text, ds), [
      'error extensions/v1beta1',
      'error batch/v1beta1',
      'error policy/v1beta1',
    ]);
    assert.deepStrictEqual(
      ds.map(d => d.start),
      [text.indexOf('extensions/v1beta1'), text.indexOf('batch/v1beta1'), text.indexOf('policy/v1beta1')],
    );
    assert.strictEqual(ds[1].replacement, 'batch/v1');
    assert.strictEqual(ds[1].mechanical, true);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepStrictEqual(spans(crlf, diagnose(crlf)), spans(text, ds), 'CRLF line ends');
  });

  test('only top-level keys count: nested apiVersion/kind (owner references, Lists) give nothing', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: extensions/v1beta1',
      '  kind: Deployment',
      '  metadata:',
      '    ownerReferences:',
      '    - apiVersion: extensions/v1beta1',
      '      kind: Deployment',
    ].join('\n');
    assert.deepStrictEqual(diagnose(text), []);
  });

  test('a commented-out apiVersion gives nothing; a value inside a block scalar gives nothing', () => {
    assert.deepStrictEqual(diagnose('#apiVersion: extensions/v1beta1\napiVersion: apps/v1\nkind: Deployment\n'), []);
    const embedded =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  old.yaml: |\n    apiVersion: extensions/v1beta1\n    kind: Deployment\n';
    assert.deepStrictEqual(diagnose(embedded), []);
  });

  test('Helm: templates are blanked; if/else branches with two apiVersions give nothing; a plain old one is found', () => {
    const branches = [
      '{{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}',
      'apiVersion: policy/v1',
      '{{- else }}',
      'apiVersion: policy/v1beta1',
      '{{- end }}',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: {{ include "chart.fullname" . }}',
    ].join('\n');
    assert.deepStrictEqual(diagnose(branches, 'helm'), []);
    const templated = 'apiVersion: {{ .Values.apiVersion }}\nkind: Deployment\n';
    assert.deepStrictEqual(diagnose(templated, 'helm'), []);
    const old = [
      'apiVersion: extensions/v1beta1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "chart.fullname" . }}',
      '  labels:',
      '    {{- include "chart.labels" . | nindent 4 }}',
      'spec:',
      '  replicas: {{ .Values.replicaCount }}',
    ].join('\n');
    assert.deepStrictEqual(spans(old, diagnose(old, 'helm')), ['error extensions/v1beta1']);
    assert.deepStrictEqual(
      spans(old, diagnose(old, 'yaml')),
      ['error extensions/v1beta1'],
      'a chart file as plain YAML',
    );
  });

  test('JSON and JSONC: depth-1 keys, comments, escapes', () => {
    const json = JSON.stringify(
      { apiVersion: 'extensions/v1beta1', kind: 'Deployment', spec: { template: { apiVersion: 'x', kind: 'y' } } },
      null,
      2,
    );
    assert.deepStrictEqual(spans(json, diagnose(json, 'json')), ['error extensions/v1beta1']);
    const jsonc = '// old\n{\n  /* kind: Pod */ "kind": "CronJob",\n  "apiVersion": "batch/v1beta1" // old\n}\n';
    assert.deepStrictEqual(spans(jsonc, diagnose(jsonc, 'jsonc')), ['error batch/v1beta1']);
    assert.deepStrictEqual(diagnose('{"apiVersion": "apps/v1", "kind": "Deployment"}', 'json'), []);
    assert.deepStrictEqual(diagnose('[{"apiVersion": "extensions/v1beta1", "kind": "Deployment"}]', 'json'), []);
  });

  test('broken documents: no false diagnostic, no exception, the other documents still checked', () => {
    const broken = [
      'apiVersion: extensions/v1beta1\nkind: Deployment\nspec: {replicas: 2\n',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: "unclosed\n',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nkind: Deployment\n',
      'apiVersion: "extensions/v1beta1\nkind: Deployment\n',
      'apiVersion: [extensions/v1beta1]\nkind: Deployment\n',
      'apiVersion: extensions/v1beta1\nkind: Deployment\n\tspec: tab\n',
      'apiVersion: extensions/v1beta1\nkind: Deployment\n' + '['.repeat(5000) + '\n',
      '\u0000\u0001apiVersion: extensions/v1beta1\nkind: Deployment\n',
    ];
    for (const text of broken) assert.deepStrictEqual(diagnose(text), [], JSON.stringify(text.slice(0, 120)));
    const mixed = broken[0] + '---\n' + DEPLOYMENT('apps/v1beta2');
    assert.deepStrictEqual(spans(mixed, diagnose(mixed)), ['error apps/v1beta2']);
    for (const json of [
      '{"apiVersion": "extensions/v1beta1", "kind": "Deployment"',
      '{"apiVersion": "extensions/v1beta1", "kind": "Deployment" "spec": 1}',
      '{"apiVersion": "extensions/v1beta1", "kind": "Deployment"}}',
      '{"apiVersion": "extensions\\/v1beta1", "kind": "Deployment"}',
      '{"apiVersion": "extensions/v1beta1", "kind": "Deployment", /* unclosed',
    ])
      assert.deepStrictEqual(diagnose(json, 'json'), [], json);
  });

  test('only manifest languages: Markdown and plain text get nothing', () => {
    const text = DEPLOYMENT('extensions/v1beta1');
    for (const language of ['markdown', 'plaintext', 'dockerfile', 'dockercompose'])
      assert.deepStrictEqual(diagnose(text, language), [], language);
    for (const language of ['yaml', 'helm']) assert.strictEqual(diagnose(text, language).length, 1, language);
  });

  test('a target that is no release throws (the adapter passes parseTargetVersion().release)', () => {
    assert.throws(() => diagnose(DEPLOYMENT('extensions/v1beta1'), 'yaml', 'banana'));
  });
});

suite('API diagnostics: hover line and helpers', () => {
  test('lifecycleLine says what the target means, nothing for custom resources', () => {
    assert.strictEqual(
      lifecycleLine('extensions/v1beta1', 'Deployment', '1.37'),
      'Removed in 1.16; your target is 1.37. Use `apps/v1`.',
    );
    assert.strictEqual(
      lifecycleLine('batch/v1beta1', 'CronJob', '1.24'),
      'Deprecated since 1.21, removed in 1.25. Use `batch/v1`.',
    );
    assert.strictEqual(lifecycleLine('example.com/v1', 'Widget', '1.37'), undefined);
  });

  test('manifestHeaderAt finds the document whose apiVersion or kind value holds the offset', () => {
    const text = 'apiVersion: v1\nkind: Pod\n---\napiVersion: batch/v1beta1\nkind: CronJob\nspec: {}\n';
    const onKind = manifestHeaderAt(text, 'yaml', text.indexOf('CronJob') + 2);
    assert.strictEqual(onKind?.apiVersion, 'batch/v1beta1');
    assert.strictEqual(manifestHeaderAt(text, 'yaml', text.indexOf('batch'))?.kind, 'CronJob');
    assert.strictEqual(manifestHeaderAt(text, 'yaml', text.indexOf('spec')), undefined);
    assert.strictEqual(manifestHeaderAt(text, 'markdown', text.indexOf('batch')), undefined);
  });

  test('migrationHint: the first clause of the changes, as plain text', () => {
    assert.strictEqual(
      migrationHint(
        '`spec.selector` becomes required and immutable (copy the template labels); `spec.rollbackTo` is gone',
      ),
      'spec.selector becomes required and immutable',
    );
    assert.ok(migrationHint('x'.repeat(200)).length <= 60);
  });
});

suite('Target version setting: parseTargetVersion', () => {
  test('releases, kubectl-style versions, blanks', () => {
    assert.deepStrictEqual(parseTargetVersion('1.30'), { release: '1.30' });
    assert.deepStrictEqual(parseTargetVersion(' v1.30.4 '), { release: '1.30' });
    assert.deepStrictEqual(parseTargetVersion('1.15'), { release: '1.15' });
    assert.deepStrictEqual(parseTargetVersion(NEWEST_RELEASE), { release: NEWEST_RELEASE });
    for (const blank of [undefined, null, '', '  '])
      assert.deepStrictEqual(parseTargetVersion(blank), { release: NEWEST_RELEASE });
  });

  test('odd values: the newest release and one reason', () => {
    for (const odd of ['1.x', 'banana', '2.0', '1.99', '1.38', '1.030', '1', '01.30', 1.3, true, ['1.30'], { v: 1 }]) {
      const parsed = parseTargetVersion(odd);
      assert.strictEqual(parsed.release, NEWEST_RELEASE, String(odd));
      assert.ok(parsed.problem && parsed.problem.length < 160, `${String(odd)}: ${parsed.problem}`);
    }
    assert.match(parseTargetVersion('1.99').problem!, /newer than 1\.37/);
    assert.match(parseTargetVersion(1.3).problem!, /quotes/);
  });

  test('the picker lists 1.16 to the newest, newest first', () => {
    const releases = releasesNewestFirst();
    assert.strictEqual(releases[0], NEWEST_RELEASE);
    assert.strictEqual(releases[releases.length - 1], '1.16');
    assert.strictEqual(releases.length, 37 - 16 + 1);
  });
});
