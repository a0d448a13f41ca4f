// UI tests: playwright-core clicks, hovers and reads the real workbench; screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, launchBrowser, root, startServer } from '../lib/webHost.mjs';
import {
  expectNodePortHover,
  hoverText,
  openFromExplorer,
  runCommand,
  setColorTheme,
  showKubeConceptsSidebar,
  topicPage,
  viewPane,
  waitForWorkbench,
} from './workbench.mjs';

const OUT = join(root, 'test-results');

/** Runs a palette command that asks for a topic, picks `title`, and waits for its page. */
async function openTopicFrom(page, command, title) {
  const input = page.locator('.quick-input-widget input.input[placeholder^="Type a term"]');
  // A topic page that is still loading can take the focus and close the picker (VS Code closes quick picks that
  // lose focus): then the picker is opened again.
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, command);
    try {
      // Wait for our topic picker to replace the palette before typing into it.
      await input.waitFor({ timeout: 15000 });
      await input.fill(title, { timeout: 5000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.keyboard.press('Enter');
  const heading = topicPage(page).locator('h1#topic-title', { hasText: title });
  await heading.waitFor({ timeout: 30000 });
  return heading;
}

async function expandView(page, title) {
  const header = page.locator('.pane-header', { hasText: title }).first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

async function screenshotsOfEverySurface(page, theme) {
  await openFromExplorer(page, 'service.yaml');
  await hoverText(page, 'NodePort', 'Open topic page', 3);
  await page.screenshot({ path: join(OUT, `hover-${theme}.png`) });
  await page.keyboard.press('Escape');
  await showKubeConceptsSidebar(page);
  await expandView(page, 'In This File');
  await viewPane(page, 'In This File')
    .locator('.monaco-list-row', { hasText: 'NodePort' })
    .first()
    .waitFor({ timeout: 20000 });
  await page.screenshot({ path: join(OUT, `sidebar-${theme}.png`) });
  await openTopicFrom(page, 'Kubernetes Concepts: Open Topic Page', 'Service');
  await page.screenshot({ path: join(OUT, `topic-page-${theme}.png`) });
}

const tests = [
  [
    'hover NodePort in a Service manifest opened from the Explorer',
    async page => {
      await openFromExplorer(page, 'service.yaml');
      await expectNodePortHover(page);
      await page.screenshot({ path: join(OUT, 'hover-nodeport.png') });
    },
  ],
  [
    'hover etcd in a Markdown file',
    async page => {
      await openFromExplorer(page, 'architecture.md');
      const text = await hoverText(page, 'in etcd,', 'Open topic page', 4);
      assert.match(text, /etcd/);
      assert.match(text, /key.value/i);
      await page.screenshot({ path: join(OUT, 'hover-etcd.png') });
    },
  ],
  [
    'the Topics view lists categories with counts and opens a topic',
    async page => {
      await showKubeConceptsSidebar(page);
      const topics = viewPane(page, 'Topics');
      const controlPlane = topics.locator('.monaco-list-row', { hasText: 'Control Plane' }).first();
      await controlPlane.waitFor({ timeout: 20000 });
      assert.match(await controlPlane.innerText(), /Control Plane\s*\d+/);
      await controlPlane.click();
      await topics.locator('.monaco-list-row', { hasText: 'kube-scheduler' }).first().click();
      assert.equal(await topicPage(page).locator('h1#topic-title').innerText(), 'kube-scheduler');
      await page.screenshot({ path: join(OUT, 'topics-tree.png') });
    },
  ],
  [
    'In This File lists the concepts of the open manifest',
    async page => {
      await openFromExplorer(page, 'service.yaml');
      await showKubeConceptsSidebar(page);
      await expandView(page, 'In This File');
      const row = viewPane(page, 'In This File').locator('.monaco-list-row', { hasText: 'NodePort' }).first();
      await row.waitFor({ timeout: 20000 });
      assert.match(await row.innerText(), /2×/);
      await page.screenshot({ path: join(OUT, 'in-this-file.png') });
    },
  ],
  [
    'open a topic from the palette, check its CSP, follow a related link',
    async page => {
      const heading = await openTopicFrom(page, 'Kubernetes Concepts: Search Topics…', 'kube-proxy');
      const frame = topicPage(page);
      assert.equal(await heading.innerText(), 'kube-proxy');
      const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'nonce-[0-9a-f]{16,}'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      await page.screenshot({ path: join(OUT, 'topic-page.png') });
      const link = frame.locator('section[aria-labelledby="related"] a[data-topic]').first();
      const target = await link.innerText();
      await link.click();
      await frame.locator('h1#topic-title', { hasText: target }).waitFor({ timeout: 15000 });
      await frame.locator('#back:not([disabled])').click();
      await frame.locator('h1#topic-title', { hasText: 'kube-proxy' }).waitFor({ timeout: 15000 });
    },
  ],
  [
    'a team topic whose body holds <script> shows it as text',
    async page => {
      await openTopicFrom(page, 'Kubernetes Concepts: Search Topics…', 'Acme Edge Gateway');
      const frame = topicPage(page);
      const body = frame.locator('article.body');
      assert.match(await body.innerText(), /<script>alert\('team topics are not trusted'\)<\/script>/);
      assert.equal(await body.locator('script').count(), 0, 'no script element in the page body');
      assert.equal(await body.locator('a[href^="command:"]').count(), 0, 'no command links');
      assert.match(await frame.locator('.breadcrumb').innerText(), /team topic/);
      await page.screenshot({ path: join(OUT, 'team-topic-page.png') });
      await openTopicFrom(page, 'Kubernetes Concepts: Open Topic Page', 'kube-proxy');
    },
  ],
  [
    'the topic page is restored after a window reload',
    async page => {
      await runCommand(page, 'Developer: Reload Window');
      await waitForWorkbench(page);
      const heading = topicPage(page).locator('h1#topic-title');
      await heading.waitFor({ timeout: 60000 });
      assert.equal(await heading.innerText(), 'kube-proxy');
    },
  ],
  ['screenshots of every surface in the light theme', page => screenshotsOfEverySurface(page, 'light')],
  [
    'screenshots of every surface in the dark theme',
    async page => {
      await openFromExplorer(page, 'service.yaml');
      await setColorTheme(page, 'Dark Modern');
      await screenshotsOfEverySurface(page, 'dark');
    },
  ],
];

export async function runUiTests() {
  const port = await freePort();
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ port });
  const { context, close } = await launchBrowser();
  let passed = 0,
    failed = 0;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://localhost:${port}`);
    await waitForWorkbench(page);
    for (const [name, fn] of tests) {
      try {
        await fn(page);
        passed++;
        console.log(`  ✓ [ui] ${name}`);
      } catch (error) {
        failed++;
        console.log(
          `  ✗ [ui] ${name}\n      ${String(error.stack ?? error)
            .split('\n')
            .slice(0, 4)
            .join('\n      ')}`,
        );
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
