/**
 * Team topics: Markdown topic files in the workspace (`.kube-concepts/` and the folders of
 * `kubeConcepts.knowledge.paths`), merged over the built-in knowledge. Broken files are skipped and reported in the
 * Problems panel and the output channel; only trusted workspaces are read.
 */
import * as vscode from 'vscode';
import {
  checkTopicBytes,
  compileTopics,
  formatProblem,
  MAX_TOPIC_FILE_BYTES,
  tooLargeProblem,
  type CompileInput,
  type Problem,
} from './core';
import type { KnowledgeStore } from './knowledgeStore';

export const TEAM_FOLDER = '.kube-concepts';
const MAX_FILES = 500;
const MAX_DEPTH = 4;
const RELOAD_DELAY_MS = 250;

export interface TeamStatus {
  trusted: boolean;
  files: number;
  topics: number;
  skipped: number;
}

export class TeamKnowledge implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kube-concepts');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: TeamStatus = { trusted: true, files: 0, topics: 0, skipped: 0 };
  private readonly changed = new vscode.EventEmitter<TeamStatus>();
  readonly onDidChange = this.changed.event;
  private loading: Promise<TeamStatus> | undefined;
  private queued: Promise<TeamStatus> | undefined;

  constructor(
    private readonly store: KnowledgeStore,
    private readonly output: vscode.OutputChannel,
    private readonly isTrusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('kubeConcepts.knowledge.paths')) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument(doc => {
        if (this.isTeamFile(doc.uri)) this.schedule();
      }),
    );
  }

  get status(): TeamStatus {
    return this.current;
  }

  /**
   * Loads every team file now. A load already running may have listed the files before the change that prompted
   * this call, so one more load is queued after it; calls made meanwhile share that one.
   */
  reload(): Promise<TeamStatus> {
    clearTimeout(this.timer);
    if (this.loading) {
      this.queued ??= this.loading
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.reload();
        });
      return this.queued;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  /** The folders team topics come from, for each workspace folder. */
  roots(): vscode.Uri[] {
    const paths = vscode.workspace.getConfiguration('kubeConcepts.knowledge').get<unknown>('paths');
    const extra = Array.isArray(paths)
      ? paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      : [];
    return (vscode.workspace.workspaceFolders ?? []).flatMap(folder => [
      vscode.Uri.joinPath(folder.uri, TEAM_FOLDER),
      ...extra.map(p => (p.startsWith('/') ? folder.uri.with({ path: p }) : vscode.Uri.joinPath(folder.uri, p))),
    ]);
  }

  private isTeamFile(uri: vscode.Uri): boolean {
    return (
      uri.path.endsWith('.md') &&
      this.roots().some(root => uri.scheme === root.scheme && uri.path.startsWith(root.path + '/'))
    );
  }

  private async load(): Promise<TeamStatus> {
    await this.store.ready;
    this.watch();
    this.diagnostics.clear();
    if (!this.isTrusted()) {
      this.store.setTopics([...this.store.builtinTopics]);
      return this.publish({ trusted: false, files: 0, topics: 0, skipped: 0 });
    }
    const files = await this.findFiles();
    if (files.length === 0 && this.current.files === 0 && this.current.trusted) return this.publish(this.current); // nothing to merge
    const inputs: CompileInput[] = [];
    const problems: Problem[] = [];
    const uriOf = new Map<string, vscode.Uri>();
    for (const uri of files) {
      const path = vscode.workspace.asRelativePath(uri, false);
      uriOf.set(path, uri);
      const read = await readTopicFile(uri, path);
      if ('problem' in read) problems.push(read.problem);
      else inputs.push({ path, text: read.text, expectedId: uri.path.split('/').pop()!.replace(/\.md$/, '') });
    }
    const result = compileTopics(inputs, { base: this.store.builtinTopics, origin: 'team' });
    problems.push(...result.problems);
    this.report(problems, uriOf);
    this.store.setTopics(result.topics);
    const skipped = new Set([...result.skipped, ...problems.map(p => p.file)]).size;
    const teamTopics = result.topics.filter(t => t.origin === 'team').length;
    if (files.length > 0)
      this.output.appendLine(
        `Team knowledge: ${teamTopics} topic(s) from ${files.length} file(s); ${skipped} file(s) skipped.`,
      );
    return this.publish({ trusted: true, files: files.length, topics: teamTopics, skipped });
  }

  private publish(status: TeamStatus): TeamStatus {
    this.current = status;
    this.changed.fire(status);
    return status;
  }

  private report(problems: Problem[], uriOf: Map<string, vscode.Uri>): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      this.output.appendLine(formatProblem(p));
      const line = Math.max(0, p.line - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, Math.max(0, p.column - 1), line, Number.MAX_SAFE_INTEGER),
        p.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'Kubernetes Concepts';
      const list = byFile.get(p.file) ?? [];
      list.push(diagnostic);
      byFile.set(p.file, list);
    }
    for (const [file, list] of byFile) {
      const uri = uriOf.get(file);
      if (uri) this.diagnostics.set(uri, list);
    }
  }

  private async findFiles(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    const visit = async (dir: vscode.Uri, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return; // no such folder: nothing to load
      }
      for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        const uri = vscode.Uri.joinPath(dir, name);
        if (type & vscode.FileType.Directory) await visit(uri, depth + 1);
        else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md' && found.length < MAX_FILES)
          found.push(uri);
      }
    };
    for (const root of this.roots()) await visit(root, 0);
    return found;
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.roots().map(root => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*.md'));
      watcher.onDidCreate(() => this.schedule());
      watcher.onDidChange(() => this.schedule());
      watcher.onDidDelete(() => this.schedule());
      return watcher;
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

async function readTopicFile(uri: vscode.Uri, path: string): Promise<{ text: string } | { problem: Problem }> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_TOPIC_FILE_BYTES) return { problem: tooLargeProblem(path, stat.size) };
    const bytes = await vscode.workspace.fs.readFile(uri);
    const problem = checkTopicBytes(path, bytes);
    if (problem) return { problem };
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (error) {
    const message =
      error instanceof TypeError ? 'file is not valid UTF-8 text' : `cannot read the file: ${String(error)}`;
    return { problem: { file: path, line: 1, column: 1, message } };
  }
}
