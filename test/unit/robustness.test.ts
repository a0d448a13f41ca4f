// Property/fuzz tests of the public core API on hostile input, with the real knowledge base (dist/knowledge/).
// Deterministic: every case derives from one seed (set KUBE_CONCEPTS_FUZZ_SEED to try others; it is printed on
// failure). KUBE_CONCEPTS_FUZZ_SCALE=10 runs ten times as many random cases; KUBE_CONCEPTS_FUZZ_VERBOSE=1 prints how
// much was checked and how long each test took.
//
// Properties, for every text, language and offset:
//   - conceptAt / analyze().conceptAt never throw;
//   - invalid offsets (negative, fractional, NaN, >= length) give undefined;
//   - a hit has integer 0 <= start <= offset < end <= text.length, splits no surrogate pair and no word,
//     names a topic of the index, and its alternatives are other topics of the index, without repeats;
//   - the same question gives the same answer: twice in a row (the one-document cache), through analyze(),
//     after the cache moved to another document, and from a fresh index asked in another order.
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';
import { createConceptIndex, MAX_PARSED_DOCUMENT_CHARS, type ConceptHit, type Topic } from '../../src/core/index';
import { blankTemplates } from '../../src/core/yamlContext';
import { loadTopics } from '../tools/knowledge-report';
import { seededRandom } from './fixtures';

const SEED = Number(process.env.KUBE_CONCEPTS_FUZZ_SEED ?? 0x6b756265) >>> 0;
const VERBOSE = !!process.env.KUBE_CONCEPTS_FUZZ_VERBOSE;
/** Iteration counts are sized for about 5 s of CPU in all; scale them up to search harder. */
const SCALE = Math.max(1, Number(process.env.KUBE_CONCEPTS_FUZZ_SCALE ?? 1) || 1);
const times = (n: number) => Math.round(n * SCALE);
const ROOT = join(__dirname, '..', '..');
const LANGUAGES = ['yaml', 'json', 'jsonc', 'markdown', 'plaintext', 'helm', 'dockerfile', 'no-such-language'] as const;

const topics: Topic[] = loadTopics(ROOT);
const index = createConceptIndex(topics);
/** Asked in another order, to show that answers do not depend on what was asked before. */
const fresh = createConceptIndex(topics);

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

interface Rnd {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32, seeded per test from SEED and the test's name. */
function rng(name: string): Rnd {
  let a = SEED;
  for (let i = 0; i < name.length; i++) a = Math.imul(a ^ name.charCodeAt(i), 0x9e3779b1) >>> 0;
  const next = seededRandom(a);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: items => items[int(items.length)], chance: p => next() < p };
}

// ---------------------------------------------------------------------------------------------------------------
// Material: names from the knowledge base, real manifests, hostile tokens

const NAMES = [...new Set(topics.flatMap(t => [t.title, ...t.aliases, ...(t.manifest?.kinds ?? [])]))].sort();
const KEYS = [...new Set(topics.flatMap(t => (t.manifest?.keys ?? []).map(k => k.split('.').pop()!)))].sort();

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir)
      .sort()
      .flatMap(f => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? filesUnder(p) : [p];
      });
  } catch {
    return [];
  }
}

const FALLBACK_MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx\n          imagePullPolicy: Always\n          livenessProbe:\n            httpGet: {path: /, port: 80}\n';
const CORPUS: string[] = [
  ...filesUnder(join(ROOT, 'test', 'fixtures', 'workspace')),
  join(ROOT, 'test', 'bench', 'manifests.yaml'),
]
  .flatMap(f => {
    try {
      return [readFileSync(f, 'utf8')];
    } catch {
      return [];
    }
  })
  .filter(t => t.length > 0);
if (CORPUS.length === 0) CORPUS.push(FALLBACK_MANIFEST);
const MANIFESTS = CORPUS.filter(t => /^\s*kind:/m.test(t));
if (MANIFESTS.length === 0) MANIFESTS.push(FALLBACK_MANIFEST);
// The same manifests as JSON, for the json/jsonc paths.
for (const manifest of MANIFESTS.slice()) {
  for (const doc of parseAllDocuments(blankTemplates(manifest))) {
    try {
      const value: unknown = doc.toJS();
      if (value && typeof value === 'object') CORPUS.push(JSON.stringify(value, null, 2));
    } catch {
      // not representable as JSON: the YAML original is in the corpus anyway
    }
  }
}
const KINDS = new Set(topics.flatMap(t => t.manifest?.kinds ?? []));

