import * as assert from 'assert';
import { findFences, withoutFences } from '../../src/core/fences';
import { createConceptIndex } from '../../src/core/index';
import { topic } from './fixtures';

const contents = (text: string) => findFences(text).map(f => text.slice(f.contentStart, f.contentEnd));

suite('Fenced code blocks', () => {
  test('``` and ~~~ fences, their info string and language', () => {
    const text = 'a\n```yaml title="x"\nkind: Pod\n```\nb\n~~~ JSON\n{}\n~~~\nc';
    const fences = findFences(text);
    assert.deepStrictEqual(contents(text), ['kind: Pod\n', '{}\n']);
    assert.deepStrictEqual(
      fences.map(f => [f.info, f.language]),
      [
        ['yaml title="x"', 'yaml'],
        ['JSON', 'json'],
      ],
    );
    assert.strictEqual(withoutFences(text), 'a\nb\nc');
  });

  test('a fence closes only with its own character, at least as long, with nothing after it', () => {
    assert.deepStrictEqual(contents('````\n```\n~~~~\n```` x\n`````\nafter'), ['```\n~~~~\n```` x\n']);
    assert.deepStrictEqual(contents('~~~\n```\n~~~\n'), ['```\n']);
  });

  test('indented up to three spaces; four spaces or a tab is not a fence', () => {
    assert.deepStrictEqual(contents('   ```\nx\n   ```\n'), ['x\n']);
    assert.deepStrictEqual(contents('    ```\nx\n    ```\n'), []);
    assert.deepStrictEqual(contents('\t```\nx\n'), []);
    assert.deepStrictEqual(contents('```\nx\n    ```\ny\n```\n'), ['x\n    ```\ny\n']);
  });

  test('an unclosed fence runs to the end; a backtick in a backtick info string is inline code', () => {
    assert.deepStrictEqual(contents('```yaml\nkind: Pod\n'), ['kind: Pod\n']);
    assert.deepStrictEqual(contents('```'), ['']);
    assert.deepStrictEqual(contents('```yaml```\nnot code\n'), []);
    assert.deepStrictEqual(contents('~~~ a`b\ncode\n'), ['code\n']);
    assert.strictEqual(withoutFences('a\n```\nb\n'), 'a\n');
  });

  test('CRLF line ends close a fence', () => {
    const text = 'a\r\n```yaml\r\nkind: Pod\r\n```\r\nb\r\n';
    assert.deepStrictEqual(contents(text), ['kind: Pod\r\n']);
    assert.strictEqual(withoutFences(text), 'a\r\nb\r\n');
  });

  test('a fence closed by a CRLF line ends there: the prose after it is not YAML', () => {
    const index = createConceptIndex([
      topic('deployment', { title: 'Deployment', manifest: { kinds: ['Deployment'] } }),
    ]);
    const text = '```yaml\r\nkind: Deployment\r\n```\r\nkind: Deployment is prose here.\r\n';
    const inFence = index.conceptAt(text, text.indexOf('Deployment'), 'markdown');
    const after = index.conceptAt(text, text.lastIndexOf('Deployment'), 'markdown');
    assert.match(inFence?.context ?? '', /kind of this manifest/);
    assert.strictEqual(after?.topicId, 'deployment');
    assert.strictEqual(after?.context, undefined);
  });
});
