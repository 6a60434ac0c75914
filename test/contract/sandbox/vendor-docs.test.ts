import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlExamples, type CurlExample } from '../../support/curl-examples';
import { startHarness, EU, US, type SandboxHarness } from '../../support/sandbox-client';

// The vendor's own curl examples (../shared/airbyte-docs), host swapped to the sandbox and
// placeholders filled, must succeed or fail exactly as the documents (and, where they disagree,
// the contract) say.
const docs = path.resolve(__dirname, '../../../../shared/airbyte-docs');
const examples: CurlExample[] = readdirSync(docs)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => curlExamples(path.join(docs, f), { REGION_ID: US }));
const keyOf = (e: CurlExample) => `${path.basename(e.file).slice(0, 3)}:${e.line}`;

/** Expected status per example, with the reason when it is not a plain success. */
const EXPECTED: Record<string, { status: number; why?: string }> = {
  '000:10': { status: 200 },
  '000:37': { status: 200 },
  '000:47': { status: 200 },
  '000:64': { status: 200 },
  '000:93': { status: 404, why: 'pre-2026 path; templates live under /api/v1/integrations/templates/sources (replayed there below)' },
  '001:25': { status: 200 },
  '001:67': { status: 200 },
  '001:88': { status: 200 },
  '001:116': { status: 200 },
  '001:149': { status: 200 },
  '001:200': { status: 200 },
  '001:256': { status: 200 },
  '001:286': { status: 200 },
  '001:390': { status: 204 },
  '001:404': { status: 200 },
  '001:409': { status: 200 },
  '001:421': { status: 200 },
  '001:438': { status: 200 },
  '001:462': { status: 200 },
  '002:19': { status: 200 },
  '002:67': { status: 200 },
  '003:30': { status: 200 },
  '003:93': { status: 200 },
  '003:107': { status: 200 },
  '003:143': { status: 200 },
  '003:148': { status: 200 },
  '003:178': { status: 200 },
  '003:249': { status: 200 },
  '003:264': { status: 200 },
  '003:281': { status: 200 },
  '003:405': { status: 200 },
  '003:412': { status: 200 },
  '003:481': { status: 200 },
  '004:4': { status: 404, why: 'mid-2025 api.airbyte.com/v1/embedded/widget_token, not served (contract §11.2)' },
  '004:29': { status: 404, why: '2025 beta /api/v1/embedded/partial_user_configs, not served (contract §11.2)' },
};

let h: SandboxHarness;
let fill: (text: string) => string;

beforeAll(async () => {
  h = await startHarness();
  const op = await h.operatorToken();
  const scoped = await h.scopedToken('acme-us-demo');
  const info = (await h.call('GET', '/api/v1/embedded/scoped-token/info', { token: scoped })).json as { workspace_id: string };
  const sourceId = await h.sourceId('acme-us-demo', 'Postgres - acme');
  // A template whose required fields are all defaulted, so the docs' `"source_config": {}` is complete.
  const template = await h.call('POST', '/api/v1/integrations/templates/sources', {
    token: op,
    body: { name: 'Docs Stripe', actor_definition_id: 'e094cb9a-26de-4645-8761-65c0c425d1de', partial_default_config: { account_id: 'acct_docs', client_secret: 'sk_docs' } },
  });
  const templateId = (template.json as { id: string }).id;
  const table: Array<[RegExp, string]> = [
    [/https:\/\/api\.airbyte\.(ai|com)/g, h.url],
    [/<your_access_token>|<your_operator_token>|<token>|\$OPERATOR_TOKEN/g, op],
    [/<scoped_token>|\$SCOPED_TOKEN/g, scoped],
    [/<your_organization_id>/g, '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11'],
    [/\{source_id\}|\$SOURCE_ID/g, sourceId],
    [/\{stream_name\}/g, 'users'],
    [/your_source_template_id|template-123/g, templateId],
    [/your_workspace_id|your_workspace ID/g, info.workspace_id],
    [/your_workspace_name/g, 'acme-us-demo'],
    [/your_source_name/g, 'Docs example source'],
    [/optional_region_id/g, EU],
  ];
  fill = (text) => table.reduce((acc, [re, value]) => acc.replace(re, value), text);
});
afterAll(() => h.close());

async function replay(example: CurlExample) {
  const headers = Object.fromEntries(Object.entries(example.headers).map(([k, v]) => [k, fill(v)]));
  // Docs annotate JSON with `// …` comments; a reader drops them before sending.
  const body = example.data === undefined ? undefined : fill(example.data).replace(/\s\/\/[^\n]*/g, '');
  const res = await fetch(fill(example.url), { method: example.method, headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('vendor curl examples replayed against the sandbox', () => {
  it('finds every example and has an expectation for each', () => {
    expect(examples.length).toBe(35);
    expect(examples.map(keyOf).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Sequential, in document order: the stream workflow examples build on each other.
  it.each(examples.map((e) => [keyOf(e), `${e.method} ${new URL(e.url.replace(/[{}$]/g, '')).pathname}`, e] as const))(
    '%s %s',
    async (key, _label, example) => {
      const expected = EXPECTED[key];
      const res = await replay(example);
      expect(res.status, `${key}: ${JSON.stringify(res.json)}${expected?.why ? ` (${expected.why})` : ''}`).toBe(expected?.status);
    },
  );

  it('answers the documented shapes', async () => {
    const byKey = (key: string) => examples.find((e) => keyOf(e) === key) as CurlExample;
    expect((await replay(byKey('003:178'))).json).toMatchObject({ workspace_id: expect.any(String), workspace_name: 'acme-us-demo' });
    const query = (await replay(byKey('001:200'))).json as Array<{ name: string }>;
    expect(query.map((s) => s.name)).toEqual(['users', 'orders']);
    const widget = (await replay(byKey('003:249'))).json as { token: string };
    expect(JSON.parse(Buffer.from(widget.token, 'base64').toString())).toMatchObject({ token: expect.any(String), widgetUrl: expect.stringContaining('allowedOrigin=https%3A%2F%2Fyourapp.com') });
  });

  it('creates the 000:93 whitelist template at the current path', async () => {
    const example = examples.find((e) => keyOf(e) === '000:93') as CurlExample;
    const res = await replay({ ...example, url: example.url.replace('/api/v1/embedded/templates/sources', '/api/v1/integrations/templates/sources') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'PostgreSQL Analytics Template', customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['orders', 'customers', 'products'] } });
  });

  it('refuses 002’s "arbitrary string" region_id: the contract allows only the US and EU ids', async () => {
    const res = await h.call('POST', '/api/v1/embedded/scoped-token', { token: await h.operatorToken(), body: { workspace_name: 'x-docs', region_id: 'https://yourapp.com' } });
    expect(res.status).toBe(422);
  });
});
