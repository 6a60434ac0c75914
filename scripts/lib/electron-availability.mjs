import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Can this machine run the desktop shell? Answers {ok:true, executable} or {ok:false, reason}, the
 * reason being one sentence a user can act on. Never triggers electron's own download.
 */
export function electronAvailability({ root, env = process.env, platform = process.platform } = {}) {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: 'the Electron binary was never downloaded for this machine (its download is not reachable from here)' };
  }
  const executable = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { ok: false, reason: `the Electron binary is missing at ${executable}` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  const probe = spawnSync(executable, ['--version'], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 15_000,
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit code ${probe.status}`).trim().split('\n')[0];
    return { ok: false, reason: `the Electron binary does not run here (${why})` };
  }
  return { ok: true, executable, version: probe.stdout.trim() };
}
