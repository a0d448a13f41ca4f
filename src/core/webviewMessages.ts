/** The only messages a topic page may send; anything else is ignored. */
export type TopicPageMessage =
  | { type: 'open'; topicId: string }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'external'; url: string }
  | { type: 'search'; query: string };

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseTopicPageMessage(message: unknown): TopicPageMessage | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'open':
      return keys === 'topicId,type' &&
        typeof m.topicId === 'string' &&
        m.topicId.length <= 100 &&
        TOPIC_ID.test(m.topicId)
        ? { type: 'open', topicId: m.topicId }
        : undefined;
    case 'back':
    case 'forward':
      return keys === 'type' ? { type: m.type } : undefined;
    case 'external':
      return keys === 'type,url' && typeof m.url === 'string' && m.url.length <= 2000 && isHttpsUrl(m.url)
        ? { type: 'external', url: m.url }
        : undefined;
    case 'search':
      return keys === 'query,type' && typeof m.query === 'string' && m.query.length <= 200
        ? { type: 'search', query: m.query }
        : undefined;
    default:
      return undefined;
  }
}

function isHttpsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}
