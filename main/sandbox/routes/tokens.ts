import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { regionOr422, type SandboxContext } from '../context';
import { ok, unauthorized, unprocessable } from '../http';
import { REGION_US } from '../ids';
import { TYP_OPERATOR, TYP_SCOPED } from '../jwt';
import { originProblem } from '../origin';
import type { RouteTable } from '../routing';
import type { Workspace } from '../state';
import type { SandboxStore } from '../store';
import { parseOr422 } from '../validation';

export const OPERATOR_TTL_S = 900;
export const SCOPED_TTL_S = 1200;

const credentialsSchema = z.object({ client_id: z.string(), client_secret: z.string() });
const workspaceName = z.string().min(1).max(255);
const scopedSchema = z.object({ workspace_name: workspaceName, region_id: z.unknown().optional() });
const tagsMode = z.enum(['any', 'all']);
const widgetSchema = z.object({
  workspace_name: workspaceName,
  allowed_origin: z.string(),
  region_id: z.unknown().optional(),
  selected_source_template_tags: z.array(z.string()).default([]),
  selected_source_template_tags_mode: tagsMode.default('any'),
  selected_connection_template_tags: z.array(z.string()).default([]),
  selected_connection_template_tags_mode: tagsMode.default('any'),
});

/** A stable `sub` per workspace, like the vendor's fixed per-workspace subject. */
function subjectFor(workspaceId: string): string {
  const h = createHash('sha256').update(`sub:${workspaceId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function mintScopedToken(store: SandboxStore, workspace: Workspace, issuer: string): string {
  const now = store.clock.nowSeconds();
  return store.signer.sign({
    aud: 'airbyte-server',
    sub: subjectFor(workspace.id),
    'io.airbyte.auth.workspace_scope': { workspaceId: workspace.id },
    act: { sub: store.state.application.id },
    roles: ['EMBEDDED_END_USER'],
    iss: issuer,
    typ: TYP_SCOPED,
    exp: now + SCOPED_TTL_S,
    iat: now,
    jti: randomUUID(),
  });
}

/** §2.3 find-or-create: a live name match wins (region ignored); else a new active workspace. */
export function findOrCreateWorkspace(store: SandboxStore, name: string, regionId: string | undefined): Workspace {
  const existing = store.liveWorkspaceByName(name);
  if (existing) return existing;
  const now = store.clock.iso();
  const workspace: Workspace = {
    id: randomUUID(),
    name,
    organization_id: store.state.organization_id,
    status: 'active',
    cache_enabled: null,
    region_id: regionId ?? REGION_US,
    connections_enabled: true,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  store.state.workspaces.push(workspace);
  store.changed();
  return workspace;
}

function operatorToken(ctx: SandboxContext) {
  const body = parseOr422(credentialsSchema, ctx.json(), ['body']);
  const app = ctx.store.state.application;
  if (body.client_id !== app.client_id || body.client_secret !== app.client_secret) throw unauthorized();
  const now = ctx.store.clock.nowSeconds();
  const access_token = ctx.store.signer.sign({
    aud: 'airbyte-server',
    sub: app.id,
    iss: ctx.baseUrl,
    typ: TYP_OPERATOR,
    roles: ['ORGANIZATION_ADMIN'],
    organization_id: ctx.store.state.organization_id,
    exp: now + OPERATOR_TTL_S,
    iat: now,
    jti: randomUUID(),
  });
  return ok({ access_token, token_type: 'bearer', expires_in: OPERATOR_TTL_S, organization_id: ctx.store.state.organization_id });
}

function scopedToken(ctx: SandboxContext) {
  ctx.operator();
  const body = parseOr422(scopedSchema, ctx.json(), ['body']);
  const region = regionOr422(body.region_id, ['body', 'region_id']);
  const workspace = findOrCreateWorkspace(ctx.store, body.workspace_name, region);
  return ok({ token: mintScopedToken(ctx.store, workspace, ctx.baseUrl) });
}

function scopedTokenInfo(ctx: SandboxContext) {
  const workspace = ctx.scoped();
  return ok({ organization_id: ctx.store.state.organization_id, workspace_id: workspace.id, workspace_name: workspace.name });
}

function widgetToken(ctx: SandboxContext) {
  ctx.operator();
  const raw = ctx.json();
  const body = parseOr422(widgetSchema, raw, ['body']);
  const problem = originProblem(body.allowed_origin);
  if (problem) throw unprocessable([{ loc: ['body', 'allowed_origin'], msg: `invalid origin: ${problem}`, type: 'value_error' }]);
  const region = regionOr422(body.region_id, ['body', 'region_id']);
  const workspace = findOrCreateWorkspace(ctx.store, body.workspace_name, region);
  const url = new URL('/quick-start/widget', ctx.baseUrl);
  url.searchParams.set('workspaceId', workspace.id);
  url.searchParams.set('allowedOrigin', body.allowed_origin);
  // Tag filters ride in the URL (sandbox extension); the stand-in widget applies them.
  if (body.selected_source_template_tags.length > 0) {
    for (const tag of body.selected_source_template_tags) url.searchParams.append('sourceTemplateTag', tag);
    url.searchParams.set('sourceTemplateTagsMode', body.selected_source_template_tags_mode);
  }
  if (body.selected_connection_template_tags.length > 0) {
    for (const tag of body.selected_connection_template_tags) url.searchParams.append('connectionTemplateTag', tag);
    url.searchParams.set('connectionTemplateTagsMode', body.selected_connection_template_tags_mode);
  }
  const payload = JSON.stringify({ token: mintScopedToken(ctx.store, workspace, ctx.baseUrl), widgetUrl: url.toString() });
  return ok({ token: Buffer.from(payload, 'utf8').toString('base64') });
}

export function registerTokenRoutes(routes: RouteTable): void {
  routes
    .add('POST', '/api/v1/account/applications/token', operatorToken)
    .add('POST', '/api/v1/embedded/scoped-token', scopedToken)
    .add('GET', '/api/v1/embedded/scoped-token/info', scopedTokenInfo)
    .add('POST', '/api/v1/embedded/widget-token', widgetToken)
    // §11.1: 2026 aliases, same behaviour.
    .add('POST', '/api/v1/account/applications/scoped-token', scopedToken)
    .add('GET', '/api/v1/account/applications/scoped-token/info', scopedTokenInfo)
    .add('POST', '/api/v1/account/applications/widget-token', widgetToken);
}
