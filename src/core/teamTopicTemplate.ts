/** The file "Create Team Topic…" writes: a topic that its own parser accepts, whatever the title. */
import { KEBAB_CASE, toTopicId } from './ids';
import { MAX_NAME_CHARS } from './parse';

export interface TeamTopicFile {
  id: string;
  text: string;
}

const DEFAULT_CATEGORY = 'team';
const DEFAULT_RELATED = ['kubernetes', 'cluster'];
/** The title as the summary names it; the summary must stay within its 240 characters. */
const MAX_TITLE_IN_SUMMARY = 60;

/** The new topic's id and file text; undefined for a blank title. */
export function teamTopicTemplate(title: string, category = DEFAULT_CATEGORY): TeamTopicFile | undefined {
  const name = teamTopicTitle(title);
  const id = toTopicId(name);
  if (!id) return undefined;
  const related = DEFAULT_RELATED.filter(r => r !== id);
  const text = `---
id: ${JSON.stringify(id)}
title: ${JSON.stringify(name)}
category: ${JSON.stringify(KEBAB_CASE.test(category) ? category : DEFAULT_CATEGORY)}
aliases: []
summary: >-
  One or two sentences (at most 240 characters) that a hover shows: what ${summaryName(name)} is and why it matters.
links:
  - title: Where your team documents it
    url: https://kubernetes.io/docs/home/
related: ${JSON.stringify(related)}
---
## What it is

Explain the concept in your own words: what it is, how it works in your clusters, and how it relates to the
Kubernetes concepts around it (link them like [Pods](topic:pod)).

## Example

\`\`\`yaml
# a short manifest or command
\`\`\`

## Pitfalls

- What people on your team get wrong about it.
`;
  return { id, text };
}

/** The title as the file gets it: one line without control or bidirectional formatting characters, not too long. */
export function teamTopicTitle(title: string): string {
  const plain = title
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim();
  let cut = '';
  for (const char of plain) {
    if (cut.length + char.length > MAX_NAME_CHARS) break;
    cut += char;
  }
  return cut.trimEnd();
}

/** The title on one line of a folded block: no line breaks or control characters, and short. */
function summaryName(title: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/gu, ' ').trim();
  const chars = [...plain];
  return chars.length > MAX_TITLE_IN_SUMMARY ? chars.slice(0, MAX_TITLE_IN_SUMMARY).join('').trimEnd() + '…' : plain;
}
