// Small helpers to drive the VS Code workbench the way a person would.
export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
}

export async function openFromExplorer(page, label) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await page.locator(`.tab.active`, { hasText: label }).waitFor({ timeout: 30000 });
}

/** Moves the mouse onto the first occurrence of `text` in the visible editor and returns the hover widget's text. */
export async function hoverText(page, text, expectText, offsetInText = Math.floor(text.length / 2)) {
  await page.locator('.monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: 30000 });
  const point = await page.evaluate(([needle, into]) => {
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
  }, [text, offsetInText]);
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

export async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The topic page's document: webviews live in two nested iframes. */
export function topicPage(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}
