/**
 * Team topics: Markdown topic files in the workspace (`.kube-concepts/` and the folders of
 * `kubeConcepts.knowledge.paths`), merged over the built-in knowledge. The whole pipeline lives here, behind a
 * file-system port and a scheduler: where to look, walking with limits, reading with checks, compiling, problems
 * per file, and reloads. Only trusted workspaces are read.
 */
import { compileTopics, type CompileInput } from './compile';
import type { Problem, Topic } from './model';
import { checkTopicBytes, MAX_TOPIC_FILE_BYTES, tooLargeProblem } from './parse';

export const TEAM_FOLDER = '.kube-concepts';
export const MAX_TEAM_FILES = 500;
/** Folders below a root that are still read: `<root>/1/2/3/4/x.md` is, `<root>/1/2/3/4/5/x.md` is not. */
export const MAX_TEAM_DEPTH = 4;
export const RELOAD_DELAY_MS = 250;

/** The scheme, authority and path of a URI (a `vscode.Uri` is one); paths are POSIX, absolute. */
export interface FileLocation {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
}

export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory';
}

export interface TeamFileSystem {
  /** The entries of a folder; rejects when there is no such folder. */
  list(dir: FileLocation): Promise<DirectoryEntry[]>;
  stat(file: FileLocation): Promise<{ size: number }>;
  read(file: FileLocation): Promise<Uint8Array>;
}

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TeamFolder {
  uri: FileLocation;
  /** `kubeConcepts.knowledge.paths` as it applies to this folder. */
  paths: readonly string[];
}

export interface TeamWorkspace {
  trusted: boolean;
  folders: readonly TeamFolder[];
}

export interface TeamStatus {
  trusted: boolean;
  files: number;
  topics: number;
  skipped: number;
}

export interface FileProblems {
  file: FileLocation;
  problems: Problem[];
}

export interface TeamLoad {
  status: TeamStatus;
  /** The topics to use: the built-in ones with team topics merged over them. Absent when nothing changed. */
  topics?: Topic[];
  /** Every problem of this load, grouped by the file (or folder) it is about. */
  problems: FileProblems[];
}

export interface TeamKnowledgeLoaderOptions {
  fs: TeamFileSystem;
  scheduler: Scheduler;
  /** Asked at the start of every load. */
  workspace: () => TeamWorkspace;
  builtinTopics: () => Promise<readonly Topic[]>;
  /** The path shown in problems, e.g. relative to the workspace folder. */
  displayPath: (file: FileLocation) => string;
  /** Receives every finished load, before `reload()` resolves. */
  onLoad: (load: TeamLoad) => void;
}

export class TeamKnowledgeLoader {
  private current: TeamStatus = { trusted: true, files: 0, topics: 0, skipped: 0 };
  private timer: unknown;
  private loading: Promise<TeamStatus> | undefined;
  private queued: Promise<TeamStatus> | undefined;

  constructor(private readonly options: TeamKnowledgeLoaderOptions) {}

  get status(): TeamStatus {
    return this.current;
  }

  /** The folders team topics come from, each once. */
  roots(): FileLocation[] {
    return teamRoots(this.options.workspace().folders);
  }

  /** Whether a change to this file can change the team topics. */
  isTeamFile(file: FileLocation): boolean {
    return (
      file.path.endsWith('.md') &&
      this.roots().some(
        root =>
          root.scheme === file.scheme && root.authority === file.authority && file.path.startsWith(root.path + '/'),
      )
    );
  }

