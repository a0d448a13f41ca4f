/** The one rule for links that leave the extension: https, a real host name, no user name or password. */

export type UrlCheck = { ok: true; href: string } | { ok: false; reason: string };

// The WHATWG parser forgives `https:////host`, `https:/host` and backslashes; what a reader sees must be what opens.
const PLAIN_AUTHORITY = /^https:\/\/[^/\\]/i;
const HOST_NAME = /^[^.]+(?:\.[^.]+)+\.?$/;

/** Checks a URL and gives its normalised `href`; never throws. */
export function checkUrl(url: string): UrlCheck {
  const text = url.trim();
  const fail = (why: string): UrlCheck => ({ ok: false, reason: `"${url}" ${why}` });
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return fail('is not a valid URL');
  }
  if (parsed.protocol !== 'https:') return fail('must use https');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(text)) return fail('contains white space or control characters');
  if (!PLAIN_AUTHORITY.test(text)) return fail('must start with https:// and a host name');
  if (parsed.username || parsed.password) return fail('must not hold a user name or password');
  if (!HOST_NAME.test(parsed.hostname)) return fail('has no proper host name');
  return { ok: true, href: parsed.href };
}

/** The normalised https URL, or undefined when the rule refuses it. */
export function safeHttpsUrl(url: string): string | undefined {
  const check = checkUrl(url);
  return check.ok ? check.href : undefined;
}
