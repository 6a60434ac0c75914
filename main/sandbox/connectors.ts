import { stream, type AirbyteStream } from './catalogs';

/** A connector the sandbox knows: its spec (what a source must configure) and what discover returns. */
export interface Connector {
  definitionId: string;
  name: string;
  dockerRepository: string;
  supportLevel: 'certified' | 'community';
  spec: { type: 'object'; properties: Record<string, unknown>; required: string[] };
  /** Streams the connector marks as suggested (stream selection mode `suggested`, §6.3). */
  suggestedStreams: string[];
  catalog: () => AirbyteStream[];
  authTooltip: string;
}

const secret = (title: string) => ({ type: 'string', title, airbyte_secret: true });
const text = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'string', title, ...extra });
const startDate = { type: 'string', title: 'Start date', format: 'date-time', examples: ['2024-01-01T00:00:00Z'] };

const ts = 'date-time' as const;

export const CONNECTORS: Connector[] = [
  {
    definitionId: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
    name: 'Postgres',
    dockerRepository: 'airbyte/source-postgres',
    supportLevel: 'certified',
    authTooltip: 'Use a read-only database user.',
    spec: {
      type: 'object',
      required: ['host', 'port', 'database', 'username', 'password'],
      properties: {
        host: text('Host'),
        port: { type: 'integer', title: 'Port', default: 5432 },
        database: text('Database name'),
        username: text('Username'),
        password: secret('Password'),
        schemas: { type: 'array', title: 'Schemas', items: { type: 'string' }, default: ['public'] },
        ssl_mode: { type: 'object', title: 'SSL mode', properties: { mode: { type: 'string', enum: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] } } },
      },
    },
    suggestedStreams: [],
    catalog: () => [
      stream('users', { id: 'integer', name: 'string', email: 'string', created_at: ts, updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] }),
      stream('orders', { id: 'integer', user_id: 'integer', status: 'string', total: 'number', created_at: ts, updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] }),
      stream('order_items', { id: 'integer', order_id: 'integer', product_id: 'integer', quantity: 'integer', unit_price: 'number' }, { namespace: 'public', incremental: true, primaryKey: ['id'] }),
      stream('products', { id: 'integer', sku: 'string', name: 'string', price: 'number', active: 'boolean', updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] }),
      stream('customers', { id: 'integer', company: 'string', country: 'string', segment: 'string', updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] }),
      stream('invoices', { id: 'integer', customer_id: 'integer', amount: 'number', due_date: 'date', paid: 'boolean', updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] }),
      stream('payments', { id: 'integer', invoice_id: 'integer', amount: 'number', method: 'string', created_at: ts }, { namespace: 'public', cursor: 'created_at', primaryKey: ['id'] }),
      stream('events', { event_id: 'string', user_id: 'integer', kind: 'string', payload: 'object', occurred_at: ts }, { namespace: 'public', cursor: 'occurred_at' }),
      stream('audit_log', { actor: 'string', action: 'string', target: 'string', at: ts }, { namespace: 'public', incremental: true }),
      stream('countries', { code: 'string', name: 'string', region: 'string' }, { namespace: 'public', primaryKey: ['code'] }),
    ],
  },
  {
    definitionId: 'b117307c-14b6-41aa-9422-947e34922962',
    name: 'Salesforce',
    dockerRepository: 'airbyte/source-salesforce',
    supportLevel: 'certified',
    authTooltip: 'Authenticate with a connected app (OAuth refresh token).',
    spec: {
      type: 'object',
      required: ['client_id', 'client_secret', 'refresh_token'],
      properties: {
        client_id: text('Client ID'),
        client_secret: secret('Client secret'),
        refresh_token: secret('Refresh token'),
        is_sandbox: { type: 'boolean', title: 'Sandbox org', default: false },
        start_date: startDate,
      },
    },
    suggestedStreams: ['Account', 'Contact', 'Opportunity'],
    catalog: () =>
      ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Task', 'Campaign'].map((name) =>
        stream(name, { Id: 'string', Name: 'string', OwnerId: 'string', CreatedDate: ts, SystemModstamp: ts, IsDeleted: 'boolean' }, { cursor: 'SystemModstamp', primaryKey: ['Id'] }),
      ),
  },
  {
    definitionId: '36c891d9-4bd9-43ac-bad2-10e12756272c',
    name: 'HubSpot',
    dockerRepository: 'airbyte/source-hubspot',
    supportLevel: 'certified',
    authTooltip: 'Use a private app access token.',
    spec: {
      type: 'object',
      required: ['credentials'],
      properties: {
        credentials: { type: 'object', title: 'Authentication', properties: { access_token: secret('Private app access token') }, required: ['access_token'] },
        start_date: startDate,
      },
    },
    suggestedStreams: ['contacts', 'companies', 'deals'],
    catalog: () => [
      ...['contacts', 'companies', 'deals', 'tickets', 'engagements', 'forms'].map((name) =>
        stream(name, { id: 'string', properties: 'object', createdAt: ts, updatedAt: ts, archived: 'boolean' }, { cursor: 'updatedAt', primaryKey: ['id'] }),
      ),
      stream('owners', { id: 'string', email: 'string', firstName: 'string', lastName: 'string' }, { primaryKey: ['id'] }),
    ],
  },
  {
    definitionId: 'e094cb9a-26de-4645-8761-65c0c425d1de',
    name: 'Stripe',
    dockerRepository: 'airbyte/source-stripe',
    supportLevel: 'certified',
    authTooltip: 'Use a restricted secret key with read access.',
    spec: {
      type: 'object',
      required: ['account_id', 'client_secret'],
      properties: { account_id: text('Account ID'), client_secret: secret('Secret key'), start_date: startDate },
    },
    suggestedStreams: ['charges', 'customers', 'invoices', 'subscriptions'],
    catalog: () =>
      ['charges', 'customers', 'invoices', 'subscriptions', 'balance_transactions', 'refunds', 'payouts', 'products'].map((name) =>
        stream(name, { id: 'string', object: 'string', amount: 'integer', currency: 'string', created: 'integer', livemode: 'boolean' }, { cursor: 'created', primaryKey: ['id'] }),
      ),
  },
  {
    definitionId: 'ef69ef6e-aa7f-4af1-a01d-ef775033524e',
    name: 'GitHub',
    dockerRepository: 'airbyte/source-github',
    supportLevel: 'certified',
    authTooltip: 'Use a fine-grained personal access token.',
    spec: {
      type: 'object',
      required: ['repositories', 'credentials'],
      properties: {
        repositories: { type: 'array', title: 'Repositories', items: { type: 'string' }, examples: ['airbytehq/airbyte'] },
        credentials: { type: 'object', title: 'Authentication', properties: { personal_access_token: secret('Personal access token') }, required: ['personal_access_token'] },
        start_date: startDate,
      },
    },
    suggestedStreams: ['issues', 'pull_requests', 'commits'],
    catalog: () => [
      ...['repositories', 'issues', 'pull_requests', 'commits', 'releases', 'comments'].map((name) =>
        stream(name, { id: 'integer', repository: 'string', title: 'string', state: 'string', created_at: ts, updated_at: ts }, { cursor: 'updated_at', primaryKey: ['id'] }),
      ),
      stream('stargazers', { user_id: 'integer', repository: 'string', starred_at: ts }, { cursor: 'starred_at', primaryKey: ['user_id'] }),
      stream('teams', { id: 'integer', name: 'string', slug: 'string' }, { primaryKey: ['id'] }),
    ],
  },
  {
    definitionId: '71607ba1-c0ac-4799-8049-7f4b90dd50f7',
    name: 'Google Sheets',
    dockerRepository: 'airbyte/source-google-sheets',
    supportLevel: 'certified',
    authTooltip: 'Share the spreadsheet with the service account.',
    spec: {
      type: 'object',
      required: ['spreadsheet_id', 'credentials'],
      properties: {
        spreadsheet_id: text('Spreadsheet link'),
        credentials: { type: 'object', title: 'Authentication', properties: { service_account_info: secret('Service account JSON') }, required: ['service_account_info'] },
      },
    },
    suggestedStreams: [],
    catalog: () => [
      stream('Pipeline', { Account: 'string', Stage: 'string', Amount: 'string', Owner: 'string' }),
      stream('Forecast', { Quarter: 'string', Region: 'string', Target: 'string', Actual: 'string' }),
      stream('Contacts', { Name: 'string', Email: 'string', Phone: 'string' }),
    ],
  },
  {
    definitionId: '79c1aa37-dae3-42ae-b333-d1c105477715',
    name: 'Zendesk Support',
    dockerRepository: 'airbyte/source-zendesk-support',
    supportLevel: 'certified',
    authTooltip: 'Use an API token of an agent with admin rights.',
    spec: {
      type: 'object',
      required: ['subdomain', 'credentials'],
      properties: {
        subdomain: text('Subdomain'),
        credentials: { type: 'object', title: 'Authentication', properties: { email: text('Agent email'), api_token: secret('API token') }, required: ['email', 'api_token'] },
        start_date: startDate,
      },
    },
    suggestedStreams: ['tickets', 'users', 'organizations'],
    catalog: () =>
      ['tickets', 'users', 'organizations', 'ticket_comments', 'satisfaction_ratings', 'groups'].map((name) =>
        stream(name, { id: 'integer', url: 'string', created_at: ts, updated_at: ts }, { cursor: 'updated_at', primaryKey: ['id'] }),
      ),
  },
  {
    definitionId: '69589781-7828-43c5-9f63-8925b1c1ccc2',
    name: 'S3',
    dockerRepository: 'airbyte/source-s3',
    supportLevel: 'certified',
    authTooltip: 'Use an IAM user with s3:GetObject and s3:ListBucket.',
    spec: {
      type: 'object',
      required: ['bucket', 'aws_access_key_id', 'aws_secret_access_key'],
      properties: {
        bucket: text('Bucket'),
        aws_access_key_id: text('Access key ID'),
        aws_secret_access_key: secret('Secret access key'),
        region_name: text('Region', { default: 'us-east-1' }),
      },
    },
    suggestedStreams: [],
    catalog: () => [
      stream('events_parquet', { event: 'string', user: 'string', ts: ts, _ab_source_file_url: 'string', _ab_source_file_last_modified: ts }, { cursor: '_ab_source_file_last_modified' }),
      stream('customers_csv', { id: 'string', name: 'string', _ab_source_file_url: 'string', _ab_source_file_last_modified: ts }, { cursor: '_ab_source_file_last_modified' }),
    ],
  },
  {
    definitionId: '435bb9a5-7887-4809-aa58-28c27df0d7ad',
    name: 'MySQL',
    dockerRepository: 'airbyte/source-mysql',
    supportLevel: 'certified',
    authTooltip: 'Use a read-only database user with REPLICATION CLIENT for CDC.',
    spec: {
      type: 'object',
      required: ['host', 'port', 'database', 'username', 'password'],
      properties: { host: text('Host'), port: { type: 'integer', title: 'Port', default: 3306 }, database: text('Database'), username: text('Username'), password: secret('Password') },
    },
    suggestedStreams: [],
    catalog: () =>
      ['carts', 'cart_items', 'catalog_entries', 'shipments'].map((name) =>
        stream(name, { id: 'integer', created_at: ts, updated_at: ts }, { namespace: 'shop', cursor: 'updated_at', primaryKey: ['id'] }),
      ),
  },
  {
    definitionId: '9da77001-af33-4bcd-be46-6252bf9342b9',
    name: 'Shopify',
    dockerRepository: 'airbyte/source-shopify',
    supportLevel: 'certified',
    authTooltip: 'Install the Airbyte app in the store, or use an admin API access token.',
    spec: {
      type: 'object',
      required: ['shop', 'credentials'],
      properties: {
        shop: text('Shop name'),
        credentials: { type: 'object', title: 'Authentication', properties: { api_password: secret('Admin API access token') }, required: ['api_password'] },
        start_date: startDate,
      },
    },
    suggestedStreams: ['orders', 'customers', 'products'],
    catalog: () =>
      ['orders', 'customers', 'products', 'inventory_items', 'transactions'].map((name) =>
        stream(name, { id: 'integer', admin_graphql_api_id: 'string', created_at: ts, updated_at: ts }, { cursor: 'updated_at', primaryKey: ['id'] }),
      ),
  },
];

export function connectorById(definitionId: string): Connector | undefined {
  return CONNECTORS.find((c) => c.definitionId === definitionId);
}

export const DESTINATIONS = [
  { id: '4816b78f-1489-44c1-9060-4b19d5fa9362', name: 'S3', icon: null },
  { id: 'ca8f6566-e555-4b40-943a-545bf123117a', name: 'Google Cloud Storage (GCS)', icon: null },
  { id: 'b4c5d105-31fd-4817-96b6-cb923bfc04cb', name: 'Azure Blob Storage', icon: null },
] as const;

/** Keys of a spec whose values are secrets, as dotted paths (one level of nesting covers our specs). */
export function secretPaths(spec: Connector['spec']): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(spec.properties)) {
    const prop = value as { airbyte_secret?: boolean; properties?: Record<string, { airbyte_secret?: boolean }> };
    if (prop.airbyte_secret) paths.push([key]);
    for (const [inner, innerValue] of Object.entries(prop.properties ?? {})) if (innerValue.airbyte_secret) paths.push([key, inner]);
  }
  return paths;
}
