import { describe, expect, it } from 'vitest';
import { connectionTemplateDraftSchema, sourceTemplateDraftSchema, type ConnectionTemplate, type SourceTemplate } from '../../preload/contract';
import {
  connectionChanges,
  connectionCreateInput,
  connectionTemplateToDraft,
  newConnectionDraft,
  newSourceDraft,
  sourceChanges,
  sourceCreateInput,
  sourceTemplateToDraft,
  tagChanges,
} from '../../renderer/features/templates/forms/draft-shape';
import { partialConfigSchema, secretFieldLabel } from '../../renderer/features/templates/forms/partial-schema';
import { whitelistProblems } from '../../renderer/features/templates/forms/whitelist';

const DEF = '11111111-2222-3333-4444-555555555555';

function sourceTemplate(overrides: Partial<SourceTemplate> = {}): SourceTemplate {
  return {
    id: 'st-1',
    name: 'Postgres defaults',
    connectorName: 'Postgres',
    definitionId: DEF,
    organizationId: 'org-1',
    tags: ['finance'],
    customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users'], stream_customizations: [{ name: 'users', sync_mode: 'incremental' }] },
    mode: 'REPLICATION',
    updatedAt: null,
    partialDefaultConfig: { host: 'db.internal', port: 5432 },
    spec: null,
    keptSecrets: [],
    createdAt: null,
    serverFields: { icon: 'pg.svg', future_field: { a: 1 } },
    ...overrides,
  };
}

const connectionTemplate = (overrides: Partial<ConnectionTemplate> = {}): ConnectionTemplate => ({
  id: 'ct-1',
  organizationId: 'org-1',
  dataHostingType: 'user_hosted',
  destinationName: 'Acme S3',
  destinationDefinitionId: DEF,
  destinationConfig: { bucket: 'b' },
  cronExpression: '0 0 12 * * ?',
  nonBreakingChangesPreference: 'propagate_columns',
  syncOnCreate: false,
  tags: ['eu'],
  createdAt: null,
  updatedAt: null,
  serverFields: {},
  ...overrides,
});

describe('template ⇄ draft', () => {
  it('maps a source template to a valid draft, keeping customization keys and server fields', () => {
    const draft = sourceTemplateToDraft(sourceTemplate());
    expect(sourceTemplateDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.customization.stream_customizations).toEqual([{ name: 'users', sync_mode: 'incremental' }]);
    expect(draft.server_fields).toEqual({ icon: 'pg.svg', future_field: { a: 1 } });
    // A mode this app does not know falls back to the default instead of failing the draft schema.
    expect(sourceTemplateToDraft(sourceTemplate({ mode: 'FUTURE' })).mode).toBe('REPLICATION');
  });

  it('sends only changed fields, comparing configs by value not key order', () => {
    const base = sourceTemplateToDraft(sourceTemplate());
    expect(sourceChanges(base, { ...base, partial_default_config: { port: 5432, host: 'db.internal' } })).toEqual({});
    expect(sourceChanges(base, { ...base, partial_default_config: { host: 'db2' } })).toEqual({ partialDefaultConfig: { host: 'db2' } });
    expect(sourceChanges(base, { ...base, name: '  Renamed ', mode: 'MULTI' })).toEqual({ name: 'Renamed', mode: 'MULTI' });
    const customization = { ...base.customization, stream_whitelist: ['users', 'orders'] };
    expect(sourceChanges(base, { ...base, customization })).toEqual({ customization });
  });

  it('builds the create input from a new draft', () => {
    const draft = newSourceDraft({ id: DEF, name: 'Postgres', dockerRepository: null, supportLevel: null, specCached: true });
    expect(sourceCreateInput({ ...draft, tags: ['a'] })).toEqual({ definitionId: DEF, name: 'Postgres', partialDefaultConfig: {}, customization: { stream_selection_mode: 'suggested' }, mode: 'REPLICATION', tags: ['a'] });
  });

  it('maps connection templates of both hosting types and sends a cleared schedule as null', () => {
    const user = connectionTemplateToDraft(connectionTemplate());
    expect(connectionTemplateDraftSchema.parse(user)).toEqual(user);
    expect(connectionChanges(user, { ...user, cron_expression: '' })).toEqual({ cronExpression: null });
    expect(connectionChanges(user, { ...user, cron_expression: ' 0 0 12 * * ? ' })).toEqual({});
    if (user.data_hosting_type !== 'user_hosted') throw new Error('user_hosted expected');
    expect(connectionChanges(user, { ...user, sync_on_create: true, destination_config: { bucket: 'c' } })).toEqual({ syncOnCreate: true, destinationConfig: { bucket: 'c' } });
    const hosted = connectionTemplateToDraft(connectionTemplate({ dataHostingType: 'airbyte_hosted', destinationName: null, destinationDefinitionId: null, destinationConfig: null, cronExpression: null }));
    expect(connectionTemplateDraftSchema.parse(hosted)).toEqual(hosted);
    expect(connectionCreateInput(hosted)).toEqual({ dataHostingType: 'airbyte_hosted', tags: ['eu'] });
    expect(connectionCreateInput({ ...newConnectionDraft('user_hosted'), destination_name: 'S3', destination_definition_id: DEF } as never)).toMatchObject({ dataHostingType: 'user_hosted', destinationName: 'S3', nonBreakingChangesPreference: 'ignore', syncOnCreate: true });
  });

  it('turns a tag list into attach/detach calls', () => {
    expect(tagChanges(['a', 'b'], ['b', 'c'])).toEqual({ attach: ['c'], detach: ['a'] });
    expect(tagChanges(['A'], ['a'])).toEqual({ attach: ['a'], detach: ['A'] });
  });
});

