import * as assert from 'assert';
import { Lexer, type Token, type Tokens } from 'marked';
import { compileTopics, type CompileInput } from '../../src/core/compile';
import { createConceptIndex } from '../../src/core/index';
import { buildHoverMarkdown, commandUri } from '../../src/core/hoverText';
import type { Problem, Topic } from '../../src/core/model';
import { frontMatterChars, parseTopicFile } from '../../src/core/parse';
import { safeHttpsUrl } from '../../src/core/urls';
import { topic, seededRandom } from './fixtures';

const OPEN = 'kubeConcepts.openTopic';

/** A team topic file: front matter lines, then a body. */
function teamFile(lines: string[], body = 'A body that explains the topic.'): string {
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

function front(id: string, extra: string[] = [], title = id): string[] {
  return [
    `id: ${id}`,
    `title: ${title}`,
    'category: platform',
    'summary: A team topic.',
    'links:',
    '  - title: Docs',
    `    url: https://example.com/${id}`,
    'related: [pod, service]',
    ...extra,
  ];
}

const builtins = [
  topic('pod', { title: 'Pod', exactCase: [] }),
  topic('service', { title: 'Service', exactCase: ['Service'] }),
  topic('kube-proxy', { title: 'kube-proxy', aliases: ['kubeproxy'] }),
  topic('open-container-initiative', {
    title: 'Open Container Initiative',
    aliases: ['OCI'],
    ambiguous: ['OCI'],
    exactCase: ['OCI'],
    context: ['image', 'runtime'],
  }),
];

function compileTeam(inputs: CompileInput[]) {
  return compileTopics(inputs, { base: builtins, origin: 'team' });
}

const errors = (problems: readonly Problem[]) => problems.filter(p => (p.severity ?? 'error') === 'error');
const warnings = (problems: readonly Problem[]) => problems.filter(p => p.severity === 'warning');
const lines = (problems: readonly Problem[]) => problems.map(p => `${p.line}: ${p.message}`).join('\n');

const HOSTILE = [
  '\n\n',
  '\n',
  '\r\n\r\n',
  '](',
  ')',
  '"',
  "'",
  '<img src=https://x>',
  '![x](https://evil/)',
  '[Official docs](https://evil.example/)',
  '[x]: https://evil.example/',
  '[x]',
  '`',
  '``',
  "$'",
  '$`',
  '$&',
  '&lt;img src=x&gt;',
  '&#60;script&#62;',
  '&amp;',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u0007',
  '\t',
  'https://evil.example/',
  'www.evil.example',
  'mail@evil.example',
  '<https://evil.example>',
  '<!-- x -->',
  '</a>',
  '\\',
  '*',
  '_',
  '#',
  '> ',
  '- ',
  '1. ',
  '===',
  '|',
  '~~~',
  '```',
  '    ',
  'text',
  ' ',
  'Pod',
];

function hostile(random: () => number, pieces = 1 + Math.floor(random() * 8)): string {
  let s = '';
  for (let i = 0; i < pieces; i++) s += HOSTILE[Math.floor(random() * HOSTILE.length)];
  return s;
}

/** Every token of a marked token tree. */
function* walk(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    const t = token as Token & { tokens?: Token[]; items?: Tokens.ListItem[] };
    if (t.tokens) yield* walk(t.tokens);
    if (t.items) yield* walk(t.items);
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) yield* walk(cell.tokens);
    }
  }
}

