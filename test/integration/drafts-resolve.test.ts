import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftList, DraftPlan, DraftSummary, PublishResult, PullResult, SourceTemplateDraft } from '../../preload/contract';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';
import { draftsCore, startRecordingProxy } from './drafts-harness';

// Settling conflicts (drafts:resolve), git-friendly draft folders (no volatile server fields, the
// state folder ignored by git), and Plan checking a config against its connector's spec, against a
// real sandbox over loopback HTTP.

const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const SOURCES = '/api/v1/integrations/templates/sources';
let h: SandboxHarness;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let token: string;
let app: ReturnType<typeof draftsCore>;
let folder: string;
let pulled: PullResult;

beforeAll(async () => {
  h = await startHarness();
  proxy = await startRecordingProxy(h.url);
  token = await h.operatorToken();
  folder = tempDir('ec-drafts-resolve-');
  app = draftsCore(proxy.url, folder);
  pulled = await app.value<PullResult>('drafts:pull', {});
}, 60_000);
afterAll(async () => {
  await app.core.close();
  await proxy.close();
  await h.close();
});

const api = async (method: string, p: string, body?: unknown) => {
  const res = await h.call(method, p, { token, ...(body === undefined ? {} : { body }) });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${res.text}`);
  return res.json as Record<string, unknown>;
};
const readDraft = async (file: string) => JSON.parse(await readFile(path.join(folder, file), 'utf8')) as SourceTemplateDraft;
const remoteIdOf = async (file: string) => {
  const id = (await app.value<DraftList>('drafts:list')).drafts.find((d) => d.file === file)?.remoteId;
  if (!id) throw new Error(`${file} is not linked`);
  return id;
};
const entryOf = (plan: DraftPlan, file: string) => {
  const found = plan.entries.find((e) => e.file === file);
  if (!found) throw new Error(`no plan entry for ${file}`);
  return found;
};
const stateOf = async () => {
  const [name] = (await readdir(path.join(folder, '.embedded-console'))).filter((n) => n.startsWith('state-'));
  return JSON.parse(await readFile(path.join(folder, '.embedded-console', name as string), 'utf8')) as { drafts: Record<string, { baseHash: string; base: Record<string, unknown> }> };
};

/** Edits a pulled draft's name on disk and the server's name through the API: a conflict. */
async function makeConflict(file: string, draftName: string, serverName: string): Promise<string> {
  const id = await remoteIdOf(file);
  await api('PATCH', `${SOURCES}/${id}`, { name: serverName, propagate: false });
  const draft = await readDraft(file);
  await writeFile(path.join(folder, file), JSON.stringify({ ...draft, name: draftName }));
  expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file).action).toBe('conflict');
  return id;
}

describe('a git-friendly drafts folder', () => {
  it('draft files hold no ids, times or null icons; the state folder ignores itself', async () => {
    expect(pulled.created.length).toBeGreaterThan(5);
    for (const file of pulled.created) {
      const fields = (await readDraft(file)).server_fields;
      for (const key of ['id', 'organization_id', 'created_at', 'updated_at']) expect(fields, `${file} ${key}`).not.toHaveProperty(key);
      if ('icon' in fields) expect(fields.icon).not.toBeNull();
    }
    const ignore = await readFile(path.join(folder, '.embedded-console', '.gitignore'), 'utf8');
    const lines = ignore.split('\n').filter((l) => l !== '');
    expect(lines).toContain('*');
    expect(lines.find((l) => l.startsWith('#'))).toMatch(/per machine and per profile/);
  });

  it('a server change of times only leaves the files byte for byte as they were', async () => {
    const file = 'postgresql-analytics.source.json';
    const before = await readFile(path.join(folder, file), 'utf8');
    const id = await remoteIdOf(file);
    // Same name sent again: the server bumps updated_at and nothing else.
    await api('PATCH', `${SOURCES}/${id}`, { name: (await readDraft(file)).name, propagate: false });
    const pull = await app.value<PullResult>('drafts:pull', {});
    expect(pull.updated).not.toContain(file);
    expect(await readFile(path.join(folder, file), 'utf8')).toBe(before);
  });
});

describe('drafts:resolve', () => {
  it('mine: keeps the file, rebases on the server, and the next plan updates the server to the draft', async () => {
    const file = 'stripe-billing.source.json';
    const id = await makeConflict(file, 'Stripe (mine)', 'Stripe (server)');
    const text = await readFile(path.join(folder, file), 'utf8');
    const { summary } = await app.value<{ summary: DraftSummary }>('drafts:resolve', { file, keep: 'mine' });
    expect(summary).toMatchObject({ file, remoteId: id, local: 'changed' });
    expect(await readFile(path.join(folder, file), 'utf8')).toBe(text);
    expect((await stateOf()).drafts[file]?.base).toMatchObject({ name: 'Stripe (server)' });

    const plan = await app.value<DraftPlan>('drafts:plan', { files: [file] });
    expect(entryOf(plan, file)).toMatchObject({ action: 'update', changes: [{ field: 'name', before: 'Stripe (server)', after: 'Stripe (mine)' }] });
    const { results } = await app.value<{ results: PublishResult[] }>('drafts:publish', { planId: plan.planId, propagate: false });
    expect(results).toMatchObject([{ file, outcome: 'done' }]);
    expect(await api('GET', `${SOURCES}/${id}`)).toMatchObject({ name: 'Stripe (mine)' });
  });

  it('server: rewrites the file from the server as a pull would, keeping the draft’s $secret references', async () => {
    const file = 'postgresql-analytics.source.json';
    const id = await makeConflict(file, 'PG (mine)', 'PG (server)');
    const draft = await readDraft(file);
    await writeFile(path.join(folder, file), JSON.stringify({ ...draft, partial_default_config: { ...draft.partial_default_config, password: { $secret: 'pg-analytics' } } }));
    const stateBefore = (await stateOf()).drafts[file]?.baseHash;

    const { summary } = await app.value<{ summary: DraftSummary }>('drafts:resolve', { file, keep: 'server' });
    expect(summary.remoteId).toBe(id);
    const after = await readDraft(file);
    expect(after.name).toBe('PG (server)');
    expect(after.partial_default_config.password).toEqual({ $secret: 'pg-analytics' });
    const serverNow = await api('GET', `${SOURCES}/${id}`);
    expect(after.tags).toEqual([...(serverNow.tags as string[])].sort());
    const state = (await stateOf()).drafts[file];
    expect(state?.baseHash).not.toBe(stateBefore);
    expect(state?.base).toMatchObject({ name: 'PG (server)' });
    // The text is canonical, as pull writes it.
    expect(await readFile(path.join(folder, file), 'utf8')).toMatch(/^\{\n {2}"kind": "source_template",[\s\S]*\n\}\n$/);
    // No conflict is left: only the reference the draft added remains to send.
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file).action).not.toBe('conflict');
  });

  it('refuses a draft that is not linked, in plain words', async () => {
    const { file } = await app.value<{ file: string }>('drafts:save', {
      file: null,
      draft: { kind: 'source_template', name: 'Never published', actor_definition_id: PG, partial_default_config: {}, customization: { stream_selection_mode: 'suggested' }, tags: [] },
    });
    for (const keep of ['server', 'mine']) {
      const result = await app.call('drafts:resolve', { file, keep });
      expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('not linked to a server template') } });
    }
    expect(await app.call('drafts:resolve', { file: 'no-such-file.json', keep: 'mine' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a template deleted on the server: server is refused; mine unlinks it so the next plan creates it', async () => {
    const file = 'github-engineering.source.json';
    const id = await remoteIdOf(file);
    await api('DELETE', `${SOURCES}/${id}`);
    const text = await readFile(path.join(folder, file), 'utf8');
    const refused = await app.call('drafts:resolve', { file, keep: 'server' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('deleted on the server') } });
    expect(await readFile(path.join(folder, file), 'utf8')).toBe(text);

    const { summary } = await app.value<{ summary: DraftSummary }>('drafts:resolve', { file, keep: 'mine' });
    expect(summary).toMatchObject({ remoteId: null, local: 'new' });
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file).action).toBe('create');
  });
});

describe('plan checks a config against the connector spec', () => {
  it('says which field is wrong and why, accepts $secret references, and says nothing of fields it does not know to check', async () => {
    const { file } = await app.value<{ file: string }>('drafts:save', {
      file: null,
      draft: {
        kind: 'source_template',
        name: 'Typed wrong',
        actor_definition_id: PG,
        partial_default_config: { host: 'db', port: '5432', ssl_mode: { mode: 'sometimes' }, schemas: 'public', password: { $secret: 'kept' } },
        customization: { stream_selection_mode: 'suggested' },
        tags: [],
      },
    });
    await app.value('drafts:setSecret', { name: 'kept', value: 'v' });
    const entry = entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file);
    expect(entry.action).toBe('invalid');
    expect(entry.problems).toEqual(
      expect.arrayContaining([
        'partial_default_config.port: must be an integer (it is the string "5432")',
        'partial_default_config.schemas: must be a list (it is the string "public")',
        expect.stringMatching(/^partial_default_config\.ssl_mode\.mode: must be one of "disable", .* \(it is the string "sometimes"\)$/),
      ]),
    );
    expect(entry.problems).toHaveLength(3);

    // Fixed, and leaving out fields the spec requires (a template is partial): valid.
    const draft = (await app.value<{ draft: SourceTemplateDraft }>('drafts:read', { file })).draft;
    await app.value('drafts:save', { file, draft: { ...draft, partial_default_config: { port: 5432, password: { $secret: 'kept' } } } });
    expect(entryOf(await app.value<DraftPlan>('drafts:plan', { files: [file] }), file)).toMatchObject({ action: 'create', problems: [] });
  });
});
