/** The Markdown of a hover: title, category, summary, context, related topics and links. */
import { withoutFences } from './fences';
import { stageAt } from './featureStages';
import { categoryTitle, type Topic } from './model';
import { NEWEST_RELEASE } from './releases';
import { safeHttpsUrl } from './urls';

export interface HoverOptions {
  /** `full` adds the first paragraph of the topic page for primary topics. */
  detail: 'short' | 'full';
  /** The command that opens a topic page; it receives the topic id. */
  openCommand: string;
  /** One line about where the term stands in the document. */
  context?: string;
  /** Other topics the same name may mean. */
  alternatives?: readonly Topic[];
  /** The words of the hover, translated by the caller. */
  labels?: HoverLabels;
  /** The release the user targets, for the feature-stage line; default: the newest the knowledge describes. */
  kubernetesVersion?: string;
}

export interface HoverLabels {
  related: string;
  openPage: string;
  officialDocs: string;
  teamTopic: string;
  /** "{0} can mean {1} things here:" with {0} the name and {1} the count. */
  meanings: string;
}

export const ENGLISH_LABELS: HoverLabels = {
  related: 'Related',
  openPage: 'Open topic page',
  officialDocs: 'Official docs',
  teamTopic: 'team topic',
  meanings: '{0} can mean {1} things here:',
};

const MAX_RELATED = 3;
const MAX_DETAIL_CHARS = 420;
/** How much of a body `firstParagraph` reads, and of one paragraph. */
const MAX_DETAIL_SCAN = 64 * 1024;
const MAX_PARAGRAPH_SCAN = 4 * 1024;

export function buildHoverMarkdown(
  topic: Topic,
  lookup: (id: string) => Topic | undefined,
  options: HoverOptions,
): string {
  const labels = options.labels ?? ENGLISH_LABELS;
  const open = (t: Topic, label: string) =>
    `[${escapeMarkdown(label)}](${commandUri(options.openCommand, t.id)} "${escapeMarkdown(t.title)}")`;
  if (options.alternatives && options.alternatives.length > 0) {
    const all = [topic, ...options.alternatives];
    const name = `**${escapeMarkdown(topic.title)}**`;
    // A function replacer: `$'` or `$&` in a title are text, not replacement patterns.
    const lines = [labels.meanings.replace(/\{([01])\}/g, (_, i) => (i === '0' ? name : String(all.length))), ''];
    for (const t of all) {
      lines.push(`- ${open(t, t.title)} *(${escapeMarkdown(categoryTitle(t.category))})*: ${inlineText(t.summary)}`);
    }
    return lines.join('\n');
  }
  const parts: string[] = [];
  parts.push(
    `**${escapeMarkdown(topic.title)}** · *${escapeMarkdown(categoryTitle(topic.category))}*${topic.origin === 'team' ? ` · *${escapeMarkdown(labels.teamTopic)}*` : ''}`,
  );
  parts.push(inlineText(topic.summary));
  if (options.context) parts.push(`*${inlineText(options.context)}*`);
  if (topic.stages?.length)
    parts.push(`*${inlineText(stageAt(topic.stages, options.kubernetesVersion ?? NEWEST_RELEASE).message)}*`);
  if (options.detail === 'full' && topic.primary) {
    const text = topic.page ? topic.page.hoverDetail : firstParagraphText(topic.body);
    if (text) parts.push(inlineText(text));
  }
  const related = topic.related
    .map(lookup)
    .filter((t): t is Topic => !!t)
    .slice(0, MAX_RELATED);
  if (related.length > 0)
    parts.push(`${escapeMarkdown(labels.related)}: ${related.map(t => open(t, t.title)).join(' · ')}`);
  const actions = [`[${escapeMarkdown(labels.openPage)}](${commandUri(options.openCommand, topic.id)})`];
  const docs = topic.links[0];
  const docsUrl = docs && safeHttpsUrl(docs.url);
  if (docsUrl)
    actions.push(
      `[${escapeMarkdown(labels.officialDocs)}](${markdownDestination(docsUrl)} "${escapeMarkdown(docs.title)}")`,
    );
  parts.push(actions.join(' · '));
  return parts.join('\n\n');
}

