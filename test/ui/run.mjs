// UI tests: playwright-core clicks, hovers and reads the real workbench; screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, launchBrowser, root, startServer } from '../lib/webHost.mjs';
import {
  expectNodePortHover,
  hoverText,
  moveMouseAwayFromHovers,
  openFromExplorer,
  runCommand,
  setColorTheme,
  showExplorer,
  showKubeConceptsSidebar,
  textPoint,
  topicPage,
  viewPane,
  waitForWorkbench,
} from './workbench.mjs';

const OUT = join(root, 'test-results');

/** Runs a palette command that asks for a topic, picks `title`, and waits for its page. */
async function openTopicFrom(page, command, title) {
  await runCommand(page, command);
  // Our topic picker replaces the palette: wait for it before typing into it.
  const input = page.locator('.quick-input-widget input.input[placeholder^="Type a term"]');
  await input.waitFor({ timeout: 15000 });
  await input.fill(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  const heading = topicPage(page).locator('h1#topic-title', { hasText: title });
  await heading.waitFor({ timeout: 30000 });
  return heading;
}

/** Expands a collapsible row (a sidebar view's header or a tree row) unless it is expanded already. */
async function expand(row) {
  await row.waitFor({ timeout: 20000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ timeout: 10000 });
}

async function expandView(page, title) {
  await expand(page.locator('.pane-header', { hasText: title }).first());
}

async function collapseView(page, title) {
  const header = page.locator('.pane-header', { hasText: title }).first();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  await header.and(page.locator('[aria-expanded="false"]')).waitFor({ timeout: 10000 });
}

/** Collapses every category of the Topics view with its title-bar action, so that all categories fit on screen. */
async function collapseAllTopics(page) {
  const header = page.locator('.pane-header', { hasText: 'Topics' }).first();
  await header.hover();
  await header.locator('.actions a[aria-label^="Collapse All"]').click();
  await viewPane(page, 'Topics').locator('.monaco-list-row[aria-expanded="true"]').first().waitFor({ state: 'hidden' });
}

async function screenshotsOfEverySurface(page, themeName, label) {
  await openFromExplorer(page, 'service.yaml');
  await setColorTheme(page, themeName);
  await hoverText(page, 'NodePort', 'Open topic page', 3);
  await page.screenshot({ path: join(OUT, `hover-${label}.png`) });
  await moveMouseAwayFromHovers(page);
  await showKubeConceptsSidebar(page);
  await expandView(page, 'In This File');
  await viewPane(page, 'In This File')
    .locator('.monaco-list-row', { hasText: 'NodePort' })
    .first()
    .waitFor({ timeout: 20000 });
  await page.screenshot({ path: join(OUT, `sidebar-${label}.png`) });
  await openTopicFrom(page, 'Kubernetes Concepts: Open Topic Page', 'Service');
  await page.screenshot({ path: join(OUT, `topic-page-${label}.png`) });
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
      await expand(controlPlane);
      await topics.locator('.monaco-list-row', { hasText: 'kube-scheduler' }).first().click();
      await topicPage(page).locator('h1#topic-title', { hasText: 'kube-scheduler' }).waitFor({ timeout: 30000 });
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
      // Team topics load after activation: their category in the Topics view says they are in.
      await showKubeConceptsSidebar(page);
      await collapseView(page, 'In This File');
      await collapseAllTopics(page);
      await viewPane(page, 'Topics')
        .locator('.monaco-list-row', { hasText: 'Platform' })
        .first()
        .waitFor({ timeout: 30000 });
      await openTopicFrom(page, 'Kubernetes Concepts: Search Topics…', 'Acme Edge Gateway');
      const frame = topicPage(page);
      const body = frame.locator('article.body');
      assert.match(await body.innerText(), /<script>alert\('team topics are not trusted'\)<\/script>/);
      assert.equal(await body.locator('script').count(), 0, 'no script element in the page body');
      assert.equal(await body.locator('a[href^="command:"]').count(), 0, 'no command links');
      assert.match(await frame.locator('.breadcrumb').innerText(), /team topic/);
      await page.screenshot({ path: join(OUT, 'team-topic-page.png') });
    },
  ],
  [
    'hovering a term of a hostile team topic loads nothing remote',
    async page => {
      const requests = [];
      const record = request => requests.push(request.url());
      page.context().on('request', record);
      try {
        await openFromExplorer(page, 'hostile-notes.md');
        // Team topics load after activation: wait for this one in the Topics view before hovering its alias.
        await showKubeConceptsSidebar(page);
        await collapseView(page, 'In This File');
        await collapseAllTopics(page);
        await expand(viewPane(page, 'Topics').locator('.monaco-list-row', { hasText: 'Platform' }).first());
        await viewPane(page, 'Topics')
          .locator('.monaco-list-row', { hasText: 'Hostile Markdown' })
          .first()
          .waitFor({ timeout: 30000 });
        requests.length = 0;
        const text = await hoverText(page, 'hostile probe', 'Open topic page');
        assert.match(text, /Hostile Markdown/);
        assert.match(text, /!\[a pixel\]\(https:\/\/evil\.example\/summary\.png/, 'the image shows as text');
        const hover = page.locator('.monaco-hover-content').filter({ hasText: 'Open topic page' }).first();
        assert.equal(await hover.locator('img').count(), 0, 'no image in the hover');
        await page.screenshot({ path: join(OUT, 'hover-hostile-team-topic.png') });
        await moveMouseAwayFromHovers(page);
      } finally {
        page.context().off('request', record);
      }
      const remote = requests.filter(url => !/^(data|blob):|^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url));
      assert.deepEqual(remote, [], `requests while hovering (${requests.length} in all)`);
    },
  ],
  [
    'an external link on a topic page opens once, through the confirmation',
    async page => {
      await openTopicFrom(page, 'Kubernetes Concepts: Open Topic Page', 'kube-proxy');
      const frame = topicPage(page);
      const link = frame.locator('section[aria-labelledby="docs"] a[data-external]').first();
      assert.equal(await link.getAttribute('href'), '#', 'no real href for the webview host to open by itself');
      const popups = [];
      const recordPopup = p => popups.push(p.url());
      page.context().on('page', recordPopup);
      try {
        const dialog = page.locator('.monaco-dialog-box', { hasText: /open the external website/i });
        await link.click();
        await dialog.waitFor({ timeout: 15000 });
        assert.equal(await page.locator('.monaco-dialog-box').count(), 1, 'one confirmation');
        assert.match(await dialog.innerText(), /kubernetes\.io/);
        assert.deepEqual(popups, [], 'nothing opened before the confirmation');
        await page.screenshot({ path: join(OUT, 'external-link-confirmation.png') });
        await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 10000 });
        // A round trip through the page and the extension after the click: a second open would show by now.
        const related = frame.locator('section[aria-labelledby="related"] a[data-topic]').first();
        const target = await related.innerText();
        await related.click();
        await frame.locator('h1#topic-title', { hasText: target }).waitFor({ timeout: 15000 });
        assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no second confirmation');
        assert.deepEqual(popups, [], 'nothing opened after cancelling');
      } finally {
        page.context().off('page', recordPopup);
      }
    },
  ],
  [
    'the topic page is restored after a window reload',
    async page => {
      await openTopicFrom(page, 'Kubernetes Concepts: Open Topic Page', 'kube-proxy');
      const reloaded = page.waitForEvent('load', { timeout: 60000 });
      await runCommand(page, 'Developer: Reload Window');
      await reloaded;
      await waitForWorkbench(page);
      const heading = topicPage(page).locator('h1#topic-title');
      await heading.waitFor({ timeout: 60000 });
      assert.equal(await heading.innerText(), 'kube-proxy');
    },
  ],
  [
    'a removed apiVersion gets a squiggle, a hover line, a status bar target and a quick fix (Ctrl+.)',
    async page => {
      await showExplorer(page);
      const rows = page.locator('.explorer-folders-view .monaco-list-row');
      const folder = rows.filter({ hasText: /^legacy$/ }).first();
      await folder.waitFor({ timeout: 30000 });
      if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
      await folder.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: 10000 });
      const next = Number(await folder.getAttribute('data-index')) + 1;
      // The row right under the expanded folder, once it shows the folder's own file.
      await rows
        .and(page.locator(`[data-index="${next}"]`))
        .filter({ hasText: 'deployment.yaml' })
        .click();
      await page.locator('.tab.active', { hasText: 'deployment.yaml' }).waitFor({ timeout: 30000 });
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
      await page.locator('.statusbar-item', { hasText: 'K8s 1.37' }).waitFor({ timeout: 10000 });
      const hover = await hoverText(page, 'extensions/v1beta1', 'Removed in 1.16', 4);
      assert.match(hover, /Removed in 1\.16; your target is 1\.37/);
      await moveMouseAwayFromHovers(page);
      await page.keyboard.press('Control+Shift+M'); // the Problems panel, to show the entry in the screenshot
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'extensions/v1beta1 Deployment' })
        .first()
        .waitFor({ timeout: 20000 });
      const point = await textPoint(page, 'extensions/v1beta1', 4);
      await page.mouse.click(point.x, point.y);
      await page.mouse.move(0, 0);
      // Ctrl+. goes to the focused editor once VS Code knows the code actions at the cursor (its light bulb shows).
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10000 });
      await page.locator('.monaco-editor.focused .lightBulbWidget').first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget', { hasText: 'Change apiVersion to apps/v1' });
      await menu.waitFor({ timeout: 20000 });
      assert.match(await menu.innerText(), /Open migration notes for Deployment/);
      await page.screenshot({ path: join(OUT, 'api-diagnostic-quick-fix.png') });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      // The status bar item opens the target picker, which says what each release changed.
      await page.locator('.statusbar-item', { hasText: 'K8s 1.37' }).click();
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ timeout: 10000 });
      await input.fill('1.25');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: '1.25' }).first();
      await row.waitFor({ timeout: 10000 });
      assert.match(await row.innerText(), /removes 7 APIs: batch\/v1beta1 CronJob/);
      await page.keyboard.press('Escape');
    },
  ],
  ['screenshots of every surface in the light theme', page => screenshotsOfEverySurface(page, 'Light Modern', 'light')],
  ['screenshots of every surface in the dark theme', page => screenshotsOfEverySurface(page, 'Dark Modern', 'dark')],
];

