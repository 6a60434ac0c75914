// npm run sandbox -- [--port N] [--seed demo|large] [--data DIR] [--controls]
// Runs the built sandbox (building first when the sources changed).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt(root, { quiet: true });
const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'sandbox.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
