import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SandboxHarness } from '../../support/sandbox-client';

let h: SandboxHarness;
let acme: string;
let postgres: string;
beforeAll(async () => {
  h = await startHarness();
  acme = await h.scopedToken('acme-us-demo');
  postgres = await h.sourceId('acme-us-demo', 'Postgres - acme');
});
afterAll(() => h.close());

const templateId = async (name: string) => {
  const list = (await h.call('GET', '/api/v1/integrations/templates/sources', { token: await h.operatorToken() })).json as { data: Array<{ id: string; name: string }> };
  return list.data.find((t) => t.name === name)?.id ?? '';
};
const streamsPath = (source: string, stream?: string) =>
  `/api/v1/integrations/sources/${source}/streams${stream === undefined ? '' : `/${encodeURIComponent(stream)}`}`;

describe('embedded sources (§4)', () => {
  it('lists the token’s workspace sources with a summarized template', async () => {
    const res = await h.call('GET', '/api/v1/embedded/sources', { token: acme });
    const data = (res.json as { data: Array<Record<string, unknown>> }).data;
    expect(data.map((s) => s.name).sort()).toEqual(['Postgres - acme', 'Salesforce - acme']);
    expect(data[0]).toMatchObject({ summarized_source_template: { id: expect.any(String), name: expect.any(String), icon: null, source_definition_id: expect.any(String) } });
  });

  it('creates a source: config merged over template defaults, secrets redacted, whitelist streams selected', async () => {
    const res = await h.call('POST', '/api/v1/embedded/sources', {
      token: acme,
      body: { name: 'Postgres - new', source_template_id: await templateId('PostgreSQL Analytics'), source_config: { host: 'db.example', database: 'app', username: 'u', password: 'hunter2', ssl_mode: { extra: 1 } } },
    });
    expect(res.status).toBe(200);
    const source = res.json as { id: string; replication_config: Record<string, unknown>; source_template: { name: string; tags: string[] }; entities: null };
    expect(source.replication_config).toEqual({ host: 'db.example', database: 'app', username: 'u', password: '**********', port: 5432, ssl_mode: { mode: 'require', extra: 1 } });
    expect(source.source_template).toMatchObject({ name: 'PostgreSQL Analytics', tags: ['analytics'] });
    expect(source.entities).toBeNull();
    expect(res.text).not.toContain('hunter2');
    // Whitelisted streams are configured with §5.3 defaults; others are not.
    const orders = await h.call('PATCH', streamsPath(source.id, 'orders'), { token: acme, body: [] });
    expect(orders.json).toEqual({ stream_name: 'orders', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] });
    expect((await h.call('PATCH', streamsPath(source.id, 'users'), { token: acme, body: [] })).status).toBe(404);
  });

  it('names each missing required config field', async () => {
    const res = await h.call('POST', '/api/v1/embedded/sources', { token: acme, body: { name: 'x', source_template_id: await templateId('PostgreSQL Analytics'), source_config: { host: 'h' } } });
    expect(res.status).toBe(422);
    expect((res.json as { detail: Array<{ loc: string[] }> }).detail.map((d) => d.loc)).toEqual([
      ['body', 'source_config', 'database'],
      ['body', 'source_config', 'username'],
      ['body', 'source_config', 'password'],
    ]);
  });

  it('refuses another workspace_id (403), an unknown template (404) and a missing name (422)', async () => {
    const tpl = await templateId('Stripe Billing');
    const config = { account_id: 'a', client_secret: 's' };
    const other = await h.call('POST', '/api/v1/embedded/sources', { token: acme, body: { name: 'x', source_template_id: tpl, source_config: config, workspace_id: '00000000-0000-4000-8000-000000000000' } });
    expect(other).toMatchObject({ status: 403, json: { detail: 'Access denied to this resource' } });
    const unknown = await h.call('POST', '/api/v1/embedded/sources', { token: acme, body: { name: 'x', source_template_id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown).toMatchObject({ status: 404, json: { detail: 'Source template not found' } });
    expect((await h.call('POST', '/api/v1/embedded/sources', { token: acme, body: { source_template_id: tpl } })).status).toBe(422);
  });

  it('takes only scoped tokens', async () => {
    expect((await h.call('GET', '/api/v1/embedded/sources', { token: await h.operatorToken() })).status).toBe(401);
  });
});

describe('discover and JMESPath query (§5.1, §5.2)', () => {
  it('returns the catalog; an operator token gets 401, another workspace 403, unknown 404', async () => {
    const res = await h.call('GET', `/api/v1/integrations/sources/${postgres}/discover`, { token: acme });
    expect(res.status).toBe(200);
    const streams = (res.json as { catalog: { streams: Array<{ name: string; supported_sync_modes: string[] }> } }).catalog.streams;
    expect(streams.map((s) => s.name)).toContain('users');
    expect(streams.every((s) => Array.isArray(s.supported_sync_modes))).toBe(true);
    expect((await h.call('GET', `/api/v1/integrations/sources/${postgres}/discover`, { token: await h.operatorToken() })).status).toBe(401);
    const globex = await h.scopedToken('globex-eu-demo');
    expect(await h.call('GET', `/api/v1/integrations/sources/${postgres}/discover`, { token: globex })).toMatchObject({ status: 403, json: { detail: 'Access denied to this resource' } });
    expect(await h.call('GET', '/api/v1/integrations/sources/00000000-0000-4000-8000-000000000000/discover', { token: acme })).toMatchObject({ status: 404, json: { detail: 'Source not found' } });
    expect((await h.call('GET', '/api/v1/integrations/sources/nope/discover', { token: acme })).status).toBe(422);
  });

  const query = (jmes_query: unknown) => h.call('POST', `/api/v1/integrations/sources/${postgres}/catalog/query`, { token: acme, body: { jmes_query } });

  it('answers the bare JMESPath result over the inner catalog', async () => {
    expect((await query('streams[*].name')).json).toEqual(['users', 'orders', 'order_items', 'products', 'customers', 'invoices', 'payments', 'events', 'audit_log', 'countries']);
    expect((await query("streams[?contains(supported_sync_modes, 'incremental')].name")).json).not.toContain('countries');
    expect((await query('streams[?source_defined_cursor==`true`].name')).json).toEqual(['users', 'orders', 'products', 'customers', 'invoices', 'payments', 'events']);
    expect((await query('length(streams)')).json).toBe(10);
    expect((await query('streams[0].name')).json).toBe('users');
    expect((await query('missing')).json).toBeNull();
  });

  it('answers an invalid expression with 400 and a missing one with 422', async () => {
    const bad = await query('streams[?');
    expect(bad.status).toBe(400);
    expect((bad.json as { detail: string }).detail).toMatch(/^Invalid JMESPath expression: /);
    expect((await query('')).status).toBe(422);
    expect((await h.call('POST', `/api/v1/integrations/sources/${postgres}/catalog/query`, { token: acme, body: {} })).status).toBe(422);
  });

  it('answers in the server’s dialect: Python jmespath 1.1.0’s messages, code-point strings, a 500 for Python’s own TypeError', async () => {
    // Every recorded Python error of jmespath's own classes becomes the same 400 text here.
    const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/jmespath-python.json'), 'utf8')) as { cases: Array<{ expression: string; error?: { type: string; message: string } }> };
    const syntax = fixture.cases.filter((c) => c.error && ['ParseError', 'IncompleteExpressionError', 'LexerError', 'EmptyExpressionError'].includes(c.error.type) && c.expression !== '');
    expect(syntax.length).toBeGreaterThan(50);
    for (const c of syntax.slice(0, 60)) {
      const res = await query(c.expression);
      expect(res.status, c.expression).toBe(400);
      expect((res.json as { detail: string }).detail).toBe(`Invalid JMESPath expression: ${c.error?.message}`);
    }
    expect((await query('streams[*].')).json).toMatchObject({ detail: expect.stringContaining('Parse error at column 11') });
    expect((await query('length(`"😀ab"`)')).json).toBe(3);
    expect((await query('avg(`[]`)')).json).toBeNull();
    const typeError = await query("streams[?name > `1`]");
    expect(typeError.status).toBe(500);
  });
});

describe('stream settings (§5.3–5.6)', () => {
  it('adds with defaults and upserts on re-add', async () => {
    const added = await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'users' } });
    expect(added.json).toEqual({ stream_name: 'users', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] });
    const full = await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'users', sync_mode: 'full_refresh' } });
    expect(full.json).toMatchObject({ sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' });
    const countries = await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'countries' } });
    expect(countries.json).toMatchObject({ sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [['code']] });
    const events = await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'events' } });
    expect(events.json).toMatchObject({ sync_mode: 'incremental', destination_sync_mode: 'append', primary_key: [] });
  });

  it.each([
    [{ stream_name: 'nope' }, 404, "Stream 'nope' not found in source catalog"],
    [{ stream_name: 'countries', sync_mode: 'incremental' }, 422, "Sync mode 'incremental' not supported for stream 'countries'"],
    [{ stream_name: 'order_items', sync_mode: 'incremental', cursor_field: [] }, 422, "Cursor field required for incremental sync of stream 'order_items'"],
    [{ stream_name: 'audit_log', cursor_field: ['at'], destination_sync_mode: 'append_dedup' }, 422, "Primary key required for append_dedup on stream 'audit_log'"],
  ])('refuses %j with %i', async (body, status, message) => {
    expect(await h.call('POST', streamsPath(postgres), { token: acme, body })).toMatchObject({ status, json: { detail: message } });
  });

  it('answers type and enum errors in list form', async () => {
    const res = await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'users', destination_sync_mode: 'merge', cursor_field: 'updated_at' } });
    expect(res.status).toBe(422);
    expect((res.json as { detail: Array<{ loc: string[] }> }).detail.map((d) => d.loc)).toEqual([
      ['body', 'destination_sync_mode'],
      ['body', 'cursor_field'],
    ]);
  });

  it('patches with add/replace/remove relative to the configuration object', async () => {
    await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'orders' } });
    const res = await h.call('PATCH', streamsPath(postgres, 'orders'), {
      token: acme,
      body: [
        { op: 'replace', path: '/cursor_field', value: ['created_at'] },
        { op: 'add', path: '/primary_key/-', value: ['user_id'] },
        { op: 'replace', path: '/destination_sync_mode', value: 'append' },
      ],
    });
    expect(res.json).toEqual({ stream_name: 'orders', sync_mode: 'incremental', destination_sync_mode: 'append', cursor_field: ['created_at'], primary_key: [['id'], ['user_id']] });
    const reset = await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: [{ op: 'remove', path: '/cursor_field' }, { op: 'remove', path: '/primary_key/1' }] });
    expect(reset.json).toMatchObject({ cursor_field: ['updated_at'], primary_key: [['id']] });
  });

  it('accepts application/json-patch+json', async () => {
    const res = await h.call('PATCH', streamsPath(postgres, 'orders'), {
      token: acme,
      rawBody: JSON.stringify([{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }]),
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect(res.json).toMatchObject({ sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' });
  });

  it.each([
    [{ op: 'move', from: '/cursor_field', path: '/primary_key' }],
    [{ op: 'copy', from: '/cursor_field', path: '/primary_key' }],
    [{ op: 'test', path: '/sync_mode', value: 'incremental' }],
    [{ op: 'replace', path: '/stream_name', value: 'x' }],
    [{ op: 'replace', path: '/namespace', value: 'x' }],
    [{ op: 'replace', path: '/cursor_field/9', value: 'x' }],
    [{ op: 'replace', path: '/sync_mode' }],
    [{ path: '/sync_mode', value: 'x' }],
    [{ op: 'replace', value: 'x' }],
  ])('refuses %j with 400 and changes nothing', async (op) => {
    const before = (await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: [] })).json;
    const res = await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }, op] });
    expect(res).toMatchObject({ status: 400, json: { detail: 'Invalid JSON Patch operation' } });
    expect((await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: [] })).json).toEqual(before);
  });

  it('refuses a non-array body with 400 and validates the result (422)', async () => {
    expect((await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: { op: 'replace' } })).status).toBe(400);
    const unsupported = await h.call('PATCH', streamsPath(postgres, 'countries'), { token: acme, body: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }] });
    expect(unsupported).toMatchObject({ status: 422, json: { detail: "Sync mode 'incremental' not supported for stream 'countries'" } });
    const badEnum = await h.call('PATCH', streamsPath(postgres, 'orders'), { token: acme, body: [{ op: 'replace', path: '/destination_sync_mode', value: 'merge' }] });
    expect(badEnum.status).toBe(422);
    expect((badEnum.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'destination_sync_mode']);
  });

  it('tells an unconfigured stream from an unknown one', async () => {
    await h.call('DELETE', streamsPath(postgres, 'payments'), { token: acme });
    expect(await h.call('PATCH', streamsPath(postgres, 'payments'), { token: acme, body: [] })).toMatchObject({ status: 404, json: { detail: "Stream 'payments' is not configured on this source" } });
    expect(await h.call('PATCH', streamsPath(postgres, 'nope'), { token: acme, body: [] })).toMatchObject({ status: 404, json: { detail: "Stream 'nope' not found in source catalog" } });
  });

  it('removes with 204 (also when not configured); an unknown stream is 404', async () => {
    await h.call('POST', streamsPath(postgres), { token: acme, body: { stream_name: 'invoices' } });
    const res = await h.call('DELETE', streamsPath(postgres, 'invoices'), { token: acme });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await h.call('DELETE', streamsPath(postgres, 'invoices'), { token: acme })).status).toBe(204);
    expect((await h.call('DELETE', streamsPath(postgres, 'nope'), { token: acme })).status).toBe(404);
  });

  it('decodes percent-encoded stream names', async () => {
    const salesforce = await h.sourceId('acme-us-demo', 'Salesforce - acme');
    const res = await h.call('PATCH', `/api/v1/integrations/sources/${salesforce}/streams/%41ccount`, { token: acme, body: [] });
    expect(res.json).toMatchObject({ stream_name: 'Account' });
  });
});

describe('the very large catalog', () => {
  it('has at least 5,000 streams and 30 MB, and answers queries over it', async () => {
    const token = await h.scopedToken('bigdata-us-demo');
    const id = await h.sourceId('bigdata-us-demo', 'Warehouse - bigdata (5,200 tables)');
    const res = await h.call('GET', `/api/v1/integrations/sources/${id}/discover`, { token });
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.text)).toBeGreaterThanOrEqual(30 * 1024 * 1024);
    expect((res.json as { catalog: { streams: unknown[] } }).catalog.streams.length).toBeGreaterThanOrEqual(5000);
    const q = await h.call('POST', `/api/v1/integrations/sources/${id}/catalog/query`, { token, body: { jmes_query: "length(streams[?namespace=='finance'])" } });
    expect(q.json).toBe(650);
  });
});
