/**
 * Team topics in VS Code: maps the workspace file system and settings to the core's team knowledge loader, reloads on
 * the events that can change team topics, and publishes problems in the Problems panel and the output channel.
 */
import * as vscode from 'vscode';
import { formatProblem } from './core';
import {
  TeamKnowledgeLoader,
  type FileLocation,
  type TeamFileSystem,
  type TeamLoad,
  type TeamStatus,
} from './core/teamKnowledge';
import { knowledgePaths } from './config';
import { SETTINGS } from './contributions';
import type { KnowledgeStore } from './knowledgeStore';

export { TEAM_FOLDER, type TeamStatus } from './core/teamKnowledge';

const workspaceFileSystem: TeamFileSystem = {
  list: async dir =>
    (await vscode.workspace.fs.readDirectory(toUri(dir))).map(([name, type]) => ({
      name,
      type: type & vscode.FileType.Directory ? 'directory' : 'file',
    })),
  stat: file => Promise.resolve(vscode.workspace.fs.stat(toUri(file))),
  read: file => Promise.resolve(vscode.workspace.fs.readFile(toUri(file))),
};

export class TeamKnowledge implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kube-concepts');
  private readonly changed = new vscode.EventEmitter<TeamStatus>();
  readonly onDidChange = this.changed.event;
  private readonly loader: TeamKnowledgeLoader;
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.changed];
  private watchers: vscode.Disposable[] = [];

  constructor(
    private readonly store: KnowledgeStore,
    private readonly output: vscode.OutputChannel,
    isTrusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {
    this.loader = new TeamKnowledgeLoader({
      fs: workspaceFileSystem,
      scheduler: {
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
      },
      workspace: () => ({
        trusted: isTrusted(),
        folders: (vscode.workspace.workspaceFolders ?? []).map(folder => ({
          uri: folder.uri,
          paths: knowledgePaths(folder.uri),
        })),
      }),
      builtinTopics: async () => {
        await store.ready;
        return store.builtinTopics;
      },
      displayPath: file => vscode.workspace.asRelativePath(toUri(file)),
      onLoad: load => this.publish(load),
    });
    const rootsChanged = () => {
      this.watch();
      this.loader.schedule();
    };
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.loader.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(rootsChanged),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(SETTINGS.knowledgePaths.key)) rootsChanged();
      }),
      vscode.workspace.onDidSaveTextDocument(doc => {
        if (this.loader.isTeamFile(doc.uri)) this.loader.schedule();
      }),
    );
    this.watch();
  }

  get status(): TeamStatus {
    return this.loader.status;
  }

  /** Loads every team file now; a load already running is followed by one fresh load that concurrent calls share. */
  reload(): Promise<TeamStatus> {
    return this.loader.reload();
  }

  /** The folders team topics come from. */
  roots(): vscode.Uri[] {
    return this.loader.roots().map(toUri);
  }

  private publish(load: TeamLoad): void {
    this.diagnostics.clear();
    for (const { file, problems } of load.problems) {
      this.diagnostics.set(
        toUri(file),
        problems.map(p => {
          this.output.appendLine(formatProblem(p));
          const line = Math.max(0, p.line - 1);
          const range = new vscode.Range(line, Math.max(0, p.column - 1), line, Number.MAX_SAFE_INTEGER);
          const severity =
            p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
          const diagnostic = new vscode.Diagnostic(range, p.message, severity);
          diagnostic.source = 'Kubernetes Concepts';
          return diagnostic;
        }),
      );
    }
    if (load.topics) this.store.setTopics(load.topics);
    const { files, topics, skipped } = load.status;
    if (files > 0)
      this.output.appendLine(`Team knowledge: ${topics} topic(s) from ${files} file(s); ${skipped} file(s) skipped.`);
    this.changed.fire(load.status);
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.roots().map(root => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*.md'));
      watcher.onDidCreate(() => this.loader.schedule());
      watcher.onDidChange(() => this.loader.schedule());
      watcher.onDidDelete(() => this.loader.schedule());
      return watcher;
    });
  }

  dispose(): void {
    this.loader.dispose();
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function toUri(file: FileLocation): vscode.Uri {
  return file instanceof vscode.Uri ? file : vscode.Uri.from(file);
}
