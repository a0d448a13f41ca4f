/** Finds Markdown bodies that `marked` would render too slowly (quadratic inline scans) or too deeply (stack). */
import { withoutFences } from './fences';

/** Container levels (quotes, list markers, two columns of indentation) on one line; built-in topics use at most 3. */
export const MAX_RENDER_NESTING = 32;
/**
 * Inline work estimate: for each block, characters that start an inline scan (`*_~!` and backticks) times the block's
 * length. marked 18 rescans the rest of a block from each of them (markedjs/marked#4099); built-in topics stay below
 * 100k. The budget keeps the worst shapes near 100 ms on a busy machine.
 */
export const MAX_INLINE_WORK = 1_000_000;

/** Why a body is unsafe to render with marked, or undefined when it is safe. Linear in the body's length. */
export function markdownHazard(markdown: string): string | undefined {
  const text = withoutFences(markdown, '\n\n');
  let blockLength = 0;
  let blockScans = 0;
  let work = 0;
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const { depth, blank, scans } = measureLine(text, lineStart, lineEnd);
    if (depth > MAX_RENDER_NESTING) return `it nests more than ${MAX_RENDER_NESTING} levels deep`;
    if (blank) {
      work += blockScans * blockLength;
      blockLength = blockScans = 0;
    } else {
      blockLength += lineEnd - lineStart + 1;
      blockScans += scans;
    }
    if (work + blockScans * blockLength > MAX_INLINE_WORK) return 'it holds too many emphasis or `!` marks in a row';
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function measureLine(text: string, start: number, end: number): { depth: number; blank: boolean; scans: number } {
  let columns = 0;
  let markers = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text[i];
    if (c === ' ') columns++;
    else if (c === '\t') columns += 4;
    else if (c === '>') markers++;
    else if ((c === '-' || c === '*' || c === '+') && (i + 1 === end || /[ \t]/.test(text[i + 1]))) markers++;
    else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9') j++;
      if ((text[j] === '.' || text[j] === ')') && (j + 1 === end || /[ \t]/.test(text[j + 1]))) {
        markers++;
        i = j;
      } else break;
    } else break;
  }
  let scans = 0;
  for (let k = i; k < end; k++) if ('*_~!`'.includes(text[k])) scans++;
  return { depth: markers + Math.floor(columns / 2), blank: i === end || text.slice(i, end).trim() === '', scans };
}
