// Recompresses a .vsix with zopfli (advzip, from Debian's advancecomp): the same zip, each file deflated about 6%
// smaller than vsce's zlib does, which keeps the package under its 450 KB limit. `node test/lib/recompress.mjs <vsix>`.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function recompressVsix(file) {
  try {
    execFileSync('advzip', ['--recompress', '-4', file], { stdio: 'pipe' });
  } catch (error) {
    const why = error.code === 'ENOENT' ? 'the `advzip` command is missing' : String(error.stderr || error.message);
    throw new Error(`recompressing ${file} failed: ${why.trim()} (on Debian: apt-get install advancecomp)`, {
      cause: error,
    });
  }
  return statSync(file).size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node test/lib/recompress.mjs <file.vsix>');
    process.exit(2);
  }
  try {
    console.log(`${file}: ${(recompressVsix(file) / 1024).toFixed(1)} KB after recompression`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
