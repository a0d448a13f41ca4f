/** The one scanner for fenced code blocks of Markdown (CommonMark rules, outside container blocks). */

export interface FencedBlock {
  /** Offset of the opening fence line. */
  start: number;
  /** Offset of the first content line (the end of the text for a fence on its last line). */
  contentStart: number;
  /** Offset where the closing fence line starts, or the end of the text when the fence is never closed. */
  contentEnd: number;
  /** Offset after the closing fence line and its line break. */
  end: number;
  /** The info string after the opening fence, trimmed: `yaml title="x"`. */
  info: string;
  /** The first word of the info string, lower case: `yaml`. */
  language: string;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export function findFences(text: string): FencedBlock[] {
  const fences: FencedBlock[] = [];
  let open: { start: number; contentStart: number; marker: string; info: string } | undefined;
  for (let lineStart = 0; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const next = newline < 0 ? text.length : newline + 1;
    const line = text.slice(lineStart, newline < 0 ? text.length : newline).replace(/\r$/, '');
    if (open) {
      const close = CLOSING.exec(line);
      if (close && close[1][0] === open.marker[0] && close[1].length >= open.marker.length) {
        fences.push(block(open, lineStart, next));
        open = undefined;
      }
    } else {
      const m = OPENING.exec(line);
      // A backtick fence's info string may not hold a backtick: "```x```" is inline code.
      if (m && !(m[1][0] === '`' && m[2].includes('`')))
        open = { start: lineStart, contentStart: next, marker: m[1], info: m[2].trim() };
    }
    lineStart = next;
  }
  if (open) fences.push(block(open, text.length, text.length));
  return fences;
}

/** The text with every fenced block (fences included) replaced by `replacement`. */
export function withoutFences(text: string, replacement = ''): string {
  let out = '';
  let from = 0;
  for (const f of findFences(text)) {
    out += text.slice(from, f.start) + replacement;
    from = f.end;
  }
  return out + text.slice(from);
}

function block(
  open: { start: number; contentStart: number; info: string },
  contentEnd: number,
  end: number,
): FencedBlock {
  return {
    start: open.start,
    contentStart: open.contentStart,
    contentEnd,
    end,
    info: open.info,
    language: (open.info.split(/\s+/)[0] ?? '').toLowerCase(),
  };
}
