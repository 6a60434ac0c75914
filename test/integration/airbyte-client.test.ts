import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/ipc/app-error';
import { AirbyteClient } from '../../main/services/airbyte/airbyte-client';
import { HttpClient } from '../../main/services/http/http-client';
import type { RetryPolicy } from '../../main/services/http/retry-policy';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';

// Real HTTP to the sandbox; faults and the clock come from its /__sandbox/ controls.
const fastRetries: RetryPolicy = { rateLimitRetries: 3, transientRetries: 2, maxRetryAfterMs: 60_000, backoffMs: () => 10 };

let h: SandboxHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  await h.call('DELETE', '/__sandbox/faults');
});

function makeClient(credentials = { client_id: 'sandbox', client_secret: 'sandbox' }) {
  const http = new HttpClient({}, fastRetries);
  const client = new AirbyteClient({ baseUrl: h.url, http, credentials: async () => credentials });
  return { http, client };
}
const fault = (body: Record<string, unknown>) => h.call('POST', '/__sandbox/faults', { body });
const mints = (http: HttpClient) => http.log.list().filter((e) => e.url.endsWith('/applications/token')).length;

async function caught(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function workspaceRef(client: AirbyteClient, name: string) {
  for await (const page of client.workspacePages({ nameContains: name })) {
    const found = page.find((w) => w.name === name);
    if (found) return { id: found.id, name: found.name };
  }
  throw new Error(`no workspace ${name}`);
}

describe('Airbyte client against the sandbox', () => {
  it('pages through every workspace by following next', async () => {
    const { client } = makeClient();
    const seen: string[] = [];
    for await (const page of client.workspacePages({ limit: 7 })) seen.push(...page.map((w) => w.id));
    expect(seen.length).toBe((await client.workspaceStats()).total_count);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('retries a GET through 503s and a dropped connection', async () => {
    const { client, http } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'status', status: 503, times: 1 });
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'reset', times: 1 });
    expect((await client.workspaceStats()).total_count).toBeGreaterThan(0);
    const attempts = http.log.list().filter((e) => e.url.endsWith('/stats')).slice(-3);
    expect(attempts.map((e) => e.status)).toEqual([503, null, 200]);
  });

  it('gives up after two retries with a typed, retryable server error', async () => {
    const { client } = makeClient();
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'status', status: 502, times: 3 });
    const error = await caught(client.workspaceStats());
    expect(error).toMatchObject({ code: 'server', retryable: true, status: 502 });
    expect(error.message).toMatch(/counting workspaces, HTTP 502/);
  });

  it('waits for Retry-After on 429, for any method', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'status', status: 429, retry_after_s: 1 });
    const started = performance.now();
    await client.workspaceStats();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('never sends a stream create twice without the user', async () => {
    const { client, http } = makeClient();
    const acme = await workspaceRef(client, 'acme-us-demo');
    const source = (await client.listSources(acme)).data.find((s) => s.name === 'Postgres - acme')?.id ?? '';
    await fault({ route: 'POST /api/v1/integrations/sources/{id}/streams', kind: 'status', status: 503, times: 1 });
    const error = await caught(client.addStream(acme, source, { stream_name: 'users' }));
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(http.log.list().filter((e) => e.method === 'POST' && e.url.endsWith('/streams'))).toHaveLength(1);
    // The user says "try again": it goes through now.
    expect(await client.addStream(acme, source, { stream_name: 'users' })).toMatchObject({ stream_name: 'users' });
  });

  it('re-mints an expired operator token once and retries the call', async () => {
    const { client, http } = makeClient();
    await client.workspaceStats();
    expect(mints(http)).toBe(1);
    await h.call('POST', '/__sandbox/clock', { body: { advance_s: 901 } });
    await client.workspaceStats();
    expect(mints(http)).toBe(2);
    const statuses = http.log.list().filter((e) => e.url.endsWith('/stats')).map((e) => e.status);
    expect(statuses.slice(-2)).toEqual([401, 200]);
  });

  it('shares one mint among 50 concurrent callers, cold and after expiry', async () => {
    const { client, http } = makeClient();
    await Promise.all(Array.from({ length: 50 }, () => client.workspaceStats()));
    expect(mints(http)).toBe(1);
    await h.call('POST', '/__sandbox/clock', { body: { advance_s: 901 } });
    await Promise.all(Array.from({ length: 50 }, () => client.workspaceStats()));
    expect(mints(http)).toBe(2);
  });

  it('reports rejected credentials in words a user can act on', async () => {
    const { client } = makeClient({ client_id: 'sandbox', client_secret: 'wrong' });
    const error = await caught(client.workspaceStats());
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('The API rejected this profile’s client id or secret. Check them and save again.');
  });

  it('is refused (403) across workspaces', async () => {
    const { client } = makeClient();
    const acme = await workspaceRef(client, 'acme-us-demo');
    const globex = await workspaceRef(client, 'globex-eu-demo');
    const hubspot = (await client.listSources(globex)).data[0]?.id ?? '';
    const error = await caught(client.discover(acme, hubspot));
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('refuses a workspace reference whose name now belongs to another id', async () => {
    const { client } = makeClient();
    const error = await caught(client.listSources({ id: '00000000-0000-4000-8000-000000000000', name: 'acme-us-demo' }));
    expect(error.code).toBe('conflict');
  });

  it('cancels a slow call on request', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'latency', ms: 3000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await caught(client.workspaceStats({ signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('times out a call that does not answer', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces/stats', kind: 'latency', ms: 3000 });
    const error = await caught(client.workspaceStats({ timeoutMs: 200 }));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('turns a truncated body into a typed network error after its retries', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces', kind: 'truncate', times: 3 });
    const error = await caught(client.workspacePages().next());
    expect(error.code).toBe('network');
  });

  it('parses the envelope error style into field issues', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'PUT /api/v1/workspaces/{id}', kind: 'status', status: 422, body: { message: 'Validation failed', errors: [{ field: 'name', message: 'too long', error_code: 'x', details: null }] } });
    const error = await caught(client.updateWorkspace('00000000-0000-4000-8000-000000000000', { name: 'x' }));
    expect(error).toMatchObject({ code: 'validation', issues: [{ path: 'name', message: 'too long' }] });
    expect(error.message).toContain('Validation failed');
  });

  it('refuses to follow next to another origin (the bearer never leaves)', async () => {
    const { client } = makeClient();
    await client.workspaceStats();
    await fault({ route: 'GET /api/v1/workspaces', kind: 'status', status: 200, body: { data: [], next: 'https://evil.example/api/v1/workspaces?cursor=x' } });
    const pages = client.workspacePages();
    await pages.next();
    const error = await caught(pages.next());
    expect(error.message).toContain('does not send credentials there');
  });

  it('creates a workspace in a region by minting, and says whether it was new', async () => {
    const { client } = makeClient();
    const first = await client.createWorkspace('client-created-eu', 'b9e48d61-f082-4a14-a8d0-799a907938cb');
    expect(first.created).toBe(true);
    const again = await client.createWorkspace('client-created-eu', 'b9e48d61-f082-4a14-a8d0-799a907938cb');
    expect(again).toEqual({ workspaceId: first.workspaceId, created: false });
  });

  it('keeps tokens and secrets out of the request log and error texts', async () => {
    const { client, http } = makeClient();
    const acme = await workspaceRef(client, 'acme-us-demo');
    await client.listSources(acme);
    await caught(client.getWorkspace('00000000-0000-4000-8000-000000000000'));
    const everything = JSON.stringify(http.log.list());
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(everything).toContain('Bearer $TOKEN');
    const mint = http.log.list().find((e) => e.url.endsWith('/applications/token'));
    expect(mint?.curl).toContain('\\"client_secret\\":\\"$CLIENT_SECRET\\"');
  });
});
