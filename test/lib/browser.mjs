// Finds a Chromium to drive: CHROMIUM_PATH, then the system's Chromium or Chrome, then the headless Chromium that
// the npm dev dependency @sparticuz/chromium ships. Throws with the command that fixes it when none can run.
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const FIX_COMMAND = 'sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chrome/Chromium binary)';

export async function findBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. Fix: ${FIX_COMMAND}`);
    return { path: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  for (const path of SYSTEM_BROWSERS) if (existsSync(path) && runs(path)) return { path, source: 'system' };
  const bundled = await bundledChromium().catch(error => ({ error }));
  if (bundled.path && runs(bundled.path)) return { path: bundled.path, source: '@sparticuz/chromium' };
  const why = bundled.error
    ? ` (@sparticuz/chromium: ${bundled.error.message.split('\n')[0]})`
    : ' (@sparticuz/chromium did not start; it needs libnss3, libnspr4 and libexpat1)';
  throw new Error(`No Chromium that can run was found${why}. Fix: ${FIX_COMMAND}`);
}

function runs(path) {
  try {
    execFileSync(path, ['--headless', '--no-sandbox', '--disable-gpu', '--version'], { stdio: 'pipe', timeout: 20000 });
    return true;
  } catch {
    return false;
  }
}

// @sparticuz/chromium extracts itself into $TMPDIR/chromium and reuses whatever is there, whatever its version:
// give it a folder per version, and write a fontconfig that also sees the fonts it ships (without any font,
// Chromium aborts as soon as VS Code renders text).
async function bundledChromium() {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sparticuz/chromium');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8'));
  const dir = join(tmpdir(), `kube-concepts-chromium-${pkg.version}`);
  const done = join(dir, '.complete');
  if (!existsSync(done)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    const fontsConf = join(dir, 'fonts.conf');
    writeFileSync(
      fontsConf,
      `<?xml version="1.0"?>\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(done, '');
    process.env.FONTCONFIG_FILE ??= fontsConf;
    return { path };
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}
