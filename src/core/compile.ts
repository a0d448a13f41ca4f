/** Compiles topic files into one checked list: the build uses it for knowledge/, the extension for team topics. */
import { topicLinkTargets } from './ids';
import { nameKey } from './names';
import type { MarkdownTopic, Problem, Topic } from './model';
import { parseTopicFile, type ParsedTopic, type ParseOptions } from './parse';

export interface CompileInput {
  /** Path shown in problems, e.g. `knowledge/networking/service.md`. */
  path: string;
  text: string;
  expectedId?: string;
  expectedCategory?: string;
}

export interface CompileOptions<Base extends Topic = Topic> extends Pick<ParseOptions, 'knownCategories' | 'origin'> {
  /** Topics already known (the built-in ones, when compiling team topics). A new topic with a base id replaces it. */
  base?: readonly Base[];
}

export interface CompileResult<T extends Topic = Topic> {
  /** The base topics (minus replaced ones) followed by the new valid topics. */
  topics: T[];
  problems: Problem[];
  /** Paths of input files that were skipped because of a problem. */
  skipped: string[];
}

export function compileTopics<Base extends Topic = MarkdownTopic>(
  inputs: readonly CompileInput[],
  options: CompileOptions<Base> = {},
): CompileResult<Base | MarkdownTopic> {
  const problems: Problem[] = [];
  const parsed: ParsedTopic[] = [];
  const failed = new Set<string>();
  const fail = (path: string, line: number, message: string) => {
    problems.push({ file: path, line, column: 1, message });
    failed.add(path);
  };

  for (const input of inputs) {
    const result = parseTopicFile(input.text, input.path, {
      expectedId: input.expectedId,
      expectedCategory: input.expectedCategory,
      knownCategories: options.knownCategories,
      origin: options.origin,
    });
    if (result.parsed) parsed.push(result.parsed);
    for (const p of result.problems) {
      problems.push(p);
      failed.add(p.file);
    }
  }

  const seenIds = new Map<string, ParsedTopic>();
  for (const p of parsed) {
    const first = seenIds.get(p.topic.id);
    if (first)
      fail(
        p.topic.source,
        p.positions.fields.id,
        `duplicate id "${p.topic.id}" (also in ${first.topic.source}:${first.positions.fields.id})`,
      );
    else seenIds.set(p.topic.id, p);
  }
  const replaced = new Set(parsed.filter(p => !failed.has(p.topic.source)).map(p => p.topic.id));
  const base = (options.base ?? []).filter(t => !replaced.has(t.id));

  // Names: two topics may share one only if both mark it ambiguous.
  // An exact-case name (`KUBECONFIG`) and a case-insensitive one (`kubeconfig`) do not clash: exact case wins.
  const owners = new Map<string, Array<{ id: string; ambiguous: boolean; exact?: string; where: string }>>();
  const claim = (topic: Topic, where: string, onConflict: (message: string, name: string) => void) => {
    topic.aliases.concat(topic.title).forEach(name => {
      const key = nameKey(name);
      const folded = key?.folded ?? name.toLowerCase();
      const exact = topic.exactCase.includes(name) ? (key?.exact ?? name) : undefined;
      const ambiguous = topic.ambiguous.includes(name);
      const list = owners.get(folded) ?? [];
      const clash = list.find(o => o.id !== topic.id && o.exact === exact && !(o.ambiguous && ambiguous));
      if (clash)
        onConflict(
          `name "${name}" is also a name of topic "${clash.id}" (${clash.where}); drop it or mark it "ambiguous" in both topics`,
          name,
        );
      list.push({ id: topic.id, ambiguous, exact, where });
      owners.set(folded, list);
    });
  };
  for (const t of base) claim(t, t.source, () => undefined);
  const kinds = new Map<string, string>();
  for (const t of base) for (const k of t.manifest?.kinds ?? []) kinds.set(k, t.id);

  for (const p of parsed) {
    const t = p.topic;
    if (failed.has(t.source)) continue;
    const nameLine = (name: string) => {
      const i = t.aliases.indexOf(name);
      return i >= 0 ? (p.positions.items.aliases?.[i] ?? p.positions.fields.aliases) : p.positions.fields.title;
    };
    claim(t, `${t.source}:${p.positions.fields.title}`, (message, name) => fail(t.source, nameLine(name), message));
    for (const k of t.manifest?.kinds ?? []) {
      const other = kinds.get(k);
      if (other && other !== t.id)
        fail(t.source, p.positions.fields.manifest, `manifest kind "${k}" is already claimed by topic "${other}"`);
      else kinds.set(k, t.id);
    }
  }

  // References are checked against every topic that parsed, so one broken file does not cascade into others.
  const valid = parsed.filter(p => !failed.has(p.topic.source));
  const ids = new Set([...base.map(t => t.id), ...parsed.map(p => p.topic.id)]);
  for (const p of valid) {
    const t = p.topic;
    t.related.forEach((r, i) => {
      if (!ids.has(r))
        fail(
          t.source,
          p.positions.items.related?.[i] ?? p.positions.fields.related,
          `related id "${r}" is not a known topic`,
        );
    });
    for (const { target, offset } of topicLinkTargets(t.body)) {
      if (!ids.has(target))
        fail(
          t.source,
          p.positions.bodyLine + lineBreaksBefore(t.body, offset),
          `link to unknown topic "topic:${target}"`,
        );
    }
  }

  const topics = [...base, ...parsed.filter(p => !failed.has(p.topic.source)).map(p => p.topic)];
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { topics, problems, skipped: [...failed] };
}

function lineBreaksBefore(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
