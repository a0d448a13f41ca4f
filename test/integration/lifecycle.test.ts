import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/contributions';
import { TopicsTreeProvider } from '../../src/topicsTree';
import { api, closeEditorsWithoutSaving, eventually, workspaceFile } from './helpers';

/** A large untitled document that mentions Pods all over. */
function largeManifestText(minChars: number): string {
  const chunk = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n---\n';
  return chunk.repeat(Math.ceil(minChars / chunk.length));
}

suite('Lifecycle: disposal, focus, limits', () => {
  test('In This File says a file over the scan limit is too large, with its size and the limit', async () => {
    const { fileConcepts } = await api();
    // A saved file, not an untitled document: closing it needs no revert, so no later test can find it still open.
    const uri = workspaceFile('generated-large.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(largeManifestText(2 * 1024 * 1024 + 100 * 1024)));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await vscode.commands.executeCommand(COMMANDS.showFileConcepts);
      assert.deepStrictEqual(fileConcepts.summary(), []);
      assert.match(fileConcepts.message ?? '', /too large.*2\.1 MB.*the limit is 2 MB/);
    } finally {
      const tabs = vscode.window.tabGroups.all
        .flatMap(group => group.tabs)
        .filter(tab => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
      await vscode.window.tabGroups.close(tabs);
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('F6: In This File shows the concepts found before its time budget ran out, and where the scan stopped', async () => {
    const { fileConcepts } = await api();
    await closeEditorsWithoutSaving();
    const fakeClock = () => {
      let now = 0;
      return () => now++; // a millisecond per reading: the scan stops at the same word every time
    };
    try {
      for (const [content, expected] of [
        [
          'A Pod runs on a node; the kubelet starts it.\n'.repeat(400),
          /^First \d+ concepts: the scan stopped at line \d+ after 10 ms\.$/,
        ],
        [
          'Nothing to see in this line at all.\n'.repeat(400),
          /^No concepts before line \d+: the scan stopped there after 10 ms\.$/,
        ],
      ] as const) {
        fileConcepts.scanBudget = { ms: 10, now: fakeClock() };
        const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
        await vscode.window.showTextDocument(doc);
        await eventually(() => (vscode.window.activeTextEditor?.document === doc ? true : undefined));
        await vscode.commands.executeCommand(COMMANDS.showFileConcepts);
        // Wait until the view follows this document (code-server settles the active editor after the view's focus).
        await eventually(async () => {
          await fileConcepts.refresh();
          return expected.test(fileConcepts.message ?? '') ? true : undefined;
        });
        const shown = vscode.window.activeTextEditor?.document;
        assert.match(
          fileConcepts.message ?? '',
          expected,
          `active editor: ${shown ? `${shown.uri.toString()} (${shown.getText().length} chars)` : 'none'}; visible: ${vscode.window.visibleTextEditors.map(e => e.document.uri.toString()).join(', ')}`,
        );
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    } finally {
      fileConcepts.scanBudget = {};
    }
  });

  test('a disposed Topics tree no longer follows the knowledge store', async () => {
    const { store } = await api();
    const all = [...store.topics];
    const withoutControlPlane = all.filter(t => t.category !== 'control-plane');
    const tree = new TopicsTreeProvider(store, 'category');
    const groups = () => tree.getChildren().map(g => (g.kind === 'group' ? g.id : ''));
    try {
      store.setTopics(withoutControlPlane);
      assert.ok(!groups().includes('control-plane'), 'a live tree follows the store');
      store.setTopics(all);
      assert.ok(groups().includes('control-plane'));
      tree.dispose();
      store.setTopics(withoutControlPlane);
      assert.ok(groups().includes('control-plane'), 'the disposed tree did not rebuild');
    } finally {
      store.setTopics(all);
    }
  });

  test('a store change that leaves the page as it was neither reloads it nor closes an open quick pick', async () => {
    const { store, topicPage } = await api();
    await vscode.commands.executeCommand(COMMANDS.openTopic, 'kube-proxy');
    assert.strictEqual(topicPage.state()?.topicId, 'kube-proxy');
    const loads = topicPage.loads();
    const original = store.get('kube-proxy');
    assert.ok(loads !== undefined && original);
    const pick = vscode.window.createQuickPick();
    let hidden = false;
    pick.onDidHide(() => (hidden = true));
    pick.show();
    try {
      store.setTopics([...store.topics]); // what a team reload that changed nothing does
      assert.strictEqual(topicPage.loads(), loads, 'the page was not reloaded');
      store.setTopics(store.topics.map(t => (t === original ? { ...t, summary: `${t.summary} (edited)` } : t)));
      assert.strictEqual(topicPage.loads(), loads + 1, 'a changed page is shown again');
      assert.strictEqual(hidden, false, 'the quick pick is still open');
    } finally {
      pick.dispose();
      store.setTopics(store.topics.map(t => (t.id === original.id ? original : t)));
    }
  });
});
