// Small helpers to drive the VS Code workbench the way a person would.
import assert from 'node:assert/strict';

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90000 });
  await page.locator('.statusbar').waitFor({ timeout: 60000 });
}

export async function showExplorer(page) {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  // Clicking the Explorer icon while it is already the open view would close the sidebar.
  const explorerOpen = (await page.locator('.activitybar .action-item.checked a[aria-label^="Explorer"]').count()) > 0;
  if (!explorerOpen) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
  await rows.first().waitFor({ timeout: 60000 });
}

export async function openFromExplorer(page, label) {
  await showExplorer(page);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await page.locator(`.tab.active`, { hasText: label }).waitFor({ timeout: 30000 });
}

/**
 * Moves the mouse onto the first occurrence of `text` in the visible editor and returns the text of the hover that
 * shows `expectText`. Waits first for the extension to be ready, so the first hover of a file is ours.
 */
export async function hoverText(page, text, expectText, offsetInText = Math.floor(text.length / 2)) {
  await waitForExtensionReady(page);
  const point = await textPoint(page, text, offsetInText);
  const hover = page.locator('.monaco-hover-content').filter({ hasText: expectText });
  // The editor shows a hover when the mouse comes to rest on a word: start from outside the editor, with no hover
  // left from an earlier one, so the hover read below is the one of this word.
  await moveMouseAwayFromHovers(page);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await hover.first().waitFor({ timeout: 20000 });
  return hover.first().innerText();
}

/** The screen point of the character `offsetInText` into the first occurrence of `text` in the visible editor. */
export async function textPoint(page, text, offsetInText = Math.floor(text.length / 2)) {
  await page.locator('.monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: 30000 });
  const point = await page.evaluate(
    ([needle, into]) => {
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        // Monaco renders spaces as U+00A0: compare with them folded.
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(needle);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at + into);
          range.setEnd(node, at + into + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    [text, offsetInText],
  );
  if (!point) throw new Error(`"${text}" is not on screen`);
  return point;
}

/** Moves the mouse out of the editor and waits until no editor hover is left on screen. */
export async function moveMouseAwayFromHovers(page) {
  await page.mouse.move(0, 0);
  await page.locator('.monaco-hover-content').first().waitFor({ state: 'hidden', timeout: 10000 });
}

/** Hovers `NodePort` in the open service.yaml and checks that the hover explains it. */
export async function expectNodePortHover(page) {
  const text = await hoverText(page, 'NodePort', 'Open topic page', 3);
  assert.match(text, /NodePort/);
  assert.match(text, /30000/);
  assert.match(text, /Open topic page/);
}

export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input.input');
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  // A focused webview keeps keystrokes to itself: open the palette from the command center instead of F1.
  await page.locator('.command-center-center').first().click();
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${title}`);
  // Click the command itself: Enter would run whichever row happens to be focused.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 10000 });
}

/** The topic page's document: webviews live in two nested iframes. */
export function topicPage(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/**
 * Picks a color theme with Ctrl+K Ctrl+T from a text editor, the way a person does, and waits until the workbench
 * wears it: the workbench element carries a class named after the theme's file (e.g. `...dark_modern-json`).
 */
export async function setColorTheme(page, themeName) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(themeName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: themeName }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  const themeClass = `${themeName.toLowerCase().replace(/[^a-z0-9]+/g, '_')}-json`;
  await page.waitForFunction(
    suffix => [...document.querySelector('.monaco-workbench').classList].some(c => c.endsWith(suffix)),
    themeClass,
    { timeout: 10000 },
  );
}

/** Opens the extension's activity-bar container. */
export async function showKubeConceptsSidebar(page) {
  const icon = page.locator('.activitybar .action-item a[aria-label^="Kubernetes Concepts"]').first();
  await icon.waitFor({ timeout: 20000 });
  const pane = page.locator('.pane-header', { hasText: 'Topics' }).first();
  if (!(await pane.isVisible().catch(() => false))) await icon.click();
  await pane.waitFor({ timeout: 20000 });
}

/** The pane body of a view in the sidebar, by its title. */
export function viewPane(page, title) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
}

/**
 * Waits until the extension has activated and loaded its knowledge: the Topics view then lists its categories (it
 * registers its hover provider and commands in the same activation).
 */
export async function waitForExtensionReady(page) {
  await showKubeConceptsSidebar(page);
  await viewPane(page, 'Topics').locator('.monaco-list-row').first().waitFor({ timeout: 60000 });
}