describe('the schema attached to partial defaults', () => {
  const spec = {
    type: 'object',
    required: ['host', 'password'],
    properties: {
      host: { type: 'string' },
      password: { type: 'string', airbyte_secret: true },
      tunnel: { oneOf: [{ type: 'object', required: ['tunnel_password'], properties: { tunnel_password: { type: 'string', airbyte_secret: true } } }] },
    },
  };

  it('drops required everywhere and accepts a {"$secret"} reference at secret fields only', () => {
    const schema = partialConfigSchema(spec, ['pg-prod']) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(JSON.stringify(schema)).not.toContain('"required":["host"');
    expect(schema.required).toBeUndefined();
    expect(schema.properties.host).toEqual({ type: 'string' });
    expect(schema.properties.password.anyOf[0]).toEqual({ type: 'string', airbyte_secret: true });
    expect(schema.properties.password.anyOf[1]).toMatchObject({ properties: { $secret: { enum: ['pg-prod'] } }, required: ['$secret'], additionalProperties: false });
    const branch = schema.properties.tunnel.oneOf[0];
    expect(branch.required).toBeUndefined();
    expect(branch.properties.tunnel_password.anyOf).toHaveLength(2);
    // The spec given is left as it was.
    expect(spec.required).toEqual(['host', 'password']);
  });

  it('names secret fields from their pointers', () => {
    expect(secretFieldLabel('/password')).toBe('password');
    expect(secretFieldLabel('/tunnel/tunnel_password')).toBe('tunnel.tunnel_password');
  });
});

describe('whitelist check', () => {
  const catalog = { streamNames: ['users', 'orders'], sourceName: 'Prod PG', discoveredAt: '2026-11-01T10:00:00Z' };
  it('flags names not in the catalog, and an empty whitelist, only in whitelist mode', () => {
    expect(whitelistProblems(['users', 'Orders', 'ghost'], 'whitelist', catalog)).toEqual({ empty: false, unknown: ['Orders', 'ghost'] });
    expect(whitelistProblems([], 'whitelist', catalog)).toEqual({ empty: true, unknown: [] });
    expect(whitelistProblems(['ghost'], 'whitelist', null)).toEqual({ empty: false, unknown: [] });
    expect(whitelistProblems(['ghost'], 'all', catalog)).toEqual({ empty: false, unknown: [] });
  });
});
