import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];
export const BUILD_STAMP = path.join('out', '.build-stamp');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when out/ is missing or older than any source, so `npm start` rebuilds only when needed. */
export function buildIsStale(root) {
  const stamp = path.join(root, BUILD_STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}
