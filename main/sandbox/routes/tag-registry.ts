import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { detail, notFound, ok } from '../http';
import type { RouteTable } from '../routing';
import type { Tag } from '../state';
import type { SandboxStore } from '../store';
import { parseOr422 } from '../validation';

const nameSchema = z.object({ name: z.string().min(1).max(255) });

/** Unregistered tag names are auto-created when attached or listed at template creation (§8.2). */
export function ensureTags(store: SandboxStore, names: readonly string[]): void {
  for (const name of names) {
    if (store.state.tags.some((t) => t.name === name)) continue;
    const now = store.clock.iso();
    store.state.tags.push({ id: randomUUID(), name, organization_id: store.state.organization_id, created_at: now, updated_at: now });
  }
}

function findTag(ctx: SandboxContext, name: string): Tag {
  const tag = ctx.store.state.tags.find((t) => t.name === name);
  if (!tag) throw notFound(`Template tag with name '${name}' not found.`);
  return tag;
}

function create(ctx: SandboxContext) {
  ctx.auth(['operator', 'scoped']);
  const { name } = parseOr422(nameSchema, ctx.json(), ['body']);
  if (ctx.store.state.tags.some((t) => t.name === name)) throw detail(409, `Template tag with name '${name}' already exists.`);
  ensureTags(ctx.store, [name]);
  ctx.store.changed();
  return ok(findTag(ctx, name));
}

function rename(ctx: SandboxContext) {
  ctx.auth(['operator', 'scoped']);
  const tag = findTag(ctx, ctx.params.name ?? '');
  const { name } = parseOr422(nameSchema, ctx.json(), ['body']);
  if (name !== tag.name && ctx.store.state.tags.some((t) => t.name === name)) throw detail(409, `Template tag with name '${name}' already exists.`);
  const old = tag.name;
  tag.name = name;
  tag.updated_at = ctx.store.clock.iso();
  // The rename reaches every template.
  for (const t of [...ctx.store.state.source_templates, ...ctx.store.state.connection_templates]) t.tags = t.tags.map((x) => (x === old ? name : x));
  ctx.store.changed();
  return ok(tag);
}

function remove(ctx: SandboxContext) {
  ctx.auth(['operator', 'scoped']);
  const tag = findTag(ctx, ctx.params.name ?? '');
  ctx.store.state.tags = ctx.store.state.tags.filter((t) => t !== tag);
  for (const t of [...ctx.store.state.source_templates, ...ctx.store.state.connection_templates]) t.tags = t.tags.filter((x) => x !== tag.name);
  ctx.store.changed();
  return ok({ id: tag.id, deleted_at: ctx.store.clock.iso() });
}

export function registerTagRoutes(routes: RouteTable): void {
  routes
    .add('POST', '/api/v1/integrations/templates/tags', create)
    .add('GET', '/api/v1/integrations/templates/tags', (ctx) => {
      ctx.auth(['operator', 'scoped']);
      return ok({ data: ctx.store.state.tags });
    })
    .add('PUT', '/api/v1/integrations/templates/tags/{name}', rename)
    .add('DELETE', '/api/v1/integrations/templates/tags/{name}', remove);
}

/** Attach/detach on one template kind (§8.2); `tokens` says who may call. */
export function registerTemplateTagRoutes<T extends { tags: string[]; updated_at: string }>(
  routes: RouteTable,
  basePath: string,
  tokens: Array<'operator' | 'scoped'>,
  findTemplate: (ctx: SandboxContext) => T,
  view: (template: T) => unknown,
): void {
  const tagSchema = z.object({ tag: z.string().min(1).max(255) });
  routes
    .add('POST', `${basePath}/{id}/tags`, (ctx) => {
      ctx.auth(tokens);
      const template = findTemplate(ctx);
      const { tag } = parseOr422(tagSchema, ctx.json(), ['body']);
      ensureTags(ctx.store, [tag]);
      if (!template.tags.includes(tag)) {
        template.tags.push(tag);
        template.updated_at = ctx.store.clock.iso();
      }
      ctx.store.changed();
      return ok(view(template));
    })
    .add('DELETE', `${basePath}/{id}/tags/{tag_name}`, (ctx) => {
      ctx.auth(tokens);
      const template = findTemplate(ctx);
      const name = ctx.params.tag_name ?? '';
      if (!template.tags.includes(name)) throw notFound(`Tag '${name}' not found on this template.`);
      template.tags = template.tags.filter((t) => t !== name);
      template.updated_at = ctx.store.clock.iso();
      ctx.store.changed();
      return ok(view(template));
    });
}