const ASTRAL = ['😀', '𝔘', '🚀', '\u{1F9D1}\u{200D}\u{1F4BB}', '𠀀', '\u{E0041}'];
const TOKENS = [
  '\0',
  '\uFEFF',
  '\uFFFD',
  '\uD800',
  '\uDC00',
  '\uDBFF',
  '\u2028',
  '\u2029',
  '\r',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '  ',
  '"',
  "'",
  '`',
  '```',
  '```yaml\n',
  '~~~',
  '[',
  ']',
  '{',
  '}',
  '{{',
  '}}',
  '{{- ',
  ' -}}',
  ':',
  ': ',
  '- ',
  '? ',
  '#',
  '|',
  '>-',
  '&a ',
  '*a',
  '!!str ',
  '%YAML 1.2\n',
  '---',
  '---\n',
  '...\n',
  '--',
  '$',
  '@',
  '_',
  '.',
  '/',
  '\\',
  'https://',
  'www.',
  '](',
  '[x]: ',
  '.yaml',
  'é',
  'ß',
  'İ',
  'ﬁ',
  ...ASTRAL,
];

function randomCodeUnits(rnd: Rnd, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(rnd.chance(0.5) ? rnd.int(0x10000) : rnd.int(0x80));
  return s;
}

function randomBytes(rnd: Rnd, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = rnd.chance(0.3) ? rnd.int(256) : 0x20 + rnd.int(0x5f);
  return bytes;
}

/** A soup of hostile tokens, names of the knowledge base, keys, and random code units. */
function soup(rnd: Rnd, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) {
    const r = rnd.next();
    if (r < 0.35) s += rnd.pick(TOKENS);
    else if (r < 0.6) s += rnd.pick(NAMES);
    else if (r < 0.7) s += rnd.pick(KEYS) + ': ';
    else if (r < 0.8) s += randomCodeUnits(rnd, 1 + rnd.int(4));
    else if (r < 0.9) s += ' '.repeat(rnd.int(6));
    else s += rnd.pick(['kind: ', 'apiVersion: ', 'apps/v1', 'v1', 'spec:\n  ', 'metadata:\n  name: ']);
  }
  return s;
}

