// Runs inside VS Code for the Web as the "tests" of one window: reads how long activate() took, how long until the
// knowledge is loaded, and how long the first hover takes, then reports them on the console.
import * as vscode from 'vscode';
import type { KubeConceptsTestHooks } from '../../src/extension';

export async function run(): Promise<void> {
  const t0 = performance.now();
  const ext = vscode.extensions.getExtension<KubeConceptsTestHooks | undefined>('kube-concepts.kube-concepts')!;
  const api = await ext.activate();
  if (!api) throw new Error('activate returned no test hooks: the probe must run as extensionTestsPath (test mode)');
  await api.store.ready;
  const ready = performance.now() - t0;
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'service.yaml'));
  const offset = doc.getText().indexOf('NodePort') + 2;
  const t1 = performance.now();
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    doc.uri,
    doc.positionAt(offset),
  );
  const firstHover = performance.now() - t1;
  const t2 = performance.now();
  await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  const secondHover = performance.now() - t2;
  console.log(
    'KUBE-CONCEPTS-ACTIVATION ' +
      JSON.stringify({
        activate_ms: api.activationMs,
        knowledge_ready_ms: ready,
        knowledge_load: api.store.loadTimings,
        first_hover_ms: firstHover,
        second_hover_ms: secondHover,
        hovers: hovers.length,
      }),
  );
}
