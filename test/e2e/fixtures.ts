import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningShell {
  /** The launch URL with its secret, as printed by the shell. */
  launchUrl: string;
  origin: string;
  output: () => string;
}

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'out', 'main', 'browser.js');

/**
 * Starts the *built* browser shell (never the sources) and reads the URL it prints. `env` adds to the
 * environment (e.g. EMBEDDED_CONSOLE_DRAFTS_DIR for a drafts folder the test reads and writes).
 */
export async function startShell(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<{ shell: RunningShell; child: ChildProcess }> {
  if (!existsSync(entry)) throw new Error('out/main/browser.js is missing: run `npm run build` first (npm test does).');
  const child = spawn(process.execPath, [entry, '--no-open', '--port', '0', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A fresh user-data folder per run: no test sees another's profiles.
    env: { ...process.env, EMBEDDED_CONSOLE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ec-e2e-')), ...env },
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser shell printed no URL within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]{64})$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The browser shell exited with ${code}:\n${output}`)));
  });
  return { shell: { launchUrl, origin: new URL(launchUrl).origin, output: () => output }, child };
}

/** Starts the *built* sandbox CLI and reads the URL it prints. */
export async function startBuiltSandbox(extraArgs: string[] = []): Promise<{ url: string; stop: () => void }> {
  const cli = path.join(root, 'out', 'main', 'sandbox.js');
  if (!existsSync(cli)) throw new Error('out/main/sandbox.js is missing: run `npm run build` first (npm test does).');
  const child = spawn(process.execPath, [cli, '--port', '0', ...extraArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The sandbox printed no URL within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The sandbox exited with ${code}:\n${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** A fresh browser shell per test (its own user data and in-process sandbox): tests change data. */
export const test = base.extend<{ shell: RunningShell }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const { shell, child } = await startShell();
    await use(shell);
    child.kill('SIGTERM');
  },
});

export { expect } from '@playwright/test';
