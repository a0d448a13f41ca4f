// Builds everything from one source: the knowledge base, the extension bundle (package.json's `browser` and `main`),
// and the test bundles. `node esbuild.mjs --production` makes a minified extension bundle only (what `npm run package`
// ships). `node esbuild.mjs --watch` keeps rebuilding the bundles as sources change.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = new URL('.', import.meta.url).pathname;
/** The build's copies of src/core/apiLifecycle.ts and src/core/valueTables.ts (step 1a). */
let lifecycle;
let valueTables;
/** The knowledge tables bundles embed, each checked by its parser in the core. */
const TABLES = {
  'api-lifecycle.yaml': (text, file) => {
    const { rows, problems } = lifecycle.parseApiLifecycle(text, file);
    return { entries: rows, problems };
  },
  'field-values.yaml': (text, file) => valueTables.parseFieldValues(text, file),
  'well-known-keys.yaml': (text, file) => valueTables.parseWellKnownKeys(text, file),
};
/** Bundles that import a knowledge table get its checked entries as JSON (src/core/builtin*.ts). */
const knowledgeTables = {
  name: 'knowledge-tables',
  setup(build) {
    build.onLoad({ filter: /[\\/]knowledge[\\/][a-z-]+\.yaml$/ }, ({ path }) => {
      const file = relative(root, path);
      const parse = TABLES[file.slice('knowledge/'.length)];
      if (!parse) return { errors: [{ text: `${file} is not a knowledge table` }] };
      const text = readFileSync(path, 'utf8');
      const { entries, problems } = parse(text, file);
      const lines = text.split('\n');
      if (problems.length > 0)
        return {
          errors: problems.map(p => ({
            text: p.message,
            location: { file, line: p.line, column: p.column - 1, lineText: lines[p.line - 1] },
          })),
          watchFiles: [path],
        };
      // The sources of the value tables are for their readers; the lifecycle table's open migration notes.
      const shipped = file.endsWith('api-lifecycle.yaml')
        ? entries
        : entries.map(entry => ({ ...entry, source: undefined }));
      return { contents: JSON.stringify(shipped), loader: 'json', watchFiles: [path] };
    });
  },
};

const common = {
  plugins: [knowledgeTables],
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
};
const webCommon = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  define: { global: 'globalThis' },
};
const nodeCommon = { ...common, platform: 'node', target: 'node18' };

// 1. The knowledge base.
// 1a. The API lifecycle table, checked by the core's own parser: a broken row stops the build with file:line.
await esbuild.build({
  ...nodeCommon,
  sourcemap: false,
  minify: false,
  entryPoints: {
    apiLifecycle: 'src/core/apiLifecycle.ts',
    valueTables: 'src/core/valueTables.ts',
    model: 'src/core/model.ts',
  },
  outdir: 'dist/build',
});
const buildRequire = createRequire(import.meta.url);
lifecycle = buildRequire(join(root, 'dist/build/apiLifecycle.js'));
valueTables = buildRequire(join(root, 'dist/build/valueTables.js'));
const { formatProblem } = buildRequire(join(root, 'dist/build/model.js'));
const lifecyclePath = 'knowledge/api-lifecycle.yaml';
const lifecycleTable = lifecycle.parseApiLifecycle(readFileSync(join(root, lifecyclePath), 'utf8'), lifecyclePath);
if (lifecycleTable.problems.length > 0) {
  for (const p of lifecycleTable.problems) console.error(formatProblem(p));
  console.error(`knowledge: ${lifecycleTable.problems.length} problem(s) in ${lifecyclePath}; build stopped`);
  process.exit(1);
}
console.log(`knowledge: ${lifecycleTable.rows.length} API lifecycle rows -> embedded in the bundles`);

// 1b. The topics: compile knowledge/<category>/<id>.md with the core's own parser, fail on any problem.
await esbuild.build({
  ...nodeCommon,
  sourcemap: false,
  minify: false,
  entryPoints: { core: 'src/core/index.ts' },
  outdir: 'dist/build',
});
const core = buildRequire(join(root, 'dist/build/core.js'));
const knowledgeDir = join(root, 'knowledge');
const inputs = [];
for (const category of readdirSync(knowledgeDir, { withFileTypes: true })) {
  if (!category.isDirectory()) continue;
  for (const file of readdirSync(join(knowledgeDir, category.name))) {
    if (!file.endsWith('.md')) continue;
    const path = join(knowledgeDir, category.name, file);
    inputs.push({
      path: relative(root, path),
      text: readFileSync(path, 'utf8'),
      expectedId: file.slice(0, -3),
      expectedCategory: category.name,
    });
  }
}
const compiled = core.compileTopics(inputs, { knownCategories: core.BUILTIN_CATEGORY_IDS, origin: 'builtin' });
if (compiled.problems.length > 0) {
  for (const p of compiled.problems) console.error(core.formatProblem(p));
  console.error(
    `knowledge: ${compiled.problems.length} problem(s) in ${compiled.skipped.length} file(s); build stopped`,
  );
  process.exit(1);
}
// 1c. The value tables name topics of the knowledge: each must exist.
const topicIds = new Set(compiled.topics.map(t => t.id));
const tableProblems = [];
for (const name of ['field-values.yaml', 'well-known-keys.yaml']) {
  const file = `knowledge/${name}`;
  const { entries, lines, problems } = TABLES[name](readFileSync(join(root, file), 'utf8'), file);
  tableProblems.push(...problems);
  entries.forEach((entry, i) => {
    if (!topicIds.has(entry.topic))
      tableProblems.push({ file, line: lines[i], column: 1, message: `unknown topic "${entry.topic}"` });
  });
  console.log(`knowledge: ${entries.length} entries of ${file} -> embedded in the bundles`);
}
if (tableProblems.length > 0) {
  for (const p of tableProblems) console.error(core.formatProblem(p));
  console.error(`knowledge: ${tableProblems.length} problem(s) in the value tables; build stopped`);
  process.exit(1);
}