/**
 * The tests in the order KUBE_CONCEPTS_UI_ORDER asks for: `reverse`, `shuffle:<seed>` (a repeatable shuffle), or
 * unset for the order above. Every test sets up what it needs, so any order must pass. KUBE_CONCEPTS_UI_GREP=<text>
 * runs only the tests whose name holds the text.
 */
export function orderTests(list, order = process.env.KUBE_CONCEPTS_UI_ORDER ?? '') {
  const grep = process.env.KUBE_CONCEPTS_UI_GREP;
  if (grep) list = list.filter(([name]) => name.includes(grep));
  if (order === '') return list;
  if (order === 'reverse') return [...list].reverse();
  const seed = /^shuffle:(\d+)$/.exec(order)?.[1];
  if (seed === undefined) throw new Error(`KUBE_CONCEPTS_UI_ORDER=${order}: expected reverse or shuffle:<number>`);
  const random = mulberry32(Number(seed));
  const shuffled = [...list];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/** A small seeded pseudo-random generator: the same seed gives the same order on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runUiTests() {
  const ordered = orderTests(tests);
  if (process.env.KUBE_CONCEPTS_UI_ORDER)
    console.log(`  order ${process.env.KUBE_CONCEPTS_UI_ORDER}: ${ordered.map(([name]) => name).join(' | ')}`);
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
    for (const [name, fn] of ordered) {
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
