// Budgets that hold for any input up to the size caps (issue 14: F4, F5, F6). Time is asserted as a ratio to a
// baseline measured in the same run, or under a generous ceiling: the machine is shared and often 3-4x slower than idle.
// Where the work done proves a bound (lexemes parsed, characters cached), that is what is asserted.
import * as assert from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { Lexer } from 'yaml';
import { createConceptIndex, type ConceptHit, type ConceptIndex } from '../../src/core/index';
import { insideUrlOrLinkTarget } from '../../src/core/matcher';
import { WORD } from '../../src/core/names';
import { MAX_CACHED_SOURCE_CHARS } from '../../src/core/segmentCache';
import {
  blankTemplates,
  MAX_PARSED_SEGMENT_CHARS,
  MAX_PARSED_SEGMENT_LEXEMES,
  parseSegment,
} from '../../src/core/yamlContext';
import { loadTopics, repoRootFrom } from '../tools/knowledge-report';
import * as gen from './hostileInputs';

const KB = 1024;
const topics = loadTopics(repoRootFrom(__dirname));

function elapsed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function fastest(runs: number, f: (run: number) => unknown): number {
  return Math.min(...Array.from({ length: runs }, (_, run) => elapsed(() => f(run))));
}

function lexemes(yaml: string): number {
  let count = 0;
  for (const _ of new Lexer().lex(blankTemplates(yaml))) count++;
  return count;
}

/** The first hover after an edit: a new version of the text (a comment added), analyzed and hovered at `offset`. */
function firstHoverAfterEdit(index: ConceptIndex, text: string, offset: number, runs = 3): number {
  return fastest(runs, run => index.analyze(`${text}\n# edit ${run}\n`, 'yaml').conceptAt(offset));
}

const HOSTILE_YAML: Array<[string, (size: number) => string]> = [
  ['deep flow collections', gen.deepFlow],
  ['anchors and aliases', gen.anchorsAndAliases],
  ['unclosed quotes', gen.unclosedQuotes],
  ['zigzag indentation', gen.zigzagList],
  ['bad indentation', gen.badlyIndentedManifest],
  ['Helm template storms', gen.helmStorm],
];

