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
