/** How names (titles and aliases) are normalised so that `kube-proxy`, `kube proxy` and `kubeproxy` meet. */

/** A run of letters and digits: the atoms that names and text are compared by. */
export const WORD = /[\p{L}\p{N}]+/gu;
/** What may stand between two words of one name: one hyphen, underscore, dot or slash, or a little white space. */
export const GAP = /^(?:[-_./]|[ \t]{1,2})$/;
const ALLOWED_NAME_CHARS = /^[\p{L}\p{N}\-_./ \t]+$/u;

export interface NameKey {
  /** Lower-case words joined: the lookup key. */
  folded: string;
  /** Words joined as written: compared for exact-case names. */
  exact: string;
  words: number;
}

/**
 * The key of a name, or undefined when the name cannot be found in running text (it holds other punctuation, like
 * `kind: Pod` or `--namespace`, or has fewer than two letters or digits).
 */
export function nameKey(name: string): NameKey | undefined {
  const trimmed = name.trim();
  // Command-line flags (`-n`, `kubectl apply -k`) are written in ways running text cannot be matched against reliably.
  if (!ALLOWED_NAME_CHARS.test(trimmed) || trimmed.startsWith('-') || /\s-/.test(trimmed)) return undefined;
  const words = trimmed.match(WORD);
  if (!words) return undefined;
  const exact = words.join('');
  if (exact.length < 2) return undefined;
  return { folded: exact.toLowerCase(), exact, words: words.length };
}

/** The singular forms to try for a plural last word (`Pods`, `Ingresses`, `Policies`), most likely first. */
export function singularForms(word: string): string[] {
  const forms: string[] = [];
  if (word.length > 3 && /ies$/i.test(word)) forms.push(word.slice(0, -3) + (word.endsWith('IES') ? 'Y' : 'y'));
  if (word.length > 3 && /(ss|x|ch|sh)es$/i.test(word)) forms.push(word.slice(0, -2));
  if (word.length > 2 && /[^s]s$/i.test(word)) forms.push(word.slice(0, -1));
  return forms;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const JOINER = /[-_./]/;

/**
 * Whether `text[at]` joins two words into one token: `-`, `_`, `.` or `/` between letters or digits (a path, a file
 * name, a domain, a label key, an identifier). Elsewhere they are punctuation: the end of a sentence, `__emphasis__`.
 */
export function joinsWords(text: string, at: number): boolean {
  return JOINER.test(text[at] ?? '') && WORD_CHAR.test(text[at - 1] ?? '') && WORD_CHAR.test(text[at + 1] ?? '');
}

/** The token that holds `start..end` of `text`: letters, digits and joining characters, read at most `limit` further. */
export function tokenAround(text: string, start: number, end: number, limit: number): { start: number; end: number } {
  const inside = (at: number) => WORD_CHAR.test(text[at] ?? '') || joinsWords(text, at);
  let from = start;
  while (from > 0 && start - from <= limit && inside(from - 1)) from--;
  let to = end;
  while (to < text.length && to - end <= limit && inside(to)) to++;
  return { start: from, end: to };
}