function mutate(rnd: Rnd, text: string, count: number): string {
  for (let k = 0; k < count; k++) {
    const at = rnd.int(text.length + 1);
    const len = 1 + rnd.int(60);
    switch (rnd.int(8)) {
      case 0: {
        // insert a slice of another real file
        const other = rnd.pick(CORPUS);
        const from = rnd.int(other.length);
        text = text.slice(0, at) + other.slice(from, from + len) + text.slice(at);
        break;
      }
      case 1:
        text = text.slice(0, at) + text.slice(at + len);
        break;
      case 2:
        text = text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
        break;
      case 3:
        text = text.slice(0, at) + rnd.pick(TOKENS) + text.slice(at);
        break;
      case 4:
        text = text.slice(0, at) + String.fromCharCode(rnd.int(0x10000)) + text.slice(at + 1);
        break;
      case 5: {
        // swap two lines
        const lines = text.split('\n');
        const i = rnd.int(lines.length),
          j = rnd.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        text = lines.join('\n');
        break;
      }
      case 6: {
        // a document marker or a template at a line start
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        text =
          text.slice(0, lineStart) +
          rnd.pick(['---\n', '--- # x\n', '...\n', '{{- if .Values.x }}\n', '{{ .Values.y\n', '}}\n']) +
          text.slice(lineStart);
        break;
      }
      default:
        text = text.slice(0, at) + rnd.pick(ASTRAL) + rnd.pick(NAMES) + rnd.pick(ASTRAL) + text.slice(at);
        break;
    }
  }
  return text;
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function tabs(text: string): string {
  return text.replace(/^( {2})+/gm, m => '\t'.repeat(m.length / 2));
}

// ---------------------------------------------------------------------------------------------------------------
// The properties

const stats = { documents: 0, hovers: 0, hits: 0, yamlContextHits: 0 };

function isValidOffset(text: string, offset: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset < text.length;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The code point that ends just before `i`, and the one that starts at `i`, as strings ('' at the ends). */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? text.slice(i - 2, i) : text[i - 1];
}
function codePointAt(text: string, i: number): string {
  if (i >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(i)!);
}

function describe(text: string, languageId: string, offset: number, where: string): string {
  const around = Number.isFinite(offset)
    ? text.slice(Math.max(0, offset - 40), Math.max(0, offset + 40))
    : text.slice(0, 80);
  return (
    `${where}: seed ${SEED} (KUBE_CONCEPTS_FUZZ_SEED), language ${languageId}, offset ${offset}, length ${text.length}, around: ${JSON.stringify(around)}` +
    (text.length <= 2000 ? `, text: ${JSON.stringify(text)}` : '')
  );
}

/** Assertions whose (costly) messages are only built on failure. */
function ok(condition: unknown, message: () => string): void {
  if (!condition) assert.fail(message());
}
function same<T>(actual: T, expected: T, message: () => string): void {
  if (!isDeepStrictEqual(actual, expected)) assert.deepStrictEqual(actual, expected, message());
}

function checkHit(hit: ConceptHit | undefined, text: string, offset: number, languageId: string, where: string): void {
  const why = () => describe(text, languageId, offset, where);
  if (!isValidOffset(text, offset)) {
    ok(hit === undefined, () => `an invalid offset must give no hit, got ${JSON.stringify(hit)}; ${why()}`);
    return;
  }
  if (hit === undefined) return;
  const { start, end } = hit;
  const range = () => `range ${start}..${end} (${JSON.stringify(text.slice(start, end))})`;
  ok(Number.isInteger(start) && Number.isInteger(end), () => `${range()} must be integers; ${why()}`);
  ok(
    0 <= start && start <= offset && offset < end && end <= text.length,
    () => `${range()} must hold the offset; ${why()}`,
  );
  ok(index.get(hit.topicId), () => `unknown topic ${hit.topicId}; ${why()}`);
  if (hit.alternatives !== undefined) {
    const alternatives = hit.alternatives;
    ok(Array.isArray(alternatives) && alternatives.length > 0, () => `empty alternatives; ${why()}`);
    for (const alt of alternatives) {
      ok(index.get(alt), () => `unknown alternative ${alt}; ${why()}`);
      ok(alt !== hit.topicId, () => `alternative ${alt} equals the topic; ${why()}`);
    }
    ok(new Set(alternatives).size === alternatives.length, () => `repeated alternatives ${alternatives}; ${why()}`);
  }
  ok(hit.context === undefined || typeof hit.context === 'string', () => `context must be text; ${why()}`);
  for (const edge of [start, end]) {
    ok(
      !(isHigh(text.charCodeAt(edge - 1)) && isLow(text.charCodeAt(edge))),
      () => `${range()} splits a surrogate pair; ${why()}`,
    );
    ok(
      !(WORD_CHAR.test(codePointBefore(text, edge)) && WORD_CHAR.test(codePointAt(text, edge))),
      () => `${range()} splits a word; ${why()}`,
    );
  }
}

const INVALID_OFFSETS = (n: number) => [
  -1,
  -2,
  -0.5,
  0.5,
  n - 0.5,
  n,
  n + 1,
  n + 0.25,
  2 ** 31,
  2 ** 53,
  1e300,
  Infinity,
  -Infinity,
  NaN,
  -(2 ** 31),
];

/** Offsets worth asking about: the edges, random ones, and ones on letters (where names are). */
function offsetsFor(rnd: Rnd, text: string, randomCount: number): number[] {
  const n = text.length;
  if (n <= 64) return Array.from({ length: n }, (_, i) => i);
  const offsets = [0, 1, n - 2, n - 1].filter(o => o >= 0 && o < n);
  for (let i = 0; i < randomCount && n > 0; i++) {
    const o = rnd.int(n);
    offsets.push(o);
    // the nearest letter to the right, often inside a name
    for (let j = o; j < Math.min(n, o + 200); j++) {
      if (/[A-Za-z]/.test(text[j])) {
        offsets.push(j);
        break;
      }
    }
  }
  return [...new Set(offsets)];
}

/** Asks every way the API allows, at `offsets` (plus invalid ones), in `languageId`, and checks the properties. */
function checkDocument(text: string, languageId: string, offsets: readonly number[], where: string): ConceptHit[] {
  stats.documents++;
  const answers: Array<ConceptHit | undefined> = [];
  const call = <T>(what: string, offset: number, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      assert.fail(`${what} threw ${(e as Error)?.stack ?? e}; ${describe(text, languageId, offset, where)}`);
    }
  };
  const doc = call('analyze', -1, () => index.analyze(text, languageId));
  const hits: ConceptHit[] = [];
  for (const offset of offsets) {
    const first = call('conceptAt', offset, () => index.conceptAt(text, offset, languageId));
    const again = call('conceptAt (cached)', offset, () => index.conceptAt(text, offset, languageId));
    const viaDoc = call('analyze().conceptAt', offset, () => doc.conceptAt(offset));
    checkHit(first, text, offset, languageId, where);
    const why = () => describe(text, languageId, offset, where);
    same(again, first, () => `same question, other answer (one-document cache); ${why()}`);
    same(viaDoc, first, () => `analyze().conceptAt differs from conceptAt; ${why()}`);
    answers.push(first);
    stats.hovers++;
    if (first) {
      stats.hits++;
      hits.push(first);
      if (first.context !== undefined) stats.yamlContextHits++;
    }
  }
  for (const offset of INVALID_OFFSETS(text.length)) {
    checkHit(
      call('conceptAt', offset, () => index.conceptAt(text, offset, languageId)),
      text,
      offset,
      languageId,
      where,
    );
    checkHit(
      call('analyze().conceptAt', offset, () => doc.conceptAt(offset)),
      text,
      offset,
      languageId,
      where,
    );
  }
  if (text.length > 0) {
    same(
      index.conceptAt(text, -0, languageId),
      index.conceptAt(text, 0, languageId),
      () => `-0 is 0; ${describe(text, languageId, 0, where)}`,
    );
  }
  // A fresh index, asked in reverse order through analyze(), then the cached index after it served another document.
  const freshDoc = call('analyze (fresh index)', -1, () => fresh.analyze(text, languageId));
  for (let i = offsets.length - 1; i >= 0; i--) {
    const answer = call('fresh analyze().conceptAt', offsets[i], () => freshDoc.conceptAt(offsets[i]));
    same(
      answer,
      answers[i],
      () => `a fresh index answers differently; ${describe(text, languageId, offsets[i], where)}`,
    );
  }
  index.conceptAt('kube-proxy', 0, 'plaintext');
  const copy = (' ' + text).slice(1); // equal text, another string
  for (let i = 0; i < Math.min(3, offsets.length); i++) {
    same(
      index.conceptAt(copy, offsets[i], languageId),
      answers[i],
      () => `answer changed after the cache moved; ${describe(text, languageId, offsets[i], where)}`,
    );
  }
  return hits;
}

