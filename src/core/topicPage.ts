/** Renders a topic page body to safe HTML: no raw HTML, links only to https pages and other topics. */
import { Marked } from 'marked';
import { categoryTitle, NOTES_REPO_URL, type Topic } from './model';

const SAFE_HREF = /^(https:\/\/[^\s"'<>]+|topic:[a-z0-9]+(?:-[a-z0-9]+)*)$/i;

/** Markdown without raw HTML (shown as text), images (shown as their text) or links other than https and topics. */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href)) return label;
      if (href.startsWith('topic:')) return `<a href="#" data-topic="${escapeHtml(href.slice(6))}">${label}</a>`;
      return `<a href="${escapeHtml(href)}" data-external="${escapeHtml(href)}">${label}</a>`;
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

function render(text: string): string {
  return markdown.parse(text) as string;
}

function renderInline(text: string): string {
  return markdown.parseInline(text) as string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Topic ids a body links to with `topic:` links. */
export function linkedTopicIds(body: string): string[] {
  return [...new Set([...body.matchAll(/\]\(topic:([a-z0-9-]+)\)/g)].map(m => m[1]))];
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
  origin: 'builtin' | 'team';
}

/** Everything a topic page shows, rendered and escaped; the panel only lays it out. */
export function renderTopicPage(
  topic: Topic,
  lookup: (id: string) => Topic | undefined,
  mentionedIn: readonly Topic[],
): TopicPageParts {
  return {
    category: categoryTitle(topic.category),
    title: topic.title,
    summaryHtml: renderInline(topic.summary),
    bodyHtml: render(topic.body),
    related: topic.related
      .map(lookup)
      .filter((t): t is Topic => !!t)
      .map(t => ({ id: t.id, title: t.title, summary: t.summary })),
    mentionedIn: mentionedIn.map(t => ({ id: t.id, title: t.title })),
    links: topic.links.filter(l => /^https:\/\//i.test(l.url)),
    notes: topic.notes.map(path => ({ path, url: NOTES_REPO_URL + path.split('/').map(encodeURIComponent).join('/') })),
    aliases: topic.aliases,
    origin: topic.origin ?? 'builtin',
  };
}
