import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

suite('Architecture', () => {
  test('nothing under src/core imports vscode', () => {
    const core = files(join(__dirname, '../../src/core')).filter(f => f.endsWith('.ts'));
    assert.ok(core.length >= 5, `found ${core.length} core files`);
    const offenders = core.filter(f =>
      /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s*\(\s*['"]vscode['"]\s*\)/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    assert.deepStrictEqual(offenders, []);
  });

  test('no Node-only module is imported by code that runs in the web host', () => {
    const src = files(join(__dirname, '../../src')).filter(f => f.endsWith('.ts'));
    const offenders = src.filter(f =>
      /from\s+['"](node:)?(fs|path|child_process|os|net|http|https|crypto)['"]/.test(readFileSync(f, 'utf8')),
    );
    assert.deepStrictEqual(offenders, []);
  });

  test('one bundle serves both hosts, and it requires nothing but vscode', () => {
    const root = join(__dirname, '../..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.strictEqual(manifest.main, manifest.browser);
    const bundle = readFileSync(join(root, manifest.main), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(m => m[1]));
    assert.deepStrictEqual([...required], ['vscode']);
  });
});