function checkAllLanguages(text: string, offsets: readonly number[], where: string): ConceptHit[] {
  return LANGUAGES.flatMap(languageId => {
    const t0 = performance.now();
    const hits = checkDocument(text, languageId, offsets, where);
    if (VERBOSE && performance.now() - t0 > 150)
      console.log(`slow: ${where}, ${languageId}: ${(performance.now() - t0).toFixed(0)} ms`);
    return hits;
  });
}

/** The seconds a test took, for VERBOSE. */
const timings: string[] = [];
function timed(name: string, body: () => void): void {
  test(name, () => {
    const t0 = performance.now();
    body();
    timings.push(`${name}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  });
}

// ---------------------------------------------------------------------------------------------------------------

suite('Robustness: hostile input never breaks conceptAt', function () {
  this.timeout(60_000 * SCALE);

  suiteTeardown(() => {
    if (VERBOSE) console.log(`robustness (seed ${SEED}): ${JSON.stringify(stats)}\n  ${timings.join('\n  ')}`);
  });

  timed('random bytes and code units (NUL, lone surrogates, invalid UTF-8)', () => {
    const rnd = rng('random bytes');
    const latin1 = new TextDecoder('latin1');
    const utf8 = new TextDecoder('utf-8');
    for (let i = 0; i < times(40); i++) {
      const length = rnd.pick([0, 1, 2, 3, 17, 200, 2000]);
      const texts = [
        randomCodeUnits(rnd, length),
        utf8.decode(randomBytes(rnd, length)),
        latin1.decode(randomBytes(rnd, length)),
        soup(rnd, 1 + rnd.int(120)),
      ];
      for (const text of texts) checkAllLanguages(text, offsetsFor(rnd, text, 6), `random text #${i}`);
    }
  });

  timed('mutated real manifests, with CRLF, tabs, a BOM and astral characters', () => {
    const rnd = rng('mutations');
    let hits = 0;
    for (let i = 0; i < times(120); i++) {
      let text = mutate(rnd, rnd.pick(CORPUS), 1 + rnd.int(6));
      if (rnd.chance(0.2)) text = crlf(text);
      else if (rnd.chance(0.05)) text = text.replace(/\n/g, '\r');
      if (rnd.chance(0.15)) text = tabs(text);
      if (rnd.chance(0.15)) text = '\uFEFF' + text;
      const languages = [rnd.pick(LANGUAGES), rnd.pick(LANGUAGES), 'yaml'];
      for (const languageId of new Set(languages))
        hits += checkDocument(text, languageId, offsetsFor(rnd, text, 12), `mutated manifest #${i}`).length;
    }
    assert.ok(hits > 100, `the mutated manifests should still name topics (${hits} hits); seed ${SEED}`);
  });

  timed('unmutated manifests keep their YAML context under CRLF, tabs, a BOM and astral neighbours', () => {
    const rnd = rng('manifest variants');
    for (const manifest of MANIFESTS) {
      for (const variant of [manifest, crlf(manifest), '\uFEFF' + manifest, '\uFEFF' + crlf(manifest)]) {
        const kind = /(^|\n|\uFEFF)kind: (\w+)/.exec(variant);
        if (!kind || !KINDS.has(kind[2])) continue;
        const offset = kind.index + kind[1].length + 'kind: '.length + 1;
        for (const languageId of ['yaml', 'helm']) {
          const hits = checkDocument(
            variant,
            languageId,
            [offset, ...offsetsFor(rnd, variant, 10)],
            'manifest variant',
          );
          ok(/kind of this manifest/.test(hits[0]?.context ?? ''), () =>
            describe(variant, languageId, offset, 'kind: keeps its context'),
          );
        }
      }
    }
    const astral =
      'kind: Pod\nmetadata:\n  annotations:\n    note: 😀kube-proxy😀 𝔘Pod Pod𝔘 🚀Deployment🚀\n  labels: {a: 𝔘}\n';
    checkAllLanguages(
      astral,
      Array.from({ length: astral.length }, (_, i) => i),
      'astral neighbours',
    );
    assert.strictEqual(
      index.conceptAt(astral, astral.indexOf('kube-proxy') + 2, 'yaml')?.topicId,
      index.conceptAt('kube-proxy', 2, 'plaintext')?.topicId,
    );
    assert.strictEqual(
      index.conceptAt(astral, astral.indexOf('𝔘Pod') + 3, 'plaintext'),
      undefined,
      '𝔘 is a letter: 𝔘Pod is one word',
    );
  });

  timed('unterminated quotes, unbalanced Helm braces and --- everywhere', () => {
    const rnd = rng('quotes braces markers');
    const manifest = MANIFESTS[0];
    const texts = [
      'kind: "Pod\nmetadata:\n  name: \'kube-proxy\n',
      "apiVersion: 'apps/v1\nkind: 'StatefulSet\n",
      'apiVersion: "apps/v1',
      "kind: 'Pod''",
      'kind: "Pod\\"',
      '{"kind": "Pod", "apiVersion": "apps/v1}',
      'kind: "Deployment',
      "kind: 'Service",
      'a: "\\',
      'a: "\\u',
      "'",
      '"',
      'kind: "Pod\\"',
      manifest.replace(/: (\w)/, ': "$1'),
      manifest.replace(/: (\w)/g, ": '$1"),
      '{{',
      '}}',
      '{{ .Values.x',
      'kind: {{ .Values.kind',
      'kind: Pod }}\n{{',
      '{{ {{ }} }} kind: Pod',
      '{{'.repeat(20_000) + ' Pod',
      '}}'.repeat(1000) + '{{ Pod',
      manifest.replace('\n', '\n{{- if .Values.enabled\n'),
      manifest.split('\n').join('\n}}\n'),
      '---',
      '---\n',
      '---\n'.repeat(20_000) + 'kind: Pod',
      manifest.split('\n').join('\n---\n'),
      manifest.replace(/\n/g, '\n--- Pod\n...\n'),
      crlf(manifest.split('\n').join('\n---\n')),
      '--- kind: Pod\n--- [Pod\n...\n--- {kind: Pod}\n',
    ];
    for (let i = 0; i < times(30); i++)
      texts.push(
        mutate(rnd, manifest, 1 + rnd.int(4)).replace(/\n/g, () =>
          rnd.pick(['\n', '\n', '\n---\n', '\n{{\n', '\n"\n', "\n'\n"]),
        ),
      );
    for (const [i, text] of texts.entries())
      checkAllLanguages(text, offsetsFor(rnd, text, 8), `quotes/braces/markers #${i}`);
  });

  timed('deeply nested YAML, block and flow', () => {
    const rnd = rng('deep');
    const indentLevels = (levels: number, step: number) =>
      'kind: Pod\nspec:\n' +
      Array.from({ length: levels }, (_, i) => ' '.repeat(step * (i + 1)) + (i % 2 ? 'template:' : 'spec:')).join(
        '\n',
      ) +
      ' kube-proxy\n';
    const deep: Array<[string, string]> = [
      ['5,000 [', '['.repeat(5000)],
      ['5,000 {', '{'.repeat(5000)],
      ['5,000 [ ... ] around Pod', '['.repeat(5000) + 'Pod' + ']'.repeat(5000)],
      ['5,000 {a: ...} around kind', 'kind: Pod\nx: ' + '{a: '.repeat(5000) + 'kube-proxy' + '}'.repeat(5000)],
      ['5,000 [kube-proxy, ', '[kube-proxy, '.repeat(5000)],
      ['5,000 - - -', '- '.repeat(5000) + 'Pod'],
      ['2,000 levels of indentation (just under 2 MB)', indentLevels(2000, 1)],
      ['1,000 levels of 2-space indentation', indentLevels(1000, 2)],
      ['1,000 levels of - a:', Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- a:').join('\n') + ' Pod'],
      [
        '2,000 levels of a: / - b: sharing indentation',
        'kind: Pod\n' +
          Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + 'a:\n' + ' '.repeat(2 * i) + '- b:').join('\n') +
          ' Pod',
      ],
      ['5,000 balanced { } on one line', 'kind: Pod\nx: ' + '{a: '.repeat(5000) + '[Pod]' + '}'.repeat(5000)],
      [
        '5,000 flow levels with a manifest before',
        MANIFESTS[0] + '\n---\n' + '['.repeat(5000) + '\n---\n' + MANIFESTS[0],
      ],
    ];
    for (const [name, text] of deep) {
      const offsets = offsetsFor(rnd, text, 10);
      for (const lang of LANGUAGES) checkDocument(text, lang, offsets, name);
      checkDocument(
        '```yaml\n' + text,
        'markdown',
        offsetsFor(rnd, text, 5).map(o => o + 8),
        `${name}, in a Markdown fence`,
      );
    }
    // Moderate nesting, as in real manifests, still gets YAML context.
    const moderate =
      'apiVersion: v1\nkind: Pod\nspec:\n  x: ' +
      '['.repeat(100) +
      ']'.repeat(100) +
      '\n' +
      indentLevels(60, 2).replace(/^kind: Pod\nspec:\n/, 'metadata:\n');
    assert.match(
      index.conceptAt(moderate, moderate.indexOf('Pod'), 'yaml')?.context ?? '',
      /kind of this manifest/,
      `moderate nesting; seed ${SEED}`,
    );
  });

  timed('a 1 MB single line, with and without names', () => {
    const rnd = rng('long line');
    const MB = 1024 * 1024;
    // Names, astral neighbours, URLs and link targets, but no YAML syntax errors: the YAML parser pays dearly per error
    // (a 1 MB line of them takes seconds), which would only slow this test down.
    const words = [
      'lorem',
      'ipsum',
      'x',
      'Pod',
      'kube-proxy',
      'Deployment',
      'etcd',
      '😀',
      '𝔘Pod',
      'https://k8s.io/Pod',
      '[a](Pod)',
      'Pods',
    ];
    let withNames = 'kind: Pod ';
    while (withNames.length < MB) withNames += rnd.pick(words) + rnd.pick([' ', ' ', '-', '.', '/']);
    const lines: Array<[string, string]> = [
      ['1 MB of x', 'x'.repeat(MB)],
      ['1 MB of spaces then Pod', ' '.repeat(MB) + 'Pod'],
      ['1 MB line with names', withNames],
      ['1 MB of ` then Pod', '`'.repeat(MB) + ' Pod'],
      ['1 MB of {{', '{{'.repeat(MB / 2) + ' Pod'],
      ['1 MB key', 'kind' + 'a'.repeat(MB) + ': Pod'],
    ];
    for (const [name, text] of lines) {
      const offsets = [...offsetsFor(rnd, text, 8), text.length - 2, text.indexOf('Pod') + 1].filter(o => o >= 0);
      checkAllLanguages(text, offsets, name);
    }
    assert.ok(
      checkDocument(withNames, 'plaintext', offsetsFor(rnd, withNames, 40), 'names on a long line').length > 0,
      `no name found on the long line; seed ${SEED}`,
    );
  });

  timed('Markdown with unclosed, nested and odd fences', () => {
    const rnd = rng('markdown');
    const fenceOf = () => rnd.pick(['```', '````', '~~~', '   ```', '    ```', '``']);
    const infoOf = () => rnd.pick(['yaml', 'yml', 'YAML', 'json', 'jsonc', 'helm', '', 'bash', 'yaml {.x}', 'yaml```']);
    for (let i = 0; i < times(50); i++) {
      let text = '';
      for (let p = 0; p < 1 + rnd.int(6); p++) {
        const fence = fenceOf();
        text += soup(rnd, 10) + '\n\n' + fence + infoOf() + '\n' + mutate(rnd, rnd.pick(CORPUS), rnd.int(3));
        if (rnd.chance(0.6))
          text += '\n' + rnd.pick([fence.trim(), fence.trim() + '`', '```', '~~~', fence.trim() + ' x']) + '\n';
      }
      if (rnd.chance(0.25)) text = crlf(text);
      for (const languageId of ['markdown', rnd.pick(LANGUAGES)])
        checkDocument(text, languageId, offsetsFor(rnd, text, 15), `markdown #${i}`);
    }
    checkAllLanguages('```yaml\nkind: Pod\n', [11, 12, 13], 'unclosed fence');
    checkAllLanguages('```', [0, 1, 2], 'only a fence');
    checkAllLanguages('```yaml', [0, 4, 6], 'a fence at the end');
    checkAllLanguages('```yaml\r\nkind: Pod\r\n```\r\n', [13, 14], 'CRLF fence');
  });

  timed('huge multi-document files, below and above the parse limit', () => {
    const rnd = rng('multi-document');
    const stream = (size: number) => {
      const docs: string[] = [];
      for (let length = 0; length < size; length += docs[docs.length - 1].length + 5) {
        docs.push(rnd.pick(MANIFESTS).replace(/name: [\w-]+/, `name: app-${docs.length}`));
      }
      return docs.join('\n---\n');
    };
    const below = stream(MAX_PARSED_DOCUMENT_CHARS * 0.7);
    const above = stream(MAX_PARSED_DOCUMENT_CHARS * 1.3);
    assert.ok(below.length < MAX_PARSED_DOCUMENT_CHARS && above.length > MAX_PARSED_DOCUMENT_CHARS);
    for (const [name, text] of [
      ['multi-document below the limit', below],
      ['multi-document above the limit', above],
    ] as const) {
      const offsets = offsetsFor(rnd, text, 40);
      for (const languageId of ['yaml', 'helm', 'json', 'markdown', 'plaintext'])
        checkDocument(text, languageId, offsets, name);
    }
    const last = below.lastIndexOf('\nkind: ') + 'kind: '.length + 2;
    assert.match(
      index.conceptAt(below, last, 'yaml')?.context ?? '',
      /kind of this manifest/,
      `the last document below the limit is parsed; seed ${SEED}`,
    );
  });

  timed('documents over 2 MB fall back to line-local matching, cheaply', () => {
    const rnd = rng('over the limit');
    const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-proxy\n';
    let filler = '';
    while (filler.length < 64 * 1024) filler += `  label-${filler.length}: Deployment and Service ${rnd.int(1000)}\n`;
    const big = head + filler.repeat(Math.ceil(MAX_PARSED_DOCUMENT_CHARS / filler.length) + 1);
    const bigMarkdown = '```yaml\n' + big;
    assert.ok(big.length > MAX_PARSED_DOCUMENT_CHARS);
    const kindAt = head.indexOf('Pod') + 1;
    for (const languageId of ['yaml', 'helm', 'json']) {
      assert.match(
        index.conceptAt(head, kindAt, languageId)?.context ?? '',
        /kind of this manifest/,
        `small: YAML context; seed ${SEED}`,
      );
      const hit = index.conceptAt(big, kindAt, languageId);
      assert.strictEqual(
        hit?.context,
        undefined,
        `over 2 MB: no YAML context, so no parse (${languageId}); seed ${SEED}`,
      );
      assert.strictEqual(
        hit?.topicId,
        index.conceptAt('Pod', 1, 'plaintext')?.topicId,
        `over 2 MB: plain matching (${languageId}); seed ${SEED}`,
      );
    }
    assert.strictEqual(
      index.conceptAt(bigMarkdown, kindAt + 8, 'markdown')?.context,
      undefined,
      `over 2 MB: fences are not parsed either; seed ${SEED}`,
    );
    for (const [text, languages] of [
      [big, LANGUAGES],
      [bigMarkdown, ['markdown', 'yaml']],
    ] as const) {
      for (const languageId of languages) {
        const offsets = offsetsFor(rnd, text, 30);
        for (const hit of checkDocument(text, languageId, offsets, 'over 2 MB')) {
          const lineStart = text.lastIndexOf('\n', hit.start) + 1;
          const lineEnd = text.indexOf('\n', hit.start);
          assert.ok(
            hit.end <= (lineEnd < 0 ? text.length : lineEnd) && hit.start >= lineStart,
            `over 2 MB: a hit stays on its line; seed ${SEED}`,
          );
        }
      }
    }
    // Timing, against a baseline of one cheap linear pass over the same text (a YAML parse costs hundreds of those):
    // the first hover of a new analysis must cost far less than even that pass times ten, plus slack for GC pauses.
    const minOf = (runs: number, f: () => void) =>
      Math.min(
        ...Array.from({ length: runs }, () => {
          const t0 = performance.now();
          f();
          return performance.now() - t0;
        }),
      );
    const baseline = minOf(3, () => big.split('\n').length);
    const offsets = offsetsFor(rnd, big, 5);
    for (const languageId of ['yaml', 'helm', 'json']) {
      const hover = minOf(3, () => offsets.forEach(o => fresh.analyze(big, languageId).conceptAt(o)));
      assert.ok(
        hover < 25 + 10 * baseline,
        `over 2 MB: ${offsets.length} hovers took ${hover.toFixed(1)} ms; a line split takes ${baseline.toFixed(1)} ms (${languageId}); seed ${SEED}`,
      );
    }
  });
});
