import * as assert from 'assert';
import { formatProblem, type Topic } from '../../src/core/model';
import {
  invalidUtf8Offset,
  MAX_TEAM_FILES,
  TeamKnowledgeLoader,
  type DirectoryEntry,
  type FileLocation,
  type TeamFileSystem,
  type TeamFolder,
  type TeamLoad,
} from '../../src/core/teamKnowledge';
import { topic } from './fixtures';

const encode = (text: string) => new TextEncoder().encode(text);
const teamTopic = (id: string) =>
  encode(
    `---\nid: ${id}\ntitle: ${id}\ncategory: platform\nsummary: A test topic.\nlinks:\n  - title: Docs\n    url: https://example.com/${id}\nrelated: [pod, service]\n---\nA body.\n`,
  );
const at = (path: string): FileLocation => ({ scheme: 'mem', authority: '', path });

type Operation = 'list' | 'stat' | 'read';

/** A file system in memory. `hold` pauses the next call of an operation after it has done its work. */
class MemoryFileSystem implements TeamFileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly calls: string[] = [];
  private held: { op: Operation; reached: () => void; release: Promise<void> } | undefined;

  constructor(files: Record<string, Uint8Array> = {}) {
    for (const [path, bytes] of Object.entries(files)) this.files.set(path, bytes);
  }

  /** The next `op` call answers only once `release()` is called; `reached` resolves when that call is made. */
  hold(op: Operation): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const wasReached = new Promise<void>(resolve => (reached = resolve));
    this.held = { op, reached, release: new Promise<void>(resolve => (release = resolve)) };
    return { reached: wasReached, release };
  }

  async list(dir: FileLocation): Promise<DirectoryEntry[]> {
    const prefix = dir.path + '/';
    const entries = new Map<string, DirectoryEntry>();
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...rest] = path.slice(prefix.length).split('/');
      entries.set(name, { name, type: rest.length > 0 ? 'directory' : 'file' });
    }
    return this.answer('list', dir, () => {
      if (entries.size === 0) throw new Error(`no such folder: ${dir.path}`);
      return [...entries.values()];
    });
  }

  stat(file: FileLocation): Promise<{ size: number }> {
    const bytes = this.files.get(file.path);
    return this.answer('stat', file, () => ({ size: this.existing(file, bytes).length }));
  }

  read(file: FileLocation): Promise<Uint8Array> {
    const bytes = this.files.get(file.path);
    return this.answer('read', file, () => this.existing(file, bytes));
  }

  private existing(file: FileLocation, bytes: Uint8Array | undefined): Uint8Array {
    if (!bytes) throw new Error(`no such file: ${file.path}`);
    return bytes;
  }

  private async answer<T>(op: Operation, location: FileLocation, result: () => T): Promise<T> {
    this.calls.push(`${op} ${location.path}`);
    const held = this.held;
    if (held?.op === op) {
      this.held = undefined;
      held.reached();
      await held.release;
    }
    return result();
  }
}

