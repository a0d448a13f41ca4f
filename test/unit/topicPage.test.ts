import * as assert from 'assert';
import { linkedTopicIds } from '../../src/core/ids';
import { escapeHtml, renderTopicPage } from '../../src/core/topicPage';
import { parseTopicPageMessage } from '../../src/core/webviewMessages';
import { topic } from './fixtures';

const page = (body: string, extra = {}) =>
  renderTopicPage(
    topic('x', { body, ...extra }),
    id => (id === 'pod' ? topic('pod', { title: 'Pod' }) : undefined),
    [],
  );

suite('Topic pages: rendering', () => {
  test('Markdown renders headings, lists, code blocks with their language, and tables', () => {
    const html = page('## How\n\n- one\n- two\n\n```yaml\nkind: Pod\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |').bodyHtml;
    assert.match(html, /<h2[^>]*>How<\/h2>/);
    assert.match(html, /<li>one<\/li>/);
    assert.match(
      html,
      /<span class="code-lang">yaml<\/span><pre><code class="language-yaml">kind: Pod\n?<\/code><\/pre>/,
    );
    assert.match(html, /<table>/);
  });

  test('a summary is plain text with inline code, as in the hover: no other Markdown', () => {
    const parts = page('Body.', { summary: "A *b* `c<d>` [e](https://x.io) & f's `g`" });
    assert.strictEqual(
      parts.summaryHtml,
      'A *b* <code>c&lt;d&gt;</code> [e](https://x.io) &amp; f&#39;s <code>g</code>',
    );
  });

  test('raw HTML is shown as text, never rendered', () => {
    const html = page(
      'Before <script>alert(1)</script> after.\n\n<img src=x onerror=alert(1)>\n\n<div onclick="x">d</div>',
    ).bodyHtml;
    assert.doesNotMatch(html, /<script|<img|<div onclick/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('links: https and topic links only; anything else becomes plain text', () => {
    const html = page(
      '[docs](https://kubernetes.io/docs/) [pod](topic:pod) [js](javascript:alert(1)) [cmd](command:workbench.action.terminal.new) [http](http://example.com) ![pic](https://x.io/a.png)',
    ).bodyHtml;
    assert.match(
      html,
      /<a href="#" data-external="https:\/\/kubernetes\.io\/docs\/" title="https:\/\/kubernetes\.io\/docs\/">docs<\/a>/,
    );
    assert.match(html, /<a href="#" data-topic="pod">pod<\/a>/);
    assert.doesNotMatch(html, /javascript:|command:|http:\/\/example|<img/);
    assert.match(html, / js /);
  });

  test('page parts: related topics resolve, notes link to the notes repository, links stay https', () => {
    const parts = page('Body', {
      related: ['pod', 'missing'],
      notes: ['docs/CRI.md'],
      links: [{ title: 'Docs', url: 'https://kubernetes.io/' }],
    });
    assert.deepStrictEqual(
      parts.related.map(r => r.id),
      ['pod'],
    );
    assert.strictEqual(parts.notes[0].url, 'https://github.com/jahangir842/kubernetes-notes/blob/main/docs/CRI.md');
    assert.deepStrictEqual(linkedTopicIds('See [a](topic:pod) and [b](topic:service) and [a](topic:pod).'), [
      'pod',
      'service',
    ]);
    assert.strictEqual(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

suite('Topic pages: messages from the webview', () => {
  test('only the known messages, with exactly their fields, are accepted', () => {
    assert.deepStrictEqual(parseTopicPageMessage({ type: 'open', topicId: 'kube-proxy' }), {
      type: 'open',
      topicId: 'kube-proxy',
    });
    assert.deepStrictEqual(parseTopicPageMessage({ type: 'back' }), { type: 'back' });
    assert.deepStrictEqual(parseTopicPageMessage({ type: 'external', url: 'https://kubernetes.io/docs/' }), {
      type: 'external',
      url: 'https://kubernetes.io/docs/',
    });
    assert.deepStrictEqual(parseTopicPageMessage({ type: 'search', query: 'pod' }), { type: 'search', query: 'pod' });
    for (const bad of [
      null,
      'open',
      [],
      {},
      { type: 'open' },
      { type: 'open', topicId: '../x' },
      { type: 'open', topicId: 'pod', more: 1 },
      { type: 'external', url: 'http://example.com' },
      { type: 'external', url: 'javascript:alert(1)' },
      { type: 'external', url: 'https://user:pw@example.com/' },
      { type: 'back', extra: true },
      { type: 'search', query: 'x'.repeat(201) },
      { type: 'exec', command: 'rm' },
    ]) {
      assert.strictEqual(parseTopicPageMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
