/** Compiles topic files into one checked list: the build uses it for knowledge/, the extension for team topics. */
import { topicLinkTargets } from './ids';
import { nameKey } from './names';
import { isError, type MarkdownTopic, type Problem, type Topic } from './model';
import { frontMatterChars, MAX_FRONT_MATTER_CHARS, parseTopicFile, type ParsedTopic, type ParseOptions } from './parse';

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

/** Titles and aliases over all team topics. */
export const MAX_TEAM_NAMES = 5000;
/** YAML parsed over all team files: it bounds the work of every reload (about 2 KB for each of 500 files). */
export const MAX_TEAM_FRONT_MATTER_CHARS = 1024 * 1024;

export interface CompileResult<T extends Topic = Topic> {
  /** The base topics (minus replaced ones) followed by the new valid topics. */
  topics: T[];
  problems: Problem[];
  /** Paths of input files that were skipped because of a problem. */
  skipped: string[];
  /** Names the name rules looked at: bounded by the topics' own names and the base's, whatever the input. */
  namesConsidered: number;
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

  let frontMatter = 0;
  for (const input of inputs) {
    const yamlChars = frontMatterChars(input.text);
    // A front matter over its own limit is refused before it is parsed: it costs nothing here.
    if (options.origin === 'team' && yamlChars <= MAX_FRONT_MATTER_CHARS) {
      frontMatter += yamlChars;
      if (frontMatter > MAX_TEAM_FRONT_MATTER_CHARS) {
        fail(
          input.path,
          1,
          `not read, nor any team file after it: the front matter of all team files may be at most ${MAX_TEAM_FRONT_MATTER_CHARS / 1024 / 1024} MB in all`,
        );
        continue;
      }
    }
    const result = parseTopicFile(input.text, input.path, {
      expectedId: input.expectedId,
      expectedCategory: input.expectedCategory,
      knownCategories: options.knownCategories,
      origin: options.origin,
    });
    if (result.parsed) parsed.push(result.parsed);
    for (const p of result.problems) {
      problems.push(p);
      if (isError(p)) failed.add(p.file);
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

  let namesConsidered = 0;
  const namesOf = (topic: Topic) => {
    namesConsidered += 1 + topic.aliases.length;
    return [topic.title, ...topic.aliases];
  };
  const folded = (name: string) => nameKey(name)?.folded ?? name.toLowerCase();
  // A base topic's names are its own: a new topic takes one only by replacing that topic.
  const baseNames = new Map<string, Topic>();
  for (const t of base) for (const name of namesOf(t)) if (!baseNames.has(folded(name))) baseNames.set(folded(name), t);
  const kinds = new Map<string, string>();
  for (const t of base) for (const k of t.manifest?.kinds ?? []) kinds.set(k, t.id);

  // Among new topics, two may share a name only if both mark it ambiguous.
  // An exact-case name (`KUBECONFIG`) and a case-insensitive one (`kubeconfig`) do not clash: exact case wins.
  const owners = new Map<string, Array<{ id: string; ambiguous: boolean; exact?: string; where: string }>>();
  let teamNames = 0;
  for (const p of parsed) {
    const t = p.topic;
    if (failed.has(t.source)) continue;
    const nameLine = (name: string) => {
      const i = t.aliases.indexOf(name);
      return i >= 0 ? (p.positions.items.aliases?.[i] ?? p.positions.fields.aliases) : p.positions.fields.title;
    };
    if (options.origin === 'team' && teamNames + 1 + t.aliases.length > MAX_TEAM_NAMES) {
      fail(
        t.source,
        p.positions.fields.aliases ?? p.positions.fields.title,
        `not loaded: team topics may have at most ${MAX_TEAM_NAMES.toLocaleString('en-US')} names (titles and aliases) in all, and this file would make ${(teamNames + 1 + t.aliases.length).toLocaleString('en-US')}`,
      );
      continue;
    }
    const names = namesOf(t);
    teamNames += names.length;
    for (const name of names) {
      const owner = baseNames.get(folded(name));
      if (owner)
        fail(
          t.source,
          nameLine(name),
          `name "${name}" is a name of the built-in topic "${owner.id}"; a team topic may use it only by replacing that topic (id: ${owner.id})`,
        );
    }
    if (failed.has(t.source)) continue;
    const where = `${t.source}:${p.positions.fields.title}`;
    for (const name of names) {
      const key = nameKey(name);
      const exact = t.exactCase.includes(name) ? (key?.exact ?? name) : undefined;
      const ambiguous = t.ambiguous.includes(name);
      const list = owners.get(folded(name)) ?? [];
      const clash = list.find(o => o.id !== t.id && o.exact === exact && !(o.ambiguous && ambiguous));
      if (clash)
        fail(
          t.source,
          nameLine(name),
          `name "${name}" is also a name of topic "${clash.id}" (${clash.where}); drop it or mark it "ambiguous" in both topics`,
        );
      list.push({ id: t.id, ambiguous, exact, where });
      owners.set(folded(name), list);
    }
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
  return { topics, problems, skipped: [...failed], namesConsidered };
}

function lineBreaksBefore(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
