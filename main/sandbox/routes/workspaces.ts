import { z } from 'zod';
import type { SandboxContext } from '../context';
import { detail, notFound, ok } from '../http';
import type { RouteTable } from '../routing';
import type { Workspace } from '../state';
import { parseOr422 } from '../validation';

/** The API's workspace object; the region is a sandbox extension the client's schema drops. */
export function workspaceView(w: Workspace) {
  return {
    id: w.id,
    name: w.name,
    organization_id: w.organization_id,
    status: w.status,
    cache_enabled: w.cache_enabled,
    tombstone: false,
    visibility: 'private',
    color: null,
    created_at: w.created_at,
    updated_at: w.updated_at,
    x_sandbox_region_id: w.region_id,
  };
}

const listQuery = z.object({
  name_contains: z.string().optional(),
  status: z.enum(['active', 'inactive']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // falls through to the error
  }
  throw detail(400, 'Invalid cursor');
}

function list(ctx: SandboxContext) {
  ctx.operator();
  const query = parseOr422(listQuery, Object.fromEntries(ctx.facts.query), ['query']);
  const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
  const needle = query.name_contains?.toLowerCase();
  const matching = ctx.store
    .liveWorkspaces()
    .filter((w) => (needle === undefined || w.name.toLowerCase().includes(needle)) && (query.status === undefined || w.status === query.status))
    .sort((a, b) => (a.created_at === b.created_at ? a.id.localeCompare(b.id) : a.created_at.localeCompare(b.created_at)));
  const page = matching.slice(offset, offset + query.limit);
  let next: string | null = null;
  if (offset + query.limit < matching.length) {
    const url = new URL('/api/v1/workspaces', ctx.baseUrl);
    if (query.name_contains !== undefined) url.searchParams.set('name_contains', query.name_contains);
    if (query.status !== undefined) url.searchParams.set('status', query.status);
    url.searchParams.set('limit', String(query.limit));
    url.searchParams.set('cursor', Buffer.from(JSON.stringify({ offset: offset + query.limit })).toString('base64'));
    next = url.toString();
  }
  return ok({ data: page.map(workspaceView), next });
}

function stats(ctx: SandboxContext) {
  ctx.operator();
  const all = ctx.store.liveWorkspaces();
  const active = all.filter((w) => w.status === 'active').length;
  return ok({ active_count: active, inactive_count: all.length - active, total_count: all.length });
}

function find(ctx: SandboxContext): Workspace {
  ctx.operator();
  const workspace = ctx.store.liveWorkspace(ctx.uuid('workspace_id'));
  if (!workspace) throw notFound('Workspace not found');
  return workspace;
}

const updateSchema = z.object({
  name: z.string().min(1).max(255).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  cache_enabled: z.boolean().nullable().optional(),
});

function update(ctx: SandboxContext) {
  const workspace = find(ctx);
  const body = parseOr422(updateSchema, ctx.json(), ['body']);
  if (body.name !== undefined && body.name !== workspace.name) {
    const taken = ctx.store.liveWorkspaceByName(body.name);
    if (taken && taken.id !== workspace.id) throw detail(409, 'Workspace name already in use');
    workspace.name = body.name;
  }
  if (body.status !== undefined) {
    workspace.status = body.status;
    // §3.2: inactivating disables every connection of the workspace; activating does not re-enable them.
    if (body.status === 'inactive') workspace.connections_enabled = false;
  }
  if (body.cache_enabled !== undefined) workspace.cache_enabled = body.cache_enabled;
  workspace.updated_at = ctx.store.clock.iso();
  ctx.store.changed();
  return ok(workspaceView(workspace));
}

function remove(ctx: SandboxContext) {
  const workspace = find(ctx);
  workspace.deleted_at = ctx.store.clock.iso();
  ctx.store.changed();
  return ok({ id: workspace.id, deleted_at: workspace.deleted_at });
}

export function registerWorkspaceRoutes(routes: RouteTable): void {
  routes
    .add('GET', '/api/v1/workspaces', list)
    .add('GET', '/api/v1/workspaces/stats', stats)
    .add('GET', '/api/v1/workspaces/{workspace_id}', (ctx) => ok(workspaceView(find(ctx))))
    .add('PUT', '/api/v1/workspaces/{workspace_id}', update)
    .add('DELETE', '/api/v1/workspaces/{workspace_id}', remove);
}
