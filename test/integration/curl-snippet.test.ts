import { execFile, spawnSync } from 'node:child_process';
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

/**
 * Runs a snippet as pasted, with `-w` added to the last curl so the status code can be read. Async:
 * the sandbox answers from this very process, so a synchronous spawn would block it.
 */
async function run(shell: string, snippet: string): Promise<{ status: number; body: string }> {
  const lines = snippet.split('\n');
  const last = (lines.pop() ?? '').replace(/^curl /, `curl -sS -w '\\n%{http_code}' `);
  // No start-up files: the machine's own rc files are not part of what is being tested.
  const flags = shell === 'zsh' ? ['-f'] : ['--norc', '--noprofile'];
  const done = await promisify(execFile)(shell, [...flags, '-c', [...lines, last].join('\n')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', CLIENT_ID: 'sandbox', CLIENT_SECRET: 'sandbox' }, timeout: 20_000 });
  expect(done.stderr).toBe('');
  const out = done.stdout.trimEnd();
  const cut = out.lastIndexOf('\n');
  return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
}

describe('Copy as curl', () => {
  it('is found in a shell', () => {
    expect(shells).toContain('bash');
  });

  it.each(shells)('runs in %s: the token mint, an operator call and a workspace (scoped) call answer 200', async (shell) => {
    const workspaces = await value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: 'acme-us-demo' });
    const acme = workspaces.items.find((w) => w.name === 'acme-us-demo');
    expect(acme).toBeDefined();
    const sources = await value<Array<{ id: string }>>('workspaces:sources', { id: acme?.id });
    const log = await value<RequestLogEntry[]>('requests:log');
    const path = (e: RequestLogEntry) => new URL(e.url).pathname;
    const mint = log.find((e) => path(e) === '/api/v1/account/applications/token');
    const list = log.findLast((e) => path(e) === '/api/v1/workspaces');
    const scoped = log.findLast((e) => path(e) === '/api/v1/embedded/sources');
    for (const entry of [mint, list, scoped]) {
      expect(entry?.curl).toBeDefined();
      // The secret itself never travels in a snippet: only the variable names do.
      expect(entry?.curl).not.toMatch(/client_secret\\?"\s*:\s*\\?"sandbox/);
    }

    const minted = await run(shell, mint?.curl ?? '');
    expect(minted.status).toBe(200);
    expect(JSON.parse(minted.body)).toHaveProperty('access_token');

    const listed = await run(shell, list?.curl ?? '');
    expect(listed.status).toBe(200);
    expect((JSON.parse(listed.body) as { data: Array<{ name: string }> }).data.map((w) => w.name)).toContain('acme-us-demo');

    const own = await run(shell, scoped?.curl ?? '');
    expect(own.status).toBe(200);
    expect((JSON.parse(own.body) as { data: Array<{ id: string }> }).data.map((s) => s.id).sort()).toEqual(sources.map((s) => s.id).sort());
  });
});
