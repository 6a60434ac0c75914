import { CONNECTORS, connectorById } from './connectors';
import { REGION_EU, REGION_US, seededRandom, uuidFrom } from './ids';
import { initialStreams } from './streams';
import type { ConnectionTemplate, SandboxState, Source, SourceTemplate, Tag, Workspace } from './state';

export const DEMO_ORGANIZATION_ID = '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11';
/** The only credentials the sandbox accepts (issue #3): `sandbox` / `sandbox`. */
export const SANDBOX_CLIENT_ID = 'sandbox';
export const SANDBOX_CLIENT_SECRET = 'sandbox';

const PROSPECTS = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne',
  'soylent', 'aperture', 'vandelay', 'oscorp', 'gringotts', 'pied-piper', 'dunder-mifflin', 'bluth', 'prestige', 'nakatomi',
];

const TAG_NAMES = ['crm', 'analytics', 'free-tier', 'hipaa-compliant', 'standard-sync', 'finance', 'support', 'engineering', 'premium', 'hourly'];

function isoDay(base: number, days: number, minutes = 0): string {
  return new Date(base + days * 86_400_000 + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const connectorId = (name: string): string => {
  const found = CONNECTORS.find((c) => c.name === name);
  if (!found) throw new Error(`seed names unknown connector ${name}`);
  return found.definitionId;
};

/**
 * The demo organization, identical on every start: ~40 workspaces in the US and EU (some inactive),
 * templates with tags, connection templates, and sources with realistic catalogs — one of them the
 * very large catalog. `large` adds 5,000 prospect workspaces for paging and scrolling work.
 */
export function createSeed(kind: 'demo' | 'large' = 'demo'): SandboxState {
  const random = seededRandom(20251014);
  const id = () => uuidFrom(random);
  const base = Date.UTC(2025, 5, 1, 9, 0, 0);
  const organization_id = DEMO_ORGANIZATION_ID;

  const workspaces: Workspace[] = [];
  const addWorkspace = (name: string, region_id: string, status: Workspace['status'], day: number): Workspace => {
    const created = isoDay(base, day, workspaces.length % 600);
    const ws: Workspace = {
      id: id(), name, organization_id, status, cache_enabled: null, region_id, connections_enabled: status === 'active',
      created_at: created, updated_at: created, deleted_at: null,
    };
    workspaces.push(ws);
    return ws;
  };
  PROSPECTS.forEach((prospect, i) => {
    addWorkspace(`${prospect}-us-demo`, REGION_US, i % 7 === 6 ? 'inactive' : 'active', i * 3);
    addWorkspace(`${prospect}-eu-demo`, REGION_EU, i % 5 === 4 ? 'inactive' : 'active', i * 3 + 1);
  });
  const bigdata = addWorkspace('bigdata-us-demo', REGION_US, 'active', 70);

  const tags: Tag[] = TAG_NAMES.map((name, i) => ({ id: id(), name, organization_id, created_at: isoDay(base, i), updated_at: isoDay(base, i) }));

  const template = (
    name: string,
    connector: string,
    options: Partial<Pick<SourceTemplate, 'partial_default_config' | 'customization' | 'tags' | 'mode'>> & { global?: boolean },
    day: number,
  ): SourceTemplate => ({
    id: id(),
    organization_id: options.global ? null : organization_id,
    name,
    icon: null,
    actor_definition_id: connectorId(connector),
    partial_default_config: options.partial_default_config ?? {},
    customization: options.customization ?? { stream_selection_mode: 'suggested' },
    tags: options.tags ?? [],
    mode: options.mode ?? 'REPLICATION',
    is_experimental: false,
    created_at: isoDay(base, day),
    updated_at: isoDay(base, day),
    deleted_at: null,
  });

  const source_templates: SourceTemplate[] = [
    template('PostgreSQL Analytics', 'Postgres', {
      partial_default_config: { ssl_mode: { mode: 'require' }, port: 5432 },
      customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['orders', 'customers', 'products'] },
      tags: ['analytics'],
    }, 2),
    template('Salesforce CRM', 'Salesforce', { partial_default_config: { is_sandbox: false }, tags: ['crm', 'premium'] }, 3),
    template('HubSpot CRM', 'HubSpot', { tags: ['crm', 'free-tier'] }, 4),
    template('Stripe Billing', 'Stripe', { customization: { stream_selection_mode: 'all' }, tags: ['finance', 'analytics'] }, 5),
    template('GitHub Engineering', 'GitHub', { tags: ['engineering'] }, 6),
    template('Google Sheets', 'Google Sheets', { tags: ['free-tier'] }, 7),
    template('Zendesk Support', 'Zendesk Support', { tags: ['support', 'hipaa-compliant'] }, 8),
    template('S3 Data Lake', 'S3', { partial_default_config: { region_name: 'us-east-1' }, tags: ['analytics', 'hipaa-compliant'] }, 9),
    template('MySQL Shop', 'MySQL', { partial_default_config: { port: 3306 }, customization: { stream_selection_mode: 'all' }, tags: ['analytics'] }, 10),
    template('Shopify Store', 'Shopify', { tags: ['free-tier', 'finance'] }, 11),
    ...CONNECTORS.map((c) => template(c.name, c.name, { global: true }, 1)),
  ];

  const connectionTemplate = (
    fields: Partial<ConnectionTemplate> & Pick<ConnectionTemplate, 'data_hosting_type'>,
    day: number,
  ): ConnectionTemplate => ({
    id: id(),
    organization_id,
    destination_name: null,
    destination_definition_id: null,
    destination_config: null,
    cron_expression: null,
    non_breaking_changes_preference: null,
    sync_on_create: null,
    tags: [],
    icon: null,
    created_at: isoDay(base, day),
    updated_at: isoDay(base, day),
    deleted_at: null,
    ...fields,
  });
  const s3 = '4816b78f-1489-44c1-9060-4b19d5fa9362';
  const userHosted = { non_breaking_changes_preference: 'ignore' as const, sync_on_create: true };
  const connection_templates: ConnectionTemplate[] = [
    connectionTemplate({ data_hosting_type: 'user_hosted', destination_name: 'Acme S3 (hourly)', destination_definition_id: s3, destination_config: { s3_bucket_name: 'acme-lake', s3_bucket_region: 'us-east-1', format: { format_type: 'Parquet' } }, cron_expression: '0 0 * * * ?', tags: ['standard-sync', 'hourly'], ...userHosted }, 12),
    connectionTemplate({ data_hosting_type: 'user_hosted', destination_name: 'Lake S3 (daily)', destination_definition_id: s3, destination_config: { s3_bucket_name: 'analytics-lake', s3_bucket_region: 'eu-west-1', format: { format_type: 'JSONL' } }, cron_expression: '0 0 12 * * ?', tags: ['standard-sync', 'analytics'], ...userHosted }, 13),
    connectionTemplate({ data_hosting_type: 'user_hosted', destination_name: 'HIPAA S3 (encrypted)', destination_definition_id: s3, destination_config: { s3_bucket_name: 'phi-vault', s3_bucket_region: 'us-east-2', encryption: { encryption_type: 'aes_cbc_envelope' } }, cron_expression: '0 30 2 * * ?', tags: ['hipaa-compliant'], ...userHosted, non_breaking_changes_preference: 'disable' }, 14),
    connectionTemplate({ data_hosting_type: 'airbyte_hosted', cron_expression: '0 0 6 ? * MON-FRI', tags: ['free-tier'] }, 15),
  ];

  const sources: Source[] = [];
  const addSource = (workspace: Workspace, name: string, templateName: string, config: Record<string, unknown>, catalog_kind: Source['catalog_kind'] = 'connector') => {
    const tpl = source_templates.find((t) => t.name === templateName && t.organization_id !== null);
    if (!tpl) throw new Error(`seed names unknown template ${templateName}`);
    const connector = connectorById(tpl.actor_definition_id);
    if (!connector) throw new Error(`template ${templateName} has no connector`);
    const created = isoDay(base, 80 + sources.length);
    sources.push({
      id: id(),
      workspace_id: workspace.id,
      name,
      source_template_id: tpl.id,
      source_definition_id: tpl.actor_definition_id,
      config: { ...tpl.partial_default_config, ...config },
      catalog_kind,
      streams: catalog_kind === 'large' ? {} : initialStreams(connector.catalog(), connector.suggestedStreams, tpl.customization),
      selected_connection_template_tags: [],
      selected_connection_template_tags_mode: 'any',
      created_at: created,
      updated_at: created,
    });
  };
  const byName = (name: string) => workspaces.find((w) => w.name === name) as Workspace;
  addSource(byName('acme-us-demo'), 'Postgres - acme', 'PostgreSQL Analytics', { host: 'db.acme.example', database: 'app', username: 'airbyte', password: 'acme-demo-password' });
  addSource(byName('acme-us-demo'), 'Salesforce - acme', 'Salesforce CRM', { client_id: 'acme-connected-app', client_secret: 'acme-sf-secret', refresh_token: 'acme-sf-refresh' });
  addSource(byName('globex-eu-demo'), 'HubSpot - globex', 'HubSpot CRM', { credentials: { access_token: 'globex-hubspot-token' } });
  addSource(byName('globex-eu-demo'), 'Stripe - globex', 'Stripe Billing', { account_id: 'acct_globex', client_secret: 'sk_test_globex' });
  addSource(byName('initech-us-demo'), 'Zendesk - initech', 'Zendesk Support', { subdomain: 'initech', credentials: { email: 'ops@initech.example', api_token: 'initech-zd-token' } });
  addSource(byName('hooli-eu-demo'), 'GitHub - hooli', 'GitHub Engineering', { repositories: ['hooli/nucleus'], credentials: { personal_access_token: 'ghp_hooli' } });
  addSource(bigdata, 'Warehouse - bigdata (5,200 tables)', 'PostgreSQL Analytics', { host: 'warehouse.bigdata.example', database: 'dwh', username: 'airbyte', password: 'bigdata-password' }, 'large');

  if (kind === 'large') {
    for (let i = 1; i <= 5000; i++) {
      const eu = i % 3 === 0;
      addWorkspace(`prospect-${String(i).padStart(5, '0')}-${eu ? 'eu' : 'us'}-demo`, eu ? REGION_EU : REGION_US, i % 11 === 0 ? 'inactive' : 'active', 100 + Math.floor(i / 20));
    }
  }

  return {
    version: 1,
    seed: kind,
    organization_id,
    application: { id: id(), client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET },
    workspaces,
    source_templates,
    connection_templates,
    tags,
    sources,
  };
}
