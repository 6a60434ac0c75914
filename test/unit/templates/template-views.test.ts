import { describe, expect, it } from 'vitest';
import { connectionTemplateSchema as contractConnection, sourceTemplateSchema as contractSource } from '../../../preload/contract';
import { connectionTemplateSchema, sourceDefinitionsSchema, sourceTemplateListSchema, sourceTemplateSchema } from '../../../main/services/airbyte/schemas';
import { connectionTemplateView, sourceDefinitionOf, sourceTemplateItemView, sourceTemplateView } from '../../../main/services/templates/template-views';

// Server bodies go through the client's schemas, then the views: nothing the server sends may be lost
// (unmapped fields land in serverFields), and mapped ones are not repeated there.

const SPEC = { type: 'object', properties: { password: { type: 'string', airbyte_secret: true } } };

describe('source template view', () => {
  const body = {
    id: '5e2a0000-0000-4000-8000-000000000001',
    name: 'PostgreSQL Analytics',
    icon: null,
    source_definition_id: 'DECD338E-5647-4C0B-ADF4-DA0E75F5A750',
    user_config_spec: { connectionSpecification: SPEC, documentationUrl: 'https://docs.example/pg' },
    partial_default_config: { ssl_mode: { mode: 'require' } },
    customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['orders'], stream_mappers: [{ type: 'hash' }] },
    tags: ['crm'],
    mode: 'REPLICATION',
    is_experimental: false,
    organization_id: 'org-1',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    future_field: { nested: [1, 2] },
  };

  it('maps the known fields and keeps every other one in serverFields', () => {
    const view = sourceTemplateView(sourceTemplateSchema.parse(body));
    expect(contractSource.safeParse(view).success).toBe(true);
    expect(view).toMatchObject({
      id: body.id,
      name: body.name,
      definitionId: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
      organizationId: 'org-1',
      tags: ['crm'],
      mode: 'REPLICATION',
      partialDefaultConfig: body.partial_default_config,
      spec: SPEC,
      createdAt: body.created_at,
      updatedAt: body.updated_at,
    });
    // stream_mappers passes through untouched (§6.3).
    expect(view.customization).toEqual(body.customization);
    expect(view.serverFields).toEqual({
      icon: null,
      is_experimental: false,
      future_field: { nested: [1, 2] },
      // documentationUrl sits beside connectionSpecification: the whole object is kept.
      user_config_spec: body.user_config_spec,
    });
  });

  it('reads actor_definition_id as well, and keeps a customization it cannot carry', () => {
    const view = sourceTemplateView(sourceTemplateSchema.parse({ id: 'a', name: 'b', actor_definition_id: 'abc', customization: { stream_selection_mode: 'by_ai' } }));
    expect(view.definitionId).toBe('abc');
    expect(view.customization).toBeNull();
    expect(view.serverFields).toEqual({ customization: { stream_selection_mode: 'by_ai' } });
    expect(view.spec).toBeNull();
    expect(view.partialDefaultConfig).toEqual({});
    expect(contractSource.safeParse(view).success).toBe(true);
  });

  it('list items map the same way', () => {
    const list = sourceTemplateListSchema.parse({ data: [{ ...body, connector_name: 'Postgres', x_sandbox_extra: 1 }] });
    const [item] = list.data.map(sourceTemplateItemView);
    expect(item).toEqual({
      id: body.id,
      name: body.name,
      connectorName: 'Postgres',
      definitionId: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
      organizationId: 'org-1',
      tags: ['crm'],
      customization: body.customization,
      mode: 'REPLICATION',
      updatedAt: body.updated_at,
    });
  });
});

describe('connection template view', () => {
  it('maps user_hosted and keeps icon and unknown fields', () => {
    const body = {
      id: 'c1', organization_id: 'o', data_hosting_type: 'user_hosted', destination_name: 'Acme S3', icon: null, cron_expression: '0 0 12 * * ?', tags: ['t'],
      created_at: 'c', updated_at: 'u', destination_definition_id: 'd', destination_config: { s3_bucket_name: 'b' }, non_breaking_changes_preference: 'ignore', sync_on_create: true, future_field: 'kept',
    };
    const view = connectionTemplateView(connectionTemplateSchema.parse(body));
    expect(contractConnection.safeParse(view).success).toBe(true);
    expect(view).toEqual({
      id: 'c1', organizationId: 'o', dataHostingType: 'user_hosted', destinationName: 'Acme S3', destinationDefinitionId: 'd', destinationConfig: { s3_bucket_name: 'b' },
      cronExpression: '0 0 12 * * ?', nonBreakingChangesPreference: 'ignore', syncOnCreate: true, tags: ['t'], createdAt: 'c', updatedAt: 'u',
      serverFields: { icon: null, future_field: 'kept' },
    });
  });

  it('maps airbyte_hosted with nulls, and keeps a hosting type it does not know', () => {
    const hosted = connectionTemplateView(connectionTemplateSchema.parse({ id: 'c2', data_hosting_type: 'airbyte_hosted', cron_expression: null, tags: [] }));
    expect(hosted).toMatchObject({ dataHostingType: 'airbyte_hosted', destinationName: null, destinationConfig: null, syncOnCreate: null, serverFields: {} });
    const future = connectionTemplateView(connectionTemplateSchema.parse({ id: 'c3', data_hosting_type: 'partner_hosted', tags: [] }));
    expect(future.serverFields).toEqual({ data_hosting_type: 'partner_hosted' });
  });
});

describe('source definitions', () => {
  it('keep support level and docker repository, lower-case ids', () => {
    const parsed = sourceDefinitionsSchema.parse({ definitions: [{ sourceDefinitionId: 'ABC', name: 'X', dockerRepository: 'airbyte/x', supportLevel: 'certified', custom: false }] });
    expect(parsed.definitions.map(sourceDefinitionOf)).toEqual([{ id: 'abc', name: 'X', dockerRepository: 'airbyte/x', supportLevel: 'certified' }]);
  });
});
