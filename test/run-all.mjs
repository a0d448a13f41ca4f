// `npm test`: every level, in order, then one line that counts them all.
//   typecheck (tsc) -> lint (eslint) -> format check (prettier) -> build -> unit tests (mocha in Node) -> integration tests in VS Code for the Web
//   -> UI tests (playwright-core on the same workbench) [-> the same suite in code-server, with --code-server]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findBrowser } from './lib/browser.mjs';
import { root } from './lib/webHost.mjs';

const require = createRequire(import.meta.url);
const totals = { passed: 0, failed: 0 };
const levels = [];
const record = (name, result) => {
  totals.passed += result.passed;
  totals.failed += result.failed;
  levels.push(`${name}: ${result.passed} passed, ${result.failed} failed`);
};

function step(name, command, args) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

async function unitTests() {
  process.stdout.write('\n== unit tests (mocha, Node)\n');
  const Mocha = require('mocha');
  const mocha = new Mocha({ ui: 'tdd', reporter: 'dot', timeout: 20000 });
  for (const f of readdirSync(join(root, 'dist/unit')).filter(f => f.endsWith('.test.js')))
    mocha.addFile(join(root, 'dist/unit', f));
  await mocha.loadFilesAsync();
  const result = await new Promise(resolve => {
    let passed = 0,
      failed = 0;
    const runner = mocha.run(() => resolve({ passed, failed }));
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
  record('unit', result);
}

async function main() {
  step('typecheck (tsc --noEmit)', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.']);
  step('lint (eslint)', process.execPath, [
    join(dirname(require.resolve('eslint/package.json')), 'bin/eslint.js'),
    '--max-warnings=0',
    '.',
  ]);
  step('format (prettier --check)', process.execPath, [
    require.resolve('prettier/bin/prettier.cjs'),
    '--check',
    '--log-level=warn',
    '.',
  ]);
  const buildOk = step('build (esbuild.mjs)', process.execPath, ['esbuild.mjs']);
  if (!buildOk) return finish();
  await unitTests();

  let browserOk = true;
  try {
    const b = await findBrowser();
    console.log(`\nbrowser: ${b.path} (${b.source})`);
  } catch (error) {
    browserOk = false;
    console.error(`\n${error.message}`);
    record('browser', { passed: 0, failed: 1 });
  }
  if (browserOk) {
    process.stdout.write('\n== integration tests (VS Code for the Web 1.91.1)\n');
    const { runWebIntegration } = await import('./lib/integrationWeb.mjs');
    record('integration (web)', await runWebIntegration());
    process.stdout.write('\n== UI tests (playwright-core on the workbench)\n');
    const { runUiTests } = await import('./ui/run.mjs');
    record('ui (web)', await runUiTests());
  }
  if (process.argv.includes('--code-server')) {
    process.stdout.write('\n== code-server 4.100.3 (VS Code 1.100 Node extension host)\n');
    const { runCodeServerLevels } = await import('./lib/codeServer.mjs');
    for (const [name, result] of await runCodeServerLevels()) record(name, result);
  }
  finish();
}

function finish() {
  console.log('\n' + levels.join('\n'));
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  record('runner', { passed: 0, failed: 1 });
  finish();
});
