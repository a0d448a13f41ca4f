// `npm run test:desktop`: the integration suite in desktop VS Code (Electron, Node extension host) through
// @vscode/test-electron, which downloads VS Code from Microsoft's update server into .cache/vscode-test once.
// Offline (no cached VS Code and the server unreachable) it stops at once with one line saying so.
// On Linux without a display, run it under a virtual one: `xvfb-run -a npm run test:desktop`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { root } from './lib/webHost.mjs';

const UPDATE_HOST = 'update.code.visualstudio.com';
const OFFLINE =
  `test:desktop: cannot download VS Code from ${UPDATE_HOST} (offline?); run it on a machine with internet access, ` +
  'or use npm test for VS Code for the Web and npm run test:code-server';
const RESULT_PREFIX = 'KUBE-CONCEPTS-RESULT ';
const cachePath = join(root, '.cache/vscode-test');

async function reachable() {
  try {
    await fetch(`https://${UPDATE_HOST}/api/releases/stable`, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** A VS Code that an earlier run downloaded completely (test-electron then works offline). */
function cachedInstall() {
  return (
    existsSync(cachePath) &&
    readdirSync(cachePath).some(d => d.startsWith('vscode-') && existsSync(join(cachePath, d, 'is-complete')))
  );
}

function offline() {
  console.log(OFFLINE);
  process.exit(1);
}

if (!(await reachable()) && !cachedInstall()) offline();

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath, timeout: 15000, extensionDevelopmentPath: root });
} catch {
  offline();
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('test:desktop: no DISPLAY; if VS Code does not start, run it as: xvfb-run -a npm run test:desktop');
}

// The suite's last line (from report.ts) carries the counts: pick it out of VS Code's output as it passes by.
let result;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  for (const line of String(chunk).split('\n')) {
    const at = line.indexOf(RESULT_PREFIX);
    if (at >= 0)
      try {
        result = JSON.parse(line.slice(at + RESULT_PREFIX.length));
      } catch {
        /* a partial line */
      }
  }
  return write(chunk, ...rest);
};

let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    cachePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist/node/test/index.js'),
    extensionTestsEnv: { KUBE_CONCEPTS_HOST: 'desktop' },
    launchArgs: [join(root, 'test/fixtures/workspace'), '--disable-extensions'],
  });
} catch (error) {
  exitCode = error.code ?? 1;
  if (!result)
    console.log(
      `test:desktop: VS Code exited with ${error.code ?? error.signal ?? error.message} before the suite reported`,
    );
}
process.stdout.write = write;
const counts = result ?? { passed: 0, failed: 1 };
console.log(`desktop: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(exitCode === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
