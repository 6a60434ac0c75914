// Shared bench helpers: start built processes, drive load over keep-alive, summarize latencies.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Spawns a node script and resolves with the first http://127.0.0.1:PORT it prints. */
export function startProcess(script, args = []) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} printed no URL:\n${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${out}`)));
  });
}

/** `count` GETs with `concurrency` in flight over keep-alive; returns requests per second and latencies. */
export async function hammer(origin, requestOptions, { count, concurrency }) {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const latencies = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < count) {
      issued++;
      const t0 = performance.now();
      const res = await pool.request(requestOptions);
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { rps: count / seconds, latencies };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Starts the built browser shell on a fresh data folder; resolves with its origin, secret and launch URL. */
export function startBrowserShell() {
  const child = spawn(process.execPath, [path.join(root, 'out/main/browser.js'), '--no-open', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, EMBEDDED_CONSOLE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ec-bench-')) },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser shell printed no URL: ${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^(http:\/\/127\.0\.0\.1:\d+)\/#secret=([0-9a-f]{64})$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: match[1], secret: match[2], launchUrl: `${match[1]}/#secret=${match[2]}`, stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`browser shell exited with ${code}: ${out}`)));
  });
}
