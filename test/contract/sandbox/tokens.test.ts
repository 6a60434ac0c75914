import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, decodeJwtPayload, EU, US, type SandboxHarness } from '../../support/sandbox-client';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const INVALID = { detail: 'Invalid authentication credentials' };

describe('operator token (§2.2)', () => {
  it('mints a 900 s bearer for the sandbox credentials, ignoring a legacy grant_type', async () => {
    const res = await h.call('POST', '/api/v1/account/applications/token', {
      body: { client_id: 'sandbox', client_secret: 'sandbox', grant_type: 'client_credentials' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 900, organization_id: '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11' });
    const claims = decodeJwtPayload((res.json as { access_token: string }).access_token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expect(claims.iss).toBe(h.url);
  });

  it('rejects any other credentials with 401', async () => {
    for (const body of [{ client_id: 'sandbox', client_secret: 'wrong' }, { client_id: 'admin', client_secret: 'sandbox' }]) {
      const res = await h.call('POST', '/api/v1/account/applications/token', { body });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(INVALID);
    }
  });

  it('answers a missing field with FastAPI’s 422 list', async () => {
    const res = await h.call('POST', '/api/v1/account/applications/token', { body: { client_id: 'sandbox' } });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ loc: ['body', 'client_secret'], msg: 'field required', type: 'value_error.missing' }] });
  });
});

