// Adversarial inputs for what a topic shows: the hover's first paragraph, the topic page's HTML and its links.
// Timings are ratios to a same-run baseline plus a generous ceiling: the machine may be shared and slow.
import * as assert from 'assert';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { buildHoverMarkdown, firstParagraph } from '../../src/core/hoverText';
import { markdownHazard } from '../../src/core/markdownHazards';
import type { MarkdownTopic } from '../../src/core/model';
import { externalLinkHtml, renderTopicPage, safelyRendered } from '../../src/core/topicPage';
import { checkUrl } from '../../src/core/urls';
import { parseTopicPageMessage } from '../../src/core/webviewMessages';
import { loadTopics } from '../tools/knowledge-report';
import { topic, seededRandom } from './fixtures';

/** The fastest of a few runs, in ms: the least disturbed by other work on the machine. */
function fastest(run: () => unknown, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Ordinary prose of about `size` characters, in paragraphs: the baseline the hostile bodies are compared with. */
function prose(size: number): string {
  const sentence = 'A Pod runs one or more containers that share a network namespace and storage volumes. ';
  const paragraph = sentence.repeat(8).trim();
  return Array.from({ length: Math.ceil(size / (paragraph.length + 2)) }, () => paragraph).join('\n\n');
}

const page = (body: string, fields: Partial<MarkdownTopic> = {}) =>
  renderTopicPage(topic('x', { body, ...fields }), () => undefined, []);

const PLAIN_NOTE = /<p class="render-note">/;

suite('Adversarial: rendering and links (render)', () => {
  test('F3: firstParagraph does linear, bounded work on pathological bodies (250k "[", runs of "[a](", "**", blank lines)', () => {
    const size = 64 * 1024;
    const baseline = fastest(() => firstParagraph(prose(size)));
    const hostile = {
      brackets: '['.repeat(size),
      'the issue body': '['.repeat(250_000),
      'link openers': '[a]('.repeat(size / 4),
      'bold openers': '**a'.repeat(size / 3),
      'spaces between blank lines': '\n' + ' \n'.repeat(size / 2) + 'x',
      backticks: '`a'.repeat(size / 2),
    };
    for (const [name, body] of Object.entries(hostile)) {
      const took = fastest(() => firstParagraph(body));
      // Generous for loaded machines and GC pauses: the quadratic version took seconds on these.
      assert.ok(took <= 5 * baseline + 200, `${name}: ${took.toFixed(1)} ms, baseline ${baseline.toFixed(1)} ms`);
    }
    const detail = firstParagraph('word '.repeat(200_000));
    assert.ok(detail && detail.length <= 430, 'the paragraph is shortened');
  });

  test('F3: firstParagraph keeps what it did: links reduced to their text, emphasis dropped, cut at a sentence', () => {
    assert.strictEqual(
      firstParagraph('## Title\n\nA [Pod](topic:pod) is **small** and *useful*.\n\nMore.'),
      'A Pod is small and useful\\.',
    );
    assert.strictEqual(
      firstParagraph('- list\n\n> quote\n\nText [a [b] c](x) end.'),
      'Text \\[a \\[b\\] c\\]\\(x\\) end\\.',
    );
  });

  test('F7: a 234 KB body of "*a" renders within a ceiling, as plain text with a note', () => {
    const body = '*a'.repeat(117_000);
    const baseline = fastest(() => page(prose(body.length)));
    let parts: ReturnType<typeof page> | undefined;
    const took = fastest(() => (parts = page(body)), 1);
    assert.ok(took <= 4 * baseline + 200, `${took.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms`);
    assert.match(parts!.bodyHtml, PLAIN_NOTE);
    assert.match(parts!.bodyHtml, /<pre class="plain-body">\*a\*a/);
  });

  test('F7: nested lists ("- " ×1,200, "> - " ×1,200) and deep quotes render without overflowing the stack', () => {
    for (const body of ['- '.repeat(1200) + 'x', '> - '.repeat(1200) + 'x', '>'.repeat(16_000), '1. '.repeat(1200)]) {
      const parts = page(body);
      assert.match(parts.bodyHtml, PLAIN_NOTE, body.slice(0, 8));
      assert.match(parts.bodyHtml, /nests more than/);
    }
    assert.match(page('x', { summary: '*a'.repeat(50_000) }).summaryHtml, /^\*a\*a/);
  });

  test('F7: a render error shows what went wrong, with the text, never a blank page', () => {
    const html = safelyRendered('Some <b>text</b>', () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    assert.match(html, /could not be rendered.*Maximum call stack size exceeded/);
    assert.match(html, /<pre class="plain-body">Some &lt;b&gt;text&lt;\/b&gt;<\/pre>/);
  });

  test('F7: seeded bodies within the limits (64 KB, 16 levels) render fast; every built-in topic renders as Markdown', () => {
    const random = seededRandom(0x14);
    const pieces = ['*', '_', '**', '~', '!', '`', '[', '](', ')', '<', '&', '|', 'a', 'word ', ' ', '\n', '\n\n'];
    const pieceOf = () => pieces[Math.floor(random() * pieces.length)];
    const baseline = fastest(() => page(prose(64_000)));
    for (let trial = 0; trial < 30; trial++) {
      const alphabet = [pieceOf(), pieceOf(), pieceOf()];
      let body = '';
      while (body.length < 60_000) {
        const depth = Math.floor(random() * 16);
        if (random() < 0.05) body += '\n\n' + '  '.repeat(depth) + '- ';
        body += alphabet[Math.floor(random() * alphabet.length)];
      }
      const took = fastest(() => page(body), 2);
      // Generous for loaded machines: the quadratic cases took seconds; these take tens of milliseconds.
      assert.ok(
        took <= 4 * baseline + 600,
        `trial ${trial} ${JSON.stringify(alphabet)}: ${took.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms`,
      );
    }
    const builtin = loadTopics(join(__dirname, '..', '..'));
    const plain = builtin.filter(t => markdownHazard(t.body) || PLAIN_NOTE.test(page(t.body).bodyHtml));
    assert.deepStrictEqual(
      plain.map(t => t.id),
      [],
    );
  });

  test('F8: a bare % in a docs URL neither throws nor hides the hover or the page link', () => {
    const t = topic('x', { links: [{ title: 'Docs', url: 'https://kubernetes.io/docs/100%/a%zz' }] });
    const hover = buildHoverMarkdown(t, () => undefined, { detail: 'full', openCommand: 'kubeConcepts.openTopic' });
    assert.match(hover, /\[Official docs\]\(https:\/\/kubernetes\.io\/docs\/100%\/a%zz "Docs"\)/);
    assert.deepStrictEqual(page('x', { links: t.links }).links, [
      { title: 'Docs', url: 'https://kubernetes.io/docs/100%/a%zz' },
    ]);
    assert.match(page('[d](https://kubernetes.io/100%)').bodyHtml, /data-external="https:\/\/kubernetes\.io\/100%"/);
  });

  test('F9: external links on the page are not real hrefs: they carry the checked URL for the extension to open', () => {
    const html = page('[docs](https://kubernetes.io/docs/) and [pod](topic:pod)').bodyHtml;
    assert.match(
      html,
      /<a href="#" data-external="https:\/\/kubernetes\.io\/docs\/" title="https:\/\/kubernetes\.io\/docs\/">docs<\/a>/,
    );
    assert.doesNotMatch(html, /href="https?:/);
    assert.strictEqual(
      externalLinkHtml('https://kubernetes.io/a?b="c"&d', 'Docs <1>'),
      '<a href="#" data-external="https://kubernetes.io/a?b=%22c%22&amp;d" title="https://kubernetes.io/a?b=%22c%22&amp;d">Docs &lt;1&gt;</a>',
    );
    assert.strictEqual(externalLinkHtml('https://kubernetes.io@evil.example/', 'x'), 'x');
  });

  test('F9: hostile targets are plain text: user info, extra slashes, TOPIC: in capitals, other schemes', () => {
    for (const href of [
      'https://kubernetes.io@evil.example/',
      'https:////evil.example/',
      'https:/evil.example/',
      'https:\\\\evil.example/',
      'TOPIC:POD',
      'Topic:pod',
      'topic:POD',
      'http://kubernetes.io/',
    ]) {
      const html = page(`[label](${href})`).bodyHtml;
      assert.doesNotMatch(html, /<a /, href);
      assert.match(html, /label/, href);
      assert.strictEqual(checkUrl(href).ok, false, href);
      assert.strictEqual(parseTopicPageMessage({ type: 'external', url: href }), undefined, href);
      assert.deepStrictEqual(page('x', { links: [{ title: 't', url: href }] }).links, [], href);
    }
    assert.match(page('[pod](topic:pod)').bodyHtml, /<a href="#" data-topic="pod">pod<\/a>/);
  });
});
