// npm start: build when needed, then run the desktop shell where Electron runs, else the browser shell.
// Options: --browser (force the browser shell), --port N, --no-open.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build-freshness.mjs';
import { electronAvailability } from './lib/electron-availability.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

ensureBuilt(root);

const forceBrowser = args.includes('--browser');
const electron = forceBrowser ? { ok: false, reason: '--browser was given' } : electronAvailability({ root });

const child = electron.ok
  ? spawn(electron.executable, [root, ...args], { cwd: root, stdio: 'inherit' })
  : (() => {
      console.log(`Starting the browser shell because ${electron.reason}.`);
      return spawn(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), ...args.filter((a) => a !== '--browser')], {
        cwd: root,
        stdio: 'inherit',
      });
    })();

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
