// `npm run bench`: hover cost of the core on a 50-line and a 5,000-line manifest, index build cost, the cost of the
// first hover after activation and of the first topic page after it, each beside a baseline measured in the same run.
// The first page is measured cold (opened right after the hover: its group of pages decompressed by a fzstd that V8
// has not optimized yet; also in the slowest group) and after the extension's read-ahead of the pages
// (knowledgePack.readPagesAhead), with what the read-ahead costs. Prints JSON.
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import {
  createConceptIndex,
  mentionIndex,
  PACK_FILES,
  packedPageGroups,
  readPagesAhead,
  unpackKnowledge,
  type Topic,
} from '../../src/core';
import { renderTopicPage } from '../../src/core/topicPage';
import { measureRealFiles } from './real-files';
import * as hostile from '../unit/hostileInputs';

const root = join(__dirname, '..', '..');
// Decoded as the extension decodes it while loading, which also readies the TextDecoder that the first page uses.
const topicsText = new TextDecoder().decode(readFileSync(join(root, 'dist/knowledge', PACK_FILES.topics)));
const pageBytes = readFileSync(join(root, 'dist/knowledge', PACK_FILES.pages));
const unpack = () =>
  unpackKnowledge(topicsText, pageBytes, reason => {
    throw new Error(reason);
  });
const SAMPLES = 2000;
const FRESH_PROCESSES = 11;
const FRESH_PROCESSES_PER_GROUP = 5;

/** A deterministic PRNG, so every run hovers the same positions. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    median_ms: round(q(0.5)),
    p99_ms: round(q(0.99)),
    max_ms: round(sorted[sorted.length - 1]),
    samples: sorted.length,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10000) / 10000;
}

/** Offsets inside keys and values (never on indentation, dashes or colons). */
function keyValuePositions(text: string, count: number, rnd: () => number): number[] {
  const candidates: number[] = [];
  const token = /[A-Za-z0-9][\w./-]*/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (text[lineStart] === '#') continue;
    candidates.push(m.index + Math.floor(rnd() * m[0].length));
  }
  return Array.from({ length: count }, () => candidates[Math.floor(rnd() * candidates.length)]);
}

function makeLarge(base: string, lines: number): string {
  const docs: string[] = [];
  let total = 0;
  for (let i = 0; total < lines; i++) {
    const doc = base.replace(/frontend/g, `frontend-${i}`).replace(/guestbook/g, `guestbook-${i}`);
    docs.push(doc);
    total += doc.split('\n').length;
  }
  return docs.join('---\n').split('\n').slice(0, lines).join('\n');
}

// --- API diagnostics (issue 11): a 5,000-line multi-document manifest, diagnosed after each edit -----------------
/** Every `every`-th document moved to a removed apiVersion, so that diagnostics have documents to confirm. */
function withOldApis(text: string, every: number): string {
  let n = 0;
  return text.replace(/^apiVersion: apps\/v1$/gm, line =>
    n++ % every === 0 ? 'apiVersion: extensions/v1beta1' : line,
  );
}

function measureDiagnostics(index: ReturnType<typeof createConceptIndex>, large: string, rnd: () => number) {
  const figures = (text: string) => {
    const options = { kubernetesVersion: '1.37' };
    const t0 = performance.now();
    const found = index.diagnostics(text, 'yaml', options).length;
    const first = performance.now() - t0;
    const valueSpots = [...text.matchAll(/replicas: (\d+)/g)].map(m => m.index! + 'replicas: '.length);
    const afterEdit: number[] = [];
    let current = text;
    for (let i = 0; i < 500; i++) {
      const at = valueSpots[Math.floor(rnd() * valueSpots.length)];
      current = current.slice(0, at) + String(i % 10) + current.slice(at + 1);
      void current.indexOf('\u0000'); // flatten, as VS Code's getText() hands over a flat string
      const t1 = performance.now();
      index.diagnostics(current, 'yaml', options);
      afterEdit.push(performance.now() - t1);
    }
    return { lines: text.split('\n').length, diagnostics: found, first_ms: round(first), after_edit: stats(afterEdit) };
  };
  return {
    current_apis_only: figures(large),
    every_4th_document_removed_api: figures(withOldApis(large, 4)),
    every_document_removed_api: figures(withOldApis(large, 1)),
  };
}

