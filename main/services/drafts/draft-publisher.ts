import type { PublishResult } from '../../../preload/contract';
import { comparableOf } from '../../../lib/templates/comparable';
import { jsonCopy, setAtPointer } from '../../../lib/templates/json-pointers';
import { valueAt } from '../../../lib/templates/secret-paths';
import { isEmptySecret, isMasked, resolveSecretReferences, secretFieldLabel } from '../../../lib/templates/secret-values';
import { serverAsDraft } from './draft-analysis';
import { hashOf, hashText } from './draft-hash';
import type { PlanEntryWithSend } from './draft-plan-store';
import { serverComparable, type PlannedSend } from './draft-planner';
import { messageOf, notFound, type DraftsContext } from './drafts-context';
import { mapLimit } from './map-limit';

type JsonObject = Record<string, unknown>;
const PUBLISH_CONCURRENCY = 6;

const result = (item: PlanEntryWithSend, outcome: PublishResult['outcome'], message: string | null, remoteId = item.entry.remoteId): PublishResult => ({
  file: item.entry.file,
  name: item.entry.name,
  action: item.entry.action,
  outcome,
  message,
  remoteId,
});

const WHY_NOT_SENT: Record<string, string> = {
  unchanged: 'Nothing to send: the draft and the server are the same.',
  conflict: 'Not sent: both the draft and the server changed since the pull.',
  invalid: 'Not sent: the draft is invalid.',
};

/** The kept values of the references, read right before sending (never held in the plan). */
async function secretValues(ctx: DraftsContext, references: Record<string, string>): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const name of new Set(Object.values(references))) {
    const value = await ctx.secrets.get(ctx.profileId, name);
    if (value !== null) values.set(name, value);
  }
  return values;
}

function resolve(config: JsonObject, values: Map<string, string>): JsonObject {
  const resolved = resolveSecretReferences(config, values);
  if (resolved.missing.length > 0) throw new Error(`The secret ${resolved.missing.map((n) => `“${n}”`).join(', ')} is no longer kept in the keychain for this profile; set it again and plan again.`);
  return resolved.config;
}

async function recordSuccess(ctx: DraftsContext, send: PlannedSend, server: JsonObject, published: boolean): Promise<void> {
  const mapped = serverAsDraft(send.kind, server, ctx.knowledge);
  const base = comparableOf(mapped.draft, [...new Set([...send.secretPaths, ...mapped.secretPaths])]);
  await ctx.state.change((state) => {
    const previous = state.drafts[send.file];
    state.drafts[send.file] = {
      remoteId: String(server.id),
      kind: send.kind,
      baseHash: hashOf(base),
      publishedHash: published ? send.draftHash : (previous?.publishedHash ?? null),
      base,
      sentSecrets: published ? send.references : (previous?.sentSecrets ?? {}),
    };
  });
}

async function publishCreate(ctx: DraftsContext, send: PlannedSend, item: PlanEntryWithSend): Promise<PublishResult> {
  const body = jsonCopy(send.create ?? {});
  const values = await secretValues(ctx, send.references);
  if (send.kind === 'source_template') body.partial_default_config = resolve(body.partial_default_config as JsonObject, values);
  else if (body.destination_config) body.destination_config = resolve(body.destination_config as JsonObject, values);
  const created = (send.kind === 'source_template' ? await ctx.client.createSourceTemplate(body) : await ctx.client.createConnectionTemplate(body)) as JsonObject;
  send.done = true;
  await recordSuccess(ctx, send, created, true);
  return result(item, 'done', null, String(created.id));
}

