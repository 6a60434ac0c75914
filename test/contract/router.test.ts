import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore } from '../../main/core';
import { AppError } from '../../main/ipc/app-error';
import { createRouter, type Handlers } from '../../main/ipc/router';
import { appReportSchema, channel, listChannels } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

const trusted = (sender: { trusted: boolean }) => (sender.trusted ? null : 'not ours');
const ours = { trusted: true };

function coreRouter(log: string[] = []) {
  const core = createCore({ shell: 'browser', keytarLoader: memoryKeytar(), userDataDir: tempDir(), log: (line) => log.push(line) });
  return { core, router: core.createRouter(trusted) };
}

describe('router over the contract', () => {
  it('registers exactly the contract’s channels', () => {
    const { router } = coreRouter();
    expect([...router.channels].sort()).toEqual(listChannels().map((c) => c.name).sort());
    expect(router.channels.length).toBeGreaterThan(0);
  });

  it('refuses to build when a handler is missing or extra', () => {
    const { core } = coreRouter();
    const missing = { app: { report: core.handlers.app.report } } as unknown as Handlers;
    expect(() => createRouter(missing, trusted)).toThrow(/No handler bound for contract channel app:checkKeychain/);
    const extra = { ...core.handlers, rogue: { run: async () => 1 } } as unknown as Handlers;
    expect(() => createRouter(extra, trusted)).toThrow(/rogue:run is not in the contract/);
  });

  it.each(listChannels().map((c) => c.name))('%s rejects malformed input with a typed invalid_input error', async (channel) => {
    const { router } = coreRouter();
    const result = await router.dispatch(channel, 42, ours);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    // Words for a person: never the channel's name.
    expect(result.error.message).not.toContain(channel);
    expect(result.error.details?.issues?.[0]?.path).toBe('(input)');
  });

  it('names the offending field of an object input', async () => {
    const spec = channel({ summary: 'test', input: z.object({ profile: z.object({ name: z.string().min(1) }) }), output: z.string() });
    const handlers = { test: { rename: async () => 'done' } } as unknown as Handlers;
    const router = createRouter(handlers, trusted, { channels: [{ name: 'test:rename', namespace: 'test', method: 'rename', spec }] });
    const bad = await router.dispatch('test:rename', { profile: { name: '' } }, ours);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path: 'profile.name' }] } } });
    if (!bad.ok) expect(bad.error.message).toBe('Name is required.');
    expect(await router.dispatch('test:rename', { profile: { name: 'acme' } }, ours)).toEqual({ ok: true, value: 'done' });
  });

  it('turns a schema that throws while parsing into an internal envelope, never an exception', async () => {
    const spec = channel({ summary: 'test', input: z.object({ url: z.string().refine((u) => new URL(u).protocol === 'https:') }), output: z.string() });
    const handlers = { test: { rename: async () => 'done' } } as unknown as Handlers;
    const failures: string[] = [];
    const router = createRouter(handlers, trusted, { channels: [{ name: 'test:rename', namespace: 'test', method: 'rename', spec }], onInternalError: (c) => failures.push(c) });
    expect(await router.dispatch('test:rename', { url: 'not a url' }, ours)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failures).toEqual(['test:rename']);
  });

  it('refuses a foreign sender before looking at the input', async () => {
    const { router } = coreRouter();
    const result = await router.dispatch('app:report', undefined, { trusted: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender', message: 'Call refused: not ours.' } });
  });

  it('answers an unknown channel with unknown_channel', async () => {
    const { router } = coreRouter();
    const result = await router.dispatch('app:formatDisk', undefined, ours);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('returns a valid report for a good call', async () => {
    const { router } = coreRouter();
    const result = await router.dispatch('app:report', undefined, ours);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = appReportSchema.parse(result.value);
    expect(report.shell).toBe('browser');
    expect(report.keychain).toEqual({ status: 'available', backend: expect.any(String) });
    expect(report.channels).toEqual(listChannels().map((c) => c.name));
  });

  it('starts the sandbox in-process for the Sandbox profile, on loopback, without test controls', async () => {
    const { core, router } = coreRouter();
    try {
      const result = await router.dispatch('app:report', undefined, ours);
      if (!result.ok) throw new Error(result.error.message);
      const { activeProfile } = appReportSchema.parse(result.value);
      expect(activeProfile).toMatchObject({ id: 'sandbox', name: 'Sandbox', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      expect((await fetch(`${activeProfile.baseUrl}/api/v1/workspaces`)).status).toBe(401);
      expect((await fetch(`${activeProfile.baseUrl}/__sandbox/reset`, { method: 'POST' })).status).toBe(404);
      // Started once: a second report names the same server.
      const again = await router.dispatch('app:report', undefined, ours);
      expect(again.ok && (again.value as { activeProfile: { baseUrl: string } }).activeProfile.baseUrl).toBe(activeProfile.baseUrl);
    } finally {
      await core.close();
    }
  });

  it('never lets a thrown error’s text cross the boundary, and logs it instead', async () => {
    const { core } = coreRouter();
    const log: string[] = [];
    const handlers: Handlers = {
      ...core.handlers,
      app: {
        ...core.handlers.app,
        report: async () => {
          throw new Error('boom with Bearer eyJsecret');
        },
      },
    };
    const router = createRouter(handlers, trusted, { onInternalError: (_c, e) => log.push(String(e)) });
    const result = await router.dispatch('app:report', undefined, ours);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', retryable: false } });
    expect(JSON.stringify(result)).not.toContain('eyJsecret');
    expect(log.join()).toContain('boom');
  });

  it('passes an AppError through with its code, retryability and issues', async () => {
    const { core } = coreRouter();
    const handlers: Handlers = {
      ...core.handlers,
      app: {
        ...core.handlers.app,
        checkKeychain: async () => {
          throw new AppError('rate_limited', 'Slow down.', { retryable: true, status: 429 });
        },
      },
    };
    const result = await createRouter(handlers, trusted).dispatch('app:checkKeychain', undefined, ours);
    expect(result).toEqual({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryable: true, details: { status: 429 } } });
  });

  it('refuses to hand the renderer an answer that breaks the output schema', async () => {
    const { core } = coreRouter();
    const handlers = {
      ...core.handlers,
      app: { ...core.handlers.app, checkKeychain: async () => ({ status: 'maybe' }) },
    } as unknown as Handlers;
    const result = await createRouter(handlers, trusted).dispatch('app:checkKeychain', undefined, ours);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
