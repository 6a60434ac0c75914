// Reading and applying 5,200 stream configurations through the streams service (router → service →
// limiter → client → journal), against the same requests sent by plain undici.request at the same
// concurrency (6), on a sandbox in its own process, in the same run. Goal (issue #10): ≥ 300 streams/s each.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Agent, request } from 'undici';
import { expect, it } from 'vitest';
import { createCore } from '../../main/core';
import type { RunSummary } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

const root = path.resolve(__dirname, '../..');
const TOTAL = 5200;
const CONCURRENCY = 6;

function startSandbox(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/sandbox.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
}

/** `count` jobs through `CONCURRENCY` workers. */
async function pool(count: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await job(next++);
  }));
}

const SETTINGS = [
  [{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }],
  [{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' }],
];

it('stream reads and applies: service vs plain undici.request', async () => {
  const sandbox = await startSandbox();
  const core = createCore({ shell: 'browser', userDataDir: tempDir('ec-bench-'), keytarLoader: memoryKeytar(), sandboxHost: { url: async () => sandbox.url, regionOf: () => null, stop: async () => undefined } });
  const router = core.createRouter(() => null);
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await router.dispatch(channel, input, {});
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const dispatcher = new Agent({ connections: 32 });
  try {
    const workspace = (await value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: 'bigdata-us-demo' })).items[0] as { id: string; name: string };
    const source = (await value<Array<{ id: string; name: string }>>('workspaces:sources', { id: workspace.id })).find((s) => s.name.startsWith('Warehouse')) as { id: string };
    const ids = { workspaceId: workspace.id, sourceId: source.id };
    const found = await value<{ text: string; discoveredAt: string }>('catalog:discover', { ...ids, requestId: 'bench' });
    // Rounds of the catalog's names up to 5,200 requests (one round now that names are unique, §5.1).
    const names = [...new Set((JSON.parse(found.text) as { catalog: { streams: Array<{ name: string }> } }).catalog.streams.map((s) => s.name))];
    const rounds = Math.ceil(TOTAL / names.length);
    const runAndWait = async (label: string, requests: unknown[]) => {
      const run = await value<RunSummary>('streams:startRun', { ...ids, catalogDiscoveredAt: found.discoveredAt, label, requests });
      for (;;) {
        const status = await value<RunSummary>('streams:runStatus', { runId: run.runId });
        if (status.state !== 'running') return status;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // Configure every stream first (not measured), so reads and patches find them configured.
    await runAndWait('setup', names.map((streamName) => ({ kind: 'add', streamName, settings: {}, before: null })));

    const mint = await request(`${sandbox.url}/api/v1/account/applications/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'sandbox', client_secret: 'sandbox' }), dispatcher });
    const operator = ((await mint.body.json()) as { access_token: string }).access_token;
    const scoped = await request(`${sandbox.url}/api/v1/embedded/scoped-token`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` }, body: JSON.stringify({ workspace_name: workspace.name }), dispatcher });
    const token = ((await scoped.body.json()) as { token: string }).token;
    const plainPatch = async (name: string, patch: unknown[]) => {
      const res = await request(`${sandbox.url}/api/v1/integrations/sources/${ids.sourceId}/streams/${encodeURIComponent(name)}`, { method: 'PATCH', headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(patch), dispatcher });
      await res.body.json();
      if (res.statusCode !== 200) throw new Error(`plain PATCH ${name}: ${res.statusCode}`);
    };
    const time = async (work: () => Promise<void>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };

    // Warm both paths up (JIT, keep-alive sockets, the sandbox's catalog index) before measuring.
    await pool(names.length, (i) => plainPatch(names[i] as string, []));
    await value('streams:read', { ...ids, names: names.slice(0, 600), fresh: true });
    const plainRead = await time(() => pool(TOTAL, (i) => plainPatch(names[i % names.length] as string, [])));
    let read = 0;
    const oursRead = await time(async () => {
      for (let r = 0; r < rounds && read < TOTAL; r++) {
        const batch = names.slice(0, Math.min(names.length, TOTAL - read));
        // 1,000 names per call at most (READ_MAX_NAMES).
        for (let from = 0; from < batch.length; from += 1000) {
          const { states } = await value<{ states: Record<string, { state: string }> }>('streams:read', { ...ids, names: batch.slice(from, from + 1000), fresh: true });
          expect(Object.values(states).every((s) => s.state === 'configured')).toBe(true);
        }
        read += batch.length;
      }
    });

    const plainApply = await time(() => pool(TOTAL, (i) => plainPatch(names[i % names.length] as string, SETTINGS[Math.floor(i / names.length) % 2] as unknown[])));
    let applied = 0;
    const oursApply = await time(async () => {
      for (let r = 0; r < rounds && applied < TOTAL; r++) {
        const batch = names.slice(0, Math.min(names.length, TOTAL - applied));
        const done = await runAndWait(`round ${r}`, batch.map((streamName) => ({ kind: 'patch', streamName, patch: SETTINGS[r % 2], before: null })));
        expect(done).toMatchObject({ state: 'done', applied: batch.length, failed: 0 });
        applied += batch.length;
      }
    });

    const line = (label: string, ours: number, plain: number) => {
      const rate = (TOTAL / ours) * 1000;
      return `${label} ${TOTAL} streams: service ${ours.toFixed(0)} ms (${rate.toFixed(0)} streams/s) vs plain undici.request ×${CONCURRENCY} ${plain.toFixed(0)} ms (${((TOTAL / plain) * 1000).toFixed(0)}/s) → ratio ${(ours / plain).toFixed(2)} (goal ≥ 300 streams/s: ${rate >= 300 ? 'met' : 'NOT met'})`;
    };
    console.log(line('read', oursRead, plainRead));
    console.log(line('apply (journaled)', oursApply, plainApply));
  } finally {
    await core.close();
    await dispatcher.close();
    sandbox.stop();
  }
});
