/**
 * Container image references (`nginx:1.27`, `ghcr.io/org/app@sha256:…`), read as container runtimes read them (the
 * distribution reference grammar, with Docker Hub's defaults): which registry, repository, tag and digest they name,
 * and what is filled in when a part is left out.
 */

export interface ImageReference {
  /** The registry host as written (`ghcr.io`, `localhost:5000`), or undefined: Docker Hub (`docker.io`). */
  registry?: string;
  /** The repository path as written (`nginx`, `org/app`). */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DEFAULT_REGISTRY = 'docker.io';
export const DEFAULT_TAG = 'latest';

const MAX_REFERENCE_CHARS = 512;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
/** A registry host: DNS labels joined by dots or a bracketed IPv6 address, with an optional port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d+)?$/;

export function parseImageReference(text: string): ImageReference | { invalid: string } {
  if (text.length === 0 || text.length > MAX_REFERENCE_CHARS) return { invalid: 'it is empty or too long' };
  if (/\s/.test(text)) return { invalid: 'it contains white space' };
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const named = at >= 0 ? text.slice(0, at) : text;
  if (digest !== undefined && !DIGEST.test(digest))
    return { invalid: `\`${digest}\` is not a digest (\`sha256:\` and 64 hex digits)` };
  if (digest?.startsWith('sha256:') && !SHA256.test(digest))
    return { invalid: 'a `sha256:` digest has exactly 64 lower-case hex digits' };
  const slash = named.indexOf('/');
  const first = slash >= 0 ? named.slice(0, slash) : '';
  // distribution/reference's rule: the first part is a registry when it has a dot or a port, is `localhost`, or has
  // an upper-case letter (a repository never has one).
  const registry =
    slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : undefined;
  if (registry !== undefined && !HOST.test(registry))
    return { invalid: `\`${registry}\` is not a registry host (names joined by dots, an optional \`:port\`)` };
  const rest = registry === undefined ? named : named.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  if (tag === '') return { invalid: 'the tag after `:` is empty' };
  if (tag !== undefined && !TAG.test(tag))
    return {
      invalid: `\`${tag}\` is not a tag (letters, digits, \`_\`, \`.\` and \`-\`, at most 128, not first \`.\` or \`-\`)`,
    };
  const bad = repository.split('/').find(part => !PATH_COMPONENT.test(part));
  if (bad !== undefined)
    return {
      invalid:
        bad === ''
          ? 'the repository is empty or has an empty part'
          : `\`${bad}\` is not a repository name (lower-case letters and digits, joined by \`.\`, \`_\`, \`__\` or dashes)`,
    };
  return { repository, ...(registry ? { registry } : {}), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** One line for a hover: the parts as written, the defaults filled in, and why `latest` and a missing digest matter. */
export function describeImageReference(text: string): string {
  const ref = parseImageReference(text);
  const shown = `\`${text}\``;
  if ('invalid' in ref) return `${shown} is not a valid image reference: ${ref.invalid}.`;
  const hub = ref.registry === undefined || ref.registry === DEFAULT_REGISTRY || ref.registry === 'index.docker.io';
  const repository = hub && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  const parts = [
    ref.registry ? `registry \`${ref.registry}\`` : `registry \`${DEFAULT_REGISTRY}\` (Docker Hub, the default)`,
    repository === ref.repository
      ? `repository \`${repository}\``
      : `repository \`${repository}\` (\`library/\` is Docker Hub's default for official images)`,
  ];
  if (ref.tag) parts.push(`tag \`${ref.tag}\``);
  else if (!ref.digest) parts.push(`no tag, so \`${DEFAULT_TAG}\``);
  if (ref.digest) parts.push(`digest \`${shortDigest(ref.digest)}\``);
  let advice: string;
  if (ref.digest)
    advice = ref.tag
      ? 'The digest pins the exact image; the tag is then only informative.'
      : 'The digest pins the exact image.';
  else if (!ref.tag || ref.tag === DEFAULT_TAG)
    advice = `\`${DEFAULT_TAG}\` usually points at whatever was pushed last, so nodes may run different versions, and without \`imagePullPolicy\` the kubelet checks the registry on every container start (\`Always\`). Pin a version tag or a digest.`;
  else
    advice =
      'A tag can be moved to another image; add a digest (`@sha256:…`) to run exactly the same bytes everywhere.';
  return `Image ${shown}: ${parts.join(', ')}. ${advice}`;
}

function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.length > colon + 13 ? `${digest.slice(0, colon + 13)}…` : digest;
}
