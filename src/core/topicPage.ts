/** Renders a topic page body to safe HTML: no raw HTML, links only to https pages and other topics. */
import MarkdownIt from 'markdown-it';
import { categoryTitle, NOTES_REPO_URL, type Topic } from './model';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = url => /^https:\/\/[^\s]+$/i.test(url) || /^topic:[a-z0-9-]+$/.test(url);
markdown.renderer.rules.link_open = (tokens, idx) => {
  const href = tokens[idx].attrGet('href') ?? '';
  if (href.startsWith('topic:')) return `<a href="#" data-topic="${escapeHtml(href.slice(6))}">`;
  return `<a href="${escapeHtml(href)}" data-external="${escapeHtml(href)}">`;
};
markdown.renderer.rules.image = (tokens, idx) => escapeHtml(tokens[idx].content);
markdown.renderer.rules.fence = (tokens, idx) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0].replace(/[^\w-]/g, '');
  const label = lang ? `<span class="code-lang">${escapeHtml(lang)}</span>` : '';
  return `<div class="code">${label}<pre><code${lang ? ` class="language-${lang}"` : ''}>${escapeHtml(token.content)}</code></pre></div>\n`;
};

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
export function renderTopicPage(topic: Topic, lookup: (id: string) => Topic | undefined, mentionedIn: readonly Topic[]): TopicPageParts {
  return {
    category: categoryTitle(topic.category),
    title: topic.title,
    summaryHtml: markdown.renderInline(topic.summary),
    bodyHtml: markdown.render(topic.body),
    related: topic.related.map(lookup).filter((t): t is Topic => !!t).map(t => ({ id: t.id, title: t.title, summary: t.summary })),
    mentionedIn: mentionedIn.map(t => ({ id: t.id, title: t.title })),
    links: topic.links.filter(l => /^https:\/\//i.test(l.url)),
    notes: topic.notes.map(path => ({ path, url: NOTES_REPO_URL + path.split('/').map(encodeURIComponent).join('/') })),
    aliases: topic.aliases,
    origin: topic.origin ?? 'builtin',
  };
}
