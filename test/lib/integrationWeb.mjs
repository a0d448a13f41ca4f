// Runs the integration suite inside VS Code for the Web and returns its counts.
import { join } from 'node:path';
import { freePort, launchBrowser, root, startServer } from './webHost.mjs';

const RESULT_PREFIX = 'KUBE-CONCEPTS-RESULT ';

export async function runWebIntegration({ timeoutMs = 240000, verbose = !!process.env.VERBOSE } = {}) {
  const port = await freePort();
  const server = await startServer({ port, extensionTestsPath: join(root, 'dist/web/test/index.js'), log: verbose });
  const { context, close } = await launchBrowser();
  let result;
  try {
    const finished = new Promise(resolve => {
      context.exposeBinding('codeAutomationLog', (_source, type, args) => {
        const line = args.map(a => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
        else if (verbose || /^\s+[✓✗]/.test(line)) console.log(line);
      });
      context.exposeBinding('codeAutomationExit', (_source, code) => resolve(code));
    });
    const page = context.pages()[0] ?? (await context.newPage());
    if (verbose) page.on('console', m => console.log('[browser]', m.text()));
    await page.goto(`http://localhost:${port}`);
    let timer;
    const exitCode = await Promise.race([
      finished,
      new Promise(resolve => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (exitCode === 'timeout') console.log(`  ✗ [web] the suite did not finish within ${timeoutMs / 1000}s`);
    if (!result) return { passed: 0, failed: 1, note: `web host exited with ${exitCode} before reporting results` };
    return result;
  } finally {
    await close();
    server.close();
  }
}
