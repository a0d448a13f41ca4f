/**
 * Rules that say what a YAML key means from the end of its path, as knowledge writes them (`livenessProbe`,
 * `httpGet.path`, `Service.type`, `example.com/name`): the longest matching suffix wins, and of two as long, the one
 * scoped to the document's kind.
 */
interface SuffixRule<T> {
  suffix: string[];
  kind?: string;
  target: T;
}

export class SuffixRules<T> {
  private readonly rules = new Map<string, Array<SuffixRule<T>>>();

  /** `spec` is a key path; `value`, when given, must be the key's value too (a rule for `type: NodePort`). */
  add(spec: string, target: T, value = ''): void {
    const parts = keyPath(spec);
    const kind = parts.length > 1 && /^[A-Z]/.test(parts[0]) ? parts[0] : undefined;
    const keys = kind ? parts.slice(1) : parts;
    const id = ruleId(keys[keys.length - 1], value);
    const rules = this.rules.get(id) ?? [];
    rules.push({ suffix: keys.slice(0, -1), ...(kind ? { kind } : {}), target });
    // the most specific first: the longest path, and of two as long, the one of a kind
    const weight = (r: SuffixRule<T>) => 2 * r.suffix.length + (r.kind ? 1 : 0);
    rules.sort((a, b) => weight(b) - weight(a));
    this.rules.set(id, rules);
  }

  find(path: readonly string[], key: string, kind?: string, value = ''): T | undefined {
    for (const rule of this.rules.get(ruleId(key, value)) ?? []) {
      if (rule.suffix.length > path.length || (rule.kind && rule.kind !== kind)) continue;
      if (rule.suffix.every((part, i) => part === path[path.length - rule.suffix.length + i])) return rule.target;
    }
    return undefined;
  }
}

function ruleId(key: string, value: string): string {
  return value ? key + '\u0000' + value : key;
}

/** `containers.resources` is a path of two keys; a label or annotation key like `example.com/name` is one key. */
function keyPath(spec: string): string[] {
  return spec.includes('/') ? [spec] : spec.split('.');
}
