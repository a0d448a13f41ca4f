// Runs the integration suite inside VS Code's Node extension host (desktop VS Code, code-server).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha is external here, loaded by the host
import Mocha = require('mocha');
import { reportTo } from './report';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 30000,
    reporter: function () {
      /* reportTo prints */
    } as never,
  });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  // The suite must load after mocha has defined suite() and test(): a static import would run first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suite');
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
    reportTo(runner, process.env.KUBE_CONCEPTS_HOST ?? 'node');
  });
}
