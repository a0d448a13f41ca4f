// The real-file suite (test/fixtures/real-files/, see its README): the suite itself is sound, and the precision and
// recall the matcher reaches on it do not fall below a floor. The floor is a ratchet: raise it when the figures rise.
import * as assert from 'assert';
import { join } from 'path';
import { createConceptIndex } from '../../src/core/index';
import { loadTopics } from '../tools/knowledge-report';
import { loadRealFiles, measureRealFiles, parseProblem, proposedTopics, topicIdOf } from '../tools/real-files';

const ROOT = join(__dirname, '..', '..');
/** Measured (99.1 / 95.9) minus about one point; the suite was written at 73.3 / 50.1, and issue 15 asks for 97 / 90. */
const FLOOR = { precision: 98, recall: 94 };

suite('Real-file suite: sound files and expectations, and precision and recall above the floor', () => {
  const files = loadRealFiles(ROOT);
  const index = createConceptIndex(loadTopics(ROOT));

  test('it has at least 44 files: manifests, Helm, Kustomize, custom resources, JSON and docs', () => {
    assert.ok(files.length >= 44, `${files.length} files`);
    const categories = new Set(files.map(f => f.category));
    for (const c of ['manifests', 'helm', 'kustomize', 'custom-resources', 'json', 'docs'])
      assert.ok(categories.has(c), `no file in ${c}/`);
    const languages = new Set(files.map(f => f.language));
    for (const l of ['yaml', 'helm', 'json', 'markdown', 'plaintext']) assert.ok(languages.has(l), `no ${l} file`);
    assert.ok(
      files.some(f => f.fullyJudged),
      'no fully judged file',
    );
  });

  test('every marker reads, and every marked token is on its line', () => {
    assert.deepStrictEqual(
      files.flatMap(f => f.problems),
      [],
    );
  });

  test('every file parses as its language, markers removed', () => {
    assert.deepStrictEqual(
      files.map(parseProblem).filter(p => p !== undefined),
      [],
    );
  });

  test('every expected topic id is a topic of the knowledge base or is listed as proposed', () => {
    const proposed = proposedTopics(ROOT);
    const expected = new Set(files.flatMap(f => f.expectations.map(e => topicIdOf(e.expected) ?? '')));
    expected.delete('');
    const missing = [...expected].filter(id => !index.get(id)).sort();
    console.log(`      expected topics that do not exist yet: ${missing.join(', ') || 'none'}`);
    assert.deepStrictEqual(
      missing.filter(id => !proposed.has(id)),
      [],
      'neither a topic nor in proposed-topics.txt',
    );
    const written = [...proposed.keys()].filter(id => index.get(id));
    if (written.length > 0) console.log(`      proposed topics that now exist (remove them from the list): ${written}`);
  });

  test('precision and recall do not fall below the floor', () => {
    const report = measureRealFiles(ROOT, index);
    const { overall, fullyJudged } = report;
    console.log(
      `      real files: precision ${overall.precision}% (${overall.hoversCorrect}/${overall.hoversJudged} hovers), ` +
        `recall ${overall.recall}% (${overall.found}/${overall.expectedConcepts}), ` +
        `silence ${overall.silence}%, fully judged precision ${fullyJudged.precision}%; ` +
        `${report.tokens} tokens in ${report.files} files`,
    );
    for (const [language, f] of Object.entries(report.byLanguage))
      console.log(`        ${language}: precision ${f.precision}%, recall ${f.recall}%, silence ${f.silence}%`);
    assert.ok(overall.precision >= FLOOR.precision, `precision ${overall.precision}% < ${FLOOR.precision}%`);
    assert.ok(overall.recall >= FLOOR.recall, `recall ${overall.recall}% < ${FLOOR.recall}%`);
  });
});
