/** The one rule for topic ids (kebab-case) and `topic:` links. */

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TOPIC_ID_LENGTH = 100;
/** Ids made from titles stay short enough for a file name. */
const MAX_GENERATED_ID_LENGTH = 60;
/** A Markdown link to a topic, `[text](topic:<target>)`; the target is checked with `isTopicId`. */
const TOPIC_LINK = /\]\(topic:([^)\s]*)\)/g;

export function isTopicId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOPIC_ID_LENGTH && KEBAB_CASE.test(value);
}

/** The topic a link target names: `topic:<id>`, lower case only; undefined for anything else. */
export function topicIdOfHref(href: string): string | undefined {
  if (!href.startsWith('topic:')) return undefined;
  const id = href.slice('topic:'.length);
  return isTopicId(id) ? id : undefined;
}

/** Targets of the `topic:` links of a Markdown text, as written, with their offsets. */
export function topicLinkTargets(markdown: string): Array<{ target: string; offset: number }> {
  return [...markdown.matchAll(TOPIC_LINK)].map(m => ({ target: m[1], offset: m.index }));
}

/**
 * A kebab-case id from a title: `Platform Ingress Gateway` → `platform-ingress-gateway`, `Résumé` → `resume`. A title
 * without ASCII letters or digits (`服务网格`) gets `topic-` and a hash of the title. Empty only for a blank title.
 */
export function toTopicId(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) return '';
  const ascii = trimmed
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_GENERATED_ID_LENGTH)
    .replace(/^-+|-+$/g, '');
  return ascii || `topic-${hash(trimmed)}`;
}

/** FNV-1a over the UTF-16 code units, in base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Topic ids a body links to with `topic:` links. */
export function linkedTopicIds(body: string): string[] {
  return [...new Set(topicLinkTargets(body).map(link => link.target))].filter(isTopicId);
}
