/** The knowledge model shared by the build, the core and the adapters. */

export interface TopicLink {
  title: string;
  url: string;
}

/** How YAML manifests point at a topic (see knowledge/README.md). */
export interface ManifestHints {
  /** Values of `kind:`. */
  kinds?: string[];
  /** Mapping keys, as dotted suffixes of the key path (`containers.resources`). */
  keys?: string[];
  /** `"key: value"` pairs; the key part is a dotted suffix like in `keys`. */
  values?: string[];
}

export type FeatureStageName = 'alpha' | 'beta' | 'stable' | 'deprecated' | 'removed';

/** One step of a feature's life: the stage it reached in a release (see knowledge/README.md, `stages`). */
export interface FeatureStage {
  stage: FeatureStageName;
  /** A release like "1.33". */
  since: string;
  /** Beta only: whether the feature gate is on without configuration. */
  default?: 'on' | 'off';
}

/** Every field of a topic but its page. */
export interface TopicFields {
  id: string;
  title: string;
  category: string;
  aliases: string[];
  /** Names that match only with exactly this case. */
  exactCase: string[];
  /** Names that also mean something else: matched only with context, or shown with the other meanings. */
  ambiguous: string[];
  /** Words that, found nearby, confirm this topic's meaning of an ambiguous name. */
  context: string[];
  primary: boolean;
  summary: string;
  links: TopicLink[];
  related: string[];
  /** Topics the body links to (`topic:` links), so "Mentioned in" needs no body. */
  linksTo: string[];
  notes: string[];
  /**
   * Where the notes discuss the topic in the learning path, as `[chapter index, position]` pairs: built-in topics ship
   * these instead of their notes (learningPath.placesOf works them out from `notes` otherwise).
   */
  chapterPlaces?: Array<[number, number]>;
  manifest?: ManifestHints;
  /** The stages of a versioned feature, oldest first. */
  stages?: FeatureStage[];
  /** Where the topic came from, e.g. `knowledge/networking/service.md`. */
  source: string;
  /** Team topics are untrusted content from the workspace. */
  origin?: 'builtin' | 'team';
}

/** A topic compiled from its Markdown file: team topics, and the build's built-in ones. */
export interface MarkdownTopic extends TopicFields {
  /** The topic page, in Markdown (no raw HTML). */
  body: string;
  page?: undefined;
}

/** A built-in topic as the package ships it: its page was rendered by the build (src/core/knowledgePack.ts). */
export interface PackedTopic extends TopicFields {
  body?: undefined;
  /** Read (decompressed) on first use. */
  page: RenderedPage;
}

export type Topic = MarkdownTopic | PackedTopic;

/** A page as the build rendered it, so that showing it needs no Markdown renderer. */
export interface RenderedPage {
  /** The body's HTML (topicPage.renderBody). */
  html: string;
  /** The text of the first paragraph that a full hover shows (hoverText.firstParagraphText), for primary topics. */
  hoverDetail: string | undefined;
}

export interface Category {
  id: string;
  title: string;
  /** A codicon id for the tree. */
  icon: string;
}

/** Sidebar order: architecture first, then what people build, then tools and the wider ecosystem. */
export const CATEGORIES: readonly Category[] = [
  { id: 'cluster', title: 'Cluster & API', icon: 'globe' },
  { id: 'control-plane', title: 'Control Plane', icon: 'server-process' },
  { id: 'worker-node', title: 'Worker Node', icon: 'server' },
  { id: 'runtimes', title: 'Containers & Runtimes', icon: 'package' },
  { id: 'workloads', title: 'Workloads', icon: 'rocket' },
  { id: 'networking', title: 'Services & Networking', icon: 'plug' },
  { id: 'storage', title: 'Storage', icon: 'database' },
  { id: 'configuration', title: 'Configuration', icon: 'settings-gear' },
  { id: 'security', title: 'Security', icon: 'shield' },
  { id: 'scheduling', title: 'Scheduling & Resources', icon: 'dashboard' },
  { id: 'tooling', title: 'Tooling', icon: 'tools' },
  { id: 'distributions', title: 'Distributions & Installers', icon: 'desktop-download' },
  { id: 'managed-services', title: 'Managed Services & Clouds', icon: 'cloud' },
  { id: 'ecosystem', title: 'CNCF & Ecosystem', icon: 'organization' },
];

export const BUILTIN_CATEGORY_IDS: ReadonlySet<string> = new Set(CATEGORIES.map(c => c.id));

/** A category that only team topics use gets a title from its id. */
export function categoryTitle(id: string): string {
  const known = CATEGORIES.find(c => c.id === id);
  if (known) return known.title;
  return id
    .split('-')
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Topics by category: built-in categories in sidebar order, then team categories by id; topics by title. */
export function groupByCategory(topics: readonly Topic[]): Array<{ category: string; topics: Topic[] }> {
  const byCategory = new Map<string, Topic[]>();
  for (const topic of topics) {
    const list = byCategory.get(topic.category) ?? [];
    list.push(topic);
    byCategory.set(topic.category, list);
  }
  const teamCategories = [...byCategory.keys()].filter(id => !BUILTIN_CATEGORY_IDS.has(id)).sort();
  return [...CATEGORIES.map(c => c.id), ...teamCategories]
    .filter(id => byCategory.has(id))
    .map(category => ({
      category,
      topics: byCategory.get(category)!.sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' })),
    }));
}

export const NOTES_REPO_URL = 'https://github.com/jahangir842/kubernetes-notes/blob/main/';

export interface Problem {
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  message: string;
  /** An error skips the file; a warning does not. Default: error. */
  severity?: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

export function isError(p: Problem): boolean {
  return p.severity !== 'warning';
}
