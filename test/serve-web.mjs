// `npm start`: builds the extension and serves it in VS Code for the Web on localhost (offline), with the sample
// manifests of test/fixtures/workspace open. Open the printed URL in a browser; Ctrl+C stops it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, startServer } from './lib/webHost.mjs';

const port = Number(process.env.PORT || 3000);
const folder = process.argv[2] ? join(process.cwd(), process.argv[2]) : join(root, 'test/fixtures/workspace');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await startServer({ port, folder });
console.log(
  `\nKubernetes Concepts is running in VS Code for the Web: http://localhost:${port}\n(folder: ${folder}; Ctrl+C to stop)`,
);
