import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import {
  COMMANDS,
  CONTEXT_KEYS,
  DEFAULT_HOVER_LANGUAGES,
  SETTINGS,
  VIEW_CONTAINERS,
  VIEWS,
  WALKTHROUGHS,
  WEBVIEW_TYPES,
} from '../../src/contributions';

const root = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const sorted = (values: Iterable<string>) => [...values].sort();
const known = (table: Record<string, string>) => new Set(Object.values(table));

/** Context keys VS Code itself defines that our `when` clauses use. */
const BUILTIN_CONTEXT_KEYS = new Set(['view', 'editorTextFocus']);

function whenClauses(): string[] {
  return Object.values(contributes.menus as Record<string, Array<{ when?: string }>>)
    .flat()
    .flatMap(item => (item.when ? [item.when] : []));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

suite('Contributions: the ids table and package.json agree', () => {
  test('commands: the same set in both', () => {
    const declared = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual(sorted(declared), sorted(Object.values(COMMANDS)));
  });

  test('menus name only commands of the table', () => {
    const commands = known(COMMANDS);
    for (const [menu, items] of Object.entries(contributes.menus as Record<string, Array<{ command: string }>>))
      for (const item of items) assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
  });

  test('views and view containers: the same sets in both', () => {
    const containers = contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id);
    assert.deepStrictEqual(sorted(containers), sorted(Object.values(VIEW_CONTAINERS)));
    assert.deepStrictEqual(sorted(Object.keys(contributes.views)), sorted(containers), 'views sit in our containers');
    const views = Object.values(contributes.views as Record<string, Array<{ id: string }>>)
      .flat()
      .map(v => v.id);
    assert.deepStrictEqual(sorted(views), sorted(Object.values(VIEWS)));
  });

  test('settings: the same keys, defaults, values and scopes in both', () => {
    const properties = contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(sorted(Object.keys(properties)), sorted(Object.values(SETTINGS).map(s => s.key)));
    for (const setting of Object.values(SETTINGS)) {
      const declared = properties[setting.key];
      assert.deepStrictEqual(declared.default, setting.default, `default of ${setting.key}`);
      assert.deepStrictEqual(declared.enum, 'values' in setting ? setting.values : undefined, `enum of ${setting.key}`);
      assert.strictEqual(declared.scope, 'scope' in setting ? setting.scope : undefined, `scope of ${setting.key}`);
    }
    for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations)
      assert.ok(properties[key], `restricted setting ${key} exists`);
  });

  test('when clauses use only our context keys and views, and every context key is used', () => {
    const contextKeys = known(CONTEXT_KEYS);
    const views = known(VIEWS);
    const used = new Set<string>();
    for (const when of whenClauses()) {
      for (const term of when.split(/&&|\|\|/)) {
        const [key, value] = term.split(/==|!=/).map(s => s.replace(/[()!]/g, '').trim());
        used.add(key);
        if (key === 'view') assert.ok(views.has(value), `${when}: view ${value}`);
        else assert.ok(contextKeys.has(key) || BUILTIN_CONTEXT_KEYS.has(key), `${when}: context key ${key}`);
      }
    }
    for (const key of contextKeys) assert.ok(used.has(key), `context key ${key} is used in a when clause`);
  });

  test('activation and walkthrough events refer to known languages, webviews, commands and views', () => {
    const targets: Record<string, Set<string>> = {
      onLanguage: new Set(DEFAULT_HOVER_LANGUAGES),
      onWebviewPanel: known(WEBVIEW_TYPES),
      onCommand: known(COMMANDS),
      onView: known(VIEWS),
    };
    const walkthroughEvents = contributes.walkthroughs.flatMap((w: { steps: Array<{ completionEvents?: string[] }> }) =>
      w.steps.flatMap(s => s.completionEvents ?? []),
    );
    for (const event of [...manifest.activationEvents, ...walkthroughEvents]) {
      const [kind, id] = event.split(':');
      assert.ok(targets[kind]?.has(id), `event ${event}`);
    }
    const languages = manifest.activationEvents.filter((e: string) => e.startsWith('onLanguage:'));
    assert.deepStrictEqual(
      sorted(languages),
      sorted(DEFAULT_HOVER_LANGUAGES.map(l => `onLanguage:${l}`)),
      'activated for every default hover language',
    );
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${WEBVIEW_TYPES.topicPage}`), 'pages restore');
    assert.deepStrictEqual(
      sorted(contributes.walkthroughs.map((w: { id: string }) => w.id)),
      sorted(Object.values(WALKTHROUGHS)),
    );
  });

  test('every %placeholder% of package.json has a text in package.nls.json', () => {
    const texts = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map(m => m[1]);
    assert.ok(placeholders.length > 10, `${placeholders.length} placeholders`);
    for (const key of placeholders) assert.ok(typeof texts[key] === 'string', key);
  });

  test('the code names ids only through the table, and registers commands only in commands.ts', () => {
    const src = join(root, 'src');
    const literal = /['"`]kubeConcepts\.[\w.]+/;
    for (const file of sourceFiles(src)) {
      const name = relative(src, file);
      const text = readFileSync(file, 'utf8');
      if (name !== 'contributions.ts') {
        const code = text.replace(/^\s*(\/\/|\*|\/\*).*$/gm, ''); // ids may be named in comments
        assert.doesNotMatch(code, literal, `${name} spells an id; use src/contributions.ts`);
      }
      if (name !== 'commands.ts')
        assert.doesNotMatch(text, /registerCommand\(/, `${name} registers a command; commands.ts owns them`);
    }
  });
});
