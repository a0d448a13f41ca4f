/**
 * A licence header is boilerplate, not prose about Kubernetes: the comment block at the top of a file (`#` lines, or
 * an HTML comment in Markdown) that names a licence or a copyright gets no hovers.
 */

/** Headers are short: a longer comment block is read no further than this. */
const MAX_HEADER_CHARS = 16 * 1024;
const NAMES_A_LICENCE = /\blicen[cs]ed?\b|\bSPDX-License-Identifier\b|\bcopyright\b|\(c\)|©/i;

/** Where the licence header at the top of `text` ends (0 without one). */
export function licenceHeaderEnd(text: string, languageId: string): number {
  const end = languageId === 'markdown' ? htmlCommentEnd(text) : hashCommentEnd(text);
  return end > 0 && NAMES_A_LICENCE.test(text.slice(0, end)) ? end : 0;
}

/** The end of the `#` comment lines (blank lines between them included) that open the text. */
function hashCommentEnd(text: string): number {
  let end = 0;
  for (let lineStart = 0; lineStart < Math.min(text.length, MAX_HEADER_CHARS);) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line.startsWith('#')) end = lineEnd;
    else if (line !== '') break;
    lineStart = lineEnd + 1;
  }
  return end;
}

function htmlCommentEnd(text: string): number {
  const open = /^\s*<!--/.exec(text.slice(0, MAX_HEADER_CHARS));
  if (!open) return 0;
  const close = text.indexOf('-->', open[0].length);
  return close < 0 || close > MAX_HEADER_CHARS ? 0 : close + 3;
}