/** Timers that run only when the test says so. */
class ManualScheduler {
  private next = 0;
  readonly pending = new Map<number, () => void>();
  setTimeout(callback: () => void): unknown {
    this.pending.set(++this.next, callback);
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  runPending(): void {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    for (const callback of callbacks) callback();
  }
}

const BUILTIN: Topic[] = [topic('pod'), topic('service')];

function setup(options: { files?: Record<string, Uint8Array>; folders?: TeamFolder[]; trusted?: boolean } = {}) {
  const fs = new MemoryFileSystem(options.files);
  const scheduler = new ManualScheduler();
  const loads: TeamLoad[] = [];
  const waiting: Array<(load: TeamLoad) => void> = [];
  const workspace = { trusted: options.trusted ?? true, folders: options.folders ?? [{ uri: at('/ws'), paths: [] }] };
  const loader = new TeamKnowledgeLoader({
    fs,
    scheduler,
    workspace: () => workspace,
    builtinTopics: () => Promise.resolve(BUILTIN),
    displayPath: file => file.path.replace(/^\/ws\//, ''),
    onLoad: load => {
      loads.push(load);
      waiting.shift()?.(load);
    },
  });
  const nextLoad = () => new Promise<TeamLoad>(resolve => waiting.push(resolve));
  const teamIds = () =>
    (loads.at(-1)?.topics ?? [])
      .filter(t => t.origin === 'team')
      .map(t => t.id)
      .sort();
  const problems = () => (loads.at(-1)?.problems ?? []).flatMap(p => p.problems.map(formatProblem));
  return { fs, scheduler, loader, loads, nextLoad, teamIds, problems, workspace };
}

suite('Team knowledge: loading team topic files', () => {
  test('topic files under .kube-concepts load over the built-in ones, in a stable order, README.md aside', async () => {
    const { loader, teamIds, problems, fs } = setup({
      files: {
        '/ws/.kube-concepts/zeta.md': teamTopic('zeta'),
        '/ws/.kube-concepts/nested/alpha.md': teamTopic('alpha'),
        '/ws/.kube-concepts/README.md': encode('# Our team topics\n'),
        '/ws/.kube-concepts/notes.txt': encode('not a topic'),
      },
    });
    const status = await loader.reload();
    assert.deepStrictEqual(status, { trusted: true, files: 2, topics: 2, skipped: 0 });
    assert.deepStrictEqual(teamIds(), ['alpha', 'zeta']);
    assert.deepStrictEqual(problems(), []);
    assert.deepStrictEqual(
      fs.calls.filter(c => c.startsWith('read')),
      ['read /ws/.kube-concepts/nested/alpha.md', 'read /ws/.kube-concepts/zeta.md'],
    );
  });

  test('an absolute path shared by several folders is read once', async () => {
    const shared = ['/shared/team'];
    const { loader, teamIds, problems, fs } = setup({
      files: { '/shared/team/ours.md': teamTopic('ours') },
      folders: [
        { uri: at('/one'), paths: shared },
        { uri: at('/two'), paths: shared },
      ],
    });
    const status = await loader.reload();
    assert.deepStrictEqual(problems(), []);
    assert.deepStrictEqual(teamIds(), ['ours']);
    assert.deepStrictEqual(status, { trusted: true, files: 1, topics: 1, skipped: 0 });
    assert.strictEqual(fs.calls.filter(c => c === 'read /shared/team/ours.md').length, 1);
  });

  test('each folder reads only its own paths; relative ones join that folder, and one folder is read once', async () => {
    const { loader, teamIds, problems } = setup({
      files: {
        '/one/docs/team/mine.md': teamTopic('mine'),
        '/two/docs/team/not-mine.md': teamTopic('not-mine'),
        '/common/team/shared.md': teamTopic('shared'),
      },
      folders: [
        { uri: at('/one'), paths: ['docs/team', '../common/team', '  '] },
        { uri: at('/two'), paths: ['../common/team/'] },
      ],
    });
    assert.deepStrictEqual(
      loader.roots().map(r => r.path),
      ['/one/.kube-concepts', '/one/docs/team', '/common/team', '/two/.kube-concepts'],
    );
    await loader.reload();
    assert.deepStrictEqual(problems(), []);
    assert.deepStrictEqual(teamIds(), ['mine', 'shared']);
  });

  test('a file under a root and under a root inside it is read once', async () => {
    const { loader, teamIds, problems } = setup({
      files: { '/ws/.kube-concepts/platform/gateway.md': teamTopic('gateway') },
      folders: [{ uri: at('/ws'), paths: ['.kube-concepts/platform'] }],
    });
    await loader.reload();
    assert.deepStrictEqual(problems(), []);
    assert.deepStrictEqual(teamIds(), ['gateway']);
  });

  test('a team file is one under a root that ends in .md', () => {
    const { loader } = setup({ folders: [{ uri: at('/ws'), paths: ['/shared'] }] });
    assert.ok(loader.isTeamFile(at('/ws/.kube-concepts/a/b.md')));
    assert.ok(loader.isTeamFile(at('/shared/x.md')));
    assert.ok(!loader.isTeamFile(at('/ws/.kube-concepts/b.txt')));
    assert.ok(!loader.isTeamFile(at('/ws/.kube-concepts-old/b.md')));
    assert.ok(!loader.isTeamFile({ scheme: 'other', authority: '', path: '/shared/x.md' }));
  });

  test('an untrusted workspace reads nothing and uses the built-in topics only', async () => {
    const { loader, loads, fs } = setup({ files: { '/ws/.kube-concepts/a.md': teamTopic('a') }, trusted: false });
    const status = await loader.reload();
    assert.deepStrictEqual(status, { trusted: false, files: 0, topics: 0, skipped: 0 });
    assert.deepStrictEqual(fs.calls, []);
    assert.deepStrictEqual(loads[0].topics, BUILTIN);
  });

  test('a workspace without team files leaves the topics as they are', async () => {
    const { loader, loads } = setup();
    assert.deepStrictEqual(await loader.reload(), { trusted: true, files: 0, topics: 0, skipped: 0 });
    assert.strictEqual(loads[0].topics, undefined);
  });

  test('a removed last team file brings back the built-in topics', async () => {
    const { loader, loads, fs } = setup({ files: { '/ws/.kube-concepts/a.md': teamTopic('a') } });
    await loader.reload();
    fs.files.delete('/ws/.kube-concepts/a.md');
    assert.deepStrictEqual(await loader.reload(), { trusted: true, files: 0, topics: 0, skipped: 0 });
    assert.deepStrictEqual(loads[1].topics, BUILTIN);
  });
});

suite('Team knowledge: limits and broken files', () => {
  test('a folder deeper than the limit is reported and not read', async () => {
    const { loader, teamIds, problems } = setup({
      files: {
        '/ws/.kube-concepts/1/2/3/4/deep.md': teamTopic('deep'),
        '/ws/.kube-concepts/1/2/3/4/5/deeper.md': teamTopic('deeper'),
      },
    });
    await loader.reload();
    assert.deepStrictEqual(teamIds(), ['deep']);
    assert.deepStrictEqual(problems(), [
      '.kube-concepts/1/2/3/4/5:1:1: folder not read: team topic files may be at most 4 folders deep',
    ]);
  });

  test('files past the file limit are reported at the first one left out', async () => {
    const name = (i: number) => `t${String(i).padStart(3, '0')}`;
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_TEAM_FILES; i++) files[`/ws/.kube-concepts/${name(i)}.md`] = teamTopic(name(i));
    const { loader, teamIds, problems } = setup({ files });
    const status = await loader.reload();
    assert.deepStrictEqual(status, { trusted: true, files: MAX_TEAM_FILES, topics: MAX_TEAM_FILES, skipped: 1 });
    assert.ok(!teamIds().includes(name(MAX_TEAM_FILES)));
    assert.deepStrictEqual(problems(), [
      `.kube-concepts/${name(MAX_TEAM_FILES)}.md:1:1: not read, nor any file after it: at most 500 team topic files are read`,
    ]);
  });

  test('a file too large, binary or not UTF-8 gets a problem at its line; the others load', async () => {
    const { loader, teamIds, problems, loads } = setup({
      files: {
        '/ws/.kube-concepts/valid.md': teamTopic('valid'),
        '/ws/.kube-concepts/huge.md': new Uint8Array(300 * 1024).fill(97),
        '/ws/.kube-concepts/binary.md': encode('---\nid: binary\n\0\n'),
        '/ws/.kube-concepts/latin1.md': Uint8Array.from([...encode('---\nid: latin1\ntitle: R'), 0xe9, 0x73]),
      },
    });
    const status = await loader.reload();
    assert.deepStrictEqual(teamIds(), ['valid']);
    assert.deepStrictEqual(status, { trusted: true, files: 4, topics: 1, skipped: 3 });
    assert.deepStrictEqual(problems(), [
      '.kube-concepts/binary.md:3:1: file looks binary (it contains a NUL byte): a topic file is UTF-8 text',
      '.kube-concepts/huge.md:1:1: file is 300 KB; a topic file may be at most 256 KB',
      '.kube-concepts/latin1.md:3:1: file is not valid UTF-8 text',
    ]);
    assert.deepStrictEqual(
      loads[0].problems.map(p => p.file.path),
      ['/ws/.kube-concepts/binary.md', '/ws/.kube-concepts/huge.md', '/ws/.kube-concepts/latin1.md'],
    );
  });

  test('a file that vanishes between listing and reading is reported, not thrown', async () => {
    const { loader, fs, problems } = setup({ files: { '/ws/.kube-concepts/gone.md': teamTopic('gone') } });
    const listing = fs.hold('list');
    const loaded = loader.reload();
    await listing.reached;
    fs.files.delete('/ws/.kube-concepts/gone.md');
    listing.release();
    await loaded;
    assert.match(problems().join('\n'), /^\.kube-concepts\/gone\.md:1:1: cannot read the file: .*no such file/);
  });

  test('problems of the compiled topics come with their file and line', async () => {
    const { loader, problems } = setup({
      files: {
        '/ws/.kube-concepts/a.md': teamTopic('a'),
        '/ws/team/a.md': teamTopic('a'),
      },
      folders: [{ uri: at('/ws'), paths: ['team'] }],
    });
    const status = await loader.reload();
    assert.deepStrictEqual(problems(), ['team/a.md:2:1: duplicate id "a" (also in .kube-concepts/a.md:2)']);
    assert.strictEqual(status.skipped, 1);
  });

  test('UTF-8: well-formed text passes; stray, truncated, overlong and surrogate sequences are found', () => {
    assert.strictEqual(invalidUtf8Offset(encode('plain, é, ✓, 🚀, \uFEFF')), -1);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0x61, 0x80)), 1);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0x61, 0xe2, 0x9c)), 1);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0xc0, 0xaf)), 0);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0xe0, 0x80, 0xaf)), 0);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0xed, 0xa0, 0x80)), 0);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0xf4, 0x90, 0x80, 0x80)), 0);
    assert.strictEqual(invalidUtf8Offset(Uint8Array.of(0xc3, 0x28)), 0);
  });
});

