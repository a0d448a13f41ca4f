import * as assert from 'assert';
import { buildHoverMarkdown, escapeMarkdown, firstParagraph } from '../../src/core/hoverText';
import { topic } from './fixtures';

const topics = new Map([
  [
    'kube-proxy',
    topic('kube-proxy', {
      category: 'worker-node',
      summary: 'Programs `iptables` rules for Services.',
      related: ['kubelet', 'service', 'iptables', 'ipvs', 'missing'],
      body: '## How\n\nFirst paragraph about [Services](topic:service) and **rules**.\n\nSecond.',
    }),
  ],
  ['kubelet', topic('kubelet')],
  ['service', topic('service', { title: 'Service' })],
  ['iptables', topic('iptables')],
  ['ipvs', topic('ipvs')],
]);
const lookup = (id: string) => topics.get(id);

suite('Hover text', () => {
  test('title, category, summary, three related topics, page and docs links', () => {
    const md = buildHoverMarkdown(topics.get('kube-proxy')!, lookup, {
      detail: 'short',
      openCommand: 'kubeConcepts.openTopic',
    });
    assert.match(md, /^\*\*kube\\-proxy\*\* · \*Worker Node\*/);
    assert.match(md, /Programs `iptables` rules for Services\\\./);
    assert.match(
      md,
      /Related: \[kubelet\]\(command:kubeConcepts\.openTopic\?%5B%22kubelet%22%5D "kubelet"\) · \[Service\]/,
    );
    assert.doesNotMatch(md, /ipvs/, 'at most three related topics');
    assert.match(md, /\[Open topic page\]\(command:kubeConcepts\.openTopic\?%5B%22kube-proxy%22%5D\)/);
    assert.match(md, /\[Official docs\]\(https:\/\/kubernetes\.io\/docs\/kube-proxy\/ "Docs"\)/);
    assert.doesNotMatch(md, /First paragraph/);
  });

  test('full detail adds the first paragraph, links reduced to text', () => {
    const md = buildHoverMarkdown(topics.get('kube-proxy')!, lookup, { detail: 'full', openCommand: 'x.open' });
    assert.match(md, /First paragraph about Services and rules\\\./);
    assert.strictEqual(firstParagraph('```yaml\nx\n```\n\n- list\n\nText.'), 'Text\\.');
  });

  test('a context line and the meanings of an ambiguous name', () => {
    const withContext = buildHoverMarkdown(topics.get('kubelet')!, lookup, {
      detail: 'short',
      openCommand: 'x.open',
      context: 'Field `spec.x` of this Pod.',
    });
    assert.match(withContext, /\*Field `spec\.x` of this Pod\\\.\*/);
    const both = buildHoverMarkdown(topics.get('kubelet')!, lookup, {
      detail: 'short',
      openCommand: 'x.open',
      alternatives: [topics.get('ipvs')!],
    });
    assert.match(both, /can mean 2 things here/);
    assert.match(both, /- \[kubelet\]\(command:x\.open/);
    assert.match(both, /- \[ipvs\]\(command:x\.open/);
  });

  test('knowledge text cannot inject links, HTML or commands', () => {
    const evil = topic('evil', {
      title: 'Evil [x](command:workbench.action.terminal.new)',
      summary: '<img src=x onerror=alert(1)> [run](command:rm) *bold*',
      origin: 'team',
    });
    const md = buildHoverMarkdown(evil, lookup, { detail: 'short', openCommand: 'x.open' });
    assert.doesNotMatch(md, /\]\(command:workbench/);
    assert.doesNotMatch(md, /\]\(command:rm\)/);
    assert.doesNotMatch(md, /(?<!\\)<img/, 'HTML is escaped');
    assert.match(md, /team topic/);
    assert.strictEqual(escapeMarkdown('[a](b) <c>'), '\\[a\\]\\(b\\) \\<c\\>');
  });
});
