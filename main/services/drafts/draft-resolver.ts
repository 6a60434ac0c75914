import type { TemplateDraft } from '../../../preload/contract';
import { comparableOf } from '../../../lib/templates/comparable';
import { serializeDraft } from '../../../lib/templates/draft-text';
import { AppError } from '../../ipc/app-error';
import { serverAsDraft } from './draft-analysis';
import { hashOf } from './draft-hash';
import { fetchServer } from './draft-planner';
import { pulledDraft } from './draft-puller';
import type { DraftsContext } from './drafts-context';

type JsonObject = Record<string, unknown>;

/** What settling did: the file was rewritten, the base moved, or the link was removed (deleted on the server). */
export type Resolution = 'took-server' | 'rebased' | 'unlinked';

/**
 * Settles a linked draft against its server template. `server`: the file becomes the server version
 * exactly as a pull writes it (the draft's `$secret` references and an Airbyte-hosted label kept) and
 * the base follows. `mine`: the file is left alone and the base becomes the server's current version,
 * so the next plan is an update from the server to the draft. A template deleted on the server has no
 * version to take; keeping the draft then removes the link, so the next plan creates it again.
 */
export async function resolveDraft(ctx: DraftsContext, file: string, keep: 'server' | 'mine', signal?: AbortSignal): Promise<Resolution> {
  const read = await ctx.directory.read(file);
  if (!read) throw new AppError('not_found', `There is no draft file named ${file} in the drafts folder.`);
  const draft = read.parsed.draft;
  if (!draft || read.text === null) {
    throw new AppError('validation', `${file} is not a valid draft (${read.parsed.problem?.message ?? 'it cannot be read'}); fix or delete it in an editor before settling it.`);
  }
  const entry = ctx.state.current.drafts[file];
  if (!entry) throw new AppError('validation', `${file} is not linked to a server template (it was never published or pulled), so there is nothing to settle: Plan shows it as a new template.`);
  if (entry.kind !== draft.kind) {
    throw new AppError('validation', `${file} was linked to a ${entry.kind.replace('_', ' ')} but now holds a ${draft.kind.replace('_', ' ')}; save it under a new file name instead.`);
  }

  const server = await fetchServer(ctx, draft.kind, entry.remoteId, signal);
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled; the draft and its link were not changed.');
  if (!server) {
    if (keep === 'server') {
      throw new AppError('not_found', `The template ${file} was linked to was deleted on the server, so there is no server version to take. Delete the file, or keep yours: it is then created again at the next publish.`);
    }
    await ctx.state.change((state) => {
      if (state.drafts[file]?.remoteId === entry.remoteId) delete state.drafts[file];
    });
    return 'unlinked';
  }

  const label = draft.kind === 'connection_template' && draft.data_hosting_type === 'airbyte_hosted' ? draft.label : undefined;
  if (draft.kind === 'source_template') {
    // The cached spec's secret fields first; serverAsDraft adds those of the spec the server sent (as pull does).
    await ctx.knowledge.secretPaths(draft.actor_definition_id, signal ? { signal } : {});
  }
  const mapped = serverAsDraft(draft.kind, server, ctx.knowledge, label);
  const base = comparableOf(mapped.draft, mapped.secretPaths);
  const baseEntry = { remoteId: entry.remoteId, kind: entry.kind, baseHash: hashOf(base), publishedHash: entry.publishedHash, base, sentSecrets: entry.sentSecrets };

  if (keep === 'mine') {
    await ctx.state.change((state) => {
      state.drafts[file] = baseEntry;
    });
    return 'rebased';
  }

  const next: TemplateDraft | null = pulledDraft(mapped.draft, draft);
  if (!next) throw new AppError('validation', 'The server sent this template in a shape a draft cannot hold, so the draft was left as it is.');
  const text = serializeDraft(next as unknown as JsonObject);
  await ctx.directory.exclusive(file, async () => {
    // Checked inside the file's queue: an edit saved meanwhile is never overwritten unseen.
    const now = await ctx.directory.read(file);
    if (!now || now.text !== read.text) throw new AppError('conflict', `${file} changed while it was being settled; nothing was overwritten. Try again.`);
    if (now.text !== text) await ctx.directory.writeNow(file, text);
  });
  await ctx.state.change((state) => {
    state.drafts[file] = baseEntry;
  });
  return 'took-server';
}
