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

/** Moves the mouse onto the first occurrence of `text` in the visible editor and returns the hover widget's text. */
export async function hoverText(page, text, expectText, offsetInText = Math.floor(text.length / 2)) {
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
  const hover = page.locator('.monaco-hover-content').filter({ hasText: expectText });
  // The first hover of a file can come before the extension has activated: move away and back until it shows.
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(point.x, point.y + 200);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    try {
      await hover.waitFor({ timeout: 4000 });
      return hover.innerText();
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** Hovers `NodePort` in the open service.yaml and checks that the hover explains it. */
export async function expectNodePortHover(page) {
  const text = await hoverText(page, 'NodePort', 'Open topic page', 3);
  assert.match(text, /NodePort/);
  assert.match(text, /30000/);
  assert.match(text, /Open topic page/);
}

export async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  // A focused webview keeps keystrokes to itself: open the palette from the command center instead of F1
  // (the first click may only take the focus back from the webview).
  const input = page.locator('.quick-input-widget input.input');
  for (let attempt = 1; ; attempt++) {
    await page.locator('.command-center-center').first().click();
    try {
      await input.waitFor({ timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await input.fill(`>${title}`);
  // Click the command itself: Enter would run whichever row happens to be focused.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 10000 });
}

/** The topic page's document: webviews live in two nested iframes. */
export function topicPage(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Picks a color theme with Ctrl+K Ctrl+T from a text editor, the way a person does. */
export async function setColorTheme(page, themeName) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(themeName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: themeName }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
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
