// npm run sandbox -- [--port N] [--seed demo|large] [--data DIR] [--controls]
// Runs the built sandbox (building first when the sources changed).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale, BUILD_STAMP } from './lib/build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (buildIsStale(root)) {
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const stamp = path.join(root, BUILD_STAMP);
  closeSync(openSync(stamp, 'a'));
  utimesSync(stamp, new Date(), new Date());
}
const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'sandbox.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
