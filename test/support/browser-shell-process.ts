import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The *built* browser shell as a child process, for tests that send it hostile bytes: if a request
 * could still end the process, the child dies and the test fails cleanly instead of taking the
 * vitest worker down with it (which an in-process server would).
 */

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'out', 'main', 'browser.js');
// Everything bundled into out/main/browser.js.
const SOURCES = ['main', 'preload', 'electron.vite.config.ts'];
const LOCK = path.join(root, '.cache', 'browser-shell-build.lock');
const STALE_LOCK_MS = 3 * 60_000;

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

function builtIsCurrent(): boolean {
  if (!existsSync(entry)) return false;
  const built = statSync(entry).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

/** Takes the build lock (a directory: mkdir is atomic), or returns false when another test holds it. */
function tryLock(): boolean {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a killed run would block every later one.
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    build.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`electron-vite build failed (${code}):\n${errors}`))));
  });
}

/**
 * Builds out/ when out/main/browser.js is missing or older than its sources (`npm test` builds
 * first, so there this is a no-op). Test files run in parallel processes; a lock keeps them from
 * building over each other.
 */
export async function ensureBrowserShellBuilt(): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (!builtIsCurrent()) {
    if (tryLock()) {
      try {
        if (!builtIsCurrent()) await runBuild();
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error(`Waited too long for another test's build (lock ${LOCK}).`);
    await sleep(250);
  }
}

export interface BuiltShell {
  readonly port: number;
  readonly secret: string;
  readonly origin: string;
  readonly child: ChildProcess;
  /** True while the process has neither exited nor been killed by a signal. */
  alive(): boolean;
  /**
   * alive(), asked again after up to `graceMs` for the process to exit: a crash closes the socket a
   * moment before the process is gone, so a missing answer is followed by this check.
   */
  stillAliveAfter(graceMs: number): Promise<boolean>;
  /** Everything the shell printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts out/main/browser.js on a free loopback port and reads its launch URL; with a fresh
 * user-data folder unless `dataDir` names one (restart and crash tests reuse a folder).
 */
export async function startBuiltBrowserShell(options: { dataDir?: string } = {}): Promise<BuiltShell> {
  const child = spawn(process.execPath, [entry, '--no-open', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMBEDDED_CONSOLE_DATA_DIR: options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ec-shell-')) },
  });
  let output = '';
  const launch = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The browser shell printed no URL within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#secret=([0-9a-f]{64})$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`The browser shell exited (${code ?? signal}):\n${output}`)));
  });
  const port = Number(launch[1]);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    port,
    secret: launch[2] ?? '',
    origin: `http://127.0.0.1:${port}`,
    child,
    alive,
    stillAliveAfter: async (graceMs) => {
      if (!alive()) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, graceMs);
        function done() {
          clearTimeout(timer);
          child.off('exit', done);
          resolve();
        }
        child.once('exit', done);
      });
      return alive();
    },
    output: () => output,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface RawAnswer {
  /**
   * answered: a status line came back; garbled: bytes that are not one; closed: the server closed
   * without a byte; refused: nothing listens any more (the server died); timeout: no answer in time.
   */
  outcome: 'answered' | 'garbled' | 'closed' | 'timeout' | 'refused';
  statusLine: string | null;
  status: number | null;
  /** The header block after the status line, and the body when `body` was asked for. */
  head: string;
  body: string;
  /** Whether the quiet spell passed and our side was half-closed (see RawExchangeOptions.quietMs). */
  halfClosed: boolean;
}

export interface RawExchangeOptions {
  /** Wait for the whole body (by Content-Length) instead of answering at the status line. */
  body?: boolean;
  /**
   * With no answer after this long, half-close our side: a request the server is still waiting on
   * (a body shorter than its Content-Length, a head without its blank line) then ends in a parse
   * error that must be answered too. Node closes on a half-close, so this stays well above the
   * time any complete request takes.
   */
  quietMs?: number;
  timeoutMs?: number;
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/;

/**
 * Writes `bytes` to a fresh TCP connection exactly as given (no client normalises the path the way
 * curl or fetch would) and reads the answer's status line, and its body when asked.
 */
export function rawExchange(port: number, bytes: Buffer | string, options: RawExchangeOptions = {}): Promise<RawAnswer> {
  const { quietMs = 400, timeoutMs = 5_000 } = options;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    let halfClosed = false;
    const timers: NodeJS.Timeout[] = [];

    const finish = (outcome: RawAnswer['outcome']) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      socket.destroy();
      // latin1 keeps one character per byte, so text offsets are byte offsets.
      const text = received.toString('latin1');
      const lineEnd = text.indexOf('\r\n');
      const match = lineEnd === -1 ? null : STATUS_LINE.exec(text.slice(0, lineEnd));
      const headEnd = text.indexOf('\r\n\r\n');
      resolve({
        outcome: match ? 'answered' : received.length > 0 ? 'garbled' : outcome,
        statusLine: match ? text.slice(0, lineEnd) : null,
        status: match ? Number(match[1]) : null,
        head: lineEnd === -1 ? '' : text.slice(lineEnd + 2, headEnd === -1 ? undefined : headEnd),
        body: headEnd === -1 ? '' : received.subarray(headEnd + 4).toString('utf8'),
        halfClosed,
      });
    };

    const complete = (): boolean => {
      const text = received.toString('latin1');
      if (!options.body) return text.includes('\r\n');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd === -1) return false;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, headEnd));
      return length !== null && received.length - (headEnd + 4) >= Number(length[1]);
    };

    socket.on('connect', () => {
      socket.write(bytes);
      timers.push(
        setTimeout(() => {
          if (received.length > 0) return;
          halfClosed = true;
          socket.end();
        }, quietMs),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete()) finish('answered');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'refused' : 'closed'));
    socket.on('close', () => finish('closed'));
    timers.push(setTimeout(() => finish('timeout'), timeoutMs));
  });
}
