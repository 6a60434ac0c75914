import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../lib/templates/canonical-json';
import { classifyDraft } from '../../../lib/templates/classify';
import { comparableOf } from '../../../lib/templates/comparable';
import { uniqueDraftFileName } from '../../../lib/templates/draft-file-name';
import { fieldChanges } from '../../../lib/templates/field-diff';
import { createBody, updateRequests } from '../../../lib/templates/publish-bodies';
import { connectionDraftFromServer, sourceDraftFromServer } from '../../../lib/templates/server-drafts';
import { plainSecretPointers, resolveSecretReferences } from '../../../lib/templates/secret-values';
import { draftFileNameSchema } from '../../../preload/contract';

const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';
const secretPaths = ['/password', '/tunnel_method/tunnel_user_password'];
const server = {
  id: '5e2a0000-0000-4000-8000-000000000001',
  name: 'PG Analytics',
  icon: null,
  organization_id: 'org',
  actor_definition_id: PG,
  source_definition_id: PG,
  connector_name: 'Postgres',
  user_config_spec: { connectionSpecification: { properties: {} } },
  partial_default_config: { host: 'db', port: 5432, password: 'hunter2', tunnel_method: { tunnel_user_password: '******', tunnel_host: 'bastion' } },
  customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users', 'orders'] },
  tags: ['crm', 'analytics'],
  mode: 'REPLICATION',
  is_experimental: false,
  brand_new_field: { nested: [1, 2] },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
};

describe('server template → draft', () => {
  it('drops secret values, keeps only unknown fields in server_fields (no ids, times or null icon) and the spec out', () => {
    const draft = sourceDraftFromServer(server, secretPaths);
    expect(draft.partial_default_config).toEqual({ host: 'db', port: 5432, tunnel_method: { tunnel_host: 'bastion' } });
    expect(draft.server_fields).toEqual({ is_experimental: false, brand_new_field: { nested: [1, 2] } });
    // The same template read later (new times) makes the same draft: git sees no change.
    expect(sourceDraftFromServer({ ...server, updated_at: '2027-01-01T00:00:00Z' }, secretPaths)).toEqual(draft);
    // An icon that is set is information, not noise.
    expect(sourceDraftFromServer({ ...server, icon: '<svg/>' }, secretPaths).server_fields).toMatchObject({ icon: '<svg/>' });
    expect(JSON.stringify(draft)).not.toContain('hunter2');
  });

  it('maps connection templates of both hosting types', () => {
    const user = connectionDraftFromServer({ id: 'c', data_hosting_type: 'user_hosted', destination_name: 'S3', destination_definition_id: 'd', destination_config: { bucket: 'b' }, cron_expression: null, tags: [], sync_on_create: null, non_breaking_changes_preference: null });
    expect(user).toMatchObject({ data_hosting_type: 'user_hosted', sync_on_create: true, non_breaking_changes_preference: 'ignore', server_fields: {} });
    const hosted = connectionDraftFromServer({ id: 'h', data_hosting_type: 'airbyte_hosted', destination_name: null, cron_expression: '0 0 12 * * ?', tags: ['x'] }, 'Nightly');
    expect(hosted).toMatchObject({ data_hosting_type: 'airbyte_hosted', label: 'Nightly', cron_expression: '0 0 12 * * ?' });
  });
});

describe('comparable form', () => {
  const draft = sourceDraftFromServer(server, secretPaths);
  const base = comparableOf(draft, secretPaths);

  it('never sees a secret as a change: masked, missing, plain or referenced', () => {
    for (const password of ['********', undefined, 'other', { $secret: 'pg' }]) {
      const config = { ...(draft.partial_default_config as object), ...(password === undefined ? {} : { password }) };
      expect(canonicalJson(comparableOf({ ...draft, partial_default_config: config }, secretPaths))).toBe(canonicalJson(base));
    }
    // A reference where the spec has no secret (a destination) is left out too.
    const withRef = { ...draft, partial_default_config: { ...(draft.partial_default_config as object), api_key: { $secret: 'k' } } };
    expect(canonicalJson(comparableOf(withRef, secretPaths))).toBe(canonicalJson(base));
  });

  it('never sees tag or whitelist order (or duplicates) as a change', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['crm', 'analytics'], { minLength: 2 }), fc.shuffledSubarray(['users', 'orders'], { minLength: 2 }), (tags, whitelist) => {
        const other = { ...draft, tags: [...tags, tags[0]], customization: { stream_selection_mode: 'whitelist', stream_whitelist: whitelist } };
        expect(canonicalJson(comparableOf(other, secretPaths))).toBe(canonicalJson(base));
      }),
    );
  });

  it('ignores server-only fields and keeps exactly what publishing sends', () => {
    const other = { ...draft, server_fields: { updated_at: 'later', something_new: true }, connector_name: 'renamed' };
    expect(canonicalJson(comparableOf(other, secretPaths))).toBe(canonicalJson(base));
    expect(Object.keys(base)).toEqual(['name', 'mode', 'partial_default_config', 'customization', 'tags']);
  });

  it('sees a real change', () => {
    const other = { ...draft, partial_default_config: { ...(draft.partial_default_config as object), port: 6543 } };
    expect(canonicalJson(comparableOf(other, secretPaths))).not.toBe(canonicalJson(base));
  });
});

