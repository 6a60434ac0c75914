import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AirbyteClient } from '../../main/services/airbyte/airbyte-client';
import { HttpClient } from '../../main/services/http/http-client';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';

let h: SandboxHarness;
let client: AirbyteClient;
let http: HttpClient;
beforeAll(async () => {
  h = await startHarness();
  http = new HttpClient();
  client = new AirbyteClient({ baseUrl: h.url, http, credentials: async () => ({ client_id: 'sandbox', client_secret: 'sandbox' }) });
});
afterAll(async () => {
  await http.close();
  await h.close();
});

const POSTGRES = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const S3 = '4816b78f-1489-44c1-9060-4b19d5fa9362';

describe('every typed endpoint against the sandbox', () => {
  it('workspaces: stats, get, update, delete', async () => {
    const created = await client.createWorkspace('endpoint-test-ws', '645a183f-b12b-4c6e-8ad3-99e165603450');
    const ws = await client.getWorkspace(created.workspaceId);
    expect(ws).toMatchObject({ name: 'endpoint-test-ws', status: 'active' });
    expect(ws).not.toHaveProperty('x_sandbox_region_id');
    expect(await client.updateWorkspace(ws.id, { status: 'inactive' })).toMatchObject({ status: 'inactive' });
    const before = await client.workspaceStats();
    expect(await client.deleteWorkspace(ws.id)).toMatchObject({ id: ws.id });
    expect((await client.workspaceStats()).total_count).toBe(before.total_count - 1);
  });

  it('source templates: create, get, patch (propagate sent), tag, untag, delete', async () => {
    const t = await client.createSourceTemplate({ actor_definition_id: POSTGRES, partial_default_config: {}, name: 'Endpoint PG' });
    expect((await client.getSourceTemplate(t.id)).auth_tooltip).toEqual(expect.any(String));
    expect(await client.patchSourceTemplate(t.id, { name: 'Endpoint PG 2', propagate: false })).toMatchObject({ name: 'Endpoint PG 2' });
    expect((await client.tagSourceTemplate(t.id, 'endpoint-tag')).tags).toEqual(['endpoint-tag']);
    expect((await client.listSourceTemplates({ tags: ['endpoint-tag'] })).data.map((x) => x.id)).toEqual([t.id]);
    expect((await client.untagSourceTemplate(t.id, 'endpoint-tag')).tags).toEqual([]);
    expect(await client.deleteSourceTemplate(t.id)).toMatchObject({ id: t.id });
    expect((await client.listSourceTemplates({ global: true })).data.every((x) => x.organization_id === null)).toBe(true);
  });

  it('connection templates: create, get, patch, tag, untag, describe cron, delete', async () => {
    const c = await client.createConnectionTemplate({ destination_name: 'Endpoint S3', destination_definition_id: S3, destination_config: { s3_bucket_name: 'b' } });
    expect(await client.getConnectionTemplate(c.id)).toMatchObject({ destination_name: 'Endpoint S3', sync_on_create: true });
    expect(await client.patchConnectionTemplate(c.id, { cron_expression: '0 0 12 * * ?' })).toMatchObject({ cron_expression: '0 0 12 * * ?' });
    expect((await client.tagConnectionTemplate(c.id, 'endpoint-conn')).tags).toEqual(['endpoint-conn']);
    expect((await client.listConnectionTemplates({ tags: ['endpoint-conn'] })).data).toHaveLength(1);
    expect((await client.untagConnectionTemplate(c.id, 'endpoint-conn')).tags).toEqual([]);
    expect(await client.describeCron('0 0 12 * * ?')).toEqual({ description: 'At 12:00 every day', is_valid: true });
    expect(await client.deleteConnectionTemplate(c.id)).toMatchObject({ id: c.id });
  });

  it('tags: create, list, rename, delete', async () => {
    expect(await client.createTag('endpoint-registry')).toMatchObject({ name: 'endpoint-registry' });
    expect((await client.listTags()).data.map((t) => t.name)).toContain('endpoint-registry');
    expect(await client.renameTag('endpoint-registry', 'endpoint-registry-2')).toMatchObject({ name: 'endpoint-registry-2' });
    expect(await client.deleteTag('endpoint-registry-2')).toMatchObject({ deleted_at: expect.any(String) });
  });

  it('definitions', async () => {
    expect((await client.sourceDefinitions('stripe')).definitions.map((d) => d.name)).toEqual(['Stripe']);
    expect((await client.destinationDefinitions()).destinations.map((d) => d.name)).toContain('S3');
  });

  it('sources and streams in a workspace', async () => {
    const acme = await (async () => {
      for await (const page of client.workspacePages({ nameContains: 'acme-us-demo' })) {
        const found = page.find((w) => w.name === 'acme-us-demo');
        if (found) return found;
      }
      throw new Error('no acme');
    })();
    const stripe = (await client.listSourceTemplates()).data.find((t) => t.name === 'Stripe Billing');
    const source = await client.createSource(acme, { name: 'Endpoint Stripe', source_template_id: stripe?.id ?? '', source_config: { account_id: 'a', client_secret: 'sk_endpoint' } });
    expect(source.replication_config).toMatchObject({ client_secret: '**********' });
    expect((await client.discover(acme, source.id)).catalog.streams.length).toBeGreaterThan(0);
    expect(await client.queryCatalog(acme, source.id, 'length(streams)')).toBe(8);
    expect(await client.patchStream(acme, source.id, 'charges', [{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }])).toMatchObject({ sync_mode: 'full_refresh' });
    await client.removeStream(acme, source.id, 'charges');
    expect(await client.addStream(acme, source.id, { stream_name: 'charges' })).toMatchObject({ sync_mode: 'incremental' });
  });

  it('widget tokens', async () => {
    const raw = await client.widgetToken({ workspace_name: 'acme-us-demo', allowed_origin: 'http://127.0.0.1:5173', selected_source_template_tags: ['crm'] });
    const decoded = JSON.parse(Buffer.from(raw, 'base64').toString()) as { widgetUrl: string };
    expect(new URL(decoded.widgetUrl).searchParams.get('sourceTemplateTagsMode')).toBe('any');
  });
});
