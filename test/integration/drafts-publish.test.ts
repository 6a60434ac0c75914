import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftList, DraftPlan, PublishResult, PullResult, SourceTemplateDraft } from '../../preload/contract';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';
import { closedPortUrl, draftsCore, startRecordingProxy } from './drafts-harness';

// Pull → edit → Plan → Publish against a real sandbox over loopback HTTP, through a proxy that
// records every request, with the drafts folder from EMBEDDED_CONSOLE_DRAFTS_DIR.

const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
let h: SandboxHarness;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let token: string;
const cores: Array<ReturnType<typeof draftsCore>> = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = await startRecordingProxy(h.url);
  token = await h.operatorToken();
}, 60_000);
afterAll(async () => {
  await Promise.all(cores.map((c) => c.core.close()));
  await proxy.close();
  await h.close();
});

function online(folder: string) {
  const app = draftsCore(proxy.url, folder);
  cores.push(app);
  return app;
}
const api = async (method: string, p: string, body?: unknown) => {
  const res = await h.call(method, p, { token, ...(body === undefined ? {} : { body }) });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${res.text}`);
  return res.json as Record<string, unknown>;
};
const sourceTemplate = (id: string) => api('GET', `/api/v1/integrations/templates/sources/${id}`);
const pgDraft = (over: Partial<SourceTemplateDraft> = {}): SourceTemplateDraft => ({
  kind: 'source_template',
  name: 'Offline PG',
  actor_definition_id: PG,
  connector_name: 'Postgres',
  mode: 'REPLICATION',
  partial_default_config: { host: 'db.internal', port: 5432 },
  customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users', 'orders'] },
  tags: ['offline'],
  server_fields: {},
  ...over,
});
const entryOf = (plan: DraftPlan, file: string) => {
  const found = plan.entries.find((e) => e.file === file);
  if (!found) throw new Error(`no plan entry for ${file}`);
  return found;
};
const wire = (from: number) => proxy.records.slice(from);

describe('a draft made offline, published when back online', () => {
  it('saves with the API unreachable, then plans a create and publishes it', async () => {
    const folder = tempDir('ec-drafts-');
    const offline = draftsCore(await closedPortUrl(), folder);
    cores.push(offline);
    expect(await offline.value('drafts:folder')).toEqual({ path: folder, source: 'env' });
    const saved = await offline.value<{ file: string }>('drafts:save', { file: null, draft: pgDraft() });
    expect(saved.file).toBe('offline-pg.source.json');
    expect((await offline.value<DraftList>('drafts:list')).drafts).toMatchObject([{ file: saved.file, local: 'new', problem: null }]);
    await offline.core.close();

    const app = online(folder);
    const plan = await app.value<DraftPlan>('drafts:plan', {});
    expect(plan.summary).toEqual({ create: 1, update: 0, unchanged: 0, conflict: 0, invalid: 0 });
    expect(entryOf(plan, saved.file).changes.map((c) => c.field)).toContain('partial_default_config');
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    expect(results).toMatchObject([{ file: saved.file, outcome: 'done' }]);
    const remoteId = results[0]?.remoteId as string;
    expect(await sourceTemplate(remoteId)).toMatchObject({ name: 'Offline PG', partial_default_config: { host: 'db.internal', port: 5432 }, tags: ['offline'], customization: { stream_whitelist: ['orders', 'users'] } });
    expect((await app.value<DraftList>('drafts:list')).drafts).toMatchObject([{ file: saved.file, local: 'unchanged', remoteId }]);
    // Publishing the same plan twice creates nothing more.
    const again = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    expect(again.results[0]?.outcome).toBe('skipped');
    expect((await app.value<DraftPlan>('drafts:plan', {})).summary).toMatchObject({ create: 0, unchanged: 1 });
  });
});

describe('pull, edit on disk, plan, publish', () => {
  let folder: string;
  let app: ReturnType<typeof online>;
  let pulled: PullResult;
  beforeAll(async () => {
    folder = tempDir('ec-drafts-');
    app = online(folder);
    pulled = await app.value<PullResult>('drafts:pull', {});
  }, 30_000);

  it('pulls every organization template into canonical files; a second pull changes no byte', async () => {
    expect(pulled.created.length).toBeGreaterThanOrEqual(14);
    expect(pulled.created).toContain('postgresql-analytics.source.json');
    expect(pulled.created).toContain('acme-s3-hourly.connection.json');
    const before = await Promise.all(pulled.created.map((f) => readFile(path.join(folder, f), 'utf8')));
    const second = await app.value<PullResult>('drafts:pull', {});
    expect(second).toMatchObject({ created: [], updated: [], skipped: [] });
    expect(await Promise.all(pulled.created.map((f) => readFile(path.join(folder, f), 'utf8')))).toEqual(before);
    expect((await readdir(folder)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const plan = await app.value<DraftPlan>('drafts:plan', {});
    expect(plan.summary).toMatchObject({ create: 0, update: 0, conflict: 0, invalid: 0 });
  });

  it('an edit made with fs.writeFile shows as changed, plans as an update old → new, and publishes with propagate', async () => {
    const file = 'postgresql-analytics.source.json';
    const target = path.join(folder, file);
    const before = (await app.value<{ revision: number }>('drafts:revision')).revision;
    const draft = JSON.parse(await readFile(target, 'utf8')) as SourceTemplateDraft;
    const remoteId = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.remoteId as string;
    expect(remoteId).toEqual(expect.any(String));
    expect(draft.server_fields).not.toHaveProperty('id');
    expect(draft.server_fields).not.toHaveProperty('updated_at');
    draft.partial_default_config = { ...draft.partial_default_config, ssl_mode: { mode: 'verify-full' } };
    draft.tags = [...draft.tags, 'edited-on-disk'];
    await writeFile(target, JSON.stringify(draft));
    expect((await app.value<{ revision: number }>('drafts:revision')).revision).toBeGreaterThan(before);
    expect((await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)).toMatchObject({ local: 'changed', remoteId });

    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    const entry = entryOf(plan, file);
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual([
      { field: 'partial_default_config.ssl_mode.mode', before: 'require', after: 'verify-full' },
      { field: 'tags', before: ['analytics'], after: ['analytics', 'edited-on-disk'] },
    ]);
    const mark = proxy.records.length;
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: true });
    expect(results).toMatchObject([{ file, outcome: 'done', remoteId }]);
    const patches = wire(mark).filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toMatchObject({ propagate: true, partial_default_config: { ssl_mode: { mode: 'verify-full' } } });
    expect(await sourceTemplate(remoteId)).toMatchObject({ partial_default_config: { ssl_mode: { mode: 'verify-full' }, port: 5432 }, tags: ['analytics', 'edited-on-disk'] });
    expect((await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.local).toBe('unchanged');
  });

  it('every PATCH sent carries propagate, false included', async () => {
    const file = 'mysql-shop.source.json';
    const draft = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as SourceTemplateDraft;
    await app.value('drafts:save', { file, draft: { ...draft, name: 'MySQL Shop (renamed)' } });
    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    const mark = proxy.records.length;
    await app.value('drafts:publish', { planId: plan.planId, propagate: false });
    const patches = wire(mark).filter((r) => r.method === 'PATCH' && r.path.includes('/templates/sources/'));
    expect(patches.length).toBe(1);
    for (const p of patches) expect(p.body).toHaveProperty('propagate', false);
    expect(patches[0]?.body).toEqual({ name: 'MySQL Shop (renamed)', propagate: false });
  });

  it('a conflict shows draft, base and server, and publishing that plan changes nothing on the server', async () => {
    const file = 'stripe-billing.source.json';
    const target = path.join(folder, file);
    const draft = JSON.parse(await readFile(target, 'utf8')) as SourceTemplateDraft;
    const remoteId = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.remoteId as string;
    expect(remoteId).toEqual(expect.any(String));
    expect(draft.server_fields).not.toHaveProperty('id');
    expect(draft.server_fields).not.toHaveProperty('updated_at');
    await api('PATCH', `/api/v1/integrations/templates/sources/${remoteId}`, { name: 'Stripe (server edit)', propagate: false });
    await writeFile(target, JSON.stringify({ ...draft, name: 'Stripe (draft edit)' }));
    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    const entry = entryOf(plan, file);
    expect(entry.action).toBe('conflict');
    expect(entry.conflict?.draft).toMatchObject({ name: 'Stripe (draft edit)' });
    expect(entry.conflict?.base).toMatchObject({ name: 'Stripe Billing' });
    expect(entry.conflict?.server).toMatchObject({ name: 'Stripe (server edit)' });
    const serverBefore = await sourceTemplate(remoteId);
    const mark = proxy.records.length;
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: true });
    expect(results).toMatchObject([{ file, outcome: 'skipped' }]);
    expect(wire(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(await sourceTemplate(remoteId)).toEqual(serverBefore);
    // A pull leaves the edited draft alone.
    const pull = await app.value<PullResult>('drafts:pull', {});
    expect(pull.skipped.map((s) => s.file)).toContain(file);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ name: 'Stripe (draft edit)' });
  });

  it('a server-only change plans as unchanged with a note, and a pull brings it in', async () => {
    const file = 'github-engineering.source.json';
    const draft = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as SourceTemplateDraft;
    const remoteId = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.remoteId as string;
    expect(remoteId).toEqual(expect.any(String));
    expect(draft.server_fields).not.toHaveProperty('id');
    expect(draft.server_fields).not.toHaveProperty('updated_at');
    await api('POST', `/api/v1/integrations/templates/sources/${remoteId}/tags`, { tag: 'server-side' });
    const entry = entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file);
    expect(entry.action).toBe('unchanged');
    expect(entry.notes.join(' ')).toContain('changed on the server since the pull');
    const pull = await app.value<PullResult>('drafts:pull', {});
    expect(pull.updated).toContain(file);
    expect(JSON.parse(await readFile(path.join(folder, file), 'utf8'))).toMatchObject({ tags: ['engineering', 'server-side'] });
  });

  it('a file changed after the plan is skipped at publish', async () => {
    const file = 'hubspot-crm.source.json';
    const target = path.join(folder, file);
    const draft = JSON.parse(await readFile(target, 'utf8')) as SourceTemplateDraft;
    await writeFile(target, JSON.stringify({ ...draft, mode: 'DIRECT' }));
    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    expect(entryOf(plan, file).action).toBe('update');
    await writeFile(target, JSON.stringify({ ...draft, mode: 'MULTI' }, null, 1));
    const mark = proxy.records.length;
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    expect(results[0]).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('changed since the plan') });
    expect(wire(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('updates a connection template (no propagate on its PATCH) and its tags', async () => {
    const file = 'acme-s3-hourly.connection.json';
    const target = path.join(folder, file);
    const draft = JSON.parse(await readFile(target, 'utf8')) as Record<string, unknown> & { tags: string[] };
    const remoteId = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.remoteId as string;
    await writeFile(target, JSON.stringify({ ...draft, cron_expression: '0 15 * * * ?', tags: ['hourly'] }));
    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    expect(entryOf(plan, file).changes).toEqual([
      { field: 'cron_expression', before: '0 0 * * * ?', after: '0 15 * * * ?' },
      { field: 'tags', before: ['hourly', 'standard-sync'], after: ['hourly'] },
    ]);
    const mark = proxy.records.length;
    expect((await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: true })).results[0]?.outcome).toBe('done');
    const sent = wire(mark).filter((r) => r.method !== 'GET');
    expect(sent.map((r) => r.method)).toEqual(['PATCH', 'DELETE']);
    expect(sent[0]?.body).toEqual({ cron_expression: '0 15 * * * ?' });
    expect(await api('GET', `/api/v1/integrations/templates/connections/${remoteId}`)).toMatchObject({ cron_expression: '0 15 * * * ?', tags: ['hourly'] });
  });

  it('an invalid schedule and an empty whitelist are invalid, in plain words', async () => {
    const conn = JSON.parse(await readFile(path.join(folder, 'lake-s3-daily.connection.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(folder, 'lake-s3-daily.connection.json'), JSON.stringify({ ...conn, cron_expression: 'every tuesday' }));
    const src = JSON.parse(await readFile(path.join(folder, 'salesforce-crm.source.json'), 'utf8')) as SourceTemplateDraft;
    await writeFile(path.join(folder, 'salesforce-crm.source.json'), JSON.stringify({ ...src, customization: { stream_selection_mode: 'whitelist', stream_whitelist: [] } }));
    const plan = await app.value<DraftPlan>('drafts:plan', { files: ['lake-s3-daily.connection.json', 'salesforce-crm.source.json'] });
    expect(entryOf(plan, 'lake-s3-daily.connection.json')).toMatchObject({ action: 'invalid', problems: [expect.stringContaining('“every tuesday” is not a valid Quartz cron')] });
    expect(entryOf(plan, 'salesforce-crm.source.json')).toMatchObject({ action: 'invalid', problems: [expect.stringContaining('whitelist is empty')] });
  });

  it('an invalid JSON file is reported with line and column and never overwritten by pull or save', async () => {
    const file = 'zendesk-support.source.json';
    const target = path.join(folder, file);
    const text = (await readFile(target, 'utf8')).replace('"name": ', '"name" ');
    await writeFile(target, text);
    const listed = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file);
    expect(listed?.problem).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(listed?.problem?.message).toMatch(/colon .* at line \d+, column \d+/);
    const pull = await app.value<PullResult>('drafts:pull', {});
    expect(pull.skipped.find((s) => s.file === file)?.reason).toContain('not a valid draft');
    const save = await app.call('drafts:save', { file, draft: pgDraft() });
    expect(save).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await readFile(target, 'utf8')).toBe(text);
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file)).toMatchObject({ action: 'invalid', problems: [expect.stringMatching(/line \d+, column \d+/)] });
  });
});

describe('secrets', () => {
  it('a plain password is refused; a referenced kept value reaches the server; the server value is kept when the draft leaves it empty', async () => {
    const folder = tempDir('ec-drafts-');
    const app = online(folder);
    const refused = await app.call('drafts:save', { file: null, draft: pgDraft({ name: 'Secret PG', partial_default_config: { host: 'db', password: 'hunter2' } }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('“password” is a secret: leave it to the end user or keep it in the keychain and reference it') } });
    expect((await readdir(folder)).filter((n) => n.endsWith('.json'))).toEqual([]);

    const { file } = await app.value<{ file: string }>('drafts:save', { file: null, draft: pgDraft({ name: 'Secret PG', partial_default_config: { host: 'db', password: { $secret: 'pg-prod' } } }) });
    expect(await readFile(path.join(folder, file), 'utf8')).toContain('"$secret": "pg-prod"');
    // Without the value kept, the plan says so.
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', {}), file)).toMatchObject({ action: 'invalid', problems: [expect.stringContaining('“pg-prod”')] });
    await app.value('drafts:setSecret', { name: 'pg-prod', value: 's3cret-value' });
    const plan = await app.value<DraftPlan>('drafts:plan', {});
    expect(JSON.stringify(plan)).not.toContain('s3cret-value');
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    const remoteId = results[0]?.remoteId as string;
    expect(await sourceTemplate(remoteId)).toMatchObject({ partial_default_config: { host: 'db', password: 's3cret-value' } });
    expect(await readFile(path.join(folder, file), 'utf8')).not.toContain('s3cret-value');
    expect((await app.value<DraftPlan>('drafts:plan', {})).summary).toMatchObject({ unchanged: 1, update: 0 });

    // The draft drops the reference (the end user's field now) and changes the host: the server's password stays.
    const draft = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as SourceTemplateDraft;
    await app.value('drafts:save', { file, draft: { ...draft, partial_default_config: { host: 'db2' } } });
    const update = await app.value<DraftPlan>('drafts:plan', {});
    expect(entryOf(update, file).action).toBe('update');
    const mark = proxy.records.length;
    await app.value('drafts:publish', { planId: update.planId, propagate: false });
    const patch = wire(mark).find((r) => r.method === 'PATCH');
    expect(patch?.body).toMatchObject({ propagate: false, partial_default_config: { host: 'db2', password: 's3cret-value' } });
    expect(await sourceTemplate(remoteId)).toMatchObject({ partial_default_config: { host: 'db2', password: 's3cret-value' } });
    // A pull never writes the secret into the file.
    await app.value('drafts:pull', {});
    for (const name of (await readdir(folder)).filter((n) => n.endsWith('.json'))) expect(await readFile(path.join(folder, name), 'utf8')).not.toContain('s3cret-value');
  });
});

describe('connections, definitions and progress', () => {
  it('resolves a $secret reference in a destination config at publish, refuses an unknown definition, and reports progress', async () => {
    const folder = tempDir('ec-drafts-');
    const app = online(folder);
    const s3 = '4816b78f-1489-44c1-9060-4b19d5fa9362';
    const connection = {
      kind: 'connection_template',
      data_hosting_type: 'user_hosted',
      destination_name: 'Vault S3',
      destination_definition_id: s3,
      destination_config: { s3_bucket_name: 'vault', secret_access_key: { $secret: 's3-key' } },
      cron_expression: '0 0 12 * * ?',
      tags: ['vault'],
    };
    const { file } = await app.value<{ file: string }>('drafts:save', { file: null, draft: connection });
    expect(file).toBe('vault-s3.connection.json');
    const unknown = await app.value<{ file: string }>('drafts:save', { file: null, draft: pgDraft({ name: 'Unknown connector', actor_definition_id: '00000000-0000-4000-8000-000000000000' }) });
    await app.value('drafts:setSecret', { name: 's3-key', value: 'AKIA-secret' });
    const plan = await app.value<DraftPlan>('drafts:plan', { requestId: 'plan-progress' });
    expect(await app.value('drafts:progress', { requestId: 'plan-progress' })).toEqual({ done: 2, total: 2, phase: 'finished' });
    expect(await app.value('drafts:progress', { requestId: 'never-started' })).toBeNull();
    expect(entryOf(plan, unknown.file)).toMatchObject({ action: 'invalid', problems: [expect.stringContaining('not one the server knows')] });
    expect(entryOf(plan, file).action).toBe('create');
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    const done = results.find((r) => r.file === file);
    expect(done?.outcome).toBe('done');
    expect(results.find((r) => r.file === unknown.file)).toMatchObject({ outcome: 'skipped' });
    expect(await api('GET', `/api/v1/integrations/templates/connections/${done?.remoteId}`)).toMatchObject({ destination_config: { s3_bucket_name: 'vault', secret_access_key: 'AKIA-secret' }, tags: ['vault'] });
    // The reference is never shown as a change afterwards, though the server holds the value.
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file).action).toBe('unchanged');
  });
});
