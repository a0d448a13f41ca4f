import type { MarkdownTopic } from '../../src/core/model';
import { linkedTopicIds } from '../../src/core/ids';

/** A topic with sensible defaults, for tests that only care about a few fields. `linksTo` follows the body. */
export function topic(id: string, fields: Partial<MarkdownTopic> = {}): MarkdownTopic {
  const body = fields.body ?? `Body of ${id}.`;
  return {
    id,
    title: id,
    category: 'cluster',
    aliases: [],
    exactCase: [],
    ambiguous: [],
    context: [],
    primary: true,
    summary: `Summary of ${id}.`,
    links: [{ title: 'Docs', url: `https://kubernetes.io/docs/${id}/` }],
    related: [],
    notes: [],
    linksTo: linkedTopicIds(body),
    body,
    source: `knowledge/cluster/${id}.md`,
    origin: 'builtin',
    ...fields,
  };
}

/** A topic file's text from front matter lines and a body. */
export function topicFile(frontMatter: string, body = 'A body that explains the topic.'): string {
  return `---\n${frontMatter.trim()}\n---\n${body}\n`;
}

export const VALID_FRONT_MATTER = `
id: kube-proxy
title: kube-proxy
category: worker-node
aliases: [kubeproxy]
summary: The per-node network proxy that implements Services.
links:
  - title: kube-proxy reference
    url: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/
related: [kubelet, service]
`;

/** The text and offset of a template like "the |kube-proxy runs": the offset is where `|` stood. */
export function template(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** mulberry32: a small seeded pseudo-random generator, so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