// Shipped as core.packTopics splits it: topic fields as JSON, the pages rendered to HTML in zstd-compressed groups
// (src/core/knowledgePack.ts).
const pack = core.packTopics(compiled.topics, zstd);
rmSync('dist/knowledge.json', { force: true }); // the single-file format of earlier builds
for (const old of ['bodies.json.zst', 'bodies.zst']) rmSync(`dist/knowledge/${old}`, { force: true }); // formats 1, 2
mkdirSync('dist/knowledge', { recursive: true });
writeFileSync(`dist/knowledge/${core.PACK_FILES.topics}`, pack.topics);
writeFileSync(`dist/knowledge/${core.PACK_FILES.pages}`, pack.pages);
console.log(`knowledge: ${compiled.topics.length} topics -> dist/knowledge/`);

/**
 * One zstd frame at level 19 that records its content size (without it fzstd decodes through an 8 MiB window, about
 * ten times slower) and no checksum (topics.json has a hash of each frame), made by the `zstd` command.
 */
function zstd(bytes) {
  const frame = compressZstd(bytes);
  // Frame header descriptor: a content size field, or a single segment (which implies one).
  if ((frame[4] & 0xe0) === 0) {
    console.error('knowledge: the zstd frame of the topic pages does not record its content size');
    process.exit(1);
  }
  return frame;
}

function compressZstd(bytes) {
  try {
    // Small blocks: fzstd decodes a block in one go, and the read-ahead of the pages should block only briefly. The
    // zstd command is used on every Node.js: Node's own zstd cannot be asked for small blocks.
    const args = [
      '-19',
      '-q',
      '-c',
      '--no-check',
      `--stream-size=${bytes.length}`,
      '--target-compressed-block-size=4096',
    ];
    return execFileSync('zstd', args, {
      input: bytes,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    console.error(
      `knowledge: compressing the topic pages needs the \`zstd\` command (${error.message.split('\n')[0]}); on Debian: apt-get install zstd`,
    );
    process.exit(1);
  }
}

// 2. The extension: one browser-platform bundle that package.json names as both `browser` and `main`. The source
// uses no Node-only API, so the web extension host and the Node one run the same file (tested in both), and the
// package does not carry a second copy of `yaml` and `marked`.
const bundles = [{ ...webCommon, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' }];

// 3. Tests and tools (not shipped).
if (!production) {
  const unitTests = readdirSync('test/unit')
    .filter(f => f.endsWith('.test.ts'))
    .map(f => `test/unit/${f}`);
  const tools = readdirSync('test/tools')
    .filter(f => f.endsWith('.ts'))
    .map(f => `test/tools/${f}`);
  bundles.push(
    {
      ...webCommon,
      entryPoints: {
        'web/test/index': 'test/integration/index.web.ts',
        'web/test/activationProbe': 'test/bench/activationProbe.ts',
      },
      outdir: 'dist',
      inject: ['test/integration/process-shim.js'],
    },
    {
      ...nodeCommon,
      entryPoints: { 'node/test/index': 'test/integration/index.node.ts' },
      outdir: 'dist',
      external: ['vscode', 'mocha'],
    },
    { ...nodeCommon, entryPoints: unitTests, outdir: 'dist/unit', external: ['mocha'] },
    { ...nodeCommon, entryPoints: tools, outdir: 'dist/tools' },
  );
}

if (watch) {
  // `npm run watch` (the F5 launch's pre-launch task): rebuilds the bundles on every source change. The knowledge
  // base above is built once; rerun the task after editing knowledge/.
  // The `[watch]` lines are what .vscode/tasks.json's problem matcher waits for.
  const announce = {
    name: 'announce',
    setup(build) {
      build.onStart(() => console.log('[watch] build started'));
      build.onEnd(result => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}\n    ${location?.file}:${location?.line}:${location?.column}:`);
        }
        console.log('[watch] build finished');
      });
    },
  };
  for (const options of bundles)
    await (await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), announce] })).watch();
  console.log('watching src/ and test/ for changes');
} else {
  await Promise.all(bundles.map(options => esbuild.build(options)));
}
