import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KubeConceptsTestHooks } from '../../src/extension';

export const EXTENSION_ID = 'kube-concepts.kube-concepts';

export async function api(): Promise<KubeConceptsTestHooks> {
  const ext = vscode.extensions.getExtension<KubeConceptsTestHooks | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const exports = await ext.activate();
  assert.ok(exports, 'activate returns its test hooks (VS Code runs the extension in test mode)');
  await exports.store.ready;
  return exports;
}

export function workspaceFile(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

export async function openFixture(path: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(path));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The position of the n-th occurrence of `needle` in the document, plus `into` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, into = 1, nth = 1): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" occurs ${nth} time(s) in ${doc.uri.path}`);
  }
  return doc.positionAt(at + into);
}

export async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers
    .flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
    .join('\n---\n');
}

/** Only our hovers: the title line we write starts with **Title** · *Category*. */
export function ourHoverTitle(text: string): string | undefined {
  return /\*\*(.+?)\*\* · \*/.exec(text)?.[1]?.replace(/\\(.)/g, '$1');
}

/** Polls until `probe` returns a value (the workbench updates tabs and views asynchronously). */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10000,
): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > end) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Closes every open text editor without saving (untitled test documents would otherwise ask to be saved). */
export async function closeEditorsWithoutSaving(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) break;
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  // Reverting a large document can finish after the command returns (seen on a loaded machine): wait until no
  // editor is left, so that the next test's views do not follow a document that is still closing.
  await eventually(() => (vscode.window.visibleTextEditors.length === 0 ? true : undefined));
}