async function publishUpdate(ctx: DraftsContext, send: PlannedSend, item: PlanEntryWithSend, propagate: boolean, label: string | undefined): Promise<PublishResult> {
  const id = send.remoteId as string;
  const isSource = send.kind === 'source_template';
  let server: JsonObject;
  try {
    server = (isSource ? await ctx.client.getSourceTemplate(id) : await ctx.client.getConnectionTemplate(id)) as JsonObject;
  } catch (error) {
    if (notFound(error)) return result(item, 'skipped', 'The template was deleted on the server since the plan; plan again.');
    throw error;
  }
  if (serverComparable(ctx, send, server, label).hash !== send.serverHash) return result(item, 'skipped', 'The template changed on the server since the plan; nothing was sent. Plan again.');
  const notes: string[] = [];
  let latest = server;
  const requests = send.update ?? { patch: null, attach: [], detach: [] };
  try {
    if (requests.patch) {
      const patch = jsonCopy(requests.patch);
      const values = await secretValues(ctx, send.references);
      if (isSource && patch.partial_default_config) {
        const config = resolve(patch.partial_default_config as JsonObject, values);
        // PATCH replaces the whole config: a secret the draft leaves empty keeps the server's value.
        for (const pointer of send.secretPaths) {
          if (!isEmptySecret(valueAt(config, pointer))) continue;
          const current = valueAt(server.partial_default_config, pointer);
          if (isEmptySecret(current)) continue;
          if (isMasked(current)) notes.push(`The server shows “${secretFieldLabel(pointer)}” masked, so its value could not be kept; set it again or reference a kept secret.`);
          else setAtPointer(config, pointer, current);
        }
        patch.partial_default_config = config;
      }
      if (!isSource && patch.destination_config) patch.destination_config = resolve(patch.destination_config as JsonObject, values);
      latest = (isSource ? await ctx.client.patchSourceTemplate(id, { ...patch, propagate }) : await ctx.client.patchConnectionTemplate(id, patch)) as JsonObject;
    }
    for (const tag of requests.detach) latest = (isSource ? await ctx.client.untagSourceTemplate(id, tag) : await ctx.client.untagConnectionTemplate(id, tag)) as JsonObject;
    for (const tag of requests.attach) latest = (isSource ? await ctx.client.tagSourceTemplate(id, tag) : await ctx.client.tagConnectionTemplate(id, tag)) as JsonObject;
  } catch (error) {
    // Part of it landed: the base follows the server, so the next plan shows only what is left.
    if (latest !== server) await recordSuccess(ctx, send, latest, false);
    send.done = true;
    return result(item, 'failed', `${latest !== server ? 'Only part of the change was published: ' : ''}${messageOf(error)}`);
  }
  send.done = true;
  // Tag answers of a source template carry no connector name and no spec: keep the server's for the base.
  await recordSuccess(ctx, send, { ...server, ...latest }, true);
  return result(item, 'done', notes.length > 0 ? notes.join(' ') : null);
}

/**
 * Applies exactly the plan's creates and updates, re-checking file and server first; the state file is
 * updated per success. Cancelling stops entries not yet started; requests already sent are let finish
 * (an aborted create would leave it unknown whether the template exists).
 */
export async function publishPlan(ctx: DraftsContext, items: PlanEntryWithSend[], propagate: boolean, step: () => void, signal?: AbortSignal): Promise<PublishResult[]> {
  return mapLimit(items, PUBLISH_CONCURRENCY, async (item) => {
    try {
      const send = item.send;
      if (!send) return result(item, 'skipped', WHY_NOT_SENT[item.entry.action] ?? 'Nothing to send.');
      if (signal?.aborted) return result(item, 'skipped', 'Cancelled before it was sent.');
      if (send.done) return result(item, 'skipped', 'Already published by this plan; plan again.');
      const read = await ctx.directory.read(send.file);
      if (!read || read.text === null || hashText(read.text) !== send.textHash) return result(item, 'skipped', 'The file changed since the plan; nothing was sent. Plan again.');
      const linked = ctx.state.current.drafts[send.file]?.remoteId ?? null;
      if (linked !== send.remoteId) return result(item, 'skipped', 'The draft was published or pulled since the plan; nothing was sent. Plan again.');
      const draft = read.parsed.draft;
      const label = draft?.kind === 'connection_template' && draft.data_hosting_type === 'airbyte_hosted' ? draft.label : undefined;
      return send.action === 'create' ? await publishCreate(ctx, send, item) : await publishUpdate(ctx, send, item, propagate, label);
    } catch (error) {
      return result(item, 'failed', messageOf(error));
    } finally {
      step();
    }
  });
}
