/** The stages of a versioned feature (a topic's `stages`): how they are written, and what they mean for a target. */
import type { FeatureStage, FeatureStageName } from './model';
import { compareReleases, NEWEST_RELEASE, parseRelease } from './releases';

const STAGE_ORDER: readonly FeatureStageName[] = ['alpha', 'beta', 'stable', 'deprecated', 'removed'];
const FIELDS = new Set(['stage', 'since', 'default']);

export interface StagesCheck {
  stages: FeatureStage[];
  /** Each problem with the index of the item it is about. */
  problems: Array<{ item: number; message: string }>;
}

/** Checks the YAML value of `stages`: a list of `{stage, since, default?}`, releases quoted and in order. */
export function checkStages(value: unknown): StagesCheck {
  const problems: StagesCheck['problems'] = [];
  const stages: FeatureStage[] = [];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ item: -1, message: '"stages" must be a list like [{stage: alpha, since: "1.28"}]' });
    return { stages, problems };
  }
  value.forEach((raw, item) => {
    const checked = checkStage(raw, stages[stages.length - 1]);
    if (typeof checked === 'string') problems.push({ item, message: `stage ${item + 1}: ${checked}` });
    else stages.push(checked);
  });
  return { stages, problems };
}

/** The stage an item describes, or what is wrong with it. */
function checkStage(raw: unknown, previous: FeatureStage | undefined): FeatureStage | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'must be a mapping {stage, since}';
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).find(k => !FIELDS.has(k));
  if (unknown !== undefined) return `unknown field "${unknown}"; use stage, since and default`;
  const stage = entry.stage;
  if (typeof stage !== 'string' || !STAGE_ORDER.includes(stage as FeatureStageName))
    return `"stage" must be one of ${STAGE_ORDER.join(', ')}`;
  const since = entry.since;
  if (typeof since !== 'string' || !parseRelease(since))
    return typeof since === 'number'
      ? `"since" must be quoted, like "${NEWEST_RELEASE}" (YAML reads 1.20 as the number 1.2)`
      : `"since" must be a release like "${NEWEST_RELEASE}"`;
  if (compareReleases(since, NEWEST_RELEASE) > 0)
    return `"since" ${since} is newer than ${NEWEST_RELEASE}, the newest release the knowledge describes`;
  const fallback = entry.default;
  if (fallback !== undefined && stage !== 'beta') return '"default" is only for a beta stage';
  if (fallback !== undefined && fallback !== 'on' && fallback !== 'off') return '"default" must be on or off';
  if (previous) {
    const rank = STAGE_ORDER.indexOf(stage as FeatureStageName) - STAGE_ORDER.indexOf(previous.stage);
    if (compareReleases(since, previous.since) <= 0) return `${since} must be later than ${previous.since}`;
    if (rank < 0 || (rank === 0 && stage !== 'beta'))
      return `"${stage}" cannot follow "${previous.stage}"; stages go ${STAGE_ORDER.join(', ')}`;
    if (rank === 0 && fallback === previous.default) return 'a second beta stage changes "default"';
  }
  return { stage: stage as FeatureStageName, since, ...(fallback ? { default: fallback } : {}) };
}

export interface StageAtTarget {
  /** The stage at the target, or `unavailable` before the first one. */
  stage: FeatureStageName | 'unavailable';
  /** One sentence for hovers and pages, e.g. "Stable since 1.33." */
  message: string;
}

/** What a feature's stages mean for a cluster of release `target`. Throws when `target` is not a release. */
export function stageAt(stages: readonly FeatureStage[], target: string): StageAtTarget {
  compareReleases(target, target); // throws on a target that is no release
  const reached = stages.filter(s => compareReleases(s.since, target) <= 0);
  const current = reached[reached.length - 1];
  const next = stages[reached.length];
  if (!current)
    return {
      stage: 'unavailable',
      message: next ? `Not available before ${next.since}; your target is ${target}.` : 'No release facts.',
    };
  const later = next ? ` (${next.stage}${defaultWords(next)} from ${next.since})` : '';
  switch (current.stage) {
    case 'stable':
      return { stage: 'stable', message: `Stable since ${current.since}${later}.` };
    case 'deprecated':
      return {
        stage: 'deprecated',
        message: `Deprecated since ${current.since}${next ? `, removed in ${next.since}` : ''}; your target is ${target}.`,
      };
    case 'removed':
      return { stage: 'removed', message: `Removed in ${current.since}; your target is ${target}.` };
    case 'alpha':
      return { stage: 'alpha', message: `In ${target}, your target, this is alpha and off by default${later}.` };
    case 'beta':
      return { stage: 'beta', message: `In ${target}, your target, this is beta${defaultWords(current)}${later}.` };
  }
}

function defaultWords(stage: FeatureStage): string {
  if (stage.stage !== 'beta' || !stage.default) return '';
  return ` and ${stage.default} by default`;
}
