import { isTopicId } from './ids';
import { safeHttpsUrl } from './urls';

/** The only messages a topic page may send; anything else is ignored. */
export type TopicPageMessage =
  | { type: 'open'; topicId: string }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'external'; url: string }
  | { type: 'search'; query: string };

export function parseTopicPageMessage(message: unknown): TopicPageMessage | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'open':
      return keys === 'topicId,type' && isTopicId(m.topicId) ? { type: 'open', topicId: m.topicId } : undefined;
    case 'back':
    case 'forward':
      return keys === 'type' ? { type: m.type } : undefined;
    case 'external': {
      const url = keys === 'type,url' && typeof m.url === 'string' && m.url.length <= 2000 && safeHttpsUrl(m.url);
      return url ? { type: 'external', url } : undefined;
    }
    case 'search':
      return keys === 'query,type' && typeof m.query === 'string' && m.query.length <= 200
        ? { type: 'search', query: m.query }
        : undefined;
    default:
      return undefined;
  }
}
