import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTemplate, ConnectorSpec, Definitions, SourceTemplate, SourceTemplateItem, Tag } from '../../preload/contract';
import { coreOn } from './streams-harness';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';

// Every templates:* channel through the router against a real sandbox, with a recording proxy in
// front of it so the test can see what went over the wire (propagate, tags_mode) and make the
// "server" add a field the app does not know.

const POSTGRES = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const S3_DESTINATION = '4816b78f-1489-44c1-9060-4b19d5fa9362';

interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

/** A loopback proxy that records requests and may rewrite JSON answers. */
async function startRecordingProxy(target: string) {
  const upstream = new URL(target);
  const recorded: Recorded[] = [];
  let rewrite: ((method: string, url: string, body: unknown) => unknown) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      recorded.push({ method: req.method ?? '', url: req.url ?? '', body });
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          let text = Buffer.concat(parts);
          const headers = { ...answer.headers };
          if (rewrite && (answer.statusCode ?? 500) < 300 && text.length > 0) {
            text = Buffer.from(JSON.stringify(rewrite(req.method ?? '', req.url ?? '', JSON.parse(text.toString('utf8')))));
            headers['content-length'] = String(text.length);
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      });
      out.on('error', () => res.destroy());
      out.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recorded,
    setRewrite: (fn: typeof rewrite) => (rewrite = fn),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let h: SandboxHarness;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let app: ReturnType<typeof coreOn>;

beforeAll(async () => {
  h = await startHarness();
  proxy = await startRecordingProxy(h.url);
  app = coreOn(proxy.url);
});
afterAll(async () => {
  await app.core.close();
  await proxy.close();
  await h.close();
});

const lastRequest = (method: string, path: RegExp) => [...proxy.recorded].reverse().find((r) => r.method === method && path.test(r.url));

