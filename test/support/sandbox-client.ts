import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../main/sandbox/server';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (non-JSON bodies, patches with another content type). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A started sandbox plus a tiny HTTP client over real loopback HTTP. */
export interface SandboxHarness {
  sandbox: RunningSandbox;
  url: string;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  operatorToken(): Promise<string>;
  scopedToken(workspaceName: string, regionId?: string): Promise<string>;
  sourceId(workspaceName: string, sourceName: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
  const sandbox = await startSandbox({ controls: true, ...options });
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, sandbox.url), { method, headers, body });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  const operatorToken = async () => {
    const res = await call('POST', '/api/v1/account/applications/token', { body: { client_id: 'sandbox', client_secret: 'sandbox' } });
    if (res.status !== 200) throw new Error(`operator token: ${res.status} ${res.text}`);
    return (res.json as { access_token: string }).access_token;
  };
  const scopedToken = async (workspaceName: string, regionId?: string) => {
    const res = await call('POST', '/api/v1/embedded/scoped-token', {
      token: await operatorToken(),
      body: { workspace_name: workspaceName, ...(regionId ? { region_id: regionId } : {}) },
    });
    if (res.status !== 200) throw new Error(`scoped token: ${res.status} ${res.text}`);
    return (res.json as { token: string }).token;
  };
  const sourceId = async (workspaceName: string, sourceName: string) => {
    const res = await call('GET', '/api/v1/embedded/sources', { token: await scopedToken(workspaceName) });
    const found = (res.json as { data: Array<{ id: string; name: string }> }).data.find((s) => s.name === sourceName);
    if (!found) throw new Error(`no source ${sourceName} in ${workspaceName}`);
    return found.id;
  };
  return { sandbox, url: sandbox.url, call, operatorToken, scopedToken, sourceId, close: () => sandbox.close() };
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const US = '645a183f-b12b-4c6e-8ad3-99e165603450';
export const EU = 'b9e48d61-f082-4a14-a8d0-799a907938cb';
