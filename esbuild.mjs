// Builds everything from one source: the knowledge base, the `browser` and `main` bundles, and the test bundles.
// `node esbuild.mjs --production` makes minified extension bundles only (what `npm run package` ships).
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const root = new URL('.', import.meta.url).pathname;
const common = { bundle: true, format: 'cjs', external: ['vscode'], logLevel: 'warning', sourcemap: !production, minify: production, legalComments: 'none' };
const webCommon = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], define: { global: 'globalThis' } };
const nodeCommon = { ...common, platform: 'node', target: 'node18' };

// 1. The knowledge base: compile knowledge/<category>/<id>.md with the core's own parser, fail on any problem.
await esbuild.build({ ...nodeCommon, sourcemap: false, minify: false, entryPoints: { core: 'src/core/index.ts' }, outdir: 'dist/build' });
const core = createRequire(import.meta.url)(join(root, 'dist/build/core.js'));
const knowledgeDir = join(root, 'knowledge');
const inputs = [];
for (const category of readdirSync(knowledgeDir, { withFileTypes: true })) {
  if (!category.isDirectory()) continue;
  for (const file of readdirSync(join(knowledgeDir, category.name))) {
    if (!file.endsWith('.md')) continue;
    const path = join(knowledgeDir, category.name, file);
    inputs.push({ path: relative(root, path), text: readFileSync(path, 'utf8'), expectedId: file.slice(0, -3), expectedCategory: category.name });
  }
}
const compiled = core.compileTopics(inputs, { knownCategories: core.BUILTIN_CATEGORY_IDS, origin: 'builtin' });
if (compiled.problems.length > 0) {
  for (const p of compiled.problems) console.error(core.formatProblem(p));
  console.error(`knowledge: ${compiled.problems.length} problem(s) in ${compiled.skipped.length} file(s); build stopped`);
  process.exit(1);
}
mkdirSync('dist', { recursive: true });
writeFileSync('dist/knowledge.json', JSON.stringify(compiled.topics));
console.log(`knowledge: ${compiled.topics.length} topics -> dist/knowledge.json`);

// 2. The extension, for the web extension host (`browser`) and the Node one (`main`).
await Promise.all([
  esbuild.build({ ...webCommon, entryPoints: { 'web/extension': 'src/extension.ts' }, outdir: 'dist' }),
  esbuild.build({ ...nodeCommon, entryPoints: { 'node/extension': 'src/extension.ts' }, outdir: 'dist' }),
]);

// 3. Tests and tools (not shipped).
if (!production) {
  const unitTests = readdirSync('test/unit').filter(f => f.endsWith('.test.ts')).map(f => `test/unit/${f}`);
  await Promise.all([
    esbuild.build({ ...webCommon, entryPoints: { 'web/test/index': 'test/integration/index.web.ts', 'web/test/activationProbe': 'test/bench/activationProbe.ts' }, outdir: 'dist', inject: ['test/integration/process-shim.js'] }),
    esbuild.build({ ...nodeCommon, entryPoints: { 'node/test/index': 'test/integration/index.node.ts' }, outdir: 'dist', external: ['vscode', 'mocha'] }),
    esbuild.build({ ...nodeCommon, entryPoints: unitTests, outdir: 'dist/unit', external: ['mocha'] }),
    ...(existsSync('test/tools') ? [esbuild.build({ ...nodeCommon, entryPoints: readdirSync('test/tools').filter(f => f.endsWith('.ts')).map(f => `test/tools/${f}`), outdir: 'dist/tools' })] : []),
  ]);
}