describe('source templates', () => {
  it('lists the organization’s or the global templates, always sending tags_mode', async () => {
    const org = await app.value<SourceTemplateItem[]>('templates:sourceList', {});
    expect(org.length).toBeGreaterThan(0);
    expect(org.every((t) => t.organizationId !== null)).toBe(true);
    expect(lastRequest('GET', /^\/api\/v1\/integrations\/templates\/sources\?/)?.url).toContain('tags_mode=all');

    const crmAny = await app.value<SourceTemplateItem[]>('templates:sourceList', { tags: ['crm', 'finance'], mode: 'any' });
    const url = new URL(lastRequest('GET', /^\/api\/v1\/integrations\/templates\/sources\?/)?.url ?? '', 'http://x');
    expect(url.searchParams.getAll('tags')).toEqual(['crm', 'finance']);
    expect(url.searchParams.get('tags_mode')).toBe('any');
    expect(crmAny.length).toBeGreaterThan(0);
    expect(crmAny.every((t) => t.tags.includes('crm') || t.tags.includes('finance'))).toBe(true);
    const crmAll = await app.value<SourceTemplateItem[]>('templates:sourceList', { tags: ['crm', 'premium'], mode: 'all' });
    expect(crmAll.every((t) => t.tags.includes('crm') && t.tags.includes('premium'))).toBe(true);
    expect(crmAll.length).toBeLessThan(crmAny.length);

    const global = await app.value<SourceTemplateItem[]>('templates:sourceList', { global: true });
    expect(global.length).toBeGreaterThan(0);
    expect(global.every((t) => t.organizationId === null)).toBe(true);
    expect(lastRequest('GET', /^\/api\/v1\/integrations\/templates\/sources\?/)?.url).toContain('use_global=true');
  });

  it('creates, reads, clones, updates (propagate on the wire), tags and deletes', async () => {
    const created = await app.value<SourceTemplate>('templates:sourceCreate', {
      definitionId: POSTGRES,
      name: 'Test PG',
      partialDefaultConfig: { port: 5433 },
      customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users'] },
      tags: ['t-online'],
    });
    expect(created).toMatchObject({ name: 'Test PG', definitionId: POSTGRES, tags: ['t-online'], mode: 'REPLICATION', partialDefaultConfig: { port: 5433 } });
    expect(created.spec).toMatchObject({ type: 'object' });
    expect(lastRequest('POST', /^\/api\/v1\/integrations\/templates\/sources$/)?.body).toEqual({
      actor_definition_id: POSTGRES, partial_default_config: { port: 5433 }, mode: 'REPLICATION', tags: ['t-online'], name: 'Test PG',
      customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users'] },
    });

    const read = await app.value<SourceTemplate>('templates:sourceGet', { id: created.id });
    expect(read.id).toBe(created.id);
    // GET adds auth_tooltip; the view does not map it, so it is carried, not dropped.
    expect(read.serverFields).toMatchObject({ auth_tooltip: expect.any(String), is_experimental: false });
    expect(Object.keys(read.serverFields)).not.toContain('id');

    const updated = await app.value<SourceTemplate>('templates:sourceUpdate', { id: created.id, changes: { name: 'Test PG 2' }, propagate: false });
    expect(updated.name).toBe('Test PG 2');
    expect(lastRequest('PATCH', new RegExp(`/templates/sources/${created.id}$`))?.body).toEqual({ name: 'Test PG 2', propagate: false });
    await app.value('templates:sourceUpdate', { id: created.id, changes: { partialDefaultConfig: { port: 5434 } }, propagate: true });
    expect(lastRequest('PATCH', new RegExp(`/templates/sources/${created.id}$`))?.body).toEqual({ partial_default_config: { port: 5434 }, propagate: true });

    const tagged = await app.value<SourceTemplate>('templates:sourceTag', { id: created.id, tag: 't-extra', attach: true });
    expect(tagged.tags).toEqual(['t-online', 't-extra']);
    const untagged = await app.value<SourceTemplate>('templates:sourceTag', { id: created.id, tag: 't-online', attach: false });
    expect(untagged.tags).toEqual(['t-extra']);
    const absent = await app.call('templates:sourceTag', { id: created.id, tag: 't-online', attach: false });
    expect(absent.ok).toBe(false);
    if (!absent.ok) expect(absent.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('does not carry the tag “t-online”') });

    const global = (await app.value<SourceTemplateItem[]>('templates:sourceList', { global: true })).find((t) => t.definitionId === POSTGRES);
    const clone = await app.value<SourceTemplate>('templates:sourceClone', { id: global?.id, name: 'My Postgres', mode: 'DIRECT' });
    expect(clone).toMatchObject({ name: 'My Postgres', mode: 'DIRECT', definitionId: POSTGRES });
    expect(clone.organizationId).not.toBeNull();

    const deleted = await app.value<{ id: string; deletedAt: string }>('templates:sourceDelete', { id: created.id });
    expect(deleted.id).toBe(created.id);
    expect(Date.parse(deleted.deletedAt)).not.toBeNaN();
    const gone = await app.call('templates:sourceGet', { id: created.id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error).toMatchObject({ code: 'not_found', message: `The source template ${created.id} was not found (it may have been deleted): reload the list.` });
    await app.value('templates:sourceDelete', { id: clone.id });
  });

  it('refuses an unknown connector and an empty whitelist in plain words', async () => {
    const unknown = await app.call('templates:sourceCreate', { definitionId: '00000000-0000-4000-8000-000000000000', partialDefaultConfig: {} });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('does not know the connector');
    const empty = await app.call('templates:sourceCreate', { definitionId: POSTGRES, partialDefaultConfig: {}, customization: { stream_selection_mode: 'whitelist', stream_whitelist: [] } });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toMatchObject({ code: 'validation', details: { issues: [{ path: 'customization.stream_whitelist' }] } });
  });

  it('carries a field the server adds (future_field) in serverFields', async () => {
    const [first] = await app.value<SourceTemplateItem[]>('templates:sourceList', {});
    proxy.setRewrite((method, url, body) => (method === 'GET' && url.includes('/templates/') ? { ...(body as object), future_field: { since: '2027' } } : body));
    try {
      const source = await app.value<SourceTemplate>('templates:sourceGet', { id: first?.id });
      expect(source.serverFields.future_field).toEqual({ since: '2027' });
      const [connection] = await app.value<ConnectionTemplate[]>('templates:connectionList', {});
      const one = await app.value<ConnectionTemplate>('templates:connectionGet', { id: connection?.id });
      expect(one.serverFields.future_field).toEqual({ since: '2027' });
    } finally {
      proxy.setRewrite(null);
    }
  });
});

