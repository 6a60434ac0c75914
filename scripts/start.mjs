// npm start: build when needed, then run the desktop shell where Electron runs, else the browser shell.
// Options: --browser (force the browser shell), --port N, --no-open.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale, BUILD_STAMP } from './lib/build-freshness.mjs';
import { electronAvailability } from './lib/electron-availability.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (buildIsStale(root)) {
  console.log('Building the app (electron-vite build)…');
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
  const stamp = path.join(root, BUILD_STAMP);
  closeSync(openSync(stamp, 'a'));
  utimesSync(stamp, new Date(), new Date());
}

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
