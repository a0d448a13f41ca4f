import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, eventually, hoverText, openFixture, positionOf } from './helpers';

const FIXTURE = 'legacy/deployment.yaml';
const SOURCE = 'Kubernetes Concepts';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === SOURCE);
}

/** Waits until our diagnostics of `uri` satisfy `ready` (they refresh after a debounce), and returns them. */
async function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const found = await eventually(() => {
    const diagnostics = ours(uri);
    return ready(diagnostics) ? diagnostics : undefined;
  });
  assert.ok(found, `${what}; got ${JSON.stringify(ours(uri).map(d => [d.severity, d.message]))}`);
  return found;
}

async function setSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}

suite('API diagnostics in a real VS Code', () => {
  suiteSetup(async () => {
    await api();
  });

  teardown(async () => {
    await setSetting('kubeConcepts', 'kubernetesVersion', undefined);
    await setSetting('kubeConcepts.diagnostics', 'enabled', undefined);
    const doc = await openFixture(FIXTURE);
    if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('an extensions/v1beta1 Deployment gets an error on its apiVersion', async () => {
    const doc = await openFixture(FIXTURE);
    const [d] = await diagnosticsWhen(doc.uri, ds => ds.length === 1, 'one diagnostic');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(d.range), 'extensions/v1beta1');
    assert.match(d.message, /Removed in 1\.16; your target is 1\.37\. Use apps\/v1\./);
  });

  test('the quick fix rewrites it to apps/v1 and the error goes away', async () => {
    const doc = await openFixture(FIXTURE);
    const [d] = await diagnosticsWhen(doc.uri, ds => ds.length === 1, 'one diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map(a => a.title);
    const fix = actions.find(a => a.title.startsWith('Change apiVersion to apps/v1'));
    assert.ok(fix?.edit, `a rewrite among ${JSON.stringify(titles)}`);
    assert.match(fix.title, /then check: spec\.selector/, 'not mechanical: the title says what to check');
    assert.ok(titles.includes('Open migration notes for Deployment'), JSON.stringify(titles));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /^apiVersion: apps\/v1$/m);
    await diagnosticsWhen(doc.uri, ds => ds.length === 0, 'no diagnostic after the fix');
  });

  test('a target of 1.15 turns the error into a warning', async () => {
    const doc = await openFixture(FIXTURE);
    await diagnosticsWhen(doc.uri, ds => ds[0]?.severity === vscode.DiagnosticSeverity.Error, 'an error at 1.37');
    await setSetting('kubeConcepts', 'kubernetesVersion', '1.15');
    const [d] = await diagnosticsWhen(
      doc.uri,
      ds => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning,
      'a warning at 1.15',
    );
    assert.match(d.message, /Still served in 1\.15, your target; removed in 1\.16\./);
  });

  test('turning diagnostics off clears them, turning them on brings them back', async () => {
    const doc = await openFixture(FIXTURE);
    await diagnosticsWhen(doc.uri, ds => ds.length === 1, 'one diagnostic');
    await setSetting('kubeConcepts.diagnostics', 'enabled', false);
    await diagnosticsWhen(doc.uri, ds => ds.length === 0, 'none when disabled');
    await setSetting('kubeConcepts.diagnostics', 'enabled', true);
    await diagnosticsWhen(doc.uri, ds => ds.length === 1, 'back when enabled');
  });

  test('the hovers on apiVersion and kind say what the target release means', async () => {
    const doc = await openFixture(FIXTURE);
    const onApiVersion = await hoverText(doc, positionOf(doc, 'extensions/v1beta1', 3));
    // Markdown escapes the dots: "1\\.16".
    assert.match(onApiVersion, /Removed in 1\\?\.16; your target is 1\\?\.37\\?\. Use `apps\/v1`/);
    const onKind = await hoverText(doc, positionOf(doc, 'Deployment', 3));
    assert.match(onKind, /Removed in 1\\?\.16; your target is 1\\?\.37/);
    const onService = await hoverText(doc, positionOf(doc, 'kind: Service', 'kind: '.length + 2));
    assert.match(onService, /Served in 1\\?\.37, your target/, 'the Service document has its own line');
    assert.doesNotMatch(onService, /Removed/);
  });
});
