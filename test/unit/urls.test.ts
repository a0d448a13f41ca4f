import * as assert from 'assert';
import { checkUrl, safeHttpsUrl } from '../../src/core/urls';

suite('URLs: https only, a real host, no credentials, never throws', () => {
  test('https URLs with a host name are accepted and normalised', () => {
    assert.strictEqual(safeHttpsUrl('https://kubernetes.io/docs/'), 'https://kubernetes.io/docs/');
    assert.strictEqual(safeHttpsUrl('  HTTPS://Kubernetes.IO  '), 'https://kubernetes.io/');
    assert.strictEqual(safeHttpsUrl('https://example.com/a b'), undefined, 'inner white space');
    assert.strictEqual(safeHttpsUrl('https://example.com/%zz'), 'https://example.com/%zz');
    assert.strictEqual(safeHttpsUrl('https://example.com/100%'), 'https://example.com/100%');
    assert.strictEqual(safeHttpsUrl('https://bücher.example/ä'), 'https://xn--bcher-kva.example/%C3%A4');
    assert.strictEqual(
      safeHttpsUrl('https://example.com:8443/?q="<x>"#f'),
      'https://example.com:8443/?q=%22%3Cx%3E%22#f',
    );
  });

  test('everything else is refused with a reason', () => {
    const refused: Array<[string, RegExp]> = [
      ['http://example.com/', /must use https/],
      ['javascript:alert(1)', /must use https/],
      ['command:workbench.action.terminal.new', /must use https/],
      ['TOPIC:POD', /must use https/],
      ['https://user:pw@example.com/x', /user name or password/],
      ['https://user@example.com/x', /user name or password/],
      ['https:////evil.example/', /must start with https:\/\/ and a host name/],
      ['https:/evil.example/', /must start with https:\/\/ and a host name/],
      ['https:\\\\evil.example/', /must start with https:\/\/ and a host name/],
      ['https://localhost/', /no proper host name/],
      ['https://[::1]/', /no proper host name/],
      ['https://.../', /not a valid URL|no proper host name/],
      ['https://exa\tmple.com/', /white space or control/],
      ['https://', /not a valid URL/],
      ['', /not a valid URL/],
      ['not a url', /not a valid URL/],
    ];
    for (const [url, reason] of refused) {
      const check = checkUrl(url);
      assert.ok(!check.ok && reason.test(check.reason), `${url}: ${JSON.stringify(check)}`);
    }
  });

  test('never throws, whatever the text', () => {
    const pieces = [
      'https://',
      'example.com',
      '/',
      '%',
      '%zz',
      '%E0%A4%A',
      '@',
      ':',
      '\\',
      '\u0000',
      '\ud800',
      '[',
      '#',
      '?',
    ];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let url = '';
      for (let j = 0; j < 6; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        url += pieces[seed % pieces.length];
      }
      const check = checkUrl(url);
      if (check.ok) assert.strictEqual(safeHttpsUrl(check.href), check.href, 'the href passes the rule again');
    }
  });
});