describe('field changes', () => {
  it('walks nested objects to dotted paths; tags and arrays are one field', () => {
    const before = { name: 'a', partial_default_config: { ssl_mode: { mode: 'require' }, port: 1 }, tags: ['x'] };
    const after = { name: 'a', partial_default_config: { ssl_mode: { mode: 'disable' }, host: 'h', port: 1 }, tags: ['x', 'y'] };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'partial_default_config.host', before: null, after: 'h' },
      { field: 'partial_default_config.ssl_mode.mode', before: 'require', after: 'disable' },
      { field: 'tags', before: ['x'], after: ['x', 'y'] },
    ]);
    expect(fieldChanges(before, before)).toEqual([]);
  });
});

describe('three-way classification', () => {
  const cases: Array<[string, Parameters<typeof classifyDraft>[0], ReturnType<typeof classifyDraft>]> = [
    ['never published', { linked: false, draftHash: 'd', baseHash: null, serverHash: null }, { action: 'create' }],
    ['deleted on the server', { linked: true, draftHash: 'd', baseHash: 'b', serverHash: null }, { action: 'conflict', deletedOnServer: true }],
    ['draft equals server', { linked: true, draftHash: 's', baseHash: 'b', serverHash: 's' }, { action: 'unchanged', serverMoved: false }],
    ['nothing moved', { linked: true, draftHash: 'b', baseHash: 'b', serverHash: 'b' }, { action: 'unchanged', serverMoved: false }],
    ['only the draft moved', { linked: true, draftHash: 'd', baseHash: 'b', serverHash: 'b' }, { action: 'update' }],
    ['only the server moved', { linked: true, draftHash: 'b', baseHash: 'b', serverHash: 's' }, { action: 'unchanged', serverMoved: true }],
    ['both moved apart', { linked: true, draftHash: 'd', baseHash: 'b', serverHash: 's' }, { action: 'conflict', deletedOnServer: false }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(classifyDraft(input)).toEqual(expected);
  });
});

describe('publish bodies and secrets', () => {
  const draft = { ...sourceDraftFromServer(server, secretPaths), partial_default_config: { host: 'db2', port: 5432, password: { $secret: 'pg' } }, tags: ['crm', 'new'] };
  it('sends only changed fields in the PATCH and tags by difference', () => {
    const serverForm = comparableOf(sourceDraftFromServer(server, secretPaths), secretPaths);
    const requests = updateRequests(draft, serverForm, comparableOf(draft, secretPaths));
    expect(requests.patch).toEqual({ partial_default_config: { host: 'db2', port: 5432, password: { $secret: 'pg' } } });
    expect(requests.attach).toEqual(['new']);
    expect(requests.detach).toEqual(['analytics']);
    expect(createBody(draft)).toMatchObject({ actor_definition_id: PG, tags: ['crm', 'new'] });
  });
  it('finds plain secrets and resolves references', () => {
    expect(plainSecretPointers({ password: 'x', tunnel_method: { tunnel_user_password: { $secret: 'a' } } }, secretPaths)).toEqual(['/password']);
    expect(plainSecretPointers({ password: '' }, secretPaths)).toEqual([]);
    expect(resolveSecretReferences({ a: { b: { $secret: 'k' } }, c: { $secret: 'gone' } }, new Map([['k', 'v']]))).toEqual({ config: { a: { b: 'v' }, c: { $secret: 'gone' } }, missing: ['gone'] });
  });
});

describe('new file names', () => {
  it('slugs the name, adds the kind and stays unique and valid', () => {
    expect(uniqueDraftFileName('PostgreSQL Analytics (EU)', 'source_template', [])).toBe('postgresql-analytics-eu.source.json');
    expect(uniqueDraftFileName('Acme S3', 'connection_template', ['acme-s3.connection.json', 'ACME-S3-2.connection.json'])).toBe('acme-s3-3.connection.json');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string()), (name, taken) => {
        const file = uniqueDraftFileName(name, 'source_template', taken);
        expect(draftFileNameSchema.safeParse(file).success).toBe(true);
        expect(taken.map((t) => t.toLowerCase())).not.toContain(file.toLowerCase());
      }),
    );
  });
});
