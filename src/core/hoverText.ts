/** The Markdown of a hover: title, category, summary, context, related topics and links. */
import { withoutFences } from './fences';
import { categoryTitle, type Topic } from './model';
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

export function buildHoverMarkdown(
  topic: Topic,
  lookup: (id: string) => Topic | undefined,
  options: HoverOptions,
): string {
  const labels = options.labels ?? ENGLISH_LABELS;
  const open = (t: Topic, label: string) =>
    `[${escapeMarkdown(label)}](${commandUri(options.openCommand, t.id)} "${escapeTitle(t.title)}")`;
  if (options.alternatives && options.alternatives.length > 0) {
    const all = [topic, ...options.alternatives];
    const lines = [
      labels.meanings.replace('{0}', `**${escapeMarkdown(topic.title)}**`).replace('{1}', String(all.length)),
      '',
    ];
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
      `[${escapeMarkdown(labels.officialDocs)}](${markdownDestination(docsUrl)} "${escapeTitle(docs.title)}")`,
    );
  parts.push(actions.join(' · '));
  return parts.join('\n\n');
}

export function commandUri(command: string, topicId: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([topicId]))}`;
}

/** Escapes Markdown punctuation so knowledge text (team files included) can never form links, HTML or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, c => '\\' + c);
}

/** Text with its `inline code` kept and everything else escaped. */
export function inlineText(text: string): string {
  return splitInlineCode(text)
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

function escapeTitle(text: string): string {
  return text.replace(/["\\]/g, '');
}

/** The first prose paragraph of a body, links reduced to their text, shortened at a sentence end. */
export function firstParagraph(body: string): string | undefined {
  const text = firstParagraphText(body);
  return text === undefined ? undefined : inlineText(text);
}

/** `firstParagraph` before its Markdown is escaped (the build stores this much: it compresses better). */
export function firstParagraphText(body: string): string | undefined {
  const blocks = withoutFences(body, '\n\n').split(/\n\s*\n/);
  for (const block of blocks) {
    const b = block.trim();
    if (!b || /^(#|[-*+] |\d+\. |\||>)/.test(b)) continue;
    const text = b
      .replace(/\s+/g, ' ')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\*\*([^*]+)\*\*|\*([^*]+)\*/g, '$1$2');
    if (text.length <= MAX_DETAIL_CHARS) return text;
    const cut = text.lastIndexOf('. ', MAX_DETAIL_CHARS);
    return cut > 80 ? text.slice(0, cut + 1) : text.slice(0, MAX_DETAIL_CHARS) + '…';
  }
  return undefined;
}
