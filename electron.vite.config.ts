import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

/** Runs git in the checkout; null when git or the checkout is missing (a source tarball, a bare CI copy). */
function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * The commit About & diagnostics names (main/services/build-info.ts): the short hash, "-dirty" when
 * tracked files differ from it (untracked files are not looked at: that would walk the whole tree).
 */
function buildCommit(): string {
  const hash = git('rev-parse', '--short', 'HEAD');
  if (!hash) return 'unknown';
  const changes = git('status', '--porcelain', '--untracked-files=no');
  return changes ? `${hash}-dirty` : hash;
}

/**
 * electron-vite keeps "dependencies" external to main but would bundle "optionalDependencies": keytar
 * (optional so that `npm install` works before libsecret is there) is a native module, loaded at run
 * time from node_modules, or reported missing.
 */
const optionalDependencies = Object.keys((JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> }).optionalDependencies ?? {});

export default defineConfig({
  main: {
    define: { __EMBEDDED_CONSOLE_COMMIT__: JSON.stringify(buildCommit()) },
    build: {
      outDir: 'out/main',
      externalizeDeps: { include: optionalDependencies },
      rolldownOptions: {
        // index: the Electron shell; browser: the same core behind a loopback HTTP server; sandbox: the API emulator CLI.
        input: {
          index: resolve(root, 'main/index.ts'),
          browser: resolve(root, 'main/browser.ts'),
          sandbox: resolve(root, 'main/sandbox-cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else into one CJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves minification off; the packaged renderer is minified (Monaco, React) and,
      // as Vite's default, has no source maps.
      minify: true,
      chunkSizeWarningLimit: 6000,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
