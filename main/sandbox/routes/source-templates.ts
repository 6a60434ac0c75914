import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { connectorById } from '../connectors';
import { notFound, ok, unprocessable } from '../http';
import type { RouteTable } from '../routing';
import type { Customization, SourceTemplate } from '../state';
import { matchesTags } from '../tags';
import { parseOr422 } from '../validation';
import { deepMerge } from '../merge';
import { ensureTags, registerTemplateTagRoutes } from './tag-registry';

const BASE = '/api/v1/integrations/templates/sources';

/** §6.1 template object. */
export function templateView(t: SourceTemplate) {
  const connector = connectorById(t.actor_definition_id);
  return {
    id: t.id,
    name: t.name,
    icon: t.icon,
    organization_id: t.organization_id,
    source_definition_id: t.actor_definition_id,
    actor_definition_id: t.actor_definition_id,
    user_config_spec: { connectionSpecification: connector?.spec ?? { type: 'object', properties: {}, required: [] } },
    partial_default_config: t.partial_default_config,
    customization: t.customization,
    tags: t.tags,
    mode: t.mode,
    is_experimental: t.is_experimental,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

function itemView(t: SourceTemplate) {
  return {
    id: t.id,
    name: t.name,
    icon: t.icon,
    connector_name: connectorById(t.actor_definition_id)?.name ?? null,
    organization_id: t.organization_id,
    actor_definition_id: t.actor_definition_id,
    tags: t.tags,
    customization: t.customization,
    mode: t.mode,
    created_at: t.created_at,
    updated_at: t.updated_at,
    // Sandbox extension: lets the stand-in widget render its form with a scoped token. The client never reads these.
    x_sandbox_user_config_spec: { connectionSpecification: connectorById(t.actor_definition_id)?.spec ?? null },
    x_sandbox_partial_default_config: t.partial_default_config,
  };
}

function detailView(t: SourceTemplate) {
  const connector = connectorById(t.actor_definition_id);
  return { ...templateView(t), auth_tooltip: connector?.authTooltip ?? null, connector_name: connector?.name ?? null };
}

const listQuery = z.object({
  tags_mode: z.enum(['any', 'all']).default('all'),
  use_global: z.enum(['true', 'false']).default('false'),
});

function list(ctx: SandboxContext) {
  ctx.auth(['operator', 'scoped']);
  const query = parseOr422(listQuery, Object.fromEntries(ctx.facts.query), ['query']);
  const tags = ctx.facts.query.getAll('tags');
  const org = ctx.store.state.organization_id;
  const global = query.use_global === 'true';
  const data = ctx.store.state.source_templates
    .filter((t) => t.deleted_at === null && (global ? t.organization_id === null : t.organization_id === org))
    .filter((t) => matchesTags(t.tags, tags, query.tags_mode))
    .map(itemView);
  return ok({ data });
}

const customizationSchema = z
  .object({
    stream_selection_mode: z.enum(['suggested', 'all', 'whitelist']).default('suggested'),
    stream_whitelist: z.array(z.string()).optional(),
  })
  .passthrough();

function checkWhitelist(customization: Customization): void {
  if (customization.stream_selection_mode === 'whitelist' && (customization.stream_whitelist ?? []).length === 0) {
    throw unprocessable([{ loc: ['body', 'customization', 'stream_whitelist'], msg: 'stream_whitelist must be non-empty in whitelist mode', type: 'value_error' }]);
  }
}

const modeSchema = z.enum(['DIRECT', 'REPLICATION', 'MULTI']);
const createSchema = z.object({
  actor_definition_id: z.string().regex(/^[0-9a-f-]{36}$/i, 'value is not a valid uuid'),
  partial_default_config: z.record(z.string(), z.unknown()),
  name: z.string().min(1).max(255).optional(),
  customization: customizationSchema.optional(),
  mode: modeSchema.default('REPLICATION'),
  tags: z.array(z.string()).default([]),
});
const cloneSchema = z.object({ original_source_template_id: z.string(), name: z.string().min(1).max(255).optional(), mode: modeSchema.optional() });

function find(ctx: SandboxContext, options: { orgOnly?: boolean } = {}): SourceTemplate {
  const id = ctx.uuid('id');
  const template = ctx.store.state.source_templates.find(
    (t) => t.id === id && t.deleted_at === null && (!options.orgOnly || t.organization_id === ctx.store.state.organization_id),
  );
  if (!template) throw notFound('Source template not found');
  return template;
}

function create(ctx: SandboxContext) {
  ctx.operator();
  const raw = ctx.json();
  const now = ctx.store.clock.iso();
  let template: SourceTemplate;
  if (typeof raw === 'object' && raw !== null && 'original_source_template_id' in raw) {
    const body = parseOr422(cloneSchema, raw, ['body']);
    const original = ctx.store.state.source_templates.find((t) => t.id === body.original_source_template_id.toLowerCase() && t.deleted_at === null);
    if (!original) throw notFound('Source template not found');
    template = {
      ...structuredClone(original),
      id: randomUUID(),
      organization_id: ctx.store.state.organization_id,
      name: body.name ?? original.name,
      mode: body.mode ?? original.mode,
      created_at: now,
      updated_at: now,
    };
  } else {
    const body = parseOr422(createSchema, raw, ['body']);
    const connector = connectorById(body.actor_definition_id.toLowerCase());
    if (!connector) throw notFound('Source definition not found');
    const customization = (body.customization ?? { stream_selection_mode: 'suggested' }) as Customization;
    checkWhitelist(customization);
    ensureTags(ctx.store, body.tags);
    template = {
      id: randomUUID(),
      organization_id: ctx.store.state.organization_id,
      name: body.name ?? connector.name,
      icon: null,
      actor_definition_id: connector.definitionId,
      partial_default_config: body.partial_default_config,
      customization,
      tags: [...new Set(body.tags)],
      mode: body.mode,
      is_experimental: false,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
  }
  ctx.store.state.source_templates.push(template);
  ctx.store.changed();
  return ok(templateView(template));
}

const patchSchema = z.object({
  name: z.string().min(1).max(255).optional(),
  partial_default_config: z.record(z.string(), z.unknown()).optional(),
  customization: customizationSchema.optional(),
  mode: modeSchema.optional(),
  propagate: z.boolean().default(false),
});

function patch(ctx: SandboxContext) {
  ctx.operator();
  const template = find(ctx, { orgOnly: true });
  const body = parseOr422(patchSchema, ctx.json(), ['body']);
  if (body.customization) checkWhitelist(body.customization as Customization);
  if (body.name !== undefined) template.name = body.name;
  if (body.mode !== undefined) template.mode = body.mode;
  if (body.customization !== undefined) template.customization = body.customization as Customization;
  if (body.partial_default_config !== undefined) {
    template.partial_default_config = body.partial_default_config;
    // §6.2: only with propagate=true do existing sources take the new defaults (their own values still win).
    if (body.propagate) {
      for (const source of ctx.store.state.sources.filter((s) => s.source_template_id === template.id)) {
        source.config = deepMerge(body.partial_default_config, source.config);
        source.updated_at = ctx.store.clock.iso();
      }
    }
  }
  template.updated_at = ctx.store.clock.iso();
  ctx.store.changed();
  return ok(templateView(template));
}

function remove(ctx: SandboxContext) {
  ctx.operator();
  const template = find(ctx, { orgOnly: true });
  template.deleted_at = ctx.store.clock.iso();
  ctx.store.changed();
  return ok({ id: template.id, deleted_at: template.deleted_at });
}

export function registerSourceTemplateRoutes(routes: RouteTable): void {
  routes
    .add('GET', BASE, list)
    .add('POST', BASE, create)
    .add('GET', `${BASE}/{id}`, (ctx) => {
      ctx.operator();
      return ok(detailView(find(ctx)));
    })
    .add('PATCH', `${BASE}/{id}`, patch)
    .add('DELETE', `${BASE}/{id}`, remove);
  registerTemplateTagRoutes(routes, BASE, ['operator', 'scoped'], (ctx) => find(ctx, { orgOnly: true }), templateView);
}
