// The code-server levels (`npm run test:code-server`, `npm test -- --code-server`): code-server 4.100.3 is
// VS Code 1.100's server, so the extension runs in the real Node extension host (through `main`), not the
// web worker. Installed offline into .cache/code-server by install-code-server.sh, driven by Chromium.
//   integration (code-server): the integration suite as a development extension, results over codeAutomationLog
//   vsix (code-server):        the packaged .vsix installed like a user would, checked, hovered and its page opened
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { format } from 'node:util';
import assert from 'node:assert/strict';
import { launchBrowser, root } from './webHost.mjs';
import { recompressVsix } from './recompress.mjs';
import { expectNodePortHover, openFromExplorer, topicPage, waitForWorkbench } from '../ui/workbench.mjs';

const require = createRequire(import.meta.url);
const VERSION = '4.100.3';
const INSTALL_DIR = join(root, '.cache/code-server');
const INSTALL_LOG = join(root, '.cache/code-server-install.log');
const ENTRY = join(INSTALL_DIR, 'node_modules/code-server/out/node/entry.js');
const FIXTURES = join(root, 'test/fixtures/workspace');
// code-server writes to real disk (the team tests create and delete files): it works on a copy of the fixtures.
let FOLDER = FIXTURES;
const OUT = join(root, 'test-results');
const RESULT_PREFIX = 'KUBE-CONCEPTS-RESULT ';
const verbose = !!process.env.VERBOSE;
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  // The fixtures live inside this project's repository: keep the built-in Git extension out of it.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export async function runCodeServerLevels(options = {}) {
  const copy = mkdtempSync(join(tmpdir(), 'kube-concepts-workspace-'));
  cpSync(FIXTURES, copy, { recursive: true });
  FOLDER = copy;
  try {
    return await runLevels(options);
  } finally {
    rmSync(copy, { recursive: true, force: true });
    FOLDER = FIXTURES;
  }
}

async function runLevels({ port = 8099, timeoutMs = 240000 } = {}) {
  mkdirSync(OUT, { recursive: true });
  const installError = install();
  const levels = [];
  for (const [name, run] of [
    ['integration (code-server)', integration],
    ['vsix (code-server)', vsix],
  ]) {
    const started = Date.now();
    let result;
    if (installError) result = setupFailure(name, installError);
    else {
      try {
        result = await run({ port: await freePort(port), timeoutMs });
      } catch (error) {
        result = setupFailure(name, error.message.split('\n')[0]);
      }
    }
    console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
    levels.push([name, result]);
  }
  return levels;
}

function setupFailure(name, reason) {
  console.log(`  ✗ [code-server] ${name}: ${reason}`);
  return { passed: 0, failed: 1 };
}