describe('connection templates', () => {
  it('lists with tags_mode, creates both kinds, updates, tags and deletes', async () => {
    const all = await app.value<ConnectionTemplate[]>('templates:connectionList', {});
    expect(all.length).toBeGreaterThan(0);
    expect(lastRequest('GET', /^\/api\/v1\/integrations\/templates\/connections\?/)?.url).toContain('tags_mode=all');
    const anyOf = await app.value<ConnectionTemplate[]>('templates:connectionList', { tags: ['hourly', 'free-tier'], mode: 'any' });
    expect(lastRequest('GET', /^\/api\/v1\/integrations\/templates\/connections\?/)?.url).toContain('tags_mode=any');
    expect(anyOf.map((t) => t.tags.some((x) => x === 'hourly' || x === 'free-tier'))).not.toContain(false);

    const user = await app.value<ConnectionTemplate>('templates:connectionCreate', {
      dataHostingType: 'user_hosted', destinationName: 'Test S3', destinationDefinitionId: S3_DESTINATION, destinationConfig: { s3_bucket_name: 'b' }, cronExpression: '0 0 12 * * ?', tags: ['t-conn'],
    });
    expect(user).toMatchObject({ dataHostingType: 'user_hosted', destinationName: 'Test S3', destinationConfig: { s3_bucket_name: 'b' }, cronExpression: '0 0 12 * * ?', nonBreakingChangesPreference: 'ignore', syncOnCreate: true, tags: ['t-conn'] });
    expect(lastRequest('POST', /\/templates\/connections$/)?.body).toEqual({
      data_hosting_type: 'user_hosted', destination_name: 'Test S3', destination_definition_id: S3_DESTINATION, destination_config: { s3_bucket_name: 'b' },
      non_breaking_changes_preference: 'ignore', sync_on_create: true, tags: ['t-conn'], cron_expression: '0 0 12 * * ?',
    });
    const hosted = await app.value<ConnectionTemplate>('templates:connectionCreate', { dataHostingType: 'airbyte_hosted', cronExpression: '0 0 6 ? * MON-FRI' });
    expect(hosted).toMatchObject({ dataHostingType: 'airbyte_hosted', destinationName: null, destinationConfig: null, cronExpression: '0 0 6 ? * MON-FRI' });
    expect(lastRequest('POST', /\/templates\/connections$/)?.body).toEqual({ data_hosting_type: 'airbyte_hosted', cron_expression: '0 0 6 ? * MON-FRI' });

    const changed = await app.value<ConnectionTemplate>('templates:connectionUpdate', { id: user.id, changes: { cronExpression: null, syncOnCreate: false, nonBreakingChangesPreference: 'disable' } });
    expect(changed).toMatchObject({ cronExpression: null, syncOnCreate: false, nonBreakingChangesPreference: 'disable' });
    expect(lastRequest('PATCH', new RegExp(`/templates/connections/${user.id}$`))?.body).toEqual({ cron_expression: null, non_breaking_changes_preference: 'disable', sync_on_create: false });
    const badCron = await app.call('templates:connectionUpdate', { id: user.id, changes: { cronExpression: 'every day' } });
    expect(badCron.ok).toBe(false);
    if (!badCron.ok) expect(badCron.error.code).toBe('validation');

    expect((await app.value<ConnectionTemplate>('templates:connectionTag', { id: user.id, tag: 't-conn-2', attach: true })).tags).toEqual(['t-conn', 't-conn-2']);
    expect((await app.value<ConnectionTemplate>('templates:connectionTag', { id: user.id, tag: 't-conn', attach: false })).tags).toEqual(['t-conn-2']);
    expect((await app.value<ConnectionTemplate>('templates:connectionGet', { id: user.id })).tags).toEqual(['t-conn-2']);

    for (const id of [user.id, hosted.id]) expect((await app.value<{ id: string }>('templates:connectionDelete', { id })).id).toBe(id);
    const gone = await app.call('templates:connectionGet', { id: user.id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toBe(`The connection template ${user.id} was not found (it may have been deleted): reload the list.`);
  });
});

describe('tags', () => {
  it('creates, renames (reaching templates) and deletes (detaching everywhere), with clear errors', async () => {
    const tag = await app.value<Tag>('templates:tagCreate', { name: 'reg-a' });
    expect(tag.name).toBe('reg-a');
    expect((await app.value<Tag[]>('templates:tags')).map((t) => t.name)).toContain('reg-a');
    const again = await app.call('templates:tagCreate', { name: 'reg-a' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatchObject({ code: 'conflict', message: 'A tag named “reg-a” already exists: pick another name.' });

    const template = await app.value<SourceTemplate>('templates:sourceCreate', { definitionId: POSTGRES, partialDefaultConfig: {}, tags: ['reg-a'] });
    const connection = await app.value<ConnectionTemplate>('templates:connectionCreate', { dataHostingType: 'airbyte_hosted', tags: ['reg-a'] });
    const renamed = await app.value<Tag>('templates:tagRename', { name: 'reg-a', newName: 'reg-b' });
    expect(renamed).toMatchObject({ id: tag.id, name: 'reg-b' });
    expect((await app.value<SourceTemplate>('templates:sourceGet', { id: template.id })).tags).toEqual(['reg-b']);
    expect((await app.value<ConnectionTemplate>('templates:connectionGet', { id: connection.id })).tags).toEqual(['reg-b']);
    expect((await app.value<SourceTemplateItem[]>('templates:sourceList', { tags: ['reg-b'] })).map((t) => t.id)).toEqual([template.id]);

    const missing = await app.call('templates:tagRename', { name: 'reg-a', newName: 'reg-c' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'not_found', message: 'There is no tag “reg-a” (it may have been renamed or deleted): reload the tags.' });
    await app.value('templates:tagCreate', { name: 'reg-taken' });
    const taken = await app.call('templates:tagRename', { name: 'reg-b', newName: 'reg-taken' });
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.message).toBe('A tag named “reg-taken” already exists: pick another name.');

    const deleted = await app.value<{ id: string; deletedAt: string }>('templates:tagDelete', { name: 'reg-b' });
    expect(deleted.id).toBe(tag.id);
    expect((await app.value<SourceTemplate>('templates:sourceGet', { id: template.id })).tags).toEqual([]);
    expect((await app.value<Tag[]>('templates:tags')).map((t) => t.name)).not.toContain('reg-b');
    const deleteAgain = await app.call('templates:tagDelete', { name: 'reg-b' });
    expect(deleteAgain.ok).toBe(false);
    if (!deleteAgain.ok) expect(deleteAgain.error.code).toBe('not_found');
    // Input the contract refuses never reaches the API.
    const tooLong = await app.call('templates:tagCreate', { name: 'x'.repeat(256) });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error.code).toBe('invalid_input');
  });
});

describe('connectors and cron', () => {
  it('lists definitions from the server and marks which specs are cached', async () => {
    const defs = await app.value<Definitions>('templates:definitions');
    expect(defs).toMatchObject({ from: 'server', offlineReason: null });
    expect(defs.sources.find((s) => s.id === POSTGRES)).toMatchObject({ name: 'Postgres', dockerRepository: 'airbyte/source-postgres', supportLevel: 'certified' });
    expect(defs.destinations.map((d) => d.name)).toContain('S3');
    // Earlier tests read Postgres templates, which cached its spec.
    expect(defs.sources.find((s) => s.id === POSTGRES)?.specCached).toBe(true);
  });

  it('answers a connector’s spec with its secret paths', async () => {
    const spec = await app.value<ConnectorSpec>('templates:spec', { definitionId: POSTGRES });
    expect(spec).toMatchObject({ definitionId: POSTGRES, from: 'server', secretPaths: ['/password'] });
    expect(spec.spec).toMatchObject({ properties: { password: { airbyte_secret: true } } });
    const unknown = await app.value<ConnectorSpec>('templates:spec', { definitionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown).toEqual({ definitionId: '00000000-0000-4000-8000-000000000000', spec: null, from: 'none', secretPaths: [] });
  });

  it('describes valid and invalid cron expressions', async () => {
    expect(await app.value('templates:cronDescribe', { expression: '0 0 12 * * ?' })).toEqual({ isValid: true, description: expect.stringMatching(/12:00/) });
    const invalid = await app.value<{ isValid: boolean; description: string }>('templates:cronDescribe', { expression: 'every tuesday' });
    expect(invalid.isValid).toBe(false);
    expect(invalid.description.length).toBeGreaterThan(0);
  });
});
