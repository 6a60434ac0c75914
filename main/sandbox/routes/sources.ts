import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { compile, JmesPathError } from '../../../lib/jmespath';
import type { SandboxContext } from '../context';
import { connectorById, secretPaths } from '../connectors';
import { detail, forbidden, notFound, ok, unprocessable, type Reply } from '../http';
import type { RouteTable } from '../routing';
import type { Source, SourceTemplate, StreamConfig } from '../state';
import { defaultsFor, initialStreams, patchStreamConfig, validateStreamConfig } from '../streams';
import { parseOr422 } from '../validation';
import { deepMerge } from '../merge';
import { templateView } from './source-templates';

const SECRET_MASK = '**********';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function masked(config: Json, template: SourceTemplate): Json {
  const connector = connectorById(template.actor_definition_id);
  const copy = structuredClone(config);
  for (const path of connector ? secretPaths(connector.spec) : []) {
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
    const last = path[path.length - 1] as string;
    if (isObject(node) && last in node) node[last] = SECRET_MASK;
  }
  return copy;
}

function templateOf(ctx: SandboxContext, source: Source): SourceTemplate | undefined {
  return ctx.store.state.source_templates.find((t) => t.id === source.source_template_id);
}

/** The full source answer (§4.2), also the widget's `source_created` event data. */
export function sourceView(ctx: SandboxContext, source: Source) {
  const template = templateOf(ctx, source);
  return {
    id: source.id,
    name: source.name,
    source_template: template ? templateView(template) : null,
    replication_config: template ? masked(source.config, template) : {},
    entities: null,
    created_at: source.created_at,
    updated_at: source.updated_at,
  };
}

function list(ctx: SandboxContext) {
  const workspace = ctx.scoped();
  const data = ctx.store.state.sources
    .filter((s) => s.workspace_id === workspace.id)
    .map((s) => {
      const t = templateOf(ctx, s);
      return {
        id: s.id,
        name: s.name,
        created_at: s.created_at,
        updated_at: s.updated_at,
        summarized_source_template: t ? { id: t.id, name: t.name, icon: t.icon, source_definition_id: t.actor_definition_id } : null,
      };
    });
  return ok({ data });
}

const createSchema = z.object({
  name: z.string().min(1).max(255),
  source_template_id: z.string(),
  source_config: z.record(z.string(), z.unknown()).default({}),
  workspace_id: z.string().optional(),
  selected_connection_template_tags: z.array(z.string()).default([]),
  selected_connection_template_tags_mode: z.enum(['any', 'all']).default('any'),
});

function create(ctx: SandboxContext) {
  const workspace = ctx.scoped();
  const body = parseOr422(createSchema, ctx.json(), ['body']);
  if (body.workspace_id !== undefined && body.workspace_id.toLowerCase() !== workspace.id) throw forbidden();
  const template = ctx.store.state.source_templates.find(
    (t) => t.id === body.source_template_id.toLowerCase() && t.deleted_at === null && t.organization_id === ctx.store.state.organization_id,
  );
  if (!template) throw notFound('Source template not found');
  const connector = connectorById(template.actor_definition_id);
  if (!connector) throw notFound('Source definition not found');
  const config = deepMerge(template.partial_default_config, body.source_config);
  const missing = connector.spec.required.filter((key) => config[key] === undefined || config[key] === null);
  if (missing.length > 0) {
    throw unprocessable(missing.map((key) => ({ loc: ['body', 'source_config', key], msg: 'field required', type: 'value_error.missing' })));
  }
  const now = ctx.store.clock.iso();
  const source: Source = {
    id: randomUUID(),
    workspace_id: workspace.id,
    name: body.name,
    source_template_id: template.id,
    source_definition_id: template.actor_definition_id,
    config,
    catalog_kind: 'connector',
    streams: initialStreams(connector.catalog(), connector.suggestedStreams, template.customization),
    selected_connection_template_tags: body.selected_connection_template_tags,
    selected_connection_template_tags_mode: body.selected_connection_template_tags_mode,
    created_at: now,
    updated_at: now,
  };
  ctx.store.state.sources.push(source);
  ctx.store.changed();
  return ok(sourceView(ctx, source));
}

/** The path's source, when the scoped token's workspace owns it (else 403; unknown: 404). */
function ownSource(ctx: SandboxContext): Source {
  const workspace = ctx.scoped();
  const source = ctx.store.source(ctx.uuid('source_id'));
  if (source.workspace_id !== workspace.id) throw forbidden();
  return source;
}

