import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { describeQuartzCron, isValidQuartzCron } from '../cron';
import { notFound, ok, unprocessable } from '../http';
import type { RouteTable } from '../routing';
import type { ConnectionTemplate } from '../state';
import { matchesTags } from '../tags';
import { parseOr422 } from '../validation';
import { ensureTags, registerTemplateTagRoutes } from './tag-registry';

const BASE = '/api/v1/integrations/templates/connections';

export function connectionTemplateView(t: ConnectionTemplate) {
  const common = {
    id: t.id,
    organization_id: t.organization_id,
    data_hosting_type: t.data_hosting_type,
    destination_name: t.destination_name,
    icon: t.icon,
    cron_expression: t.cron_expression,
    tags: t.tags,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
  if (t.data_hosting_type === 'airbyte_hosted') return common;
  return {
    ...common,
    destination_definition_id: t.destination_definition_id,
    destination_config: t.destination_config,
    non_breaking_changes_preference: t.non_breaking_changes_preference,
    sync_on_create: t.sync_on_create,
  };
}

function checkCron(value: string | null | undefined): void {
  if (value !== undefined && value !== null && !isValidQuartzCron(value)) {
    throw unprocessable([{ loc: ['body', 'cron_expression'], msg: `invalid Quartz cron expression: '${value}'`, type: 'value_error' }]);
  }
}

const preference = z.enum(['ignore', 'disable', 'propagate_columns', 'propagate_fully']);
const userHostedSchema = z.object({
  data_hosting_type: z.literal('user_hosted').default('user_hosted'),
  destination_name: z.string().min(1).max(255),
  destination_definition_id: z.string().regex(/^[0-9a-f-]{36}$/i, 'value is not a valid uuid'),
  destination_config: z.record(z.string(), z.unknown()),
  cron_expression: z.string().nullable().optional(),
  non_breaking_changes_preference: preference.default('ignore'),
  sync_on_create: z.boolean().default(true),
  tags: z.array(z.string()).default([]),
});
const airbyteHostedSchema = z.object({
  data_hosting_type: z.literal('airbyte_hosted'),
  cron_expression: z.string().nullable().optional(),
  tags: z.array(z.string()).default([]),
});

function find(ctx: SandboxContext): ConnectionTemplate {
  const id = ctx.uuid('id');
  const template = ctx.store.state.connection_templates.find((t) => t.id === id && t.deleted_at === null);
  if (!template) throw notFound('Connection template not found');
  return template;
}

function create(ctx: SandboxContext) {
  ctx.operator();
  const raw = ctx.json();
  const now = ctx.store.clock.iso();
  const hosted = typeof raw === 'object' && raw !== null && (raw as { data_hosting_type?: unknown }).data_hosting_type === 'airbyte_hosted';
  const base = { id: randomUUID(), organization_id: ctx.store.state.organization_id, icon: null, created_at: now, updated_at: now, deleted_at: null };
  let template: ConnectionTemplate;
  if (hosted) {
    const body = parseOr422(airbyteHostedSchema, raw, ['body']);
    checkCron(body.cron_expression);
    template = {
      ...base, data_hosting_type: 'airbyte_hosted', destination_name: null, destination_definition_id: null, destination_config: null,
      cron_expression: body.cron_expression ?? null, non_breaking_changes_preference: null, sync_on_create: null, tags: [...new Set(body.tags)],
    };
  } else {
    const body = parseOr422(userHostedSchema, raw, ['body']);
    checkCron(body.cron_expression);
    template = {
      ...base, data_hosting_type: 'user_hosted', destination_name: body.destination_name, destination_definition_id: body.destination_definition_id.toLowerCase(),
      destination_config: body.destination_config, cron_expression: body.cron_expression ?? null,
      non_breaking_changes_preference: body.non_breaking_changes_preference, sync_on_create: body.sync_on_create, tags: [...new Set(body.tags)],
    };
  }
  ensureTags(ctx.store, template.tags);
  ctx.store.state.connection_templates.push(template);
  ctx.store.changed();
  return ok(connectionTemplateView(template));
}

const patchSchema = z.object({
  destination_name: z.string().min(1).max(255).optional(),
  destination_config: z.record(z.string(), z.unknown()).optional(),
  cron_expression: z.string().nullable().optional(),
  non_breaking_changes_preference: preference.optional(),
  sync_on_create: z.boolean().optional(),
});

function patch(ctx: SandboxContext) {
  ctx.operator();
  const template = find(ctx);
  const body = parseOr422(patchSchema, ctx.json(), ['body']);
  checkCron(body.cron_expression);
  if (body.destination_name !== undefined) template.destination_name = body.destination_name;
  if (body.destination_config !== undefined) template.destination_config = body.destination_config;
  if (body.cron_expression !== undefined) template.cron_expression = body.cron_expression;
  if (body.non_breaking_changes_preference !== undefined) template.non_breaking_changes_preference = body.non_breaking_changes_preference;
  if (body.sync_on_create !== undefined) template.sync_on_create = body.sync_on_create;
  template.updated_at = ctx.store.clock.iso();
  ctx.store.changed();
  return ok(connectionTemplateView(template));
}

const listQuery = z.object({ tags_mode: z.enum(['any', 'all']).default('all') });

export function registerConnectionTemplateRoutes(routes: RouteTable): void {
  routes
    .add('POST', `${BASE}/cron/describe`, (ctx) => {
      ctx.operator();
      const { cron_expression } = parseOr422(z.object({ cron_expression: z.string() }), ctx.json(), ['body']);
      const valid = isValidQuartzCron(cron_expression);
      return ok({ description: valid ? describeQuartzCron(cron_expression) : 'Invalid cron expression', is_valid: valid });
    })
    .add('GET', BASE, (ctx) => {
      ctx.operator();
      const { tags_mode } = parseOr422(listQuery, Object.fromEntries(ctx.facts.query), ['query']);
      const tags = ctx.facts.query.getAll('tags');
      const data = ctx.store.state.connection_templates.filter((t) => t.deleted_at === null && matchesTags(t.tags, tags, tags_mode)).map(connectionTemplateView);
      return ok({ data });
    })
    .add('POST', BASE, create)
    .add('GET', `${BASE}/{id}`, (ctx) => {
      ctx.operator();
      return ok(connectionTemplateView(find(ctx)));
    })
    .add('PATCH', `${BASE}/{id}`, patch)
    .add('DELETE', `${BASE}/{id}`, (ctx) => {
      ctx.operator();
      const template = find(ctx);
      template.deleted_at = ctx.store.clock.iso();
      ctx.store.changed();
      return ok({ id: template.id, deleted_at: template.deleted_at });
    });
  registerTemplateTagRoutes(routes, BASE, ['operator'], find, connectionTemplateView);
}
