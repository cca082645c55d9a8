// Bundles every action (src/actions/<name>.ts) and the CLI into dist/ with ncc.
// `--check` bundles into a scratch folder and fails when dist/ differs from it,
// which is how CI proves the committed bundles are built from the source.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// Types are checked by `npm run typecheck`; emitting without the check keeps bundling independent of unrelated files.
execFileSync(bin('tsc'), ['-p', path.join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });

const entries = fs
  .readdirSync(path.join(root, 'src', 'actions'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ name: file.replace(/\.ts$/, ''), entry: path.join(root, 'build', 'src', 'actions', file.replace(/\.ts$/, '.js')) }));
entries.push({ name: 'cli', entry: path.join(root, 'build', 'src', 'cli', 'main.js') });

const outRoot = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-dist-')) : path.join(root, 'dist');
for (const { name, entry } of entries) {
  const out = path.join(outRoot, name);
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(bin('ncc'), ['build', entry, '-o', out, '--target', 'es2022', '--quiet'], { stdio: 'inherit', cwd: root });
  // Keep only the bundle and its chunks; licenses are regenerated and would only add churn.
  for (const file of fs.readdirSync(out)) if (file.endsWith('.txt')) fs.rmSync(path.join(out, file));
}
if (!check) {
  const known = new Set(entries.map((e) => e.name));
  for (const stale of fs.readdirSync(outRoot)) if (!known.has(stale)) fs.rmSync(path.join(outRoot, stale), { recursive: true, force: true });
  console.log(`bundled ${entries.length} entries into dist/`);
  process.exit(0);
}

const differences = [];
const list = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : []);
const fresh = list(outRoot);
const committed = list(path.join(root, 'dist'));
for (const file of new Set([...fresh, ...committed])) {
  const a = path.join(outRoot, file);
  const b = path.join(root, 'dist', file);
  if (!fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b))) differences.push(file);
}
fs.rmSync(outRoot, { recursive: true, force: true });
if (differences.length) {
  console.error(`dist/ is not built from the current source (${differences.length} file(s) differ: ${differences.slice(0, 5).join(', ')}). Run \`npm run build\` and commit dist/.`);
  process.exit(1);
}
console.log('dist/ matches a fresh bundle of the source');
