// Runs the integration suite inside VS Code's web extension host (a web worker), with mocha's browser build.
import { reportTo } from './report';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha's browser build sets a global
require('mocha/mocha');

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({
      ui: 'tdd',
      reporter: function () {
        /* reportTo prints */
      } as never,
      timeout: 30000,
    });
    // The suite must load after mocha has defined suite() and test(): a static import would run first.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./suite');
    const runner = mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
    reportTo(runner, 'web');
  });
}