async function discover(ctx: SandboxContext): Promise<Reply> {
  const source = ownSource(ctx);
  const catalog = await ctx.store.catalog(source);
  return { status: 200, raw: catalog.json, contentType: 'application/json' };
}

const querySchema = z.object({ jmes_query: z.string().min(1) });

/** Exceptions Python raises outside jmespath's own hierarchy (the server lets them through as a 500). */
const PYTHON_BUILTIN_ERRORS = new Set(['TypeError', 'ValueError', 'OverflowError']);

async function query(ctx: SandboxContext): Promise<Reply> {
  const source = ownSource(ctx);
  const body = parseOr422(querySchema, ctx.json(), ['body']);
  const catalog = await ctx.store.catalog(source);
  try {
    return ok(compile(body.jmes_query).search({ streams: catalog.streams }));
  } catch (error) {
    // Python's own TypeError/ValueError (e.g. 'a' < `1`) escape jmespath's error classes: the
    // server does not catch them, so they are a 500 there, and here.
    if (error instanceof JmesPathError && !PYTHON_BUILTIN_ERRORS.has(error.pythonType)) {
      throw detail(400, `Invalid JMESPath expression: ${error.message}`);
    }
    if (error instanceof JmesPathError) return { status: 500, raw: Buffer.from('Internal Server Error'), contentType: 'text/plain; charset=utf-8' };
    throw error;
  }
}

const addSchema = z.object({
  stream_name: z.string(),
  sync_mode: z.enum(['full_refresh', 'incremental']).optional(),
  destination_sync_mode: z.enum(['append', 'overwrite', 'append_dedup']).optional(),
  cursor_field: z.array(z.string()).optional(),
  primary_key: z.array(z.array(z.string())).optional(),
});

async function catalogStream(ctx: SandboxContext, source: Source, name: string) {
  const catalog = await ctx.store.catalog(source);
  const stream = catalog.byName.get(name);
  if (!stream) throw notFound(`Stream '${name}' not found in source catalog`);
  return stream;
}

/** Records a stream's new settings (or their removal) on the source and persists. */
function saveStream(ctx: SandboxContext, source: Source, name: string, config: StreamConfig | null): void {
  if (config) source.streams[name] = config;
  else delete source.streams[name];
  source.updated_at = ctx.store.clock.iso();
  ctx.store.changed();
}

async function addStream(ctx: SandboxContext): Promise<Reply> {
  const source = ownSource(ctx);
  const body = parseOr422(addSchema, ctx.json(), ['body']);
  const stream = await catalogStream(ctx, source, body.stream_name);
  const { stream_name: _n, ...chosen } = body;
  const config = defaultsFor(stream, chosen);
  validateStreamConfig(stream, config);
  saveStream(ctx, source, stream.name, config);
  return ok(config);
}

async function patchStream(ctx: SandboxContext): Promise<Reply> {
  const source = ownSource(ctx);
  const name = ctx.params.stream_name ?? '';
  const stream = await catalogStream(ctx, source, name);
  const current = source.streams[name];
  if (!current) throw notFound(`Stream '${name}' is not configured on this source`);
  const next = patchStreamConfig(stream, current, ctx.json());
  saveStream(ctx, source, name, next);
  return ok(next);
}

async function removeStream(ctx: SandboxContext): Promise<Reply> {
  const source = ownSource(ctx);
  const name = ctx.params.stream_name ?? '';
  await catalogStream(ctx, source, name);
  if (source.streams[name]) saveStream(ctx, source, name, null);
  return { status: 204 };
}

export function registerSourceRoutes(routes: RouteTable): void {
  routes
    .add('GET', '/api/v1/embedded/sources', list)
    .add('POST', '/api/v1/embedded/sources', create)
    .add('GET', '/api/v1/integrations/sources/{source_id}/discover', discover)
    .add('POST', '/api/v1/integrations/sources/{source_id}/catalog/query', query)
    .add('POST', '/api/v1/integrations/sources/{source_id}/streams', addStream)
    .add('PATCH', '/api/v1/integrations/sources/{source_id}/streams/{stream_name}', patchStream)
    .add('DELETE', '/api/v1/integrations/sources/{source_id}/streams/{stream_name}', removeStream);
}