export function commandUri(command: string, topicId: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([topicId]))}`;
}

/**
 * Knowledge text (team files included) as one line of inert Markdown: punctuation escaped so it never forms links,
 * autolinks, HTML, entities or emphasis; line breaks and control characters made spaces, so it never ends the
 * construct around it; invisible and bidirectional formatting characters dropped.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&:@"]/g, c => '\\' + c);
}

const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function oneLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/** Text with its `inline code` kept and everything else escaped. */
export function inlineText(text: string): string {
  return splitInlineCode(oneLine(text))
    .map((p, i) => (i % 2 === 1 ? p : escapeMarkdown(p)))
    .join('');
}

/** Plain text and `inline code` (backticks included), alternately: all the Markdown a summary has, hover and page. */
export function splitInlineCode(text: string): string[] {
  return text.split(/(`[^`\n]+`)/g);
}

/** A normalised URL as a Markdown link destination: parentheses would end it early. */
function markdownDestination(href: string): string {
  return href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The first prose paragraph of a body, links reduced to their text, shortened at a sentence end. */
export function firstParagraph(body: string): string | undefined {
  const text = firstParagraphText(body);
  return text === undefined ? undefined : inlineText(text);
}

/** `firstParagraph` before its Markdown is escaped (the build stores this much: it compresses better). */
export function firstParagraphText(body: string): string | undefined {
  // Bounded work whatever the body: only its first 64 KB are read, and at most 4 KB of the paragraph.
  const text = withoutFences(body.slice(0, MAX_DETAIL_SCAN), '\n\n');
  for (let from = 0; from < text.length;) {
    const end = blankLineAt(text, from);
    const b = text.slice(from, Math.min(end, from + MAX_PARAGRAPH_SCAN)).trim();
    from = end + 1;
    if (!b || /^(#|[-*+] |\d+\. |\||>)/.test(b)) continue;
    // Linear patterns: each scan stops at the next bracket, parenthesis or star, so no two scans overlap.
    const detail = b
      .replace(/\s+/g, ' ')
      .replace(/\[([^[\]]+)\]\([^()]*\)/g, '$1')
      .replace(/\*\*([^*]+)\*\*|\*([^*]+)\*/g, '$1$2');
    return shortenDetail(detail);
  }
  return undefined;
}

/** A hover shows at most `MAX_DETAIL_CHARS` of a paragraph, cut at a sentence end where one is near. */
function shortenDetail(detail: string): string {
  if (detail.length <= MAX_DETAIL_CHARS) return detail;
  const cut = detail.lastIndexOf('. ', MAX_DETAIL_CHARS);
  return cut > 80 ? detail.slice(0, cut + 1) : detail.slice(0, MAX_DETAIL_CHARS) + '…';
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * `firstParagraphText` of a body, worked out from the body's rendered HTML: the first paragraph that opens a line,
 * its code as `code` and its other markup dropped. The packed pages store the text only where this differs.
 */
export function firstParagraphTextOfHtml(html: string): string | undefined {
  const start = html.startsWith('<p>') ? 0 : html.indexOf('\n<p>') + 1;
  if (start === 0 && !html.startsWith('<p>')) return undefined;
  const end = html.indexOf('</p>', start);
  if (end < 0) return undefined;
  const detail = html
    .slice(start + 3, end)
    .replace(/<\/?code>/g, '`')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, e => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();
  return detail ? shortenDetail(detail) : undefined;
}

/** Where the paragraph starting at `from` ends: the start of the next blank line, or the end of the text. */
function blankLineAt(text: string, from: number): number {
  for (let lineStart = from; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (lineStart > from && text.slice(lineStart, lineEnd).trim() === '') return lineStart;
    lineStart = lineEnd + 1;
  }
  return text.length;
}