/** Problems with hover Markdown: any image, HTML or link other than our command links and the topic's docs link. */
function foreignConstructs(markdown: string, ids: readonly string[], docsHref: string | undefined): string[] {
  const tokens = new Lexer().lex(markdown);
  const found: string[] = [];
  if (Object.keys(tokens.links).length > 0) found.push(`link definitions ${JSON.stringify(tokens.links)}`);
  const ours = new Set(ids.map(id => commandUri(OPEN, id)));
  let docsLinks = 0;
  for (const token of walk(tokens)) {
    if (token.type === 'image' || token.type === 'html' || token.type === 'def')
      found.push(`${token.type}: ${token.raw}`);
    if (token.type === 'link') {
      const href = (token as Tokens.Link).href;
      if (href === docsHref) docsLinks++;
      else if (!ours.has(href)) found.push(`link to ${href}: ${token.raw}`);
    }
  }
  if (docsLinks > 1) found.push(`${docsLinks} docs links`);
  return found;
}

suite('Adversarial: team files', () => {
  test('F1: a line break or control character in a title, alias, exactCase/ambiguous/context entry or link title is a problem at its line', () => {
    const text = teamFile([
      'id: acme',
      'title: >-', // line 3
      '  Acme',
      '',
      '  Gateway',
      'category: platform',
      'aliases: ["acme\\ngw", "acme edge"]', // line 8
      'exactCase:',
      '  - "acme edge\\u0007"', // line 10
      'ambiguous:',
      '  - "acme\\u202egw"', // line 12
      'context:',
      '  - "gate\\tway"', // line 14
      'summary: A team topic.',
      'links:',
      '  - title: "Docs\\n\\n![x](https://evil/)"', // line 17
      '    url: https://example.com/acme',
      'related: [pod, service]',
    ]);
    const { parsed, problems } = parseTopicFile(text, 'acme.md', { origin: 'team' });
    assert.strictEqual(parsed, undefined);
    const at = (line: number, field: string) =>
      assert.ok(
        problems.some(p => p.line === line && p.message.includes(field) && /line break|control/.test(p.message)),
        `expected a problem about ${field} at line ${line}; got:\n${lines(problems)}`,
      );
    at(3, 'title');
    at(8, 'aliases');
    at(10, 'exactCase');
    at(12, 'ambiguous');
    at(14, 'context');
    at(17, 'link');
  });

  test('F1: a blank line in a title or link title cannot make a remote image or a fake docs link in the hover', () => {
    const evil = topic('acme', {
      title: 'Acme\n\n![x](https://evil.example/pixel.png) [Official docs](https://evil.example/)',
      links: [{ title: 'Docs\n\n<img src=https://evil.example/x>', url: 'https://example.com/acme' }],
      origin: 'team',
    });
    const md = buildHoverMarkdown(evil, () => undefined, { detail: 'short', openCommand: OPEN });
    assert.deepStrictEqual(foreignConstructs(md, ['acme'], 'https://example.com/acme'), [], md);
  });

  test('F1: hostile strings in every team field never make an image, HTML or a foreign link in the hover', () => {
    const random = seededRandom(14);
    const urls = [
      'https://example.com/a',
      'https://example.com/a(b)c',
      'https://example.com/x?q="><img src=x>',
      "https://example.com/`$'",
      'https://example.com/a b',
      'https://example.com/\u202e',
      'https://example.com/](https://evil/)',
    ];
    for (let round = 0; round < 400; round++) {
      const make = (id: string): Topic =>
        topic(id, {
          title: hostile(random),
          category: hostile(random),
          summary: hostile(random),
          aliases: [hostile(random)],
          context: [hostile(random)],
          links: [{ title: hostile(random), url: urls[Math.floor(random() * urls.length)] }],
          body: `${hostile(random, 20)}\n\n${hostile(random, 20)}`,
          related: ['rel-a', 'rel-b'],
          origin: 'team',
        });
      const main = make('main');
      const others = new Map(['rel-a', 'rel-b', 'alt'].map(id => [id, make(id)]));
      const docsHref = safeHttpsUrl(main.links[0].url)?.replace(/\(/g, '%28').replace(/\)/g, '%29');
      const ids = ['main', ...others.keys()];
      for (const options of [
        { detail: 'full' as const, openCommand: OPEN, context: hostile(random) },
        { detail: 'short' as const, openCommand: OPEN, alternatives: [others.get('alt')!] },
      ]) {
        const md = buildHoverMarkdown(main, id => others.get(id), options);
        const foreign = foreignConstructs(md, ids, options.alternatives ? undefined : docsHref);
        assert.deepStrictEqual(foreign, [], `round ${round}:\n${md}`);
      }
    }
  });

  test('F12: $\' or $` in a title keeps the "can mean N things" line intact', () => {
    for (const title of ["Acme$'s gateway", 'Acme$`s gateway', 'Acme$&', 'Acme$1']) {
      const md = buildHoverMarkdown(topic('a', { title }), () => undefined, {
        detail: 'short',
        openCommand: OPEN,
        alternatives: [topic('b')],
      });
      const first = md.split('\n')[0];
      assert.strictEqual(
        first,
        `**${title.replace(/[$&`']/g, c => (c === '&' || c === '`' ? '\\' + c : c))}** can mean 2 things here:`,
      );
    }
  });

  test('F2: more than 32 context words, or a context word over 48 characters, is a problem at its line', () => {
    const many = Array.from({ length: 40 }, (_, i) => `  - word${i}`);
    const text = teamFile(front('acme', ['ambiguous: [acme]', 'context:', ...many]));
    const { problems } = parseTopicFile(text, 'acme.md', { origin: 'team' });
    assert.ok(
      problems.some(p => p.line === 12 + 32 && /32 context words/.test(p.message)),
      `a problem at the 33rd context word (line 44):\n${lines(problems)}`,
    );
    const long = teamFile(front('acme', ['ambiguous: [acme]', 'context:', `  - ${'x'.repeat(49)}`]));
    const longProblems = parseTopicFile(long, 'acme.md', { origin: 'team' }).problems;
    assert.ok(
      longProblems.some(p => p.line === 12 && /48 characters/.test(p.message)),
      lines(longProblems),
    );
  });

  test('F2: 83k context words on "the" are refused, so a hover of "the" stays cheap', () => {
    const text = teamFile(
      front('the-team', ['aliases: [the]', 'ambiguous: [the]', `context: [${'w,'.repeat(83_000)}w]`]),
    );
    assert.ok(text.length < 256 * 1024, 'within the file size limit');
    const result = compileTeam([{ path: 'the-team.md', text }]);
    assert.deepStrictEqual(result.skipped, ['the-team.md']);
    assert.ok(!result.topics.some(t => t.id === 'the-team'));
  });

  test('F2: a hover of "the" shared by 500 team topics with 32 context words each reads the window once', () => {
    // Context words that occur often inside other words make each whole-word search walk many hits.
    const context = 'e o h u r a he og az ro ow ui ic mp ve nd ck fo ju ov la zy do an qu br wn ox um ps er th'.split(
      ' ',
    );
    const sharing = (n: number) =>
      createConceptIndex(
        Array.from({ length: n }, (_, i) =>
          topic(`team-${i}`, { title: `Team ${i}`, aliases: ['the'], ambiguous: ['the'], context, origin: 'team' }),
        ),
      );
    const text = 'the quick brown fox jumps over the lazy dog and '.repeat(200);
    const hovers = (index: ReturnType<typeof createConceptIndex>) => {
      const started = performance.now();
      for (let at = 2000; at < 2000 + 49 * 100; at += 49) index.conceptAt(text, at, 'plaintext');
      return performance.now() - started;
    };
    const one = sharing(1);
    const many = sharing(500);
    hovers(one);
    hovers(many);
    const ratios = [0, 1, 2].map(() => hovers(many) / hovers(one)).sort((a, b) => a - b);
    // Each topic's context words are looked up once per hover (at most 32 each): linear in the topics, and each
    // lookup is a map read. Generous for loaded machines; the unbounded lists cost 315x and 1.1 s per hover.
    assert.ok(ratios[1] < 150, `500 topics sharing "the" cost ${ratios[1].toFixed(1)}x one topic`);
    assert.ok(hovers(many) / 100 < 20, 'a hover of the shared name stays within milliseconds');
  });

  test('F11: more than 100 aliases is a problem at the 101st alias', () => {
    const aliases = Array.from({ length: 120 }, (_, i) => `  - acme alias ${i}`);
    const text = teamFile(front('acme', ['aliases:', ...aliases]));
    const { problems } = parseTopicFile(text, 'acme.md', { origin: 'team' });
    assert.ok(
      problems.some(p => p.line === 11 + 100 && /100 aliases/.test(p.message)),
      lines(problems),
    );
  });

  test('F11: team topics may have at most 5,000 names in total; the file that goes over is skipped with a problem', () => {
    const inputs: CompileInput[] = [];
    for (let f = 0; f < 60; f++) {
      const aliases = Array.from({ length: 99 }, (_, i) => `acme${f}x${i}`).join(', ');
      inputs.push({
        path: `t${String(f).padStart(2, '0')}.md`,
        text: teamFile(front(`t${f}`, [`aliases: [${aliases}]`])),
      });
    }
    const result = compileTeam(inputs);
    const team = result.topics.filter(t => t.origin === 'team');
    const names = team.reduce((n, t) => n + 1 + t.aliases.length, 0);
    assert.ok(names <= 5000, `${names} names loaded`);
    assert.strictEqual(team.length, 50);
    const over = result.problems.filter(p => /5,000 names/.test(p.message));
    assert.strictEqual(over.length, 10, lines(result.problems));
    assert.ok(
      over.every(p => p.line === 10),
      'at the aliases line',
    );
  });

  test('F11: 100 files of 20k aliases compile with bounded work, not 12.7 s', () => {
    const inputs: CompileInput[] = [];
    for (let f = 0; f < 100; f++) {
      const aliases = Array.from({ length: 20_000 }, (_, i) => `a${f}x${i}`).join(', ');
      inputs.push({ path: `t${f}.md`, text: teamFile(front(`t${f}`, [`aliases: [${aliases}]`])) });
    }
    const started = performance.now();
    const result = compileTeam(inputs);
    const elapsed = performance.now() - started;
    assert.strictEqual(result.skipped.length, 100);
    assert.ok(
      result.problems.every(p => /front matter is .* at most 32 KB/.test(p.message)),
      'no YAML parsed',
    );
    const builtinNames = builtins.reduce((n, t) => n + 1 + t.aliases.length, 0);
    assert.ok(result.namesConsidered <= builtinNames + 5000, `${result.namesConsidered} names considered`);
    assert.ok(elapsed < 5000, `${Math.round(elapsed)} ms`);
  });

  test('F11: a reload parses at most 1 MB of YAML over all team files; the files after that get a problem', () => {
    const inputs: CompileInput[] = [];
    for (let f = 0; f < 100; f++) {
      const notes = Array.from({ length: 700 }, (_, i) => `  - docs/n${f}-${i}.md`);
      inputs.push({ path: `t${String(f).padStart(2, '0')}.md`, text: teamFile(front(`t${f}`, ['notes:', ...notes])) });
    }
    const result = compileTeam(inputs);
    const over = new Set(result.problems.filter(p => /1 MB in all/.test(p.message)).map(p => p.file));
    assert.ok(over.size > 0, lines(result.problems));
    const parsedYaml = inputs.filter(i => !over.has(i.path)).reduce((n, i) => n + frontMatterChars(i.text), 0);
    assert.ok(parsedYaml <= 1024 * 1024, `${parsedYaml} characters of YAML parsed`);
    assert.deepStrictEqual(
      [...over],
      inputs.slice(inputs.length - over.size).map(i => i.path),
      'the files after the budget',
    );
  });

  test('F11: a page body over 64 KB, or lists and quotes nested more than 16 deep, is a problem at its line', () => {
    const big = parseTopicFile(teamFile(front('acme'), 'word '.repeat(14_000)), 'acme.md', { origin: 'team' });
    assert.ok(
      big.problems.some(p => p.line === 11 && /64 KB/.test(p.message)),
      lines(big.problems),
    );
    const deep = parseTopicFile(teamFile(front('acme'), `Intro.\n\n${'- '.repeat(1200)}x\n`), 'acme.md', {
      origin: 'team',
    });
    assert.ok(
      deep.problems.some(p => p.line === 13 && /nested/.test(p.message)),
      lines(deep.problems),
    );
    const indented = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
    const quoted = `${'> '.repeat(20)}deep quote`;
    for (const body of [indented, quoted]) {
      const r = parseTopicFile(teamFile(front('acme'), `Intro.\n\n${body}`), 'acme.md', { origin: 'team' });
      assert.ok(
        r.problems.some(p => /nested/.test(p.message)),
        `${body}\n${lines(r.problems)}`,
      );
    }
    const fine = Array.from({ length: 16 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
    const ok = parseTopicFile(
      teamFile(front('acme'), `Intro.\n\n${fine}\n\n\`\`\`\n${'- '.repeat(40)}\n\`\`\``),
      'acme.md',
      {
        origin: 'team',
      },
    );
    assert.deepStrictEqual(ok.problems, []);
  });

  test('F10: a team name equal to a built-in name, exact or folded, is a problem unless the topic replaces it', () => {
    const cases: Array<[string, string[], number]> = [
      ['acme-proxy', ['aliases: [kube-proxy]', 'exactCase: [kube-proxy]'], 10],
      ['acme-oci', ['aliases: [OCI]', 'exactCase: [OCI]', 'ambiguous: [OCI]', 'context: [acme]'], 10],
      ['acme-kp', ['aliases: [Kube Proxy]'], 10],
      ['acme-svc', ['aliases: [SERVICE]', 'exactCase: [SERVICE]'], 10],
    ];
    for (const [id, extra, line] of cases) {
      const result = compileTeam([{ path: `${id}.md`, text: teamFile(front(id, extra)) }]);
      assert.deepStrictEqual(result.skipped, [`${id}.md`], `${id}: ${lines(result.problems)}`);
      assert.ok(
        result.problems.some(p => p.line === line && /built-in/.test(p.message)),
        lines(result.problems),
      );
    }
    const title = compileTeam([{ path: 'acme.md', text: teamFile(front('acme', [], 'Pod')) }]);
    assert.ok(
      title.problems.some(p => p.line === 3 && /built-in topic "pod"/.test(p.message)),
      lines(title.problems),
    );
    const replacing = compileTeam([
      { path: 'kube-proxy.md', text: teamFile(front('kube-proxy', ['aliases: [kubeproxy, KP]'], 'kube-proxy')) },
    ]);
    assert.deepStrictEqual(replacing.problems, []);
    assert.strictEqual(replacing.topics.find(t => t.id === 'kube-proxy')?.origin, 'team');
  });

  test('F10: a common English word as a team name without exactCase is a warning, and the topic still loads', () => {
    const result = compileTeam([
      { path: 'acme.md', text: teamFile(front('acme', ['aliases: [the, And, is, acme gw]'])) },
      { path: 'acme-two.md', text: teamFile(front('acme-two', ['aliases: [The]', 'exactCase: [The]'])) },
    ]);
    assert.deepStrictEqual(errors(result.problems), []);
    assert.deepStrictEqual(
      warnings(result.problems).map(p => `${p.file}:${p.line}`),
      ['acme.md:10', 'acme.md:10', 'acme.md:10'],
      lines(result.problems),
    );
    assert.ok(result.topics.some(t => t.id === 'acme'));
    assert.deepStrictEqual(result.skipped, []);
  });
});
