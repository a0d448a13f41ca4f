// Measures, in the real VS Code for the Web, how long activate() takes (several fresh windows), and prints JSON.
import { join } from 'node:path';
import { freePort, launchBrowser, root, startServer } from '../lib/webHost.mjs';

const RUNS = Number(process.env.ACTIVATION_RUNS || 9);
const samples = [];
for (let i = 0; i < RUNS; i++) {
  const port = await freePort();
  const server = await startServer({ port, extensionTestsPath: join(root, 'dist/web/test/activationProbe.js') });
  const { context, close } = await launchBrowser();
  try {
    const result = new Promise(resolve => {
      context.exposeBinding('codeAutomationLog', (_s, _type, args) => {
        const line = args.map(String).join(' ');
        if (line.startsWith('KUBE-CONCEPTS-ACTIVATION '))
          resolve(JSON.parse(line.slice('KUBE-CONCEPTS-ACTIVATION '.length)));
      });
      context.exposeBinding('codeAutomationExit', () => undefined);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://localhost:${port}`);
    samples.push(
      await Promise.race([
        result,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no result in 120 s')), 120000)),
      ]),
    );
  } finally {
    await close();
    server.close();
  }
}
const median = key => {
  const v = samples.map(s => s[key]).sort((a, b) => a - b);
  return Math.round(v[Math.floor(v.length / 2)] * 100) / 100;
};
console.log(
  JSON.stringify({
    host: 'VS Code for the Web 1.91.1 (web worker extension host)',
    windows: samples.length,
    activate_ms_median: median('activate_ms'),
    knowledge_ready_ms_median: median('knowledge_ready_ms'),
    first_hover_ms_median: median('first_hover_ms'),
    second_hover_ms_median: median('second_hover_ms'),
    samples,
  }),
);
