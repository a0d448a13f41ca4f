import * as assert from 'assert';
import * as vscode from 'vscode';
import { CATEGORIES } from '../../src/core/model';
import { api, EXTENSION_ID, eventually } from './helpers';

suite('Commands, tree and topic page in a real VS Code', () => {
  test('every command that package.json declares is registered', async () => {
    await api();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const declared = manifest.contributes.commands.map(c => c.command);
    assert.ok(declared.length > 0, 'package.json declares commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter(id => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });

  test('the Topics tree lists the categories in order, then their topics', async () => {
    const { topicsTree, store } = await api();
    const groups = topicsTree.getChildren();
    const titles = groups.map(g => topicsTree.getTreeItem(g).label);
    assert.deepStrictEqual(
      titles.slice(0, CATEGORIES.length),
      CATEGORIES.map(c => c.title),
      'built-in categories first, in order',
    );
    assert.ok(groups.length >= 10, `${groups.length} categories`);
    const controlPlane = groups.find(g => g.kind === 'group' && g.id === 'control-plane')!;
    const topics = topicsTree.getChildren(controlPlane).map(n => topicsTree.getTreeItem(n));
    assert.ok(
      topics.some(t => t.label === 'etcd'),
      'etcd is under Control Plane',
    );
    const item = topics.find(t => t.label === 'etcd')!;
    assert.deepStrictEqual(item.command?.arguments, ['etcd']);
    assert.strictEqual(
      topicsTree.getTreeItem(controlPlane).description,
      String(store.topics.filter(t => t.category === 'control-plane').length),
    );
    await vscode.commands.executeCommand('kubeConcepts.topics.focus');
  });

  test('openTopic opens the topic page in a webview panel', async () => {
    const opened = await vscode.commands.executeCommand<string>('kubeConcepts.openTopic', 'kube-proxy');
    assert.strictEqual(opened, 'kube-proxy');
    const labels = await eventually(() => {
      const tabs = vscode.window.tabGroups.all
        .flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview);
      return tabs.some(t => t.label === 'kube-proxy') ? tabs.map(t => t.label) : undefined;
    });
    assert.ok(labels?.includes('kube-proxy'), 'a webview tab titled kube-proxy');
  });
});
