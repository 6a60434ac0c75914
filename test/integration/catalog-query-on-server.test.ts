import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { compile } from '../../lib/jmespath';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// "Run on server": catalog:query sends the same query to the API's catalog/query and answers its
// result as JSON text; on the sandbox it must agree with the local engine on the discovered catalog.

let h: SandboxHarness;
let core: ReturnType<typeof createCore>;
let call: (channel: string, input?: unknown) => ReturnType<ReturnType<typeof core.createRouter>['dispatch']>;
let source: { workspaceId: string; sourceId: string };

beforeAll(async () => {
  h = await startHarness();
  core = createCore({ shell: 'browser', userDataDir: tempDir('ec-query-'), keytarLoader: memoryKeytar(), sandboxHost: { url: async () => h.url, regionOf: () => null, stop: async () => undefined } });
  const router = core.createRouter(() => null);
  call = (channel, input) => router.dispatch(channel, input, {});
  const list = (await call('workspaces:list', { nameContains: 'acme-us-demo' })) as { ok: true; value: { items: Array<{ id: string; name: string }> } };
  const workspace = list.value.items.find((w) => w.name === 'acme-us-demo')!;
  const sources = (await call('workspaces:sources', { id: workspace.id })) as { ok: true; value: Array<{ id: string; name: string }> };
  source = { workspaceId: workspace.id, sourceId: sources.value.find((s) => s.name.startsWith('Postgres'))!.id };
});
afterAll(async () => {
  await core.close();
  await h.close();
});

describe('catalog:query (run on server)', () => {
  it('answers as the local engine does on the discovered catalog', async () => {
    const discovered = (await call('catalog:discover', { ...source, requestId: 'discover-1' })) as { ok: true; value: { text: string } };
    const catalog = (JSON.parse(discovered.value.text) as { catalog: { streams: unknown[] } }).catalog;
    for (const query of ["streams[?contains(supported_sync_modes, 'incremental')].name", 'streams[?source_defined_cursor==`true`].name', 'length(streams)', 'streams[0].json_schema.properties', 'missing']) {
      const server = await call('catalog:query', { ...source, query });
      expect(server, query).toMatchObject({ ok: true });
      if (server.ok) expect(JSON.parse((server.value as { resultText: string }).resultText), query).toEqual(compile(query).search({ streams: catalog.streams }));
    }
  });

  it('reports the server’s refusal of a bad expression in words, with Python’s reason', async () => {
    const refused = await call('catalog:query', { ...source, query: 'streams[*].' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Invalid JMESPath expression: Expecting: [') } });
  });
});