describe('scoped token (§2.3, §2.4, §2.6)', () => {
  it('returns a token for an existing workspace and ignores region_id', async () => {
    const op = await h.operatorToken();
    const before = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    const res = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, body: { workspace_name: 'acme-us-demo', region_id: EU } });
    expect(res.status).toBe(200);
    const info = await h.call('GET', '/api/v1/embedded/scoped-token/info', { token: (res.json as { token: string }).token });
    expect(info.json).toMatchObject({ workspace_name: 'acme-us-demo', organization_id: '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11' });
    const after = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    expect(after.total_count).toBe(before.total_count);
  });

  it('creates an unknown workspace in the requested region (names are case-sensitive)', async () => {
    const op = await h.operatorToken();
    const res = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, body: { workspace_name: 'ACME-us-demo', region_id: EU } });
    expect(res.status).toBe(200);
    const info = (await h.call('GET', '/api/v1/embedded/scoped-token/info', { token: (res.json as { token: string }).token })).json as {
      workspace_id: string;
    };
    const ws = await h.call('GET', `/api/v1/workspaces/${info.workspace_id}`, { token: op });
    expect(ws.json).toMatchObject({ name: 'ACME-us-demo', status: 'active', x_sandbox_region_id: EU });
  });

  it('defaults a new workspace to the US region', async () => {
    const op = await h.operatorToken();
    const token = await h.scopedToken('fresh-default-region');
    const info = (await h.call('GET', '/api/v1/embedded/scoped-token/info', { token })).json as { workspace_id: string };
    expect((await h.call('GET', `/api/v1/workspaces/${info.workspace_id}`, { token: op })).json).toMatchObject({ x_sandbox_region_id: US });
  });

  it('rejects an unknown region_id and a bad name with 422', async () => {
    const op = await h.operatorToken();
    const bad = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, body: { workspace_name: 'x', region_id: '00000000-0000-4000-8000-000000000000' } });
    expect(bad.status).toBe(422);
    expect((bad.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'region_id']);
    const empty = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, body: { workspace_name: '' } });
    expect(empty.status).toBe(422);
    const long = await h.call('POST', '/api/v1/embedded/scoped-token', { token: op, body: { workspace_name: 'x'.repeat(256) } });
    expect(long.status).toBe(422);
  });

  it('carries the documented claims with a 1200 s lifetime', async () => {
    const token = await h.scopedToken('acme-us-demo');
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'HS256' });
    const claims = decodeJwtPayload(token);
    const info = (await h.call('GET', '/api/v1/embedded/scoped-token/info', { token })).json as { workspace_id: string };
    expect(claims).toMatchObject({
      aud: 'airbyte-server',
      'io.airbyte.auth.workspace_scope': { workspaceId: info.workspace_id },
      roles: ['EMBEDDED_END_USER'],
      iss: h.url,
      typ: 'io.airbyte.auth.embedded_v1',
    });
    expect((claims.act as { sub: string }).sub).toMatch(/^[0-9a-f-]{36}$/);
    expect((claims.exp as number) - (claims.iat as number)).toBe(1200);
    // sub is fixed per workspace
    expect(decodeJwtPayload(await h.scopedToken('acme-us-demo')).sub).toBe(claims.sub);
  });

  it('needs an operator token to mint, and a scoped token for info (wrong type → 401)', async () => {
    const scoped = await h.scopedToken('acme-us-demo');
    const op = await h.operatorToken();
    expect((await h.call('POST', '/api/v1/embedded/scoped-token', { token: scoped, body: { workspace_name: 'a' } })).json).toEqual(INVALID);
    expect((await h.call('GET', '/api/v1/embedded/scoped-token/info', { token: op })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/embedded/scoped-token/info')).status).toBe(401);
    expect((await h.call('GET', '/api/v1/workspaces', { token: scoped })).status).toBe(401);
  });

  it('refuses tampered, malformed and foreign tokens', async () => {
    const token = await h.operatorToken();
    const [header, payload, sig] = token.split('.') as [string, string, string];
    const claims = decodeJwtPayload(token);
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 99999 })).toString('base64url');
    for (const bad of [`${header}.${forged}.${sig}`, `${header}.${payload}`, 'not-a-jwt', `${header}.${payload}.${sig.slice(0, -2)}xx`]) {
      expect((await h.call('GET', '/api/v1/workspaces', { token: bad })).status).toBe(401);
    }
    const other = await startHarness();
    try {
      // A restart (another process secret) invalidates every token.
      expect((await other.call('GET', '/api/v1/workspaces', { token })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('expires operator tokens after 900 s and scoped tokens after 1200 s (sandbox clock)', async () => {
    const clocked = await startHarness();
    try {
      const op = await clocked.operatorToken();
      const scoped = await clocked.scopedToken('acme-us-demo');
      await clocked.call('POST', '/__sandbox/clock', { body: { advance_s: 901 } });
      expect((await clocked.call('GET', '/api/v1/workspaces', { token: op })).status).toBe(401);
      expect((await clocked.call('GET', '/api/v1/embedded/sources', { token: scoped })).status).toBe(200);
      await clocked.call('POST', '/__sandbox/clock', { body: { advance_s: 300 } });
      expect((await clocked.call('GET', '/api/v1/embedded/sources', { token: scoped })).status).toBe(401);
    } finally {
      await clocked.close();
    }
  });

  it('serves the 2026 aliases with identical behaviour (§11.1)', async () => {
    const op = await h.operatorToken();
    const res = await h.call('POST', '/api/v1/account/applications/scoped-token', { token: op, body: { workspace_name: 'globex-eu-demo' } });
    expect(res.status).toBe(200);
    const token = (res.json as { token: string }).token;
    const info = await h.call('GET', '/api/v1/account/applications/scoped-token/info', { token });
    expect(info.json).toMatchObject({ workspace_name: 'globex-eu-demo' });
    const widget = await h.call('POST', '/api/v1/account/applications/widget-token', { token: op, body: { workspace_name: 'globex-eu-demo', allowed_origin: 'https://yourapp.com' } });
    expect(widget.status).toBe(200);
  });
});

describe('widget token (§2.5, §10)', () => {
  const decode = (token: string) => JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { token: string; widgetUrl: string };

  it('is standard padded base64 of {token, widgetUrl}; the inner token is a usable scoped bearer', async () => {
    const op = await h.operatorToken();
    const res = await h.call('POST', '/api/v1/embedded/widget-token', { token: op, body: { workspace_name: 'acme-us-demo', allowed_origin: 'http://127.0.0.1:5173' } });
    expect(res.status).toBe(200);
    const raw = (res.json as { token: string }).token;
    expect(raw).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(raw.length % 4).toBe(0);
    const decoded = decode(raw);
    const info = await h.call('GET', '/api/v1/embedded/scoped-token/info', { token: decoded.token });
    expect(info.status).toBe(200);
    const url = new URL(decoded.widgetUrl);
    expect(url.origin + url.pathname).toBe(`${h.url}/quick-start/widget`);
    expect(url.searchParams.get('workspaceId')).toBe((info.json as { workspace_id: string }).workspace_id);
    expect(url.searchParams.get('allowedOrigin')).toBe('http://127.0.0.1:5173');
    expect(decoded.widgetUrl).toContain('allowedOrigin=http%3A%2F%2F127.0.0.1%3A5173');
    expect(url.searchParams.has('sourceTemplateTag')).toBe(false);
  });

  it('puts tag filters in the widget URL (sandbox extension)', async () => {
    const op = await h.operatorToken();
    const res = await h.call('POST', '/api/v1/embedded/widget-token', {
      token: op,
      body: {
        workspace_name: 'acme-us-demo', allowed_origin: 'https://yourapp.com',
        selected_source_template_tags: ['crm', 'free-tier'], selected_source_template_tags_mode: 'all',
        selected_connection_template_tags: ['standard-sync'],
      },
    });
    const url = new URL(decode((res.json as { token: string }).token).widgetUrl);
    expect(url.searchParams.getAll('sourceTemplateTag')).toEqual(['crm', 'free-tier']);
    expect(url.searchParams.get('sourceTemplateTagsMode')).toBe('all');
    expect(url.searchParams.getAll('connectionTemplateTag')).toEqual(['standard-sync']);
    expect(url.searchParams.get('connectionTemplateTagsMode')).toBe('any');
  });

  it('answers a missing origin with the documented 422 body', async () => {
    const res = await h.call('POST', '/api/v1/embedded/widget-token', { token: await h.operatorToken(), body: { workspace_name: 'acme-us-demo' } });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ loc: ['body', 'allowed_origin'], msg: 'field required', type: 'value_error.missing' }] });
  });

  it.each(['https://yourapp.com', 'https://yourapp.com:443', 'http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080'])(
    'accepts the origin %s',
    async (origin) => {
      const res = await h.call('POST', '/api/v1/embedded/widget-token', { token: await h.operatorToken(), body: { workspace_name: 'acme-us-demo', allowed_origin: origin } });
      expect(res.status).toBe(200);
    },
  );

  it.each(['https://yourapp.com/', 'yourapp.com', '*.yourapp.com', 'https://*.yourapp.com', 'null', 'file:///tmp/x', 'app://console', 'HTTPS://yourapp.com', 'https://u:p@yourapp.com', 'https://yourapp.com?x=1', 'https://yourapp.com#f', 'https://yourapp.com/path'])(
    'rejects the origin %s with 422 value_error',
    async (origin) => {
      const res = await h.call('POST', '/api/v1/embedded/widget-token', { token: await h.operatorToken(), body: { workspace_name: 'acme-us-demo', allowed_origin: origin } });
      expect(res.status).toBe(422);
      const [error] = (res.json as { detail: Array<{ loc: string[]; msg: string; type: string }> }).detail;
      expect(error).toMatchObject({ loc: ['body', 'allowed_origin'], type: 'value_error' });
      expect(error?.msg).toMatch(/^invalid origin: /);
    },
  );

  it('rejects a bad tag mode with 422', async () => {
    const res = await h.call('POST', '/api/v1/embedded/widget-token', {
      token: await h.operatorToken(),
      body: { workspace_name: 'acme-us-demo', allowed_origin: 'https://yourapp.com', selected_source_template_tags_mode: 'some' },
    });
    expect(res.status).toBe(422);
    expect((res.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'selected_source_template_tags_mode']);
  });
});
