/**
 * Every id this extension shares with VS Code: package.json contributes them, the adapters use them from here.
 * No `vscode` import, so the unit test can compare this table with package.json.
 */
import { NEWEST_RELEASE } from './core/releases';

export const COMMANDS = {
  searchTopics: 'kubeConcepts.searchTopics',
  openTopic: 'kubeConcepts.openTopic',
  explainTermAtCursor: 'kubeConcepts.explainTermAtCursor',
  revealInSidebar: 'kubeConcepts.revealInSidebar',
  showFileConcepts: 'kubeConcepts.showFileConcepts',
  groupByCategory: 'kubeConcepts.groupByCategory',
  groupByLearningPath: 'kubeConcepts.groupByLearningPath',
  openSample: 'kubeConcepts.openSample',
  createTeamTopic: 'kubeConcepts.createTeamTopic',
  toggleHover: 'kubeConcepts.toggleHover',
  setTargetVersion: 'kubeConcepts.setTargetVersion',
} as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEW_CONTAINERS = { activityBar: 'kubeConcepts' } as const;

export const VIEWS = {
  topics: 'kubeConcepts.topics',
  fileConcepts: 'kubeConcepts.fileConcepts',
} as const;
export type ViewId = (typeof VIEWS)[keyof typeof VIEWS];

/** The command VS Code adds for every view: shows and focuses it. */
export function focusViewCommand(view: ViewId): string {
  return `${view}.focus`;
}

/** Ids of what the extension creates at run time: the status bar item and the diagnostic collection. */
export const STATUS_BAR_ITEMS = { targetVersion: 'kubeConcepts.targetVersion' } as const;
export const DIAGNOSTIC_COLLECTIONS = { api: 'kubeConcepts.api' } as const;

export const WEBVIEW_TYPES = { topicPage: 'kubeConcepts.topicPage' } as const;

export const WALKTHROUGHS = { gettingStarted: 'gettingStarted' } as const;

/** Keys for `setContext`, used in package.json `when` clauses. */
export const CONTEXT_KEYS = { topicsGrouping: 'kubeConcepts.topics.grouping' } as const;

/** Keys in `context.globalState`. */
export const STATE_KEYS = {
  topicsGrouping: 'kubeConcepts.topics.grouping',
  recentTopics: 'kubeConcepts.recentTopics',
} as const;

export const DEFAULT_HOVER_LANGUAGES: readonly string[] = [
  'yaml',
  'json',
  'jsonc',
  'markdown',
  'plaintext',
  'helm',
  'dockerfile',
];

/** Every setting with its default; `scope` is given where package.json declares one. */
export const SETTINGS = {
  hoverEnabled: { key: 'kubeConcepts.hover.enabled', default: true },
  hoverLanguages: { key: 'kubeConcepts.hover.languages', default: DEFAULT_HOVER_LANGUAGES },
  hoverDetail: { key: 'kubeConcepts.hover.detail', default: 'short', values: ['short', 'full'] },
  knowledgePaths: { key: 'kubeConcepts.knowledge.paths', default: [] as readonly string[], scope: 'resource' },
  kubernetesVersion: { key: 'kubeConcepts.kubernetesVersion', default: NEWEST_RELEASE, scope: 'resource' },
  diagnosticsEnabled: { key: 'kubeConcepts.diagnostics.enabled', default: true },
} as const;

/** The section every setting lives under, for `affectsConfiguration`. */
export const SETTINGS_SECTION = 'kubeConcepts';
export const HOVER_SETTINGS_SECTION = 'kubeConcepts.hover';
