// npm run bench: every benchmark prints its result as a ratio against a baseline measured in the same run.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './lib/build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt(root, { quiet: true });
const only = process.argv[2];
const dir = path.join(root, 'test', 'bench');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (!only || f.includes(only))).sort()) {
  console.log(`\n# ${file}`);
  const mod = await import(pathToFileURL(path.join(dir, file)).href);
  await mod.run();
}

// TypeScript benchmarks (they import the app's sources) run through vitest's transform.
const tsBenches = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
if (tsBenches.length > 0) {
  const { spawnSync } = await import('node:child_process');
  const files = tsBenches.map((f) => path.join('test', 'bench', f));
  const ts = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'vitest.bench.config.mts', '--reporter=dot', '--silent=false', ...files], { cwd: root, stdio: 'inherit' });
  if (ts.status !== 0) process.exit(ts.status ?? 1);
}
