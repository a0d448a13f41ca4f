import * as assert from 'assert';
import { buildHoverMarkdown, firstParagraph } from '../../src/core/hoverText';
import { formatProblem } from '../../src/core/model';
import { parseTopicFile } from '../../src/core/parse';
import { renderTopicPage } from '../../src/core/topicPage';
import { parseTopicPageMessage } from '../../src/core/webviewMessages';
import { topic, topicFile } from './fixtures';

const withLink = (url: string) =>
  topicFile(
    `id: alpha\ntitle: alpha\ncategory: cluster\nsummary: S.\nlinks:\n  - title: Docs\n    url: "${url}"\nrelated: []`,
  );

suite('Bugs of issue 10: one URL rule, one fence scanner', () => {
  test('a team link with a user name and password is a problem at the link line', () => {
    const problems = parseTopicFile(withLink('https://user:pw@example.com/x'), 'a.md').problems.map(formatProblem);
    assert.ok(
      problems.some(p => p.startsWith('a.md:7:1: link 1:') && /user name or password/.test(p)),
      problems.join('\n'),
    );
  });

  test('a link without a host after https:// is refused by the parser and by the page messages', () => {
    for (const url of ['https:////evil.example/', 'https:/evil.example/', 'https:\\\\evil.example/']) {
      assert.ok(parseTopicFile(withLink(url), 'a.md').problems.length > 0, url);
      assert.strictEqual(parseTopicPageMessage({ type: 'external', url }), undefined, url);
    }
  });

  test('a docs link with a bad escape keeps the hover', () => {
    for (const url of ['https://example.com/%zz', 'https://example.com/100%', 'https://example.com/a(b']) {
      const md = buildHoverMarkdown(topic('alpha', { links: [{ title: 'Docs', url }] }), () => undefined, {
        detail: 'short',
        openCommand: 'x.open',
      });
      assert.match(md, /\[Official docs\]\(https:\/\/example\.com\/[^ ()]+ "Docs"\)/, url);
    }
  });

  test('TOPIC:POD and links with credentials render as plain text on the page', () => {
    const html = renderTopicPage(
      topic('x', {
        body: '[a](TOPIC:POD) [b](Topic:pod) [c](https://user:pw@example.com/) [d](https:////evil.example/)',
      }),
      () => undefined,
      [],
    ).bodyHtml;
    assert.doesNotMatch(html, /<a /, html);
    assert.match(html, /a b c d/);
  });

  test('the first paragraph of a body skips a fenced block that holds a blank line', () => {
    assert.strictEqual(firstParagraph('```yaml\na: 1\n\nb: 2\n```\n\nText.'), 'Text\\.');
    assert.strictEqual(firstParagraph('~~~\none\n\n```\ntwo\n~~~\n\nText.'), 'Text\\.');
  });
});
