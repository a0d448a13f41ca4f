/** The one rule for Kubernetes releases: a minor version written "1.16", and how two of them compare. */

/** The newest release the knowledge describes (API lifecycle table, topic facts): the default target. */
export const NEWEST_RELEASE = '1.37';

/** "1.0" to "1.99", no leading zero, no "v", no patch number. */
const RELEASE = /^1\.(0|[1-9]\d?)$/;

export interface Release {
  major: 1;
  minor: number;
}

/** The release a string names, or undefined when it is not of the form "1.16". */
export function parseRelease(text: string): Release | undefined {
  const m = typeof text === 'string' ? RELEASE.exec(text) : null;
  return m ? { major: 1, minor: Number(m[1]) } : undefined;
}

export function isRelease(text: string): boolean {
  return parseRelease(text) !== undefined;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. Throws on a string that is no release. */
export function compareReleases(a: string, b: string): number {
  return minorOf(a) - minorOf(b);
}

function minorOf(text: string): number {
  const release = parseRelease(text);
  if (!release) throw new TypeError(`"${text}" is not a Kubernetes release like "${NEWEST_RELEASE}"`);
  return release.minor;
}

/** The oldest release the API lifecycle table describes in full: the target picker starts here. */
export const OLDEST_DESCRIBED_RELEASE = '1.16';

/** A target release read from a setting: the release to use, and why the value was not used when it was not. */
export interface TargetVersion {
  release: string;
  problem?: string;
}

/**
 * Reads `kubeConcepts.kubernetesVersion`. Takes "1.30" and what `kubectl version` prints ("v1.30.4"); an empty or
 * missing value is the newest release; anything else is the newest release with a problem to show once.
 */
export function parseTargetVersion(value: unknown): TargetVersion {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return { release: NEWEST_RELEASE };
  if (typeof value === 'number')
    return {
      release: NEWEST_RELEASE,
      problem: `write the release as a string in quotes, such as "${NEWEST_RELEASE}" (the number ${value} may have lost a trailing zero)`,
    };
  if (typeof value !== 'string')
    return { release: NEWEST_RELEASE, problem: `expected a release such as "${NEWEST_RELEASE}"` };
  const m = /^v?(1\.\d{1,2})(?:\.\d{1,4})?$/.exec(value.trim());
  const release = m?.[1];
  if (!release || !isRelease(release))
    return { release: NEWEST_RELEASE, problem: `"${value}" is not a Kubernetes release such as "${NEWEST_RELEASE}"` };
  if (compareReleases(release, NEWEST_RELEASE) > 0)
    return {
      release: NEWEST_RELEASE,
      problem: `${release} is newer than ${NEWEST_RELEASE}, the newest release this version of the extension knows`,
    };
  return { release };
}

/** Every release from `oldest` to the newest the knowledge describes, newest first. */
export function releasesNewestFirst(oldest = OLDEST_DESCRIBED_RELEASE): string[] {
  const out: string[] = [];
  for (let minor = minorOf(NEWEST_RELEASE); minor >= minorOf(oldest); minor--) out.push(`1.${minor}`);
  return out;
}