suite('Team knowledge: reloads', () => {
  test('a file created while a load lists the files is there after a reload asked for meanwhile', async () => {
    const { loader, fs, teamIds } = setup({ files: { '/ws/.kube-concepts/early.md': teamTopic('early') } });
    const listing = fs.hold('list');
    const first = loader.reload();
    await listing.reached;
    fs.files.set('/ws/.kube-concepts/late.md', teamTopic('late'));
    const second = loader.reload();
    listing.release();
    assert.strictEqual((await first).files, 1, 'the running load had listed the files before');
    assert.strictEqual((await second).files, 2);
    assert.deepStrictEqual(teamIds(), ['early', 'late']);
  });

  test('a file created while a load reads the files is there after a reload asked for meanwhile', async () => {
    const { loader, fs, teamIds } = setup({ files: { '/ws/.kube-concepts/early.md': teamTopic('early') } });
    const reading = fs.hold('read');
    const first = loader.reload();
    await reading.reached;
    fs.files.set('/ws/.kube-concepts/late.md', teamTopic('late'));
    const second = loader.reload();
    reading.release();
    await first;
    await second;
    assert.deepStrictEqual(teamIds(), ['early', 'late']);
  });

  test('reloads asked for during a load share one load after it', async () => {
    const { loader, fs, loads } = setup({ files: { '/ws/.kube-concepts/a.md': teamTopic('a') } });
    const listing = fs.hold('list');
    const first = loader.reload();
    await listing.reached;
    const meanwhile = [loader.reload(), loader.reload(), loader.reload()];
    listing.release();
    await Promise.all([first, ...meanwhile]);
    assert.strictEqual(loads.length, 2);
    assert.strictEqual(fs.calls.filter(c => c === 'list /ws/.kube-concepts').length, 2);
  });

  test('scheduled reloads wait, and a burst of them makes one load', async () => {
    const { loader, scheduler, loads, nextLoad } = setup({ files: { '/ws/.kube-concepts/a.md': teamTopic('a') } });
    loader.schedule();
    loader.schedule();
    assert.strictEqual(loads.length, 0, 'nothing loads before the timer fires');
    assert.strictEqual(scheduler.pending.size, 1);
    const loaded = nextLoad();
    scheduler.runPending();
    assert.strictEqual((await loaded).status.topics, 1);
    assert.strictEqual(loads.length, 1);
    assert.strictEqual(scheduler.pending.size, 0);
  });

  test('reloading now cancels a scheduled reload; dispose cancels it too', async () => {
    const { loader, scheduler, loads } = setup();
    loader.schedule();
    await loader.reload();
    assert.strictEqual(scheduler.pending.size, 0);
    loader.schedule();
    loader.dispose();
    assert.strictEqual(scheduler.pending.size, 0);
    assert.strictEqual(loads.length, 1);
  });
});
