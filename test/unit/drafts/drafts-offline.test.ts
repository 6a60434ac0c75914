import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftsService, type DraftsServiceDeps } from '../../../main/services/drafts/drafts-service';
import type { SourceTemplateDraft } from '../../../preload/contract';
import { memoryKeytar } from '../../support/fake-keytar';
import { tempDir } from '../../support/temp-dir';

const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const services: DraftsService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

/** A service whose every network path fails loudly: the tests prove offline work never touches it. */
function offline(options: { envFolder?: string; userDataDir?: string; keychain?: boolean } = {}) {
  const calls: string[] = [];
  const deps: DraftsServiceDeps = {
    profiles: {
      activeProfile: async () => ({ id: 'p1' }) as Awaited<ReturnType<DraftsServiceDeps['profiles']['activeProfile']>>,
      client: async () => {
        calls.push('client');
        throw new Error('offline: no client');
      },
    },
    templates: {
      // The offline spec cache of the templates service: Postgres's password is a secret.
      spec: async (definitionId: string) => ({ definitionId, spec: { type: 'object' }, from: 'cache' as const, secretPaths: definitionId === PG ? ['/password'] : [] }),
      definitions: async () => ({ sources: [], destinations: [], from: 'none' as const, cachedAt: null, offlineReason: 'offline' }),
      cronDescribe: async () => {
        throw new Error('offline');
      },
    },
    userDataDir: options.userDataDir ?? tempDir('ec-drafts-ud-'),
    envFolder: options.envFolder,
    secrets: options.keychain === false ? async () => null : memoryKeytar(),
  };
  const service = new DraftsService(deps);
  services.push(service);
  return { service, calls, deps };
}

const pgDraft = (over: Partial<SourceTemplateDraft> = {}): SourceTemplateDraft => ({
  kind: 'source_template',
  name: 'PG Analytics',
  actor_definition_id: PG,
  connector_name: 'Postgres',
  mode: 'REPLICATION',
  partial_default_config: { host: 'db', port: 5432 },
  customization: { stream_selection_mode: 'suggested' },
  tags: ['crm'],
  server_fields: {},
  ...over,
});

describe('drafts folder', () => {
  it('honours EMBEDDED_CONSOLE_DRAFTS_DIR and refuses to change it', async () => {
    const env = tempDir('ec-drafts-env-');
    const { service } = offline({ envFolder: env });
    expect(await service.folder()).toEqual({ path: env, source: 'env' });
    await expect(service.setFolder(tempDir())).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('EMBEDDED_CONSOLE_DRAFTS_DIR') });
    const { file } = await service.save({ file: null, draft: pgDraft() });
    expect(existsSync(path.join(env, file))).toBe(true);
  });

  it('defaults to the user-data folder, remembers a chosen one (created when missing), refuses a relative path', async () => {
    const userDataDir = tempDir('ec-drafts-ud-');
    const first = offline({ userDataDir });
    expect(await first.service.folder()).toEqual({ path: path.join(userDataDir, 'template-drafts'), source: 'default' });
    await expect(first.service.setFolder('relative/drafts')).rejects.toMatchObject({ code: 'validation' });
    const chosen = path.join(tempDir(), 'nested', 'drafts');
    expect(await first.service.setFolder(chosen)).toEqual({ path: chosen, source: 'chosen' });
    await first.service.close();
    const second = offline({ userDataDir });
    expect(await second.service.folder()).toEqual({ path: chosen, source: 'chosen' });
    expect(JSON.parse(readFileSync(path.join(userDataDir, 'drafts-settings.json'), 'utf8'))).toEqual({ folder: chosen });
  });

  it('refuses a folder full of other files (the renderer is untrusted; a chosen folder receives files), accepts one that holds drafts', async () => {
    const { service } = offline({ userDataDir: tempDir('ec-drafts-ud-') });
    const foreign = tempDir('ec-foreign-');
    writeFileSync(path.join(foreign, 'id_ed25519'), 'not ours');
    await expect(service.setFolder(foreign)).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('already holds other files') });
    expect(readdirSync(foreign)).toEqual(['id_ed25519']);
    const repo = tempDir('ec-repo-');
    writeFileSync(path.join(repo, 'README.md'), '# templates');
    writeFileSync(path.join(repo, 'postgres.source.json'), '{}');
    expect(await service.setFolder(repo)).toEqual({ path: repo, source: 'chosen' });
  });
});

