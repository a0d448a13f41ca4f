/** The Kubernetes release manifests target: read per document, shown in the status bar, picked from a list. */
import * as vscode from 'vscode';
import { readSettings, setKubernetesVersion } from './config';
import { COMMANDS, SETTINGS, STATUS_BAR_ITEMS } from './contributions';
import {
  BUILTIN_API_LIFECYCLE,
  changesByRelease,
  DIAGNOSED_LANGUAGES,
  NEWEST_RELEASE,
  releasesNewestFirst,
  type ApiLifecycle,
  type ReleaseChanges,
} from './core';

export class TargetVersion implements vscode.Disposable {
  /** Bad setting values already reported: each gets one message, not one per read. */
  private readonly warned = new Set<string>();
  private readonly item = vscode.window.createStatusBarItem(
    STATUS_BAR_ITEMS.targetVersion,
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.item.name = vscode.l10n.t('Kubernetes Target Version');
    this.item.command = COMMANDS.setTargetVersion;
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // A language change reopens the document.
      vscode.workspace.onDidOpenTextDocument(doc => {
        if (doc === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(SETTINGS.kubernetesVersion.key)) this.update();
      }),
    ];
    this.update();
  }

  /** The release that applies to `scope` (a document or folder); reports a bad setting value once. */
  of(scope?: vscode.ConfigurationScope): string {
    const { release, problem, value } = readSettings(scope).kubernetesVersion;
    if (problem) this.warn(value, problem);
    return release;
  }

  /** The target picker; writes the workspace folder's setting when a folder is open, else the user's. */
  async pick(): Promise<string | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    const folder =
      (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
    const current = this.of(document ?? folder);
    const changes = new Map(changesByRelease(BUILTIN_API_LIFECYCLE.rows).map(c => [c.release, c] as const));
    const items = releasesNewestFirst().map(release => ({
      label: release,
      description: [
        release === current ? vscode.l10n.t('current target') : '',
        release === NEWEST_RELEASE ? vscode.l10n.t('newest') : '',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: describeChanges(changes.get(release)),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Target Kubernetes Version'),
      placeHolder: vscode.l10n.t('The release your manifests are for: hovers and API diagnostics follow it'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    await setKubernetesVersion(picked.label, folder);
    return picked.label;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !DIAGNOSED_LANGUAGES.has(document.languageId)) {
      this.item.hide();
      return;
    }
    const { release, problem, value } = readSettings(document).kubernetesVersion;
    if (problem) this.warn(value, problem);
    this.item.text = `${problem ? '$(warning) ' : ''}K8s ${release}`;
    this.item.tooltip = problem
      ? vscode.l10n.t(
          '{0}: {1}. Using Kubernetes {2}. Click to choose a release.',
          SETTINGS.kubernetesVersion.key,
          problem,
          release,
        )
      : vscode.l10n.t(
          'Hovers and API diagnostics describe Kubernetes {0} (setting {1}). Click to choose another release.',
          release,
          SETTINGS.kubernetesVersion.key,
        );
    this.item.show();
  }

  private warn(value: unknown, problem: string): void {
    const key = JSON.stringify(value) ?? String(value);
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const openSettings = vscode.l10n.t('Open Settings');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Kubernetes Concepts: {0}: {1}. Using Kubernetes {2}, the newest release it knows.',
          SETTINGS.kubernetesVersion.key,
          problem,
          NEWEST_RELEASE,
        ),
        openSettings,
      )
      .then(choice => {
        if (choice === openSettings)
          void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.kubernetesVersion.key);
      });
  }
}

/** "removes 7 APIs: batch/v1beta1 CronJob, …" for the picker. */
function describeChanges(changes: ReleaseChanges | undefined): string {
  const names = (rows: readonly ApiLifecycle[]) =>
    rows
      .slice(0, 3)
      .map(r => `${r.apiVersion} ${r.kind}`)
      .join(', ') + (rows.length > 3 ? ', …' : '');
  const parts: string[] = [];
  const add = (rows: readonly ApiLifecycle[] | undefined, one: string, many: string) => {
    if (rows && rows.length > 0)
      parts.push(`${vscode.l10n.t(rows.length === 1 ? one : many, rows.length)}: ${names(rows)}`);
  };
  add(changes?.removed, 'removes {0} API', 'removes {0} APIs');
  add(changes?.deprecated, 'deprecates {0} API', 'deprecates {0} APIs');
  add(changes?.introduced, 'introduces {0} API', 'introduces {0} APIs');
  return parts.length > 0 ? parts.join(' · ') : vscode.l10n.t('no API removed, deprecated or introduced');
}
