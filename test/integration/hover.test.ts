import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, hoverText, openFixture, ourHoverTitle, positionOf } from './helpers';

suite('Hovers in a real VS Code', () => {
  suiteSetup(async () => {
    await api();
  });

  test('NodePort in a Service manifest explains the Service type', async () => {
    const doc = await openFixture('service.yaml');
    const text = await hoverText(doc, positionOf(doc, 'NodePort', 2));
    assert.strictEqual(ourHoverTitle(text), 'NodePort');
    assert.match(text, /30000/, 'the summary or context mentions the port range');
    assert.match(text, /command:kubeConcepts\.openTopic\?/, 'offers "Open topic page"');
    assert.match(text, /\(https:\/\/kubernetes\.io\//, 'links the official docs');
  });

  test('etcd in a Markdown paragraph explains etcd', async () => {
    const doc = await openFixture('architecture.md');
    const text = await hoverText(doc, positionOf(doc, 'etcd, and', 1));
    assert.strictEqual(ourHoverTitle(text), 'etcd');
    assert.match(text, /key\\?-value/i);
  });

  test('kube-proxy inside a Markdown paragraph', async () => {
    const doc = await openFixture('architecture.md');
    const text = await hoverText(doc, positionOf(doc, 'kube-proxy', 6));
    assert.strictEqual(ourHoverTitle(text), 'kube-proxy');
  });

  test('kind: StatefulSet in a multi-document file', async () => {
    const doc = await openFixture('workloads.yaml');
    const text = await hoverText(doc, positionOf(doc, 'StatefulSet', 3));
    assert.strictEqual(ourHoverTitle(text), 'StatefulSet');
    assert.match(text, /kind of this manifest/);
  });

  test('imagePullPolicy: Always resolves the value', async () => {
    const doc = await openFixture('workloads.yaml');
    const text = await hoverText(doc, positionOf(doc, 'imagePullPolicy: Always', 'imagePullPolicy: '.length + 2));
    assert.ok(/imagePullPolicy/i.test(ourHoverTitle(text) ?? ''), `hover title: ${ourHoverTitle(text)}`);
  });

  test('livenessProbe: key resolves the field', async () => {
    const doc = await openFixture('workloads.yaml');
    const text = await hoverText(doc, positionOf(doc, 'livenessProbe:', 3));
    assert.match(ourHoverTitle(text) ?? '', /liveness probe/i);
    assert.match(text, /Field `spec\.template\.spec\.containers\.livenessProbe` of this Deployment/);
  });

  test('a fenced YAML block in Markdown gets manifest context', async () => {
    const doc = await openFixture('architecture.md');
    const text = await hoverText(doc, positionOf(doc, 'kind: StatefulSet', 'kind: '.length + 2));
    assert.strictEqual(ourHoverTitle(text), 'StatefulSet');
    assert.match(text, /kind of this manifest/);
  });

  test('a Helm template still parses around {{ }}', async () => {
    const doc = await openFixture('chart/templates/deployment.yaml');
    const probe = await hoverText(doc, positionOf(doc, 'livenessProbe', 2));
    assert.match(ourHoverTitle(probe) ?? '', /liveness probe/i);
    const restart = await hoverText(doc, positionOf(doc, 'restartPolicy: Always', 'restartPolicy: '.length + 1));
    assert.match(ourHoverTitle(restart) ?? '', /restartPolicy/i);
  });

  test('no hover on ordinary words or inside a URL', async () => {
    const md = await openFixture('architecture.md');
    for (const [needle, into] of [
      ['The name of', 1],
      ['name of the app', 1],
      ['app is not', 1],
      ['#etcd for', 2],
      ['etcd.io', 1],
    ] as const) {
      const text = await hoverText(md, positionOf(md, needle, into));
      assert.strictEqual(ourHoverTitle(text), undefined, `no hover at "${needle}", got: ${text.slice(0, 120)}`);
    }
    const yaml = await openFixture('service.yaml');
    const name = await hoverText(yaml, positionOf(yaml, 'name: web', 1));
    assert.strictEqual(ourHoverTitle(name), undefined);
  });

  test('the hover is off when kubeConcepts.hover.enabled is false', async () => {
    const config = vscode.workspace.getConfiguration('kubeConcepts.hover');
    const doc = await openFixture('service.yaml');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const text = await hoverText(doc, positionOf(doc, 'NodePort', 2));
      assert.strictEqual(ourHoverTitle(text), undefined);
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('kubeConcepts.hover.detail: full adds the first paragraph of the (compressed) topic page', async () => {
    const config = vscode.workspace.getConfiguration('kubeConcepts.hover');
    const doc = await openFixture('service.yaml');
    const short = await hoverText(doc, positionOf(doc, 'NodePort', 2));
    assert.doesNotMatch(short, /even when that Pod runs on a/);
    await config.update('detail', 'full', vscode.ConfigurationTarget.Global);
    try {
      const full = await hoverText(doc, positionOf(doc, 'NodePort', 2));
      assert.strictEqual(ourHoverTitle(full), 'NodePort');
      assert.match(full, /additionally reachable on a port of every node/);
      assert.match(full, /even when that Pod runs on a different node/);
    } finally {
      await config.update('detail', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('values explain themselves: a quantity, an enumerated value, an image and a well-known label', async () => {
    const doc = await openFixture('values.yaml');
    // The hover's Markdown escapes punctuation outside code: compare the text without the escapes.
    const plain = async (needle: string, into: number) =>
      (await hoverText(doc, positionOf(doc, needle, into))).replace(/\\(?=[^\w\s])/g, '');
    const cpu = await plain('cpu: 500m', 'cpu: '.length + 2);
    assert.strictEqual(ourHoverTitle(cpu), 'Resource quantities');
    assert.match(cpu, /`500m` = 0.5 CPU \(500 millicores\)/);
    assert.match(await plain('256Mi', 2), /`256Mi` = 256 MiB = 268,435,456 bytes/);
    assert.match(await plain('12mb', 2), /`12mb` is not a valid quantity: `mb` is not a suffix/);
    const spread = await plain('DoNotSchedule', 3);
    assert.strictEqual(ourHoverTitle(spread), 'Topology spread constraints');
    assert.match(
      spread,
      /Value of `spec.template.spec.topologySpreadConstraints.whenUnsatisfiable` of this Deployment: /,
    );
    assert.match(spread, /Pending/);
    const image = await plain('nginx:1.27', 2);
    assert.strictEqual(ourHoverTitle(image), 'Container image');
    assert.match(image, /repository `library\/nginx`/);
    assert.match(image, /tag `1.27`/);
    const zone = await plain('topology.kubernetes.io/zone', 12);
    assert.match(zone, /Well-known label `topology.kubernetes.io\/zone`: /);
    assert.strictEqual(ourHoverTitle(await plain('replicas: 2', 'replicas: '.length + 1)), undefined, 'a plain number');
  });
});