describe('saving and listing without a network', () => {
  it('writes canonical files named after the template; a save without change gives the same bytes', async () => {
    const folder = tempDir('ec-drafts-');
    const { service, calls } = offline({ envFolder: folder });
    const saved = await service.save({ file: null, draft: pgDraft({ tags: ['z', 'a', 'z'] }) });
    expect(saved.file).toBe('pg-analytics.source.json');
    expect(saved.summary).toMatchObject({ kind: 'source_template', name: 'PG Analytics', local: 'new', problem: null, remoteId: null });
    const text = await readFile(path.join(folder, saved.file), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ tags: ['a', 'z'] });
    const again = await service.save({ file: saved.file, draft: JSON.parse(text) as SourceTemplateDraft });
    expect(await readFile(path.join(folder, again.file), 'utf8')).toBe(text);
    const second = await service.save({ file: null, draft: pgDraft() });
    expect(second.file).toBe('pg-analytics-2.source.json');
    const list = await service.list();
    expect(list.drafts.map((d) => d.file)).toEqual(['pg-analytics-2.source.json', 'pg-analytics.source.json']);
    expect(calls).toEqual([]);
  });

  it('many saves at once get distinct files', async () => {
    const folder = tempDir('ec-drafts-');
    const { service } = offline({ envFolder: folder });
    const files = await Promise.all(Array.from({ length: 20 }, () => service.save({ file: null, draft: pgDraft() }).then((s) => s.file)));
    expect(new Set(files).size).toBe(20);
    expect((await readdir(folder)).filter((n) => n.endsWith('.json'))).toHaveLength(20);
  });

  it('refuses a plain secret value and accepts a reference', async () => {
    const { service } = offline({ envFolder: tempDir('ec-drafts-') });
    await expect(service.save({ file: null, draft: pgDraft({ partial_default_config: { host: 'db', password: 'hunter2' } }) })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('“password” is a secret: leave it to the end user or keep it in the keychain and reference it'),
    });
    const ok = await service.save({ file: null, draft: pgDraft({ partial_default_config: { host: 'db', password: { $secret: 'pg-prod' } } }) });
    expect(ok.summary.problem).toBeNull();
  });

  it('reports JSON errors with line and column, schema errors with the field, and never overwrites an invalid file', async () => {
    const folder = tempDir('ec-drafts-');
    const { service } = offline({ envFolder: folder });
    const broken = '{\n  "kind": "source_template",\n  "name": "x"\n  "mode": "DIRECT"\n}\n';
    await writeFile(path.join(folder, 'broken.source.json'), broken);
    await writeFile(path.join(folder, 'wrong.source.json'), JSON.stringify({ ...pgDraft(), mode: 'SIDEWAYS' }));
    await writeFile(path.join(folder, 'notes.txt'), 'not a draft');
    await mkdir(path.join(folder, 'sub.json'));
    await writeFile(path.join(folder, '.hidden.json'), '{}');
    const list = await service.list();
    expect(list.drafts.map((d) => d.file)).toEqual(['broken.source.json', 'wrong.source.json']);
    expect(list.drafts[0]?.problem).toMatchObject({ line: 4, column: 3 });
    expect(list.drafts[0]?.problem?.message).toContain('line 4, column 3');
    expect(list.drafts[1]?.problem).toMatchObject({ field: 'mode', line: null });
    const read = await service.read('broken.source.json');
    expect(read).toMatchObject({ text: broken, draft: null, problem: { line: 4, column: 3 } });
    await expect(service.save({ file: 'broken.source.json', draft: pgDraft() })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('does not write over it') });
    expect(await readFile(path.join(folder, 'broken.source.json'), 'utf8')).toBe(broken);
  });

  it('sees files edited outside the app: the revision goes up and the list re-reads the file', async () => {
    const folder = tempDir('ec-drafts-');
    const { service } = offline({ envFolder: folder });
    const { file } = await service.save({ file: null, draft: pgDraft() });
    const before = (await service.list()).revision;
    expect((await service.revision()).revision).toBe(before);
    const target = path.join(folder, file);
    const edited = (await readFile(target, 'utf8')).replace('"PG Analytics"', '"PG Renamed!"');
    await writeFile(target, edited);
    // Same size and an old mtime would fool a stat-only check, so the watcher must also see it; here the size changed.
    await utimes(target, new Date(), new Date(Date.now() + 5000));
    const after = (await service.revision()).revision;
    expect(after).toBeGreaterThan(before);
    expect((await service.list()).drafts[0]?.name).toBe('PG Renamed!');
    await writeFile(path.join(folder, 'new-one.source.json'), JSON.stringify(pgDraft({ name: 'Hand made' })));
    expect((await service.revision()).revision).toBeGreaterThan(after);
    expect((await service.list()).drafts.map((d) => d.name)).toContain('Hand made');
  });

  it('remove deletes the file only', async () => {
    const folder = tempDir('ec-drafts-');
    const { service } = offline({ envFolder: folder });
    const { file } = await service.save({ file: null, draft: pgDraft() });
    expect(await service.remove(file)).toEqual({ removed: true });
    expect(await service.remove(file)).toEqual({ removed: false });
    expect((await service.list()).drafts).toEqual([]);
  });
});

describe('kept secrets', () => {
  it('are stored per profile and listed by name only', async () => {
    const { service } = offline({ envFolder: tempDir('ec-drafts-') });
    expect(await service.setSecret('pg-prod', 's3cret')).toEqual({ names: ['pg-prod'] });
    expect(await service.secretNames()).toEqual({ names: ['pg-prod'] });
    expect(JSON.stringify(await service.secretNames())).not.toContain('s3cret');
    expect(await service.removeSecret('pg-prod')).toEqual({ names: [] });
  });

  it('say the keychain is unavailable when it is', async () => {
    const { service } = offline({ envFolder: tempDir('ec-drafts-'), keychain: false });
    await expect(service.setSecret('a', 'b')).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringContaining('keychain is not available') });
  });
});