suite('Adversarial budgets: hovers, parse cache and In This File stay bounded whatever the file', () => {
  for (const [name, make] of [
    ['realistic', gen.realisticManifest],
    ['badly indented', gen.badlyIndentedManifest],
  ] as const) {
    test(`F4: the first hover after an edit of a 500 KB ${name} single document costs about a JSON.parse of it`, () => {
      const index = createConceptIndex(topics);
      const text = make(500 * KB);
      const json = JSON.stringify(text);
      const baseline = fastest(5, () => JSON.parse(json));
      const offset = text.indexOf('livenessProbe', text.length / 2);
      const hover = firstHoverAfterEdit(index, text, offset);
      assert.ok(hover < 10 * baseline + 30, `first hover ${hover.toFixed(1)} ms, JSON.parse ${baseline.toFixed(2)} ms`);
      assert.ok(index.analyze(text, 'yaml').conceptAt(offset), 'plain matching still finds the concept');
    });
  }

  test('F4: a YAML document gets an outline only within the parse budget (characters and lexemes), whatever its shape', () => {
    const shapes: Array<[string, (size: number) => string]> = [
      ...HOSTILE_YAML,
      ['realistic', gen.realisticManifest],
      ['long block scalars', gen.longStrings],
      ['binary-ish text', gen.binaryish],
    ];
    for (const [name, make] of shapes) {
      for (const size of [2 * KB, 8 * KB, 32 * KB, 60 * KB, 200 * KB]) {
        const text = make(size);
        const parsed = parseSegment(text);
        if (parsed.skipped) continue;
        assert.ok(text.length <= MAX_PARSED_SEGMENT_CHARS, `${name} at ${size}: ${text.length} chars parsed`);
        const count = lexemes(text);
        assert.ok(count <= MAX_PARSED_SEGMENT_LEXEMES, `${name} at ${size}: ${count} lexemes parsed`);
      }
      if (make !== gen.longStrings && make !== gen.binaryish)
        assert.strictEqual(parseSegment(make(60 * KB)).skipped, 'too-complex', `${name} at 60 KB`);
    }
    const small = parseSegment(gen.realisticManifest(8 * KB));
    assert.strictEqual(small.skipped, undefined, 'an ordinary manifest keeps its YAML context');
    assert.strictEqual(small.kind, 'Deployment');
  });

  test('F4: the first hover after an edit of a hostile document under the size cap costs about what an ordinary one does', () => {
    const index = createConceptIndex(topics);
    const ordinary = gen.realisticManifest(16 * KB);
    const baseline = firstHoverAfterEdit(index, ordinary, ordinary.indexOf('livenessProbe'));
    for (const [name, make] of HOSTILE_YAML) {
      const text = make(60 * KB);
      const hover = firstHoverAfterEdit(index, text, Math.floor(text.length / 2));
      assert.ok(
        hover < 6 * baseline + 50 && hover < 250,
        `${name}: first hover ${hover.toFixed(1)} ms, an ordinary 16 KB manifest ${baseline.toFixed(1)} ms`,
      );
    }
  });

  test('F5: 200 edits of a 450 KB manifest of 8 documents keep at most 2 MB of source in the parse cache', () => {
    const index = createConceptIndex(topics);
    const documents = Array.from({ length: 8 }, (_, i) => gen.realisticManifest(56 * KB, i));
    assert.ok(documents.join('---\n').length > 440 * KB);
    for (let i = 0; i < 200; i++) {
      const k = i % documents.length;
      documents[k] = documents[k].replace(/replicas: \d+/, `replicas: ${i}`);
      const text = documents.join('---\n');
      const before = documents.slice(0, k).reduce((sum, d) => sum + d.length + '---\n'.length, 0);
      index.analyze(text, 'yaml').conceptAt(before + documents[k].indexOf('replicas'));
    }
    const stats = index.parseCacheStats();
    assert.strictEqual(stats.maxSourceChars, MAX_CACHED_SOURCE_CHARS);
    assert.ok(stats.sourceChars <= MAX_CACHED_SOURCE_CHARS, `${stats.sourceChars} chars of source kept`);
    assert.ok(stats.sourceChars > MAX_CACHED_SOURCE_CHARS / 2, 'the cache is used, not emptied');
    assert.ok(stats.entries < 200, `${stats.entries} versions kept`);
  });

  test('F5: 200 edits of a 500 KB single-document manifest leave the heap about where it was', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const index = createConceptIndex(topics);
    let text = gen.realisticManifest(500 * KB);
    const spot = text.indexOf('replicas: 3') + 'replicas: '.length;
    const offset = text.indexOf('livenessProbe', text.length / 2);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) {
      text = gen.editAt(text, spot, i);
      index.conceptAt(text, offset, 'yaml');
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 32 * KB * KB, `the heap grew by ${(grown / KB / KB).toFixed(1)} MB`);
    assert.ok(index.parseCacheStats().sourceChars <= MAX_CACHED_SOURCE_CHARS);
  });

  test('F5: a cached outline holds its own document, not the version of the file it was cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const index = createConceptIndex(topics);
    const documents = Array.from({ length: 40 }, (_, i) => gen.realisticManifest(12 * KB, i));
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      const k = i % documents.length;
      documents[k] = documents[k].replace(/replicas: \d+/, `replicas: ${i}`);
      const offset = documents.slice(0, k).reduce((sum, d) => sum + d.length + 4, 0) + documents[k].indexOf('replicas');
      index.analyze(documents.join('---\n'), 'yaml').conceptAt(offset);
    }
    gc();
    const perChar = (process.memoryUsage().heapUsed - before) / index.parseCacheStats().sourceChars;
    // An outline costs ~16 bytes per character of its source; one that keeps its 480 KB file alive, ~50.
    assert.ok(perChar < 30, `${perChar.toFixed(1)} bytes of heap per cached character of source`);
  });

  for (const separator of ['-', '.']) {
    test(`F6: In This File on a 1 MB line of a${separator}a${separator}a… returns within its time budget`, () => {
      const index = createConceptIndex(topics);
      const text = gen.chainLine(1024 * KB, separator);
      let result: ReturnType<ReturnType<ConceptIndex['analyze']>['occurrences']> | undefined;
      const ms = elapsed(() => (result = index.analyze(text, 'plaintext').occurrences()));
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms (budget 200 ms)`);
      assert.ok(result!.complete || result!.stopped?.reason === 'time', JSON.stringify(result!.stopped));
    });
  }

  test('F6: URL and e-mail detection is linear in the line: 8 times the line, about 8 times the cost (not 64)', () => {
    const cost = (line: string) => {
      const rels = Array.from({ length: 64 }, (_, i) => Math.floor(((i + 0.5) / 64) * line.length));
      return fastest(5, () => rels.forEach(rel => insideUrlOrLinkTarget(line, rel)));
    };
    for (const [name, piece] of [
      ['a-a-a…', 'a-'],
      ['a.a.a…', 'a.'],
      ['a+a+a…', 'a+'],
      ['a%a%a… before an @ (an e-mail local part)', 'a%'],
    ]) {
      const line = (length: number) => piece.repeat(length / piece.length).slice(0, length - 2) + '@x';
      const short = cost(line(320));
      const long = cost(line(8 * 320));
      assert.ok(long < 24 * short + 1, `${name}: ${short.toFixed(2)} ms on 320 chars, ${long.toFixed(2)} ms on 2,560`);
    }
  });

  test('F6: URL, e-mail and link-target detection answers as the regular expressions it replaces', () => {
    const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]*|\bwww\.[^\s<>"'`)\]]+/gi;
    const LINK_TARGET = /\]\(([^)\s]*)|^\s*\[[^\]]+\]:\s*(\S+)/g;
    const EMAIL_LIKE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
    const reference = (line: string, rel: number) =>
      [URL_LIKE, LINK_TARGET, EMAIL_LIKE].some(re => {
        re.lastIndex = 0;
        for (let m = re.exec(line); m; m = re.exec(line)) {
          if (m.index <= rel && rel < m.index + m[0].length) return true;
          if (m[0].length === 0) re.lastIndex++;
        }
        return false;
      });
    const alphabet = [
      'a',
      'b',
      'w',
      'ww',
      'www.',
      '1',
      '-',
      '.',
      '+',
      '_',
      ':',
      '://',
      '/',
      '@',
      ' ',
      ']',
      '(',
      ')',
      '[',
      '"',
      'é',
    ];
    const rnd = gen.random(11);
    for (let n = 0; n < 4000; n++) {
      const line = Array.from(
        { length: 2 + Math.floor(rnd() * 24) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      for (let rel = 0; rel < line.length; rel++)
        assert.strictEqual(insideUrlOrLinkTarget(line, rel), reference(line, rel), `${JSON.stringify(line)} at ${rel}`);
    }
  });

  test('F6: a scan stops at its deadline, keeps what it found and says where it stopped (injected clock)', () => {
    const index = createConceptIndex(topics);
    const text = 'A Pod runs on a node; the kubelet starts it.\n'.repeat(2000);
    let now = 0;
    const clock = () => now++; // one millisecond per reading
    const result = index.analyze(text, 'plaintext').occurrences(10000, { ms: 50, now: clock });
    assert.strictEqual(result.complete, false);
    assert.ok(result.stopped?.reason === 'time', JSON.stringify(result.stopped));
    const { scanned, ms } = result.stopped as { scanned: number; ms: number };
    assert.strictEqual(ms, 50);
    assert.ok(scanned > 0 && scanned < text.length);
    assert.ok(result.hits.length > 0, 'the concepts found before the deadline are kept');
    assert.ok(result.hits.every(h => h.start < scanned));
    const again = index.analyze(text, 'plaintext').occurrences(10000, { ms: 50, now: (() => ((now = 0), clock))() });
    assert.deepStrictEqual(again, result, 'the same clock gives the same answer');
    const unlimited = index.analyze(text, 'plaintext').occurrences(100000, { ms: Infinity });
    assert.strictEqual(unlimited.complete, true);
    assert.deepStrictEqual(unlimited.hits.slice(0, result.hits.length), result.hits);
  });

  test('F6: a 2 MB log is scanned in a small multiple of the time it takes to split it into words', () => {
    const index = createConceptIndex(topics);
    const text = gen.logFile(2 * KB * KB - 100);
    const baseline = fastest(3, () => text.match(new RegExp(WORD.source, WORD.flags)));
    let result: ReturnType<ReturnType<ConceptIndex['analyze']>['occurrences']> | undefined;
    const scan = fastest(2, () => (result = index.analyze(text, 'log').occurrences(100000, { ms: Infinity })));
    assert.strictEqual(result!.complete, true);
    assert.ok(result!.hits.length > 1000);
    // Generous: CPU load slows this JS-heavy scan more than the native word split (the quadratic scan was ~100x).
    assert.ok(scan < 40 * baseline + 200, `scan ${scan.toFixed(0)} ms, words ${baseline.toFixed(0)} ms`);
  });

  test('F6: skipping the words no name reaches finds exactly what trying every word finds', () => {
    const index = createConceptIndex(topics);
    /** The scan before the budget: conceptAt at every word start, skipping past each concept. */
    const everyWord = (text: string, languageId: string) => {
      const doc = index.analyze(text, languageId);
      const hits: ConceptHit[] = [];
      const word = new RegExp(WORD.source, WORD.flags);
      for (let m = word.exec(text); m; m = word.exec(text)) {
        const hit = doc.conceptAt(m.index);
        if (hit && hit.end > m.index) {
          hits.push(hit);
          word.lastIndex = hit.end;
        }
      }
      return hits;
    };
    const bodies = topics
      .slice(0, 120)
      .map(t => `# ${t.title}\n\n${t.summary}\n\n${t.body}`)
      .join('\n\n');
    const samples: Array<[string, string]> = [
      [bodies, 'markdown'],
      [bodies, 'plaintext'],
      [gen.logFile(200 * KB), 'log'],
      [gen.realisticManifest(30 * KB) + '---\n' + gen.helmStorm(20 * KB), 'yaml'],
    ];
    for (const [text, languageId] of samples) {
      const scanned = index.analyze(text, languageId).occurrences(1e6, { ms: Infinity });
      assert.deepStrictEqual(scanned.hits, everyWord(text, languageId), languageId);
    }
  });

  test('F6: occurrences() on any hostile document up to the scan cap returns within a generous ceiling', () => {
    const index = createConceptIndex(topics);
    const size = 2 * KB * KB - 100;
    const documents: Array<[string, string, string]> = [
      ['2 MB log', gen.logFile(size), 'log'],
      ['many documents', gen.manyDocuments(size), 'yaml'],
      ['Helm storms', gen.helmStorm(size), 'helm'],
      ['binary-ish text', gen.binaryish(size), 'plaintext'],
      ['one long line', gen.chainLine(size, '/'), 'markdown'],
      ['deep flow', gen.deepFlow(size), 'yaml'],
    ];
    for (const [name, text, languageId] of documents) {
      let result: ReturnType<ReturnType<ConceptIndex['analyze']>['occurrences']> | undefined;
      const ms = elapsed(() => (result = index.analyze(text, languageId).occurrences()));
      assert.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms (budget 200 ms)`);
      assert.ok(result!.complete || result!.stopped, `${name}: an incomplete scan says why`);
    }
  });
});
