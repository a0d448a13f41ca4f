// UI tests: playwright-core clicks, hovers and reads the real workbench; screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, root, startServer } from '../lib/webHost.mjs';
import { hoverText, openFromExplorer, runCommand, topicPage, waitForWorkbench } from './workbench.mjs';

const OUT = join(root, 'test-results');

const tests = [
  ['hover NodePort in a Service manifest opened from the Explorer', async page => {
    await openFromExplorer(page, 'service.yaml');
    const text = await hoverText(page, 'NodePort', 'Open topic page', 3);
    assert.match(text, /NodePort/);
    assert.match(text, /30000/);
    assert.match(text, /Open topic page/);
    await page.screenshot({ path: join(OUT, 'hover-nodeport.png') });
  }],
  ['hover etcd in a Markdown file', async page => {
    await openFromExplorer(page, 'architecture.md');
    const text = await hoverText(page, 'in etcd,', 'Open topic page', 4);
    assert.match(text, /etcd/);
    assert.match(text, /key.value/i);
    await page.screenshot({ path: join(OUT, 'hover-etcd.png') });
  }],
  ['open a topic from the palette and read its page', async page => {
    await runCommand(page, 'Kubernetes Concepts: Search Topics…');
    await page.locator('.quick-input-widget input.input').fill('kube-proxy');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'kube-proxy' }).first().waitFor();
    await page.keyboard.press('Enter');
    const heading = topicPage(page).locator('h1#topic-title');
    await heading.waitFor({ timeout: 30000 });
    assert.equal(await heading.innerText(), 'kube-proxy');
    await page.screenshot({ path: join(OUT, 'topic-page.png') });
  }],
];

export async function runUiTests({ port = 3124 } = {}) {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ port });
  const { context, close } = await launchBrowser();
  let passed = 0, failed = 0;
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`http://localhost:${port}`);
    await waitForWorkbench(page);
    for (const [name, fn] of tests) {
      try {
        await fn(page);
        passed++;
        console.log(`  ✓ [ui] ${name}`);
      } catch (error) {
        failed++;
        console.log(`  ✗ [ui] ${name}\n      ${String(error.stack ?? error).split('\n').slice(0, 4).join('\n      ')}`);
        await page.screenshot({ path: join(OUT, `failure-${passed + failed}.png`) }).catch(() => {});
      }
      await page.keyboard.press('Escape').catch(() => {});
    }
  } finally {
    await close();
    server.close();
  }
  return { passed, failed };
}
