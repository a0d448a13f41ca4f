import * as assert from 'assert';
import { createConceptIndex, MAX_SCANNED_DOCUMENT_CHARS } from '../../src/core/index';
import { topic } from './fixtures';

const index = createConceptIndex([topic('pod', { title: 'Pod' }), topic('node', { title: 'Node' })]);

suite('Occurrences: what "In This File" lists, and whether the list is complete', () => {
  test('a document scanned to its end is complete', () => {
    const { hits, complete, stopped } = index.analyze('A Pod runs on a Node.\nAnother Pod.', 'plaintext').occurrences();
    assert.deepStrictEqual(
      hits.map(h => h.topicId),
      ['pod', 'node', 'pod'],
    );
    assert.strictEqual(complete, true);
    assert.strictEqual(stopped, undefined);
  });

  test('a document above the scan limit is not scanned, and says so with its size and the limit', () => {
    const line = 'A Pod runs on a Node.\n';
    const text = line.repeat(Math.ceil((MAX_SCANNED_DOCUMENT_CHARS + 1) / line.length));
    const result = index.analyze(text, 'plaintext').occurrences();
    assert.deepStrictEqual(result, {
      hits: [],
      complete: false,
      stopped: { reason: 'too-large', chars: text.length, maxChars: MAX_SCANNED_DOCUMENT_CHARS },
    });
    assert.ok(index.analyze(text, 'plaintext').conceptAt(3), 'hovers still find the Pod');
  });

  test('a scan that reaches the limit of hits keeps them and says it stopped', () => {
    const result = index.analyze('Pod Node Pod Node Pod', 'plaintext').occurrences(3);
    assert.deepStrictEqual(
      result.hits.map(h => h.topicId),
      ['pod', 'node', 'pod'],
    );
    assert.strictEqual(result.complete, false);
    assert.deepStrictEqual(result.stopped, { reason: 'too-many', limit: 3 });
  });

  test('exactly as many hits as the limit is still complete', () => {
    const result = index.analyze('Pod Node Pod', 'plaintext').occurrences(3);
    assert.strictEqual(result.hits.length, 3);
    assert.strictEqual(result.complete, true);
  });
});
