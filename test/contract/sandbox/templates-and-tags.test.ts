import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SandboxHarness } from '../../support/sandbox-client';

let h: SandboxHarness;
let op: string;
beforeAll(async () => {
  h = await startHarness();
  op = await h.operatorToken();
});
afterAll(() => h.close());

const SOURCES = '/api/v1/integrations/templates/sources';
const CONNECTIONS = '/api/v1/integrations/templates/connections';
const TAGS = '/api/v1/integrations/templates/tags';
const POSTGRES_DEF = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const S3_DEST = '4816b78f-1489-44c1-9060-4b19d5fa9362';

type Item = { id: string; name: string; tags: string[]; organization_id: string | null };
const names = (res: { json: unknown }) => (res.json as { data: Item[] }).data.map((t) => t.name).sort();

describe('source templates (§6)', () => {
  it('lists the organization’s templates; tags_mode defaults to all; use_global lists global ones instead', async () => {
    const all = await h.call('GET', SOURCES, { token: op });
    expect((all.json as { data: Item[] }).data.every((t) => t.organization_id !== null)).toBe(true);
    expect(names(await h.call('GET', `${SOURCES}?tags=crm&tags=free-tier`, { token: op }))).toEqual(['HubSpot CRM']);
    expect(names(await h.call('GET', `${SOURCES}?tags=crm&tags=free-tier&tags_mode=any`, { token: op }))).toEqual(['Google Sheets', 'HubSpot CRM', 'Salesforce CRM', 'Shopify Store']);
    expect(names(await h.call('GET', `${SOURCES}?tags=CRM&tags_mode=any`, { token: op }))).toEqual([]);
    const global = (await h.call('GET', `${SOURCES}?use_global=true`, { token: op })).json as { data: Item[] };
    expect(global.data.length).toBeGreaterThan(0);
    expect(global.data.every((t) => t.organization_id === null)).toBe(true);
    expect((await h.call('GET', `${SOURCES}?tags_mode=some`, { token: op })).status).toBe(422);
  });

  it('lets a scoped token list, but not create or read one', async () => {
    const scoped = await h.scopedToken('acme-us-demo');
    expect((await h.call('GET', SOURCES, { token: scoped })).status).toBe(200);
    expect((await h.call('POST', SOURCES, { token: scoped, body: { actor_definition_id: POSTGRES_DEF, partial_default_config: {} } })).status).toBe(401);
  });

  it('creates with defaults, auto-creating tags; gets the detail view', async () => {
    const res = await h.call('POST', SOURCES, { token: op, body: { actor_definition_id: POSTGRES_DEF, partial_default_config: { port: 6432 }, tags: ['brand-new-tag'] } });
    expect(res.status).toBe(200);
    const t = res.json as Record<string, unknown> & { id: string };
    expect(t).toMatchObject({ name: 'Postgres', mode: 'REPLICATION', customization: { stream_selection_mode: 'suggested' }, source_definition_id: POSTGRES_DEF, actor_definition_id: POSTGRES_DEF, tags: ['brand-new-tag'] });
    expect((t.user_config_spec as { connectionSpecification: { required: string[] } }).connectionSpecification.required).toContain('host');
    const tags = (await h.call('GET', TAGS, { token: op })).json as { data: Array<{ name: string }> };
    expect(tags.data.map((x) => x.name)).toContain('brand-new-tag');
    const detail = await h.call('GET', `${SOURCES}/${t.id}`, { token: op });
    expect(detail.json).toMatchObject({ id: t.id, connector_name: 'Postgres', auth_tooltip: expect.any(String) });
  });

  it('validates creation: whitelist needs names (422), unknown definition (404), missing defaults (422)', async () => {
    const wl = await h.call('POST', SOURCES, { token: op, body: { actor_definition_id: POSTGRES_DEF, partial_default_config: {}, customization: { stream_selection_mode: 'whitelist', stream_whitelist: [] } } });
    expect(wl.status).toBe(422);
    expect((wl.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'customization', 'stream_whitelist']);
    const unknown = await h.call('POST', SOURCES, { token: op, body: { actor_definition_id: '00000000-0000-4000-8000-000000000000', partial_default_config: {} } });
    expect(unknown).toMatchObject({ status: 404, json: { detail: 'Source definition not found' } });
    const missing = await h.call('POST', SOURCES, { token: op, body: { actor_definition_id: POSTGRES_DEF } });
    expect(missing).toMatchObject({ status: 422, json: { detail: [{ loc: ['body', 'partial_default_config'], msg: 'field required' }] } });
  });

  it('clones a global template into the organization', async () => {
    const global = ((await h.call('GET', `${SOURCES}?use_global=true`, { token: op })).json as { data: Item[] }).data[0] as Item;
    const res = await h.call('POST', SOURCES, { token: op, body: { original_source_template_id: global.id, name: 'My clone' } });
    expect(res.json).toMatchObject({ name: 'My clone', organization_id: '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11' });
    expect((res.json as { id: string }).id).not.toBe(global.id);
    expect((await h.call('POST', SOURCES, { token: op, body: { original_source_template_id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
  });

  it('patches; only propagate=true pushes new defaults into existing sources', async () => {
    const list = (await h.call('GET', SOURCES, { token: op })).json as { data: Item[] };
    const salesforce = list.data.find((t) => t.name === 'Salesforce CRM') as Item;
    const sourceOf = () => h.sandbox.store.state.sources.find((s) => s.name === 'Salesforce - acme');
    const quiet = await h.call('PATCH', `${SOURCES}/${salesforce.id}`, { token: op, body: { partial_default_config: { is_sandbox: false, start_date: '2025-01-01T00:00:00Z' } } });
    expect(quiet.json).toMatchObject({ partial_default_config: { start_date: '2025-01-01T00:00:00Z' } });
    expect(sourceOf()?.config).not.toHaveProperty('start_date');
    await h.call('PATCH', `${SOURCES}/${salesforce.id}`, { token: op, body: { partial_default_config: { is_sandbox: true, start_date: '2025-01-01T00:00:00Z' }, propagate: true } });
    expect(sourceOf()?.config).toMatchObject({ start_date: '2025-01-01T00:00:00Z', is_sandbox: false, client_id: 'acme-connected-app' });
    expect((await h.call('PUT', `${SOURCES}/${salesforce.id}`, { token: op, body: {} })).status).toBe(405);
  });

  it('soft-deletes: gone from lists and GET, sources stay', async () => {
    const list = (await h.call('GET', SOURCES, { token: op })).json as { data: Item[] };
    const github = list.data.find((t) => t.name === 'GitHub Engineering') as Item;
    expect((await h.call('DELETE', `${SOURCES}/${github.id}`, { token: op })).json).toMatchObject({ id: github.id, deleted_at: expect.any(String) });
    expect(await h.call('GET', `${SOURCES}/${github.id}`, { token: op })).toMatchObject({ status: 404, json: { detail: 'Source template not found' } });
    expect(names(await h.call('GET', SOURCES, { token: op }))).not.toContain('GitHub Engineering');
    expect(h.sandbox.store.state.sources.some((s) => s.source_template_id === github.id)).toBe(true);
  });

  it('attaches and detaches tags (operator or scoped)', async () => {
    const scoped = await h.scopedToken('acme-us-demo');
    const list = (await h.call('GET', SOURCES, { token: op })).json as { data: Item[] };
    const sheets = list.data.find((t) => t.name === 'Google Sheets') as Item;
    const attached = await h.call('POST', `${SOURCES}/${sheets.id}/tags`, { token: scoped, body: { tag: 'acme-poc' } });
    expect((attached.json as Item).tags).toEqual(['free-tier', 'acme-poc']);
    const again = await h.call('POST', `${SOURCES}/${sheets.id}/tags`, { token: op, body: { tag: 'acme-poc' } });
    expect((again.json as Item).tags).toEqual(['free-tier', 'acme-poc']);
    const detached = await h.call('DELETE', `${SOURCES}/${sheets.id}/tags/acme-poc`, { token: op });
    expect((detached.json as Item).tags).toEqual(['free-tier']);
    expect(await h.call('DELETE', `${SOURCES}/${sheets.id}/tags/acme-poc`, { token: op })).toMatchObject({ status: 404, json: { detail: "Tag 'acme-poc' not found on this template." } });
  });
});

describe('connection templates (§7)', () => {
  it('creates user_hosted with defaults and airbyte_hosted with its short shape', async () => {
    const user = await h.call('POST', CONNECTIONS, { token: op, body: { destination_name: 'Test S3', destination_definition_id: S3_DEST, destination_config: { s3_bucket_name: 'b' }, cron_expression: '0 0 12 * * ?', tags: ['standard-sync'] } });
    expect(user.json).toMatchObject({ data_hosting_type: 'user_hosted', destination_name: 'Test S3', non_breaking_changes_preference: 'ignore', sync_on_create: true, destination_config: { s3_bucket_name: 'b' } });
    const hosted = await h.call('POST', CONNECTIONS, { token: op, body: { data_hosting_type: 'airbyte_hosted', cron_expression: '0 0 * * * ?' } });
    expect(hosted.json).toMatchObject({ data_hosting_type: 'airbyte_hosted', cron_expression: '0 0 * * * ?' });
    expect(hosted.json).not.toHaveProperty('destination_config');
    expect(hosted.json).not.toHaveProperty('sync_on_create');
  });

  it('rejects an invalid cron on create and patch, and missing required fields', async () => {
    const bad = await h.call('POST', CONNECTIONS, { token: op, body: { destination_name: 'x', destination_definition_id: S3_DEST, destination_config: {}, cron_expression: '0 0 12 * * *' } });
    expect(bad.status).toBe(422);
    expect((bad.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'cron_expression']);
    const missing = await h.call('POST', CONNECTIONS, { token: op, body: { destination_name: 'x' } });
    expect((missing.json as { detail: Array<{ loc: string[] }> }).detail.map((d) => d.loc)).toEqual([
      ['body', 'destination_definition_id'],
      ['body', 'destination_config'],
    ]);
    const first = ((await h.call('GET', CONNECTIONS, { token: op })).json as { data: Item[] }).data[0] as Item;
    expect((await h.call('PATCH', `${CONNECTIONS}/${first.id}`, { token: op, body: { cron_expression: 'every day' } })).status).toBe(422);
    expect((await h.call('PATCH', `${CONNECTIONS}/${first.id}`, { token: op, body: { cron_expression: '0 15 10 ? * MON-FRI', sync_on_create: false } })).json).toMatchObject({ cron_expression: '0 15 10 ? * MON-FRI', sync_on_create: false });
  });

  it.each([
    ['0 0 12 * * ?', true, 'At 12:00 every day'],
    ['0 0/15 * * * ?', true, 'Every 15 minutes'],
    ['0 0 * * * ?', true, 'Every hour'],
    ['0 30 9 ? * MON-FRI', true, 'At 09:30, Monday through Friday'],
    ['0 0 6 1 * ?', true, 'At 06:00, on day 1 of the month'],
    ['0 0 12 ? * 2#1', true, 'At 12:00, on the first Monday of the month'],
    ['0 0 12 ? * FRI#3', true, 'At 12:00, on the third Friday of the month'],
    ['0 0 12 ? * 6L', true, 'At 12:00, on the last Friday of the month'],
    ['0 0 12 ? * MONL', true, 'At 12:00, on the last Monday of the month'],
    ['0 0 9 15W * ?', true, 'At 09:00, on the weekday nearest day 15 of the month'],
    ['0 0 9 LW * ?', true, 'At 09:00, on the last weekday of the month'],
    ['0 0 9 L-3 * ?', true, 'At 09:00, 3 days before the last day of the month'],
    ['0 0 9 L * ?', true, 'At 09:00, on the last day of the month'],
    ['0 0 12 ? * 2#6', false, null],
    ['0 0 12 * * *', false, null],
    ['61 0 12 * * ?', false, null],
    ['0 0 12 * *', false, null],
    ['hello', false, null],
  ])('describes %s (valid: %s)', async (cron, valid, description) => {
    const res = await h.call('POST', `${CONNECTIONS}/cron/describe`, { token: op, body: { cron_expression: cron } });
    expect(res.status).toBe(200);
    expect((res.json as { is_valid: boolean }).is_valid).toBe(valid);
    if (description) expect((res.json as { description: string }).description).toBe(description);
  });

  it('lists with tag filters (default all), gets, deletes; unknown is 404', async () => {
    expect(names(await h.call('GET', `${CONNECTIONS}?tags=standard-sync&tags=hourly`, { token: op })).length).toBe(1);
    const any = ((await h.call('GET', `${CONNECTIONS}?tags=standard-sync&tags=hourly&tags_mode=any`, { token: op })).json as { data: unknown[] }).data;
    expect(any.length).toBeGreaterThanOrEqual(2);
    const first = ((await h.call('GET', CONNECTIONS, { token: op })).json as { data: Item[] }).data[0] as Item;
    expect((await h.call('GET', `${CONNECTIONS}/${first.id}`, { token: op })).json).toMatchObject({ id: first.id });
    expect((await h.call('DELETE', `${CONNECTIONS}/${first.id}`, { token: op })).json).toMatchObject({ id: first.id });
    expect(await h.call('GET', `${CONNECTIONS}/${first.id}`, { token: op })).toMatchObject({ status: 404, json: { detail: 'Connection template not found' } });
  });

  it('attaches tags with an operator token only', async () => {
    const scoped = await h.scopedToken('acme-us-demo');
    const first = ((await h.call('GET', CONNECTIONS, { token: op })).json as { data: Item[] }).data[0] as Item;
    expect((await h.call('POST', `${CONNECTIONS}/${first.id}/tags`, { token: scoped, body: { tag: 'x' } })).status).toBe(401);
    expect(((await h.call('POST', `${CONNECTIONS}/${first.id}/tags`, { token: op, body: { tag: 'premium' } })).json as Item).tags).toContain('premium');
  });

  it('is operator-only', async () => {
    expect((await h.call('GET', CONNECTIONS, { token: await h.scopedToken('acme-us-demo') })).status).toBe(401);
  });
});

describe('tag registry (§8.1)', () => {
  it('creates, refuses duplicates (409) and bad names (422)', async () => {
    expect((await h.call('POST', TAGS, { token: op, body: { name: 'retail' } })).json).toMatchObject({ name: 'retail', organization_id: expect.any(String) });
    expect(await h.call('POST', TAGS, { token: op, body: { name: 'retail' } })).toMatchObject({ status: 409, json: { detail: "Template tag with name 'retail' already exists." } });
    expect((await h.call('POST', TAGS, { token: op, body: { name: '' } })).status).toBe(422);
    expect((await h.call('POST', TAGS, { token: op, body: { name: 'x'.repeat(256) } })).status).toBe(422);
  });

  it('renames across every template and deletes by detaching everywhere', async () => {
    const renamed = await h.call('PUT', `${TAGS}/analytics`, { token: op, body: { name: 'bi' } });
    expect(renamed.json).toMatchObject({ name: 'bi' });
    expect(names(await h.call('GET', `${SOURCES}?tags=bi`, { token: op }))).toEqual(['MySQL Shop', 'PostgreSQL Analytics', 'S3 Data Lake', 'Stripe Billing']);
    expect(names(await h.call('GET', `${SOURCES}?tags=analytics`, { token: op }))).toEqual([]);
    expect(await h.call('PUT', `${TAGS}/bi`, { token: op, body: { name: 'crm' } })).toMatchObject({ status: 409 });
    expect((await h.call('DELETE', `${TAGS}/bi`, { token: op })).json).toMatchObject({ id: expect.any(String), deleted_at: expect.any(String) });
    expect(names(await h.call('GET', `${SOURCES}?tags=bi`, { token: op }))).toEqual([]);
    expect(await h.call('DELETE', `${TAGS}/bi`, { token: op })).toMatchObject({ status: 404, json: { detail: "Template tag with name 'bi' not found." } });
    expect(await h.call('PUT', `${TAGS}/nope`, { token: op, body: { name: 'x' } })).toMatchObject({ status: 404 });
  });
});

describe('connector definitions (§6.4)', () => {
  it('lists source definitions by partial name and destinations', async () => {
    const res = await h.call('GET', '/api/v1/integrations/definitions/sources?name=post', { token: op });
    expect(res.json).toEqual({ definitions: [expect.objectContaining({ sourceDefinitionId: POSTGRES_DEF, name: 'Postgres', dockerRepository: 'airbyte/source-postgres' })] });
    const dest = (await h.call('GET', '/api/v1/integrations/definitions/destinations', { token: op })).json as { destinations: Array<{ name: string }> };
    expect(dest.destinations.map((d) => d.name)).toContain('S3');
  });
});
