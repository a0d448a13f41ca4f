import * as assert from 'assert';
import * as vscode from 'vscode';
import { rankTopics } from '../../src/core/search';
import { api, eventually, openFixture, positionOf, workspaceFile } from './helpers';

suite('Browsing: groupings, reveal, In This File, commands, topic page navigation', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('kubeConcepts.groupByCategory');
  });

  test('the Topics view switches to the learning path and back', async () => {
    const { topicsTree } = await api();
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.groupByLearningPath'), 'learningPath');
    const chapters = topicsTree.getChildren().map(n => String(topicsTree.getTreeItem(n).label));
    assert.strictEqual(chapters[0], '1. Introduction and ecosystem');
    assert.ok(chapters.includes('6. Services and networking'), chapters.join(' | '));
    assert.strictEqual(chapters[chapters.length - 1], 'Beyond the notes');
    const networking = topicsTree
      .getChildren()
      .find(n => topicsTree.getTreeItem(n).label === '6. Services and networking')!;
    const titles = topicsTree.getChildren(networking).map(n => topicsTree.getTreeItem(n).label);
    assert.ok(titles.includes('NodePort') && titles.includes('Ingress'), titles.join(', '));
    await vscode.commands.executeCommand('kubeConcepts.groupByCategory');
    assert.strictEqual(topicsTree.getTreeItem(topicsTree.getChildren()[0]).label, 'Cluster & API');
  });

  test('Reveal in Sidebar selects the topic of the open page', async () => {
    const { topicsView } = await api();
    await vscode.commands.executeCommand('kubeConcepts.openTopic', 'etcd');
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.revealInSidebar'), 'etcd');
    const selected = await eventually(() => topicsView.selection.find(n => n.kind === 'topic'));
    assert.strictEqual(selected?.kind === 'topic' && selected.topic.id, 'etcd');
  });

  test('Reveal in Sidebar uses the term under the cursor, and says so when there is none', async () => {
    const doc = await openFixture('architecture.md');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(positionOf(doc, 'kube-proxy', 2), positionOf(doc, 'kube-proxy', 2));
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.revealInSidebar'), 'kube-proxy');
    editor.selection = new vscode.Selection(
      positionOf(doc, 'name of the app', 1),
      positionOf(doc, 'name of the app', 1),
    );
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.revealInSidebar'), undefined);
  });

  test('Reveal in Sidebar with no editor and no page says there is nothing to reveal', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.revealInSidebar'), undefined);
  });

  test('Open a Sample Manifest opens a YAML document whose terms hover', async () => {
    const uri = await vscode.commands.executeCommand<string>('kubeConcepts.openSample');
    const doc = vscode.window.activeTextEditor!.document;
    assert.strictEqual(doc.uri.toString(), uri);
    assert.strictEqual(doc.languageId, 'yaml');
    const { store } = await api();
    assert.strictEqual(
      store.analyze(doc).conceptAt(doc.getText().indexOf('readinessProbe') + 2)?.topicId,
      'readiness-probe',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('In This File counts the concepts of a manifest with their lines', async () => {
    await openFixture('service.yaml');
    const summary = await vscode.commands.executeCommand<Array<{ topicId: string; count: number; lines: number[] }>>(
      'kubeConcepts.showFileConcepts',
    );
    const byId = new Map(summary.map(s => [s.topicId, s]));
    assert.deepStrictEqual(byId.get('nodeport'), { topicId: 'nodeport', count: 2, lines: [8, 14] });
    assert.deepStrictEqual(byId.get('service')?.lines, [2, 8, 11, 12], "the kind and the Service's own type and ports");
    assert.deepStrictEqual(byId.get('targetport')?.lines, [13]);
    assert.ok(!byId.has('app'), 'ordinary words are not concepts');
  });

  test('In This File follows the active editor and says when there is no editor', async () => {
    const { fileConcepts } = await api();
    await openFixture('architecture.md');
    await vscode.commands.executeCommand('kubeConcepts.showFileConcepts');
    assert.ok(fileConcepts.summary().some(s => s.topicId === 'etcd'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepStrictEqual(await vscode.commands.executeCommand('kubeConcepts.showFileConcepts'), []);
  });

  test('In This File keeps following the editor focused last while the view has the focus, with two editors open', async () => {
    const { fileConcepts } = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const markdown = await vscode.workspace.openTextDocument(workspaceFile('architecture.md'));
    const manifest = await vscode.workspace.openTextDocument(workspaceFile('service.yaml'));
    await vscode.window.showTextDocument(markdown, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(manifest, vscode.ViewColumn.Two);
    await eventually(() => (vscode.window.activeTextEditor?.document === manifest ? true : undefined));
    // The command focuses the view: no text editor is active, both stay visible, the manifest was focused last.
    await vscode.commands.executeCommand('kubeConcepts.showFileConcepts');
    await fileConcepts.refresh();
    const ids = fileConcepts.summary().map(s => s.topicId);
    assert.ok(ids.includes('nodeport'), `the manifest's concepts: ${ids.join(', ')}`);
    assert.ok(!ids.includes('etcd'), 'not the Markdown beside it');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Explain Term at Cursor opens the page of the term, the selection, or nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(
      await vscode.commands.executeCommand('kubeConcepts.explainTermAtCursor'),
      undefined,
      'no editor',
    );
    const doc = await openFixture('architecture.md');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(positionOf(doc, 'kubelet', 3), positionOf(doc, 'kubelet', 3));
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.explainTermAtCursor'), 'kubelet');
    const start = positionOf(doc, 'container runtime', 0);
    editor.selection = new vscode.Selection(start, start.translate(0, 'container runtime'.length));
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.explainTermAtCursor'), 'container-runtime');
    editor.selection = new vscode.Selection(positionOf(doc, 'The name of', 1), positionOf(doc, 'The name of', 1));
    assert.strictEqual(await vscode.commands.executeCommand('kubeConcepts.explainTermAtCursor'), undefined);
  });

  test('the topic page navigates related topics, back and forward, and ignores bad messages', async () => {
    const { topicPage, store } = await api();
    await vscode.commands.executeCommand('kubeConcepts.openTopic', 'pod');
    const related = store.get('pod')!.related[0];
    topicPage.receive({ type: 'open', topicId: related });
    assert.deepStrictEqual(topicPage.state(), { topicId: related, canGoBack: true, canGoForward: false });
    topicPage.receive({ type: 'back' });
    assert.strictEqual(topicPage.state()?.topicId, 'pod');
    assert.strictEqual(topicPage.state()?.canGoForward, true);
    topicPage.receive({ type: 'forward' });
    assert.strictEqual(topicPage.state()?.topicId, related);
    for (const bad of [
      { type: 'open', topicId: '../../etc' },
      { type: 'open', topicId: 'pod', extra: 1 },
      { type: 'run', command: 'x' },
      'open',
      null,
    ]) {
      topicPage.receive(bad);
      assert.strictEqual(topicPage.state()?.topicId, related, `ignored: ${JSON.stringify(bad)}`);
    }
  });

  test("the topic page's search box goes to a named topic, or searches with other words", async () => {
    const { topicPage, store } = await api();
    await vscode.commands.executeCommand('kubeConcepts.openTopic', 'pod');
    topicPage.receive({ type: 'search', query: 'kube proxy' });
    assert.strictEqual(topicPage.state()?.topicId, 'kube-proxy', 'the Go to topic box folds names as hovers do');
    topicPage.receive({ type: 'search', query: 'NodePort' });
    assert.strictEqual(topicPage.state()?.topicId, 'nodeport');

    // Words that name no topic open the search picker with them; the page stays until a topic is picked.
    const query = 'etcd raft';
    assert.deepStrictEqual(
      rankTopics(store.topics, query).map(t => t.id),
      ['raft-consensus-algorithm'],
      'the query matches one topic',
    );
    topicPage.receive({ type: 'search', query });
    assert.strictEqual(topicPage.state()?.topicId, 'nodeport');
    // The search command shows its picker right after it awaits store.ready: awaiting it here resumes after that.
    await store.ready;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(
      await eventually(() => (topicPage.state()?.topicId === 'nodeport' ? undefined : topicPage.state()?.topicId)),
      'raft-consensus-algorithm',
      'Enter in the picker opens its only match',
    );
  });
});
