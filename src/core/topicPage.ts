/** Renders a topic page body to safe HTML: no raw HTML, links only to https pages and other topics. */
import { Marked } from 'marked';
import { splitInlineCode } from './hoverText';
import { topicIdOfHref } from './ids';
import { markdownHazard } from './markdownHazards';
import { stageAt } from './featureStages';
import { categoryTitle, NOTES_REPO_URL, type Topic } from './model';
import { NEWEST_RELEASE } from './releases';
import { safeHttpsUrl } from './urls';

/** Markdown without raw HTML (shown as text), images (shown as their text) or links other than https and topics. */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      const topicId = topicIdOfHref(href);
      if (topicId) return `<a href="#" data-topic="${escapeHtml(topicId)}">${label}</a>`;
      const url = safeHttpsUrl(href);
      return url ? externalAnchor(url, label) : label;
    },
    code({ text, lang }) {
      const language = (lang ?? '')
        .trim()
        .split(/\s+/)[0]
        .replace(/[^\w-]/g, '');
      const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : '';
      return `<div class="code">${label}<pre><code${language ? ` class="language-${language}"` : ''}>${escapeHtml(text)}</code></pre></div>\n`;
    },
  },
});

/** The topics a body rendered by `renderBody` links to, in order, once each (its `linksTo`, read back). */
export function topicIdsLinkedFrom(html: string): string[] {
  return [...new Set([...html.matchAll(/<a href="#" data-topic="([^"]*)">/g)].map(m => m[1]))];
}

/** A topic body's HTML. The build renders the built-in pages with it, so only team pages render at run time. */
export function renderBody(text: string): string {
  const hazard = markdownHazard(text);
  if (hazard) return plainText(text, `This page is shown as plain text because ${escapeHtml(hazard)}.`);
  return safelyRendered(text, t => markdown.parse(t) as string);
}

/** The HTML `render` gives, or, when it throws, the text as it is with a note that says what went wrong. */
export function safelyRendered(text: string, render: (text: string) => string): string {
  try {
    return render(text);
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return plainText(
      text,
      `This page could not be rendered (${escapeHtml(why.slice(0, 200))}); it is shown as plain text.`,
    );
  }
}

function plainText(text: string, noteHtml: string): string {
  return `<p class="render-note">${noteHtml}</p><pre class="plain-body">${escapeHtml(text)}</pre>`;
}

/**
 * A link out of the extension: no real href, so the webview host never opens it by itself; the page script sends
 * the checked URL to the extension, which opens it once, through VS Code's confirmation. Plain text when refused.
 */
export function externalLinkHtml(url: string, text: string): string {
  const href = safeHttpsUrl(url);
  return href ? externalAnchor(href, escapeHtml(text)) : escapeHtml(text);
}

function externalAnchor(href: string, labelHtml: string): string {
  const attribute = escapeHtml(href);
  return `<a href="#" data-external="${attribute}" title="${attribute}">${labelHtml}</a>`;
}

/** A summary: plain text with `inline code`, as the hover shows it; no Markdown renderer, like a built-in body. */
export function renderSummary(summary: string): string {
  return splitInlineCode(summary)
    .map((piece, i) => (i % 2 === 1 ? `<code>${escapeHtml(piece.slice(1, -1))}</code>` : escapeHtml(piece)))
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface TopicPageParts {
  category: string;
  title: string;
  summaryHtml: string;
  bodyHtml: string;
  related: Array<{ id: string; title: string; summary: string }>;
  mentionedIn: Array<{ id: string; title: string }>;
  links: Array<{ title: string; url: string }>;
  notes: Array<{ path: string; url: string }>;
  aliases: string[];
  /** What the feature's stages mean for the target release, e.g. "Stable since 1.33."; plain text. */
  featureState?: string;
  origin: 'builtin' | 'team';
}

/** Everything a topic page shows, rendered and escaped; the panel only lays it out. */
export function renderTopicPage(
  topic: Topic,
  lookup: (id: string) => Topic | undefined,
  mentionedIn: readonly Topic[],
  kubernetesVersion: string = NEWEST_RELEASE,
): TopicPageParts {
  return {
    category: categoryTitle(topic.category),
    title: topic.title,
    summaryHtml: renderSummary(topic.summary),
    bodyHtml: topic.page ? topic.page.html : renderBody(topic.body),
    related: topic.related
      .map(lookup)
      .filter((t): t is Topic => !!t)
      .map(t => ({ id: t.id, title: t.title, summary: t.summary })),
    mentionedIn: mentionedIn.map(t => ({ id: t.id, title: t.title })),
    links: topic.links.flatMap(l => {
      const url = safeHttpsUrl(l.url);
      return url ? [{ title: l.title, url }] : [];
    }),
    notes: topic.notes.flatMap(path => {
      const url = safeHttpsUrl(NOTES_REPO_URL + path.split('/').map(encodeURIComponent).join('/'));
      return url ? [{ path, url }] : [];
    }),
    aliases: topic.aliases,
    ...(topic.stages?.length ? { featureState: stageAt(topic.stages, kubernetesVersion).message } : {}),
    origin: topic.origin ?? 'builtin',
  };
}
