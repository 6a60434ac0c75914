import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { IPC_PATH_PREFIX, LAUNCH_SECRET_HEADER, type Result } from '../../preload/contract';
import { ensureBrowserShellBuilt, startBuiltBrowserShell, type BuiltShell } from '../support/browser-shell-process';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// Every acknowledged change to a user-data file is on disk, whatever runs concurrently and even if
// the process is killed mid-burst; unreadable files never stop the app.

type Call = (channel: string, input?: unknown) => Promise<Result<unknown>>;
const cores: Array<ReturnType<typeof createCore>> = [];
const shells: BuiltShell[] = [];
const counts = { acknowledged: 0, lost: 0, kills: 0 };

afterAll(async () => {
  await Promise.all([...cores.map((c) => c.close()), ...shells.map((s) => s.stop())]);
  console.log(`durability: ${counts.acknowledged} acknowledged writes, ${counts.lost} lost, ${counts.kills} kill -9 mid-burst`);
});

function inProcess(userDataDir: string): Call {
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: memoryKeytar() });
  cores.push(core);
  const router = core.createRouter(() => null);
  return (channel, input) => router.dispatch(channel, input, {});
}

const readProfiles = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as { activeProfileId: string; profiles: Array<{ id: string; name: string }> };

describe('concurrent mutations through IPC', () => {
  it('20 parallel creates × 10 rounds: every acknowledged profile is on disk and survives a restart', async () => {
    const dir = tempDir();
    const call = inProcess(dir);
    const acknowledged: string[] = [];
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call('profiles:create', { name: `r${round}-p${i}`, baseUrl: 'https://api.airbyte.ai' })));
      for (const result of results) {
        expect(result).toMatchObject({ ok: true });
        if (result.ok) acknowledged.push((result.value as { id: string }).id);
      }
    }
    counts.acknowledged += acknowledged.length;
    const onDisk = readProfiles(dir).profiles.map((p) => p.id);
    const restarted = (await inProcess(dir)('profiles:list')) as { ok: true; value: { profiles: Array<{ id: string }> } };
    const missing = acknowledged.filter((id) => !onDisk.includes(id));
    counts.lost += missing.length;
    expect(missing).toEqual([]);
    expect(restarted.value.profiles.map((p) => p.id).slice(1).sort()).toEqual([...acknowledged].sort());
  });

  it('mixed updates, selects and removes in parallel keep exactly what was acknowledged', async () => {
    const dir = tempDir();
    const call = inProcess(dir);
    const ids = await Promise.all(Array.from({ length: 30 }, async (_, i) => ((await call('profiles:create', { name: `p${i}` })) as { ok: true; value: { id: string } }).value.id));
    const removed = ids.filter((_, i) => i % 3 === 0);
    const renamed = ids.filter((_, i) => i % 3 === 1);
    const results = await Promise.all([
      ...removed.map((id) => call('profiles:remove', { id })),
      ...renamed.map((id) => call('profiles:update', { id, changes: { name: `renamed-${id}` } })),
      ...ids.filter((_, i) => i % 3 === 2).map((id) => call('profiles:select', { id })),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    counts.acknowledged += results.length;
    const onDisk = readProfiles(dir);
    expect(onDisk.profiles.map((p) => p.id).sort()).toEqual(ids.filter((id) => !removed.includes(id)).sort());
    for (const id of renamed) expect(onDisk.profiles.find((p) => p.id === id)?.name).toBe(`renamed-${id}`);
    expect(ids.filter((_, i) => i % 3 === 2)).toContain(onDisk.activeProfileId);
    // A rename racing a remove of the same profile must not bring it back.
    const [gone] = removed;
    expect(await call('profiles:update', { id: gone, changes: { name: 'zombie' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(readProfiles(dir).profiles.some((p) => p.name === 'zombie')).toBe(false);
  });

  it('region records set in parallel are all on disk', async () => {
    const dir = tempDir();
    const call = inProcess(dir);
    const page = (await call('workspaces:list', { limit: 30 })) as { ok: true; value: { items: Array<{ id: string }> } };
    const ids = page.value.items.map((w) => w.id);
    const results = await Promise.all(ids.map((id, i) => call('workspaces:setRegion', { id, region: i % 2 ? 'EU' : 'US' })));
    expect(results.every((r) => r.ok)).toBe(true);
    counts.acknowledged += results.length;
    const file = JSON.parse(readFileSync(path.join(dir, 'workspace-regions.json'), 'utf8')) as { regions: Record<string, Record<string, string>> };
    expect(Object.keys(file.regions.sandbox ?? {}).sort()).toEqual([...ids].sort());
    ids.forEach((id, i) => expect(file.regions.sandbox?.[id]).toBe(i % 2 ? 'EU' : 'US'));
  });
});

/** One IPC call over real HTTP to a built browser shell, as its page would make it. */
function httpCall(shell: BuiltShell, agent: http.Agent, channel: string, input: unknown): Promise<Result<unknown>> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ input });
    const req = http.request(
      { host: '127.0.0.1', port: shell.port, method: 'POST', path: `${IPC_PATH_PREFIX}${channel}`, agent, headers: { Origin: shell.origin, [LAUNCH_SECRET_HEADER]: shell.secret, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>);
          } catch (error) {
            reject(error as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the built browser shell, killed and restarted', () => {
  beforeAll(() => ensureBrowserShellBuilt(), 180_000);

  it('kill -9 in the middle of a burst: the file parses and holds every change acknowledged before the kill; temp files are cleaned at start', async () => {
    const dir = tempDir();
    const acknowledged: string[] = [];
    for (let run = 0; run < 4; run++) {
      const shell = await startBuiltBrowserShell({ dataDir: dir });
      shells.push(shell);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      let stop = false;
      const burst = Array.from({ length: 16 }, async (_, worker) => {
        for (let n = 0; !stop; n++) {
          const result = await httpCall(shell, agent, 'profiles:create', { name: `run${run}-w${worker}-n${n}` }).catch(() => null);
          if (!result) return; // the process is gone: unacknowledged
          if (result.ok) acknowledged.push((result.value as { id: string }).id);
        }
      });
      // Let the burst get going, then kill without warning while writes are in flight.
      const before = acknowledged.length;
      while (acknowledged.length < before + 40) await new Promise((r) => setTimeout(r, 5));
      shell.child.kill('SIGKILL');
      counts.kills++;
      await Promise.all(burst);
      stop = true;
      agent.destroy();
      const onDisk = readProfiles(dir).profiles.map((p) => p.id);
      const missing = acknowledged.filter((id) => !onDisk.includes(id));
      counts.lost += missing.length;
      expect(missing, `run ${run}`).toEqual([]);
    }
    counts.acknowledged += acknowledged.length;
    // A fresh start cleans temp files the killed processes left (one planted for sure, with the pid
    // of the last killed shell) and lists every acknowledged profile.
    const deadPid = shells.at(-1)?.child.pid ?? 999_999;
    writeFileSync(path.join(dir, `profiles.json.${deadPid}.0b8e5b9c-6a0e-4b1f-9d47-3c1f0b2a9e11.tmp`), '{"half":');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length).toBeGreaterThan(0);
    const last = await startBuiltBrowserShell({ dataDir: dir });
    shells.push(last);
    const agent = new http.Agent({ keepAlive: false });
    const list = (await httpCall(last, agent, 'profiles:list', undefined)) as { ok: true; value: { profiles: Array<{ id: string }>; notice: string | null } };
    expect(list.value.notice).toBeNull();
    expect(list.value.profiles.map((p) => p.id)).toEqual(expect.arrayContaining(acknowledged));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await last.stop();
  }, 60_000);

  it('refuses a second shell on the same data folder, and takes over the lock of one killed with -9', async () => {
    const dir = tempDir();
    const first = await startBuiltBrowserShell({ dataDir: dir });
    shells.push(first);
    const refused = await startBuiltBrowserShell({ dataDir: dir }).then(
      () => 'started',
      (error: unknown) => String(error),
    );
    expect(refused).toMatch(new RegExp(`exited \\(2\\)[\\s\\S]*Another Embedded Console \\(process ${first.child.pid}\\) is using the data folder`));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const next = await startBuiltBrowserShell({ dataDir: dir });
    shells.push(next);
    expect(next.alive()).toBe(true);
    await next.stop();
  }, 30_000);

  it('starts with a notice when profiles.json is a folder, or too big; moves it aside once, not on every start', async () => {
    for (const make of [(file: string) => mkdirSync(file), (file: string) => writeFileSync(file, Buffer.alloc(5 * 1024 * 1024, ' '))]) {
      const dir = tempDir();
      make(path.join(dir, 'profiles.json'));
      for (let start = 0; start < 2; start++) {
        const shell = await startBuiltBrowserShell({ dataDir: dir });
        shells.push(shell);
        const agent = new http.Agent({ keepAlive: false });
        const list = (await httpCall(shell, agent, 'profiles:list', undefined)) as { ok: true; value: { activeProfileId: string; notice: string | null } };
        expect(list.value.activeProfileId).toBe('sandbox');
        if (start === 0) expect(list.value.notice).toMatch(/^Your profiles file (is a folder, not a file|is 5\.0 MB, more than the 4\.0 MB it may be)\. It was moved to .*; the app started with the Sandbox profile only\.$/);
        else expect(list.value.notice).toBeNull();
        expect(shell.alive()).toBe(true);
        await shell.stop();
      }
      expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(1);
    }
  }, 60_000);
});