function measure(text: string, index: ReturnType<typeof createConceptIndex>, rnd: () => number) {
  const positions = keyValuePositions(text, SAMPLES, rnd);
  // A repeated hover is one on a document already analyzed: hover every position once, then measure.
  let doc = index.analyze(text, 'yaml');
  for (const p of positions) doc.conceptAt(p);

  const repeated: number[] = [];
  const baseline: number[] = [];
  let hits = 0;
  for (const p of positions) {
    const t0 = performance.now();
    const hit = doc.conceptAt(p);
    repeated.push(performance.now() - t0);
    if (hit) hits++;
    // Baseline: find the current line and indexOf a word in it.
    const t1 = performance.now();
    const lineStart = text.lastIndexOf('\n', p) + 1;
    const lineEnd = text.indexOf('\n', p);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    void line.indexOf('kind');
    baseline.push(performance.now() - t1);
  }

  // First hover after an edit: change one value in a random document, then analyze + hover far from it.
  const afterEdit: number[] = [];
  const valueSpots = [...text.matchAll(/replicas: (\d+)/g)].map(m => m.index! + 'replicas: '.length);
  let current = text;
  for (let i = 0; i < Math.min(SAMPLES, 500); i++) {
    const at = valueSpots[Math.floor(rnd() * valueSpots.length)];
    current = current.slice(0, at) + String(i % 10) + current.slice(at + 1);
    // An editor hands over a flat string (VS Code's getText()); flatten ours before timing, as that is not our cost.
    void current.indexOf('\u0000');
    const p = positions[i];
    const t0 = performance.now();
    doc = index.analyze(current, 'yaml');
    doc.conceptAt(p);
    afterEdit.push(performance.now() - t0);
  }
  const parseBaseline: number[] = [];
  const bytes = JSON.stringify(text);
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    JSON.parse(bytes);
    parseBaseline.push(performance.now() - t0);
  }
  return {
    lines: text.split('\n').length,
    positions: positions.length,
    hovers_with_a_topic: hits,
    repeated_hover: stats(repeated),
    repeated_hover_baseline_line_indexOf: stats(baseline),
    first_hover_after_edit: stats(afterEdit),
    first_hover_after_edit_baseline_JSON_parse_of_same_bytes: stats(parseBaseline),
  };
}

/** Fresh processes that hover once, then open a topic page (the hovered one, or the topic at `position`). */
function freshRuns(count: number, options: { position?: number; readAhead?: boolean } = {}) {
  const args = [__filename, '--first-hover', String(options.position ?? -1), ...(options.readAhead ? ['--ahead'] : [])];
  return Array.from({ length: count }, () => {
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench process failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  });
}

function firstHoverAfterActivation() {
  // Fresh processes: the cost a person pays once, with cold caches and no JIT warm-up. Cold and read-ahead runs
  // alternate, so that both see the same load on the machine.
  const cold: Array<Record<string, number>> = [];
  const ahead: Array<Record<string, number>> = [];
  for (let i = 0; i < FRESH_PROCESSES; i++) {
    cold.push(...freshRuns(1));
    ahead.push(...freshRuns(1, { readAhead: true }));
  }
  const column = (runs: Array<Record<string, number>>, key: string) => stats(runs.map(r => r[key]));
  // The first page in each group of pages, cold; the slowest group's median is the worst first page.
  const byGroup = packedPageGroups(topicsText).map((group, n) => ({
    group: n + 1,
    topics: group.topics,
    compressed_bytes: group.end - group.start,
    ...stats(freshRuns(FRESH_PROCESSES_PER_GROUP, { position: group.first }).map(r => r.first_page_ms)),
  }));
  const worst = byGroup.reduce((a, b) => (b.median_ms > a.median_ms ? b : a));
  return {
    first_hover_including_index_build: column(cold, 'first_hover_ms'),
    baseline_JSON_parse_of_topics_json: column(cold, 'json_parse_ms'),
    first_topic_page_after_read_ahead: column(ahead, 'first_page_ms'),
    first_topic_page_cold_read_decompress_render: column(cold, 'first_page_ms'),
    of_which_page_read_and_decompress: column(cold, 'first_read_ms'),
    first_topic_page_cold_worst_group: { groups: byGroup.length, ...worst },
    read_ahead_after_activation: {
      all_groups_wall: column(ahead, 'read_ahead_ms'),
      longest_step_blocking: column(ahead, 'read_ahead_longest_step_ms'),
    },
  };
}

/** Precision and recall on the real-file suite (test/fixtures/real-files/README.md). */
function realFiles(index: ReturnType<typeof createConceptIndex>) {
  const { overall, tokens, files } = measureRealFiles(root, index);
  return { precision: overall.precision, recall: overall.recall, tokens, files };
}

