// npm run dist [-- --dir] [-- --skip-build] [-- <electron-builder options>]
// Builds (electron-vite build) and packages with electron-builder.yml: every target for this OS, or with
// --dir only the unpacked app. ELECTRON_DIST=<unpacked Electron folder or its zip> packages that Electron
// instead of downloading one (electron-builder's electronDist), for machines that cannot reach GitHub.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const builderArgs = args.filter((arg) => arg !== '--skip-build');
const electronDist = process.env.ELECTRON_DIST?.trim();
if (electronDist) builderArgs.push(`--config.electronDist=${path.resolve(electronDist)}`);
const distGiven = Boolean(electronDist) || builderArgs.some((arg) => /electronDist/.test(arg));

if (!skipBuild) {
  const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// electron-builder's output is passed through as it comes and kept, to recognise a failed Electron download.
let output = '';
const keep = (chunk) => {
  output = (output + chunk.toString()).slice(-200_000);
};
const builder = spawn(process.execPath, [require.resolve('electron-builder/cli.js'), ...builderArgs], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
builder.stdout.on('data', (chunk) => (process.stdout.write(chunk), keep(chunk)));
builder.stderr.on('data', (chunk) => (process.stderr.write(chunk), keep(chunk)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => builder.kill(signal));
builder.on('exit', (code) => {
  const networkFailure = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b|getaddrinfo|HTTPError|socket hang up/.test(output);
  if (code !== 0 && !distGiven && networkFailure) {
    console.error(
      `\nThe Electron ${electronVersion} download failed: set ELECTRON_DIST to an unpacked Electron ${electronVersion} for ${process.platform}-${process.arch} (or its electron-v${electronVersion}-${process.platform}-${process.arch}.zip) and run npm run dist again.`,
    );
  }
  process.exit(code ?? 1);
});