  /**
   * Loads every team file now. A load already running may have listed the files before the change that prompted
   * this call, so one more load is queued after it; calls made meanwhile share that one.
   */
  reload(): Promise<TeamStatus> {
    this.cancelScheduled();
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

  /** Reloads a little later; further calls before then push it back, so a burst of changes costs one load. */
  schedule(): void {
    this.cancelScheduled();
    this.timer = this.options.scheduler.setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  dispose(): void {
    this.cancelScheduled();
  }

  private cancelScheduled(): void {
    if (this.timer === undefined) return;
    this.options.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async load(): Promise<TeamStatus> {
    const builtin = await this.options.builtinTopics();
    const workspace = this.options.workspace();
    if (!workspace.trusted)
      return this.finish({
        status: { trusted: false, files: 0, topics: 0, skipped: 0 },
        topics: [...builtin],
        problems: [],
      });

    const found = await findTeamFiles(this.options.fs, teamRoots(workspace.folders));
    const byPath = new Map<string, FileLocation>();
    const pathOf = (file: FileLocation) => {
      const path = this.options.displayPath(file);
      byPath.set(path, file);
      return path;
    };
    const problems: Problem[] = found.limits.map(({ file, message }) => ({
      file: pathOf(file),
      line: 1,
      column: 1,
      message,
    }));
    const skipped = new Set(found.unread.map(pathOf));
    const nothingBefore = this.current.trusted && this.current.files === 0;
    if (found.files.length === 0 && nothingBefore)
      return this.finish({ status: this.current, problems: groupByFile(problems, byPath) });

    const inputs: CompileInput[] = [];
    for (const file of found.files) {
      const path = pathOf(file);
      const read = await readTopicText(this.options.fs, file, path);
      if ('problem' in read) {
        problems.push(read.problem);
        skipped.add(path);
      } else inputs.push({ path, text: read.text, expectedId: baseName(file).replace(/\.md$/, '') });
    }
    const result = compileTopics(inputs, { base: builtin, origin: 'team' });
    problems.push(...result.problems);
    for (const path of result.skipped) skipped.add(path);
    const status = {
      trusted: true,
      files: found.files.length,
      topics: result.topics.filter(t => t.origin === 'team').length,
      skipped: skipped.size,
    };
    return this.finish({ status, topics: result.topics, problems: groupByFile(problems, byPath) });
  }

  private finish(load: TeamLoad): TeamStatus {
    this.current = load.status;
    this.options.onLoad(load);
    return load.status;
  }
}

/**
 * For each folder, its `.kube-concepts` and its own `kubeConcepts.knowledge.paths` (relative ones join the folder).
 * A folder named from several workspace folders (an absolute path, say) is listed once.
 */
export function teamRoots(folders: readonly TeamFolder[]): FileLocation[] {
  const roots = folders.flatMap(folder => [
    joinPath(folder.uri, TEAM_FOLDER),
    ...folder.paths
      .map(p => p.trim())
      .filter(p => p !== '')
      .map(p => (isAbsolute(p) ? atPath(folder.uri, p) : joinPath(folder.uri, p))),
  ]);
  return uniqueLocations(roots);
}

function uniqueLocations(locations: readonly FileLocation[]): FileLocation[] {
  const seen = new Set<string>();
  return locations.filter(l => !seen.has(locationKey(l)) && !!seen.add(locationKey(l)));
}

function locationKey(location: FileLocation): string {
  return `${location.scheme}://${location.authority}${location.path}`;
}

interface FoundFiles {
  /** Topic files to read, in a stable order. */
  files: FileLocation[];
  /** Files and folders left out by a limit, with why. */
  limits: Array<{ file: FileLocation; message: string }>;
  /** Files among `limits` (not folders). */
  unread: FileLocation[];
}

async function findTeamFiles(fs: TeamFileSystem, roots: readonly FileLocation[]): Promise<FoundFiles> {
  const found: FoundFiles = { files: [], limits: [], unread: [] };
  const seen = new Set<string>(); // a root inside another root lists its files twice
  let full = false;
  const visit = async (dir: FileLocation, depth: number): Promise<void> => {
    let entries: DirectoryEntry[];
    try {
      entries = await fs.list(dir);
    } catch {
      return; // no such folder: nothing to load
    }
    for (const { name, type } of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      if (full) return;
      const location = joinPath(dir, name);
      if (type === 'directory') {
        if (depth < MAX_TEAM_DEPTH) await visit(location, depth + 1);
        else
          found.limits.push({
            file: location,
            message: `folder not read: team topic files may be at most ${MAX_TEAM_DEPTH} folders deep`,
          });
      } else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md' && !seen.has(locationKey(location))) {
        seen.add(locationKey(location));
        if (found.files.length < MAX_TEAM_FILES) {
          found.files.push(location);
        } else {
          full = true;
          found.unread.push(location);
          found.limits.push({
            file: location,
            message: `not read, nor any file after it: at most ${MAX_TEAM_FILES} team topic files are read`,
          });
        }
      }
    }
  };
  for (const root of roots) if (!full) await visit(root, 0);
  return found;
}

/** Reads a topic file with the size, binary and UTF-8 checks; a file that fails one gets a problem instead. */
export async function readTopicText(
  fs: TeamFileSystem,
  file: FileLocation,
  path: string,
): Promise<{ text: string } | { problem: Problem }> {
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_TOPIC_FILE_BYTES) return { problem: tooLargeProblem(path, size) };
    const bytes = await fs.read(file);
    const problem = checkTopicBytes(path, bytes) ?? utf8Problem(path, bytes);
    return problem ? { problem } : { text: new TextDecoder('utf-8').decode(bytes) };
  } catch (error) {
    return { problem: { file: path, line: 1, column: 1, message: `cannot read the file: ${String(error)}` } };
  }
}

function utf8Problem(file: string, bytes: Uint8Array): Problem | undefined {
  const at = invalidUtf8Offset(bytes);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
  return { file, line, column: 1, message: 'file is not valid UTF-8 text' };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    let code = lead & (0x7f >> length);
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3f);
    }
    const shortest = [0, 0, 0x80, 0x800, 0x10000][length];
    if (code < shortest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

function groupByFile(problems: readonly Problem[], byPath: ReadonlyMap<string, FileLocation>): FileProblems[] {
  const groups = new Map<string, FileProblems>();
  for (const problem of problems) {
    const file = byPath.get(problem.file);
    if (!file) continue;
    const group = groups.get(problem.file) ?? { file, problems: [] };
    group.problems.push(problem);
    groups.set(problem.file, group);
  }
  return [...groups.values()];
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

function atPath(base: FileLocation, path: string): FileLocation {
  const posix = path.replace(/\\/g, '/');
  return {
    scheme: base.scheme,
    authority: base.authority,
    path: normalize(posix.startsWith('/') ? posix : `/${posix}`),
  };
}

function joinPath(base: FileLocation, relative: string): FileLocation {
  return atPath(base, `${base.path}/${relative.replace(/\\/g, '/')}`);
}

/** Resolves `.`, `..` and repeated slashes, as `vscode.Uri.joinPath` does. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function baseName(file: FileLocation): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}
