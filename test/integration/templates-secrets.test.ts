import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceTemplate } from '../../preload/contract';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';
import { draftsCore, startRecordingProxy } from './drafts-harness';

// Secret values of source templates never reach a channel answer, and editing a template in the app
// never erases a password the user could not see. What the server holds is read straight from the
// sandbox's API (the harness), not through the app.

const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
let h: SandboxHarness;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let token: string;
let app: ReturnType<typeof draftsCore>;
/** Every answer a channel gave in this file, to assert no secret value is in any of them. */
const answers: unknown[] = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = await startRecordingProxy(h.url);
  token = await h.operatorToken();
  app = draftsCore(proxy.url, tempDir('ec-tpl-secrets-'));
}, 60_000);
afterAll(async () => {
  await app.core.close();
  await proxy.close();
  await h.close();
});

const call = async <T>(channel: string, input?: unknown): Promise<T> => {
  const value = await app.value<T>(channel, input);
  answers.push(value);
  return value;
};
const serverConfig = async (id: string) => {
  const res = await h.call('GET', `/api/v1/integrations/templates/sources/${id}`, { token });
  expect(res.status).toBe(200);
  return (res.json as { partial_default_config: Record<string, unknown> }).partial_default_config;
};

describe('source template secrets online', () => {
  let id: string;

  it('create and get hide the password and list it in keptSecrets', async () => {
    const created = await call<SourceTemplate>('templates:sourceCreate', { definitionId: PG, name: 'Secret PG', partialDefaultConfig: { host: 'db', port: 5432, password: 'hunter2-first' } });
    id = created.id;
    expect(created.partialDefaultConfig).toEqual({ host: 'db', port: 5432 });
    expect(created.keptSecrets).toEqual(['/password']);
    expect(await serverConfig(id)).toMatchObject({ password: 'hunter2-first' });

    const read = await call<SourceTemplate>('templates:sourceGet', { id });
    expect(read.partialDefaultConfig).toEqual({ host: 'db', port: 5432 });
    expect(read.keptSecrets).toEqual(['/password']);
    // The spec still says which field it is (the UI explains why it is not shown).
    expect(read.spec).toMatchObject({ properties: { password: { airbyte_secret: true } } });
  });

  it('an update of another field keeps the server’s password, though the app sent a config without it', async () => {
    const mark = proxy.records.length;
    const updated = await call<SourceTemplate>('templates:sourceUpdate', { id, changes: { partialDefaultConfig: { host: 'db2', port: 5433 } }, propagate: false });
    expect(updated.partialDefaultConfig).toEqual({ host: 'db2', port: 5433 });
    expect(updated.keptSecrets).toEqual(['/password']);
    expect(await serverConfig(id)).toEqual({ host: 'db2', port: 5433, password: 'hunter2-first' });
    // PATCH replaces the whole config: the kept value was read first and sent back.
    const sent = proxy.records.slice(mark).filter((r) => r.method !== 'POST');
    expect(sent.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(sent[1]?.body).toEqual({ partial_default_config: { host: 'db2', port: 5433, password: 'hunter2-first' }, propagate: false });

    // A name-only change sends no config at all (nothing to keep, nothing read first).
    const renameMark = proxy.records.length;
    await call<SourceTemplate>('templates:sourceUpdate', { id, changes: { name: 'Secret PG 2' }, propagate: true });
    expect(proxy.records.slice(renameMark).filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ name: 'Secret PG 2', propagate: true }]);
    expect(await serverConfig(id)).toMatchObject({ password: 'hunter2-first' });
  });

  it('an update that sets a new password changes it; null clears it', async () => {
    const updated = await call<SourceTemplate>('templates:sourceUpdate', { id, changes: { partialDefaultConfig: { host: 'db2', password: 'hunter2-second' } }, propagate: false });
    expect(updated.partialDefaultConfig).toEqual({ host: 'db2' });
    expect(await serverConfig(id)).toEqual({ host: 'db2', password: 'hunter2-second' });

    const cleared = await call<SourceTemplate>('templates:sourceUpdate', { id, changes: { partialDefaultConfig: { host: 'db2', password: null } }, propagate: false });
    expect(cleared.keptSecrets).toEqual([]);
    expect(await serverConfig(id)).toEqual({ host: 'db2', password: null });
    await call('templates:sourceUpdate', { id, changes: { partialDefaultConfig: { host: 'db2', password: 'hunter2-third' } }, propagate: false });
  });

  it('tag, untag and clone answers hide it too', async () => {
    const tagged = await call<SourceTemplate>('templates:sourceTag', { id, tag: 'secret-test', attach: true });
    expect(tagged.keptSecrets).toEqual(['/password']);
    expect(tagged.partialDefaultConfig).not.toHaveProperty('password');
    const untagged = await call<SourceTemplate>('templates:sourceTag', { id, tag: 'secret-test', attach: false });
    expect(untagged.partialDefaultConfig).not.toHaveProperty('password');
    const clone = await call<SourceTemplate>('templates:sourceClone', { id, name: 'Secret PG clone' });
    expect(clone.keptSecrets).toEqual(['/password']);
    expect(await serverConfig(clone.id)).toMatchObject({ password: 'hunter2-third' });
  });

  it('a {"$secret"} reference is not a secret value: shown as any value, not listed as kept', async () => {
    const created = await call<SourceTemplate>('templates:sourceCreate', { definitionId: PG, partialDefaultConfig: { host: 'db', password: { $secret: 'pg-prod' } } });
    expect(created.partialDefaultConfig).toEqual({ host: 'db', password: { $secret: 'pg-prod' } });
    expect(created.keptSecrets).toEqual([]);
  });

  it('no secret value appears in any channel answer', () => {
    expect(answers.length).toBeGreaterThan(8);
    const text = JSON.stringify(answers);
    expect(text).not.toContain('hunter2');
  });
});