/** Runs install-code-server.sh (a no-op once done); returns why it failed, or undefined. */
function install() {
  const started = Date.now();
  if (!existsSync(join(INSTALL_DIR, `.installed-${VERSION}`))) {
    console.log(
      `installing code-server ${VERSION} into .cache/code-server (once, a minute or two; log: ${relative(root, INSTALL_LOG)})`,
    );
  }
  mkdirSync(dirname(INSTALL_LOG), { recursive: true });
  const log = openSync(INSTALL_LOG, 'w');
  const r = spawnSync('bash', [join(root, 'test/lib/install-code-server.sh'), INSTALL_DIR], {
    cwd: root,
    stdio: ['ignore', verbose ? 'inherit' : log, verbose ? 'inherit' : log],
    env: { ...process.env, CODE_SERVER_VERSION: VERSION },
  });
  closeSync(log);
  if (r.status === 0) {
    const last = readFileSync(INSTALL_LOG, 'utf8').trim().split('\n').pop() || `code-server ${VERSION} ready`;
    console.log(`${last} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return undefined;
  }
  const tail = readFileSync(INSTALL_LOG, 'utf8').trim().split('\n').slice(-15).join('\n');
  if (tail && !verbose) console.log(tail);
  return `installing code-server ${VERSION} failed (exit ${r.status ?? r.signal}); see ${relative(root, INSTALL_LOG)}`;
}

async function integration({ port, timeoutMs }) {
  return withCodeServer({ port, env: { KUBE_CONCEPTS_HOST: 'code-server' } }, async ({ authority, page, context }) => {
    let result;
    const finished = new Promise(resolve => {
      context.exposeBinding('codeAutomationLog', (_source, _type, args) => {
        const line = consoleLine(args);
        const at = line.indexOf(RESULT_PREFIX);
        if (at >= 0) result = JSON.parse(line.slice(at + RESULT_PREFIX.length));
        else if (verbose || /^\s+[✓✗]/.test(line)) console.log(line);
      });
      context.exposeBinding('codeAutomationExit', (_source, code) => resolve(code));
    });
    const remote = path => `vscode-remote://${authority}${encodeURI(path)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'dist/node/test/index.js'))],
    ];
    await page.goto(
      `http://${authority}/?folder=${encodeURIComponent(FOLDER)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    let timer;
    const exitCode = await Promise.race([
      finished,
      new Promise(resolve => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (exitCode === 'timeout') {
      console.log(`  ✗ [code-server] the suite did not finish within ${timeoutMs / 1000}s`);
      await page.screenshot({ path: join(OUT, 'code-server-integration-timeout.png') }).catch(() => {});
    }
    if (!result)
      return setupFailure(
        'integration (code-server)',
        `the extension host exited with ${exitCode} before reporting results`,
      );
    if (result.host !== 'code-server') console.log(`  (the suite reported host "${result.host}")`);
    return { passed: result.passed, failed: result.failed };
  });
}

/** What the package must hold, and nothing else (walkthrough pages are matched by folder). */
const PACKAGE_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/extension.js',
  'dist/knowledge/pages.zst',
  'dist/knowledge/topics.json',
  'media/activity-bar.svg',
  'media/icon.png',
  'media/topicPage.css',
  'media/topicPage.js',
  'package.json',
  'package.nls.json',
];
const MAX_PACKAGE_BYTES = 450 * 1024;

async function vsix({ port }) {
  const work = mkdtempSync(join(tmpdir(), 'kube-concepts-vsix-'));
  try {
    const file = packageVsix(work);
    const packaged = checkPackage(file, join(work, 'kube-concepts'));
    const installed = await withCodeServer({ port, vsix: file }, async ({ authority, page }) => {
      await page.goto(`http://${authority}/?folder=${encodeURIComponent(FOLDER)}`);
      const name = 'hover NodePort from the installed .vsix and open its page (Node extension host, production bundle)';
      try {
        await showExplorer(page);
        await waitForWorkbench(page);
        await openFromExplorer(page, 'service.yaml');
        await expectNodePortHover(page);
        await page.screenshot({ path: join(OUT, 'code-server-vsix-hover.png') });
        // The page body comes from the packaged, zstd-compressed pages.
        await page.locator('.monaco-hover-content a', { hasText: 'Open topic page' }).first().click();
        const body = topicPage(page).locator('article.body');
        await body.waitFor({ timeout: 30000 });
        assert.match(await body.innerText(), /reachable on a port of every node/);
        console.log(`  ✓ [code-server] ${name}`);
        return { passed: 1, failed: 0 };
      } catch (error) {
        console.log(
          `  ✗ [code-server] ${name}\n      ${String(error.stack ?? error)
            .split('\n')
            .slice(0, 4)
            .join('\n      ')}`,
        );
        await page.screenshot({ path: join(OUT, 'code-server-vsix-failure.png') }).catch(() => {});
        return { passed: 0, failed: 1 };
      }
    });
    return { passed: packaged.passed + installed.passed, failed: packaged.failed + installed.failed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function checkPackage(file, projectCopy) {
  const name = `the .vsix is at most ${MAX_PACKAGE_BYTES / 1024} KB and holds only what the extension needs`;
  try {
    const size = statSync(file).size;
    assert.ok(size <= MAX_PACKAGE_BYTES, `the .vsix is ${(size / 1024).toFixed(1)} KB`);
    const r = spawnSync(
      process.execPath,
      [join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce'), 'ls', '--no-dependencies'],
      { cwd: projectCopy, encoding: 'utf8' },
    );
    const listed = r.stdout
      .trim()
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean);
    const walkthrough = listed.filter(f => /^media\/walkthrough\/[\w-]+\.md$/.test(f));
    assert.ok(walkthrough.length >= 4, `walkthrough pages: ${walkthrough.join(', ')}`);
    assert.deepStrictEqual(listed.filter(f => !walkthrough.includes(f)).sort(), PACKAGE_FILES);
    console.log(`  ✓ [code-server] ${name} (${(size / 1024).toFixed(1)} KB)`);
    return { passed: 1, failed: 0 };
  } catch (error) {
    console.log(
      `  ✗ [code-server] ${name}\n      ${String(error.message ?? error)
        .split('\n')
        .slice(0, 12)
        .join('\n      ')}`,
    );
    return { passed: 0, failed: 1 };
  }
}

/** Opens the Explorer when the sidebar is closed or shows another view. */
async function showExplorer(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  const explorer = page.locator('.explorer-folders-view');
  await explorer.waitFor({ timeout: 10000 }).catch(async () => {
    await page.locator('.activitybar .action-item a.codicon-explorer-view-icon').first().click({ timeout: 10000 });
  });
}

/**
 * Packages the extension (vsce runs `vscode:prepublish`, the production build) in a copy of the project, so the project's dist/ keeps the
 * test bundles (and nobody else's run sees it change). Returns the .vsix path.
 */
function packageVsix(work) {
  const copy = join(work, 'kube-concepts');
  const skip = new Set(['node_modules', 'dist', '.cache', '.git', 'test-results'].map(d => join(root, d)));
  cpSync(root, copy, { recursive: true, filter: src => !skip.has(src) && !src.endsWith('.vsix') });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const run = (args, what) => {
    const r = spawnSync(process.execPath, args, { cwd: copy, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${what} failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    if (verbose) process.stdout.write(r.stdout);
  };
  const file = join(work, 'kube-concepts.vsix');
  run(
    [join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce'), 'package', '--no-dependencies', '-o', file],
    'vsce package',
  );
  recompressVsix(file);
  return file;
}

/**
 * Starts code-server on 127.0.0.1:port with a fresh user-data-dir and extensions-dir (after installing `vsix`
 * into it, if given) and opens a Chromium page; always stops both and removes the temp dirs.
 */
async function withCodeServer({ port, env = {}, vsix }, use) {
  const tmp = mkdtempSync(join(tmpdir(), 'kube-concepts-code-server-'));
  const dirs = [
    '--user-data-dir',
    join(tmp, 'user-data'),
    '--extensions-dir',
    join(tmp, 'extensions'),
    '--config',
    join(tmp, 'config.yaml'),
  ];
  // Everything code-server and VS Code's server write outside those dirs (~/.config, ~/.cache) goes to tmp too.
  env = {
    ...env,
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_DATA_HOME: join(tmp, 'data'),
    XDG_CACHE_HOME: join(tmp, 'cache'),
  };
  // No Get Started page or walkthrough at startup: it can open with the sidebar closed, hiding the Explorer.
  mkdirSync(join(tmp, 'user-data/User'), { recursive: true });
  writeFileSync(join(tmp, 'user-data/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  let server, browser;
  try {
    if (vsix) {
      try {
        const out = execFileSync(process.execPath, [ENTRY, ...dirs, '--install-extension', vsix], {
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 60000,
          env: { ...process.env, ...env },
        });
        if (verbose) process.stdout.write(out);
      } catch (error) {
        throw new Error(
          `code-server --install-extension failed: ${String(error.stderr || error.message)
            .trim()
            .split('\n')
            .pop()}`,
          { cause: error },
        );
      }
    }
    server = startCodeServer({ port, tmp, dirs, env });
    const authority = `127.0.0.1:${port}`;
    await waitUntilUp(`http://${authority}/healthz`, server, 60000);
    browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    if (verbose) page.on('console', m => console.log('[browser]', m.text()));
    return await use({ authority, page, context: browser.context });
  } finally {
    await browser?.close();
    if (server) await stop(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

function startCodeServer({ port, tmp, dirs, env }) {
  const args = [
    ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...dirs,
    FOLDER,
  ];
  // Its own process group, so that stopping it also stops the extension host and the other children.
  const child = spawn(process.execPath, args, {
    cwd: tmp,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.log = '';
  const collect = chunk => {
    child.log = (child.log + chunk).slice(-20000);
    if (verbose) process.stdout.write(`[code-server] ${chunk}`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.exited = new Promise(resolve => child.on('exit', (code, signal) => resolve(code ?? signal)));
  // Detached, it would survive the runner: take it down if the runner exits or is interrupted first.
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const interrupted = signal => {
    kill();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', kill);
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  child.exited.then(() => {
    process.off('exit', kill);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  });
  return child;
}

async function waitUntilUp(url, server, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let exit;
  server.exited.then(code => {
    exit = code;
  });
  while (Date.now() < end) {
    if (exit !== undefined)
      throw new Error(`code-server exited with ${exit} on start: ${server.log.trim().split('\n').pop()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000}s`);
}

async function stop(server) {
  const signal = sig => {
    try {
      process.kill(-server.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  let timer;
  const gone = await Promise.race([
    server.exited.then(() => true),
    new Promise(resolve => {
      timer = setTimeout(() => resolve(false), 5000);
    }),
  ]);
  clearTimeout(timer);
  // The group may outlive the main process (the extension host exits on its own schedule): make sure it is gone.
  signal('SIGKILL');
  if (!gone) await server.exited;
}

/** The first port from `start` that nobody listens on (3123/3124 belong to the web tests). */
async function freePort(start) {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise(resolve => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .once('listening', () => probe.close(() => resolve(true)));
      probe.listen(port, '127.0.0.1');
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${start}-${start + 99}`);
}

/** A console call forwarded from the extension host, as one line: `%c` styles and their CSS arguments dropped. */
function consoleLine(args) {
  const strings = args.map(a => (typeof a === 'string' ? a : JSON.stringify(a)));
  if (typeof args[0] === 'string' && args[0].includes('%c')) {
    const styles = (args[0].match(/%c/g) ?? []).length;
    return format(args[0].replace(/%c/g, ''), ...strings.slice(1 + styles)).trim();
  }
  return strings.join(' ');
}
