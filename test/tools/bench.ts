// `npm run bench`: hover cost of the core on a 50-line and a 5,000-line manifest, index build cost, the cost of the
// first hover after activation and of the first topic page after it (in the hovered topic's group of bodies and in
// the slowest group), each beside a baseline measured in the same run. Prints JSON.
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import {
  createConceptIndex,
  mentionIndex,
  PACK_FILES,
  packedBodyGroups,
  unpackTopics,
  type Topic,
} from '../../src/core';
import { renderTopicPage } from '../../src/core/topicPage';
import { measureRealFiles } from './real-files';

const root = join(__dirname, '..', '..');
// Decoded as the extension decodes it while loading, which also readies the TextDecoder that the first page uses.
const topicsText = new TextDecoder().decode(readFileSync(join(root, 'dist/knowledge', PACK_FILES.topics)));
const bodyBytes = readFileSync(join(root, 'dist/knowledge', PACK_FILES.bodies));
const unpack = () =>
  unpackTopics(topicsText, bodyBytes, reason => {
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
function freshRuns(count: number, position?: number): Array<Record<string, number>> {
  const args = [__filename, '--first-hover', ...(position === undefined ? [] : [String(position)])];
  return Array.from({ length: count }, () => {
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench process failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  });
}

function firstHoverAfterActivation() {
  // A fresh process each time: the cost a person pays once, with cold caches and no JIT warm-up.
  const runs = freshRuns(FRESH_PROCESSES);
  const column = (key: string) => stats(runs.map(r => r[key]));
  // The first page in each group of bodies; the slowest group's median is the worst first page.
  const byGroup = packedBodyGroups(topicsText).map((group, n) => ({
    group: n + 1,
    topics: group.topics,
    compressed_bytes: group.end - group.start,
    ...stats(freshRuns(FRESH_PROCESSES_PER_GROUP, group.first).map(r => r.first_page_ms)),
  }));
  const worst = byGroup.reduce((a, b) => (b.median_ms > a.median_ms ? b : a));
  return {
    first_hover_including_index_build: column('first_hover_ms'),
    baseline_JSON_parse_of_topics_json: column('json_parse_ms'),
    first_topic_page_read_decompress_render: column('first_page_ms'),
    of_which_body_read_and_decompress: column('first_body_ms'),
    first_topic_page_worst_group: { groups: byGroup.length, ...worst },
  };
}

/** Precision and recall on the real-file suite (test/fixtures/real-files/README.md). */
function realFiles(index: ReturnType<typeof createConceptIndex>) {
  const { overall, tokens, files } = measureRealFiles(root, index);
  return { precision: overall.precision, recall: overall.recall, tokens, files };
}

if (process.argv.includes('--first-hover')) {
  const text = readFileSync(join(root, 'test/bench/manifests.yaml'), 'utf8');
  const t0 = performance.now();
  const topics = unpack();
  const index = createConceptIndex(topics);
  const hit = index.analyze(text, 'yaml').conceptAt(text.indexOf('NodePort') + 2);
  const first = performance.now() - t0;
  const t1 = performance.now();
  JSON.parse(topicsText);
  const parse = performance.now() - t1;
  if (!hit) throw new Error('no topic at NodePort');
  const position = process.argv[process.argv.indexOf('--first-hover') + 1];
  const topic = position === undefined ? index.get(hit.topicId)! : topics[Number(position)];
  // What opening the first topic page adds, as the topic panel does it: the body (decompressing its group),
  // "Mentioned in", and the page's HTML.
  const t2 = performance.now();
  const body = topic.body;
  const t3 = performance.now();
  const page = renderTopicPage(topic, id => index.get(id), mentionIndex(topics)(topic.id));
  const firstPage = performance.now() - t2;
  if (position === undefined && !body.includes('NodePort')) throw new Error('the NodePort body is not about NodePort');
  if (page.bodyHtml.length < body.length / 2) throw new Error(`the page of "${topic.id}" did not render`);
  console.log(
    JSON.stringify({ first_hover_ms: first, json_parse_ms: parse, first_body_ms: t3 - t2, first_page_ms: firstPage }),
  );
} else if (process.argv.includes('--diagnostics')) {
  const large = makeLarge(readFileSync(join(root, 'test/bench/manifests.yaml'), 'utf8'), 5000);
  console.log(JSON.stringify(measureDiagnostics(createConceptIndex(unpack()), large, random(42)), null, 2));
} else {
  const topics: Topic[] = unpack();
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
