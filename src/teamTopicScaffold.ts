/** "Create Team Topic…": writes a valid topic file under `.kube-concepts/` and opens it. Never overwrites. */
import * as vscode from 'vscode';
import { teamTopicTemplate } from './core/teamTopicTemplate';
import { TEAM_FOLDER } from './teamKnowledge';

export interface NewTeamTopic {
  title?: string;
  category?: string;
}

export async function createTeamTopic(options: NewTeamTopic = {}): Promise<vscode.Uri | undefined> {
  const folder =
    vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder for the new team topic') });
  if (!folder) {
    if (!vscode.workspace.workspaceFolders?.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a folder first: team topics live in its {0} folder.', TEAM_FOLDER),
      );
    return undefined;
  }
  const title =
    options.title ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Team Topic'),
      prompt: vscode.l10n.t('The name of the concept, as your team writes it'),
      placeHolder: vscode.l10n.t('e.g. Platform Ingress Gateway'),
      validateInput: value => (value.trim() ? undefined : vscode.l10n.t('Type the name of the concept.')),
    }));
  const file = typeof title === 'string' ? teamTopicTemplate(title, options.category) : undefined;
  if (!file) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, TEAM_FOLDER, `${file.id}.md`);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (exists) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} already exists; it was opened instead of being overwritten.',
        vscode.workspace.asRelativePath(uri),
      ),
    );
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
