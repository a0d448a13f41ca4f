/** "Create Team Topic…": writes a valid topic file under `.kube-concepts/` and opens it. Never overwrites. */
import * as vscode from 'vscode';
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
      validateInput: value => (toId(value) ? undefined : vscode.l10n.t('Use at least one letter or digit.')),
    }));
  if (!title || !toId(title)) return undefined;
  const category = options.category ?? 'team';
  const id = toId(title);
  const uri = vscode.Uri.joinPath(folder.uri, TEAM_FOLDER, `${id}.md`);
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
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(scaffold(id, title.trim(), category)));
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}

/** A kebab-case id from a title: `Platform Ingress Gateway` → `platform-ingress-gateway`. */
export function toId(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function scaffold(id: string, title: string, category: string): string {
  const quoted = JSON.stringify(title);
  return `---
id: ${id}
title: ${quoted}
category: ${category}
aliases: []
summary: >-
  One or two sentences (at most 240 characters) that a hover shows: what ${title.replace(/[:#]/g, '')} is and why it matters.
links:
  - title: Where your team documents it
    url: https://kubernetes.io/docs/home/
related: [kubernetes, cluster]
---
## What it is

Explain the concept in your own words: what it is, how it works in your clusters, and how it relates to the
Kubernetes concepts around it (link them like [Pods](topic:pod)).

## Example

\`\`\`yaml
# a short manifest or command
\`\`\`

## Pitfalls

- What people on your team get wrong about it.
`;
}