// Worst cases (issue 14): a 500 KB single document after an edit, memory after 200 edits, In This File on 2 MB.
function worstCases(topics: Topic[]) {
  const index = createConceptIndex(topics);
  const firstHoverAfterEdits = (text: string) => {
    const probe = text.indexOf('livenessProbe', text.length / 2);
    const offset = probe >= 0 ? probe : Math.floor(text.length / 2);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const edited = `${text}\n# edit ${i}\n`;
      void edited.indexOf('\u0000'); // flatten, as an editor's getText() hands over
      const t0 = performance.now();
      index.analyze(edited, 'yaml').conceptAt(offset);
      times.push(performance.now() - t0);
    }
    return stats(times);
  };
  const realistic = hostile.realisticManifest(500 * 1024);
  const json = JSON.stringify(realistic);
  const parse = Array.from({ length: 30 }, () => {
    const t0 = performance.now();
    JSON.parse(json);
    return performance.now() - t0;
  });
  const scan = (text: string, languageId: string, budgetMs?: number) => {
    const t0 = performance.now();
    const result = index.analyze(text, languageId).occurrences(budgetMs === undefined ? undefined : 1e6, {
      ...(budgetMs === undefined ? {} : { ms: budgetMs }),
    });
    return {
      ms: round(performance.now() - t0),
      hits: result.hits.length,
      complete: result.complete,
      ...(result.stopped ? { stopped: result.stopped } : {}),
    };
  };
  const log = hostile.logFile(2 * 1024 * 1024 - 100);
  const chain = hostile.chainLine(1024 * 1024);
  const memory = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory-after-edits'], { encoding: 'utf8' });
  return {
    first_hover_after_edit_500KB_single_document: {
      realistic: firstHoverAfterEdits(realistic),
      bad_indentation: firstHoverAfterEdits(hostile.badlyIndentedManifest(500 * 1024)),
      baseline_JSON_parse_of_same_bytes: stats(parse),
    },
    first_hover_after_edit_60KB_hostile_document: Object.fromEntries(
      (['deepFlow', 'anchorsAndAliases', 'unclosedQuotes', 'zigzagList', 'helmStorm'] as const).map(name => [
        name,
        firstHoverAfterEdits(hostile[name](60 * 1024)),
      ]),
    ),
    memory_after_edits: JSON.parse(memory.stdout.trim().split('\n').pop() || '{}'),
    in_this_file: {
      log_2MB: scan(log, 'log'),
      log_2MB_no_time_budget: scan(log, 'log', Infinity),
      a_a_a_line_1MB: scan(chain, 'plaintext'),
      a_a_a_line_1MB_no_time_budget: scan(chain, 'plaintext', Infinity),
    },
  };
}

/** In a fresh process with --expose-gc: heap and parse-cache bytes retained after edits, each then hovered. */
function memoryAfterEdits() {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const measure = (edits: number, edit: (i: number) => { text: string; offset: number }) => {
    const index = createConceptIndex(unpack().topics);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < edits; i++) {
      const { text, offset } = edit(i);
      index.conceptAt(text, offset, 'yaml');
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    return { heap_growth_MB: round(grown / 1024 / 1024), parse_cache: index.parseCacheStats() };
  };
  let single = hostile.realisticManifest(500 * 1024);
  const spot = single.indexOf('replicas: 3') + 'replicas: '.length;
  // Documents small enough to get YAML context, so that every edit parses one and caches its outline.
  const manyDocuments = (edits: number) => {
    const documents = Array.from({ length: 40 }, (_, i) => hostile.realisticManifest(12 * 1024, i));
    return measure(edits, i => {
      const k = i % documents.length;
      documents[k] = documents[k].replace(/replicas: \d+/, `replicas: ${i}`);
      const before = documents.slice(0, k).reduce((sum, d) => sum + d.length + '---\n'.length, 0);
      return { text: documents.join('---\n'), offset: before + documents[k].indexOf('replicas') };
    });
  };
  return {
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    single_document_500KB_200_edits: measure(200, i => {
      single = hostile.editAt(single, spot, i);
      return { text: single, offset: spot };
    }),
    forty_documents_500KB_200_edits: manyDocuments(200),
    forty_documents_500KB_2000_edits: manyDocuments(2000),
  };
}

if (process.argv.includes('--memory-after-edits')) {
  console.log(JSON.stringify(memoryAfterEdits()));
  process.exit(0);
}

