import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import type { RequestLogEntry } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// "Copy as curl" must run when pasted: each snippet the request log offers is executed here by a real
// shell against a real sandbox, with the credentials only in the environment, and must answer 200
// with the same body the app received.

let h: SandboxHarness;
const core = createCore({ shell: 'browser', userDataDir: tempDir('ec-curl-'), keytarLoader: memoryKeytar(), sandboxHost: { url: async () => h.url, regionOf: () => null, stop: async () => undefined } });
const router = core.createRouter(() => null);
const value = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await router.dispatch(channel, input, {});
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
};

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await core.close();
  await h.close();
});

const shells = ['bash', 'zsh'].filter((shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0);

// Every curl the snippet starts goes through this shim first, which notes its arguments: "no request
// was made" is then a fact the test reads, not a guess from the output.
const shimDir = tempDir('ec-curl-shim-');
const callsFile = join(shimDir, 'calls.txt');
const realCurl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(join(shimDir, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callsFile}'\nexec '${realCurl}' "$@"\n`);
chmodSync(join(shimDir, 'curl'), 0o755);
const curlCalls = () => (existsSync(callsFile) ? readFileSync(callsFile, 'utf8').split('\n').filter(Boolean) : []);

/** Runs a snippet as pasted, in a shell without start-up files (the machine's own rc files are not under test). */
async function exec(shell: string, script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(callsFile, '');
  const flags = shell === 'zsh' ? ['-f'] : ['--norc', '--noprofile'];
  // Async: the sandbox answers from this very process, so a synchronous spawn would block it.
  try {
    const done = await promisify(execFile)(shell, [...flags, '-c', script], { encoding: 'utf8', env: { PATH: `${shimDir}:${process.env.PATH ?? ''}`, ...env }, timeout: 20_000 });
    return { code: 0, stdout: done.stdout, stderr: done.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Runs a snippet with the credentials in the environment, `-w` added to the last curl so the status code can be read. */
async function run(shell: string, snippet: string): Promise<{ status: number; body: string }> {
  const lines = snippet.split('\n');
  const last = (lines.pop() ?? '').replace(/^curl /, `curl -w '\\n%{http_code}' `);
  const done = await exec(shell, [...lines, last].join('\n'), { CLIENT_ID: 'sandbox', CLIENT_SECRET: 'sandbox' });
  expect(done.stderr).toBe('');
  expect(done.code).toBe(0);
  const out = done.stdout.trimEnd();
  const cut = out.lastIndexOf('\n');
  return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
}

/** The three kinds of snippet: the token mint itself, an operator call, a workspace (scoped) call. */
async function snippets(): Promise<{ mint: string; list: string; scoped: string; sources: Array<{ id: string }> }> {
  const workspaces = await value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: 'acme-us-demo' });
  const acme = workspaces.items.find((w) => w.name === 'acme-us-demo');
  expect(acme).toBeDefined();
  const sources = await value<Array<{ id: string }>>('workspaces:sources', { id: acme?.id });
  const log = await value<RequestLogEntry[]>('requests:log');
  const path = (e: RequestLogEntry) => new URL(e.url).pathname;
  const mint = log.find((e) => path(e) === '/api/v1/account/applications/token')?.curl;
  const list = log.findLast((e) => path(e) === '/api/v1/workspaces')?.curl;
  const scoped = log.findLast((e) => path(e) === '/api/v1/embedded/sources')?.curl;
  for (const snippet of [mint, list, scoped]) {
    expect(snippet).toBeDefined();
    // The secret itself never travels in a snippet: only the variable names do.
    expect(snippet).not.toMatch(/client_secret\\?"\s*:\s*\\?"sandbox/);
  }
  return { mint: mint ?? '', list: list ?? '', scoped: scoped ?? '', sources };
}

describe('Copy as curl', () => {
  it('is found in a shell', () => {
    expect(shells).toContain('bash');
  });

  it.each(shells)('runs in %s: the token mint, an operator call and a workspace (scoped) call answer 200', async (shell) => {
    const { mint, list, scoped, sources } = await snippets();

    const minted = await run(shell, mint);
    expect(minted.status).toBe(200);
    expect(JSON.parse(minted.body)).toHaveProperty('access_token');

    const listed = await run(shell, list);
    expect(listed.status).toBe(200);
    expect((JSON.parse(listed.body) as { data: Array<{ name: string }> }).data.map((w) => w.name)).toContain('acme-us-demo');

    const own = await run(shell, scoped);
    expect(own.status).toBe(200);
    expect((JSON.parse(own.body) as { data: Array<{ id: string }> }).data.map((s) => s.id).sort()).toEqual(sources.map((s) => s.id).sort());
    // The scoped call: the operator mint, the workspace mint, the call; each curl silent but for errors.
    expect(curlCalls()).toHaveLength(3);
    expect(curlCalls().every((args) => args.split(' ').includes('-sS'))).toBe(true);
  });

  it.each(shells)('in %s, without CLIENT_ID and CLIENT_SECRET, prints the one message and makes no request', async (shell) => {
    const all = await snippets();
    for (const [snippet, env] of [
      [all.mint, {}],
      [all.list, {}],
      [all.scoped, {}],
      // One of the two is not enough either.
      [all.list, { CLIENT_ID: 'sandbox' }],
    ] as const) {
      const done = await exec(shell, snippet, env);
      expect(done.code).not.toBe(0);
      expect(done.stdout).toBe('');
      expect(done.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/CLIENT_(ID|SECRET): set CLIENT_ID and CLIENT_SECRET first$/)]);
      expect(curlCalls()).toEqual([]);
    }
  });

  it.each(shells)('in %s, when the token mint is refused, says so and stops before the call', async (shell) => {
    const { list, scoped } = await snippets();
    for (const snippet of [list, scoped]) {
      const done = await exec(shell, snippet, { CLIENT_ID: 'sandbox', CLIENT_SECRET: 'wrong' });
      expect(done.code).not.toBe(0);
      // curl names the HTTP error, then the chain says the token request failed; the error body is
      // never sent as a bearer token.
      expect(done.stderr).toMatch(/curl: \(22\)/);
      expect(done.stderr).toMatch(/TOKEN: the token request failed, see the message above/);
      expect(curlCalls()).toHaveLength(1);
    }
  });
});
