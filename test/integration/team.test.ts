import * as assert from 'assert';
import * as vscode from 'vscode';
import { rankTopics } from '../../src/core/search';
import { KnowledgeStore } from '../../src/knowledgeStore';
import { TeamKnowledge } from '../../src/teamKnowledge';
import {
  api,
  EXTENSION_ID,
  eventually,
  hoverText,
  openFixture,
  ourHoverTitle,
  positionOf,
  workspaceFile,
} from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const VALID = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: ${id}\ncategory: platform\nsummary: A test topic.\nlinks:\n  - title: Docs\n    url: https://example.com/${id}\nrelated: [pod, service]\n${extra}---\nA body.\n`;

async function diagnosticsOf(path: string): Promise<vscode.Diagnostic[]> {
  const uri = workspaceFile(path);
  return (
    (await eventually(() => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.length > 0 ? list : undefined;
    }, 15000)) ?? []
  );
}

suite('Team knowledge from the workspace', () => {
  const created: string[] = [];
  const write = async (path: string, content: Uint8Array) => {
    created.push(path);
    await vscode.workspace.fs.writeFile(workspaceFile(path), content);
  };

  // Each test starts from the fixture workspace: what a test wrote is removed after it.
  teardown(async () => {
    await vscode.workspace
      .getConfiguration('kubeConcepts.knowledge')
      .update('paths', undefined, vscode.ConfigurationTarget.Workspace);
    for (const path of created.splice(0))
      await vscode.workspace.fs.delete(workspaceFile(path)).then(undefined, () => undefined);
    const { team } = await api();
    await team.reload();
  });

  test('a team topic appears in hovers, the tree (in its own category) and search', async () => {
    const { store, team, topicsTree } = await api();
    await team.reload();
    assert.strictEqual(store.get('acme-edge-gateway')?.origin, 'team');
    const doc = await openFixture('team-notes.md');
    const text = await hoverText(doc, positionOf(doc, 'Acme Edge Gateway', 3));
    assert.strictEqual(ourHoverTitle(text), 'Acme Edge Gateway');
    assert.match(text, /team topic/);
    const platform = topicsTree.getChildren().find(n => n.kind === 'group' && n.id === 'platform');
    assert.ok(platform, 'a Platform category in the tree');
    assert.deepStrictEqual(
      topicsTree.getChildren(platform).map(n => topicsTree.getTreeItem(n).label),
      ['Acme Edge Gateway', 'Hostile Markdown'],
    );
    assert.strictEqual(rankTopics(store.topics, 'edge gateway')[0]?.id, 'acme-edge-gateway');
  });

  test('editing a team file updates the hover without a reload', async () => {
    await write('.kube-concepts/live-edit.md', encode(VALID('live-edit').replace('A test topic.', 'First version.')));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See live-edit here.' });
    const at = positionOf(doc, 'live-edit', 2);
    assert.ok(
      await eventually(async () => (/First version/.test(await hoverText(doc, at)) ? true : undefined), 15000),
      'first version',
    );
    await vscode.workspace.fs.writeFile(
      workspaceFile('.kube-concepts/live-edit.md'),
      encode(VALID('live-edit').replace('A test topic.', 'Second version.')),
    );
    assert.ok(
      await eventually(async () => (/Second version/.test(await hoverText(doc, at)) ? true : undefined), 15000),
      'second version',
    );
  });

  test('each kind of broken file gets a diagnostic at its line; the rest keeps working', async () => {
    const { store, team } = await api();
    await write(
      '.kube-concepts/broken-yaml.md',
      encode('---\nid: broken-yaml\ntitle: ok\n  bad: indent\ncategory: platform\n---\nBody\n'),
    );
    await write(
      '.kube-concepts/missing-field.md',
      encode(VALID('missing-field').replace('summary: A test topic.\n', '')),
    );
    // The same id in a folder of kubeConcepts.knowledge.paths: the second one is the duplicate.
    await vscode.workspace
      .getConfiguration('kubeConcepts.knowledge')
      .update('paths', ['team-extra'], vscode.ConfigurationTarget.Workspace);
    await write('team-extra/acme-edge-gateway.md', encode(VALID('acme-edge-gateway')));
    await write(
      '.kube-concepts/unknown-related.md',
      encode(VALID('unknown-related').replace('related: [pod, service]', 'related: [pod, no-such-topic]')),
    );
    const big = new Uint8Array(10 * 1024 * 1024).fill(97);
    await write('.kube-concepts/huge.md', big);
    await write('.kube-concepts/binary.md', new Uint8Array([45, 45, 45, 10, 0, 159, 146, 150, 10]));
    await team.reload();

    const expectations: Array<[string, number, RegExp]> = [
      ['.kube-concepts/broken-yaml.md', 3, /invalid YAML/],
      ['.kube-concepts/missing-field.md', 1, /missing required field "summary"/],
      [
        'team-extra/acme-edge-gateway.md',
        2,
        /duplicate id "acme-edge-gateway" \(also in \.kube-concepts\/acme-edge-gateway\.md:2\)/,
      ],
      ['.kube-concepts/unknown-related.md', 9, /related id "no-such-topic" is not a known topic/],
      ['.kube-concepts/huge.md', 1, /10\.0 MB; a topic file may be at most 256 KB/],
      ['.kube-concepts/binary.md', 2, /binary/],
    ];
    for (const [path, line, message] of expectations) {
      const diagnostics = await diagnosticsOf(path);
      assert.ok(
        diagnostics.some(d => d.range.start.line === line - 1 && message.test(d.message)),
        `${path}: ${diagnostics.map(d => `${d.range.start.line + 1}: ${d.message}`).join(' | ') || 'no diagnostic'}`,
      );
    }
    assert.strictEqual(store.get('acme-edge-gateway')?.origin, 'team', 'the valid team topic still loads');
    assert.ok(store.get('kube-proxy'), 'built-in knowledge still works');
    assert.ok(!store.get('unknown-related') && !store.get('broken-yaml'), 'broken files are skipped');

    await vscode.workspace.fs.writeFile(
      workspaceFile('.kube-concepts/unknown-related.md'),
      encode(VALID('unknown-related')),
    );
    await team.reload();
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(workspaceFile('.kube-concepts/unknown-related.md')),
      [],
      'fixing the file clears it',
    );
    assert.ok(store.get('unknown-related'));
  });

  test('Create Team Topic writes a valid file, never overwrites, and the topic loads', async () => {
    const { store, team } = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('kubeConcepts.createTeamTopic', {
      title: 'Our Build Farm',
    });
    created.push('.kube-concepts/our-build-farm.md');
    assert.ok(uri?.path.endsWith('/.kube-concepts/our-build-farm.md'));
    const first = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await team.reload();
    assert.strictEqual(store.get('our-build-farm')?.title, 'Our Build Farm');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri), []);
    await vscode.workspace.fs.writeFile(uri, encode(first + '\nEdited by hand.\n'));
    await vscode.commands.executeCommand('kubeConcepts.createTeamTopic', { title: 'Our Build Farm' });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), /Edited by hand/);
  });

  // The reload race (a file written while a load runs) is a unit test: test/unit/teamKnowledge.test.ts.
  test('a team file created in the workspace loads without a reload', async () => {
    const { store } = await api();
    await write('.kube-concepts/late-arrival.md', encode(VALID('late-arrival')));
    assert.ok(await eventually(() => store.get('late-arrival'), 15000), 'the new topic loads');
  });

  test('an untrusted workspace loads no team files', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const output = vscode.window.createOutputChannel('Kubernetes Concepts (trust test)');
    const store = new KnowledgeStore(ext.extensionUri, () => undefined);
    const untrusted = new TeamKnowledge(store, output, () => false);
    const trusted = new TeamKnowledge(store, output, () => true);
    try {
      const status = await untrusted.reload();
      assert.deepStrictEqual(status, { trusted: false, files: 0, topics: 0, skipped: 0 });
      assert.strictEqual(store.get('acme-edge-gateway'), undefined);
      assert.ok(store.get('kube-proxy'), 'built-in knowledge works');
      const loaded = await trusted.reload();
      assert.ok(loaded.topics >= 1 && store.get('acme-edge-gateway'), 'the same files load once trusted');
    } finally {
      untrusted.dispose();
      trusted.dispose();
      store.dispose();
      output.dispose();
    }
  });

  test('Toggle Hover Help turns hovers off and on', async () => {
    const doc = await openFixture('service.yaml');
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.toggleHover'), false);
    try {
      assert.strictEqual(ourHoverTitle(await hoverText(doc, positionOf(doc, 'NodePort', 2))), undefined);
    } finally {
      assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.toggleHover'), true);
    }
    assert.strictEqual(ourHoverTitle(await hoverText(doc, positionOf(doc, 'NodePort', 2))), 'NodePort');
  });
});
