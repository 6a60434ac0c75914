import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];
const BUILD_STAMP = path.join('out', '.build-stamp');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when out/ is missing or older than any source. */
export function buildIsStale(root) {
  const stamp = path.join(root, BUILD_STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

/** Runs `electron-vite build` only when the sources changed since the last build; exits on failure. */
export function ensureBuilt(root, { quiet = false } = {}) {
  if (!buildIsStale(root)) return;
  if (!quiet) console.log('Building the app (electron-vite build)…');
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
  const stamp = path.join(root, BUILD_STAMP);
  closeSync(openSync(stamp, 'a'));
  utimesSync(stamp, new Date(), new Date());
}
