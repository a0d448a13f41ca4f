// Refreshes the copies of the notes facts that the knowledge tests read (test/tools/knowledge-report.ts loads them):
//   knowledge/notes-inventory.tsv  the columns of the notes' notes-terms.tsv that the tests use
//   knowledge/notes-files.txt      the path of every file under the notes' notes/ folder, one a line
// Run it when the notes change, from a checkout that has the notes folder (default ../shared) beside it:
//   node test/tools/notes-inventory.mjs [notes folder]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEPT_COLUMNS = ['term', 'category', 'subcategory', 'n_files'];

const root = fileURLToPath(new URL('../..', import.meta.url));
const notesRoot = resolve(process.argv[2] ?? join(root, '..', 'shared'));

const [header, ...rows] = readFileSync(join(notesRoot, 'notes-terms.tsv'), 'utf8')
  .replace(/^\ufeff/, '')
  .split(/\r?\n/)
  .filter(line => line.trim() !== '')
  .map(line => line.split('\t'));
const columns = KEPT_COLUMNS.map(name => {
  const at = header.indexOf(name);
  if (at < 0) throw new Error(`notes-terms.tsv has no "${name}" column`);
  return at;
});
const kept = rows.map(cells => columns.map(at => (cells[at] ?? '').trim())).filter(cells => cells[0] !== '');
writeFileSync(
  join(root, 'knowledge', 'notes-inventory.tsv'),
  [KEPT_COLUMNS, ...kept].map(cells => cells.join('\t') + '\n').join(''),
);

const notesDir = join(notesRoot, 'notes');
const files = readdirSync(notesDir, { withFileTypes: true, recursive: true })
  .filter(entry => entry.isFile())
  .map(entry => relative(notesDir, join(entry.parentPath, entry.name)).split('\\').join('/'))
  .sort();
writeFileSync(join(root, 'knowledge', 'notes-files.txt'), files.map(path => path + '\n').join(''));

console.log(
  `${kept.length} terms -> knowledge/notes-inventory.tsv\n${files.length} files -> knowledge/notes-files.txt`,
);