if (process.argv.includes('--first-hover')) {
  void firstPageProcess(
    Number(process.argv[process.argv.indexOf('--first-hover') + 1]),
    process.argv.includes('--ahead'),
  );
} else if (process.argv.includes('--diagnostics')) {
  const large = makeLarge(readFileSync(join(root, 'test/bench/manifests.yaml'), 'utf8'), 5000);
  console.log(JSON.stringify(measureDiagnostics(createConceptIndex(unpack().topics), large, random(42)), null, 2));
} else {
  const topics: Topic[] = unpack().topics;
  const builds: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    createConceptIndex(topics);
    builds.push(performance.now() - t0);
  }
  const index = createConceptIndex(topics);
  const small = readFileSync(join(root, 'test/bench/manifests.yaml'), 'utf8');
  const large = makeLarge(small, 5000);
  const rnd = random(42);
  const result = {
    node: process.version,
    topics: topics.length,
    index_build: stats(builds),
    manifest_50_lines: measure(small, index, rnd),
    manifest_5000_lines: measure(large, index, rnd),
    activation: firstHoverAfterActivation(),
    realFiles: realFiles(index),
    worst_cases: worstCases(topics),
    diagnostics_5000_lines: measureDiagnostics(index, large, rnd),
  };
  // Activation in the real VS Code for the Web (needs a Chromium; skipped with the reason when there is none).
  const web = spawnSync(process.execPath, [join(root, 'test/bench/activation.mjs')], {
    encoding: 'utf8',
    timeout: 900000,
  });
  const lastLine = web.stdout.trim().split('\n').pop() ?? '';
  const vscodeWebActivation =
    web.status === 0 && lastLine.startsWith('{')
      ? JSON.parse(lastLine)
      : { skipped: (web.stderr || web.stdout).trim().split('\n').pop() };
  Object.assign(result, { vscode_web_activation: vscodeWebActivation });
  const ratio =
    result.manifest_5000_lines.repeated_hover.median_ms /
    Math.max(1e-6, result.manifest_50_lines.repeated_hover.median_ms);
  console.log(
    JSON.stringify({ ...result, repeated_hover_ratio_5000_vs_50_lines_median: Math.round(ratio * 100) / 100 }, null, 2),
  );
}

/** One fresh process: the first hover, optionally the read-ahead of the pages, then the first topic page. */
async function firstPageProcess(position: number, readAhead: boolean) {
  const text = readFileSync(join(root, 'test/bench/manifests.yaml'), 'utf8');
  const t0 = performance.now();
  const knowledge = unpack();
  const topics = knowledge.topics;
  const index = createConceptIndex(topics);
  const hit = index.analyze(text, 'yaml').conceptAt(text.indexOf('NodePort') + 2);
  const first = performance.now() - t0;
  const t1 = performance.now();
  JSON.parse(topicsText);
  const parse = performance.now() - t1;
  if (!hit) throw new Error('no topic at NodePort');
  const ahead = { read_ahead_ms: 0, read_ahead_longest_step_ms: 0 };
  if (readAhead) {
    // As the extension does it (src/knowledgeStore.ts), less its delay: one group per timer turn.
    let stepStart = 0;
    const pause = () =>
      new Promise<boolean>(resolve => {
        if (stepStart)
          ahead.read_ahead_longest_step_ms = Math.max(ahead.read_ahead_longest_step_ms, performance.now() - stepStart);
        setTimeout(() => {
          stepStart = performance.now();
          resolve(true);
        }, 0);
      });
    const t = performance.now();
    await readPagesAhead(knowledge, pause);
    ahead.read_ahead_longest_step_ms = Math.max(ahead.read_ahead_longest_step_ms, performance.now() - stepStart);
    ahead.read_ahead_ms = performance.now() - t;
  }
  const topic = topics[position < 0 ? topics.findIndex(t => t.id === hit.topicId) : position];
  // What opening the first topic page adds, as the topic panel does it: the page (decompressing its group unless
  // read ahead), "Mentioned in", and the page's parts.
  const t2 = performance.now();
  const html = topic.page.html;
  const t3 = performance.now();
  const page = renderTopicPage(topic, id => index.get(id), mentionIndex(topics)(topic.id));
  const firstPage = performance.now() - t2;
  if (position < 0 && !html.includes('NodePort')) throw new Error('the NodePort page is not about NodePort');
  if (page.bodyHtml !== html || html.length < 200) throw new Error(`the page of "${topic.id}" did not render`);
  console.log(
    JSON.stringify({
      first_hover_ms: first,
      json_parse_ms: parse,
      first_read_ms: t3 - t2,
      first_page_ms: firstPage,
      ...ahead,
    }),
  );
}
