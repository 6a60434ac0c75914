import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SandboxHarness } from '../../support/sandbox-client';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('routing errors (§1, §11.2)', () => {
  it('answers unknown routes and methods in FastAPI’s words', async () => {
    expect(await h.call('GET', '/api/v1/nothing')).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    expect(await h.call('PUT', '/api/v1/integrations/templates/sources')).toMatchObject({ status: 405, json: { detail: 'Method Not Allowed' } });
    expect(await h.call('PATCH', '/api/v1/workspaces')).toMatchObject({ status: 405 });
  });

  it.each([
    ['POST', '/api/public/v1/applications/token'],
    ['POST', '/api/public/v1/embedded/widget'],
    ['POST', '/v1/applications/token'],
    ['POST', '/v1/embedded/widget_token'],
    ['POST', '/v1/embedded/scoped_token'],
    ['GET', '/v1/config_templates/sources'],
    ['GET', '/api/v1/embedded/config_templates/sources'],
    ['POST', '/api/v1/embedded/partial_user_configs'],
    ['GET', '/api/v1/integrations/sources'],
    ['GET', '/api/v1/integrations/connections/'],
    ['GET', '/api/v1/embedded/scoped-token-info'],
    ['GET', '/api/v1/embedded/organizations/current-scoped'],
    ['GET', '/api/v1/integrations/connectors'],
  ])('does not serve the legacy path %s %s', async (method, p) => {
    expect(await h.call(method, p, { token: await h.operatorToken() })).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
  });

  it('answers a non-JSON or missing body with 422', async () => {
    const op = await h.operatorToken();
    const broken = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, rawBody: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(422);
    expect((broken.json as { detail: Array<{ loc: unknown[]; type: string }> }).detail[0]).toMatchObject({ loc: ['body', 0], type: 'value_error.jsondecode' });
    const none = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op });
    expect(none).toMatchObject({ status: 422, json: { detail: [{ loc: ['body'], msg: 'field required' }] } });
  });
});

describe('test controls (/__sandbox/)', () => {
  it('are absent unless the sandbox is started with them', async () => {
    const plain = await startHarness({ controls: false });
    try {
      expect((await plain.call('POST', '/__sandbox/reset')).status).toBe(404);
      expect((await plain.call('POST', '/__sandbox/faults', { body: { route: '* /*', kind: 'reset' } })).status).toBe(404);
      expect((await plain.call('POST', '/__sandbox/clock', { body: { advance_s: 1 } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('injects a status with Retry-After, the given number of times', async () => {
    await h.call('POST', '/__sandbox/faults', { body: { route: 'GET /api/v1/workspaces/stats', kind: 'status', status: 429, retry_after_s: 2, times: 2 } });
    const token = await h.operatorToken();
    for (let i = 0; i < 2; i++) {
      const res = await h.call('GET', '/api/v1/workspaces/stats', { token });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.json).toEqual({ detail: 'Too Many Requests' });
    }
    expect((await h.call('GET', '/api/v1/workspaces/stats', { token })).status).toBe(200);
  });

  it('can send Retry-After as an HTTP date and the envelope error style', async () => {
    await h.call('POST', '/__sandbox/faults', {
      body: { route: 'GET /api/v1/workspaces/{workspace_id}', kind: 'status', status: 503, retry_after_s: 5, retry_after_date: true, body_style: 'envelope' },
    });
    const res = await h.call('GET', '/api/v1/workspaces/00000000-0000-4000-8000-000000000000', { token: await h.operatorToken() });
    expect(res.status).toBe(503);
    expect(Number.isNaN(Date.parse(res.headers.get('retry-after') ?? ''))).toBe(false);
    expect(res.json).toMatchObject({ message: 'Service Unavailable', errors: [{ field: 'request' }] });
  });

  it('delays a request by the given latency', async () => {
    await h.call('POST', '/__sandbox/faults', { body: { route: 'GET /api/v1/workspaces', kind: 'latency', ms: 300 } });
    const token = await h.operatorToken();
    const started = performance.now();
    expect((await h.call('GET', '/api/v1/workspaces?limit=1', { token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection or truncates the body', async () => {
    const token = await h.operatorToken();
    await h.call('POST', '/__sandbox/faults', { body: { route: '* /api/v1/workspaces/stats', kind: 'reset' } });
    await expect(h.call('GET', '/api/v1/workspaces/stats', { token })).rejects.toThrow();
    await h.call('POST', '/__sandbox/faults', { body: { route: 'GET /api/v1/workspaces', kind: 'truncate' } });
    await expect(h.call('GET', '/api/v1/workspaces?limit=50', { token })).rejects.toThrow();
  });

  it('validates fault rules and clears them', async () => {
    const bad = await h.call('POST', '/__sandbox/faults', { body: { route: 'workspaces', kind: 'status' } });
    expect(bad.status).toBe(422);
    await h.call('POST', '/__sandbox/faults', { body: { route: '* /*', kind: 'status', status: 500, times: 100 } });
    expect(await h.call('DELETE', '/__sandbox/faults')).toMatchObject({ status: 200, json: { active: 0 } });
    expect((await h.call('GET', '/api/v1/workspaces/stats', { token: await h.operatorToken() })).status).toBe(200);
  });

  it('resets to the seed', async () => {
    const op = await h.operatorToken();
    await h.scopedToken('temporary-workspace');
    const withExtra = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    expect((await h.call('POST', '/__sandbox/reset')).status).toBe(200);
    const after = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    expect(after.total_count).toBe(withExtra.total_count - 1);
  });
});

describe('state across restarts (--data)', () => {
  it('keeps what was created, and survives a corrupt file by moving it aside', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-data-'));
    const first = await startHarness({ dataDir: dir });
    await first.scopedToken('kept-across-restart');
    await first.close();
    const second = await startHarness({ dataDir: dir });
    const page = (await second.call('GET', '/api/v1/workspaces?name_contains=kept-across', { token: await second.operatorToken() })).json as { data: unknown[] };
    expect(page.data).toHaveLength(1);
    await second.close();

    writeFileSync(path.join(dir, 'sandbox-state.json'), '{"version":1, broken');
    const third = await startHarness({ dataDir: dir });
    const reseeded = (await third.call('GET', '/api/v1/workspaces?name_contains=kept-across', { token: await third.operatorToken() })).json as { data: unknown[] };
    expect(reseeded.data).toHaveLength(0);
    await third.close();
    expect(readdirSync(dir).some((f) => f.startsWith('sandbox-state.json.unreadable-'))).toBe(true);
  });
});
