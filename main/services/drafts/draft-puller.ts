import { templateDraftSchema, type PullResult, type TemplateDraft } from '../../../preload/contract';
import { comparableOf } from '../../../lib/templates/comparable';
import { serializeDraft } from '../../../lib/templates/draft-text';
import { secretReferences, setAtPointer } from '../../../lib/templates/json-pointers';
import { AppError } from '../../ipc/app-error';
import { configOf, serverAsDraft } from './draft-analysis';
import { hashOf } from './draft-hash';
import { draftLabel, type DraftsContext } from './drafts-context';
import { mapLimit } from './map-limit';
import { stateBatcher } from './state-batcher';

type JsonObject = Record<string, unknown>;
const FETCH_CONCURRENCY = 8;
const WRITE_CONCURRENCY = 8;

interface ServerTemplate {
  kind: TemplateDraft['kind'];
  server: JsonObject;
}

/** The organization's templates, each read whole (list items carry no config). */
async function fetchAll(ctx: DraftsContext, progress: { phase: (p: string, total?: number) => void; step: () => void }, signal?: AbortSignal): Promise<ServerTemplate[]> {
  const options = signal ? { signal } : {};
  const [sources, connections] = await Promise.all([ctx.client.listSourceTemplates({ global: false }, options), ctx.client.listConnectionTemplates({}, options)]);
  const wanted: Array<{ kind: TemplateDraft['kind']; id: string }> = [
    ...sources.data.filter((s) => s.organization_id !== null).map((s) => ({ kind: 'source_template' as const, id: s.id })),
    ...connections.data.map((c) => ({ kind: 'connection_template' as const, id: c.id })),
  ];
  progress.phase('reading templates', wanted.length);
  const read = await mapLimit(
    wanted,
    FETCH_CONCURRENCY,
    async ({ kind, id }): Promise<ServerTemplate | null> => {
      try {
        const server = (kind === 'source_template' ? await ctx.client.getSourceTemplate(id, options) : await ctx.client.getConnectionTemplate(id, options)) as JsonObject;
        return { kind, server };
      } catch (error) {
        // Deleted between the list and the read: nothing to pull.
        if ((error as { code?: unknown }).code === 'not_found') return null;
        throw error;
      } finally {
        progress.step();
      }
    },
    signal,
  );
  if (signal?.aborted) throw new AppError('cancelled', 'The pull was cancelled; files written so far are kept.');
  return read.filter((t): t is ServerTemplate => t !== null && t !== undefined);
}

/** The server version as a draft file, keeping the old draft's `$secret` references (they are not server data). */
export function pulledDraft(serverDraft: JsonObject, previous: TemplateDraft | null): TemplateDraft | null {
  if (previous) {
    const key = previous.kind === 'source_template' ? 'partial_default_config' : 'destination_config';
    const config = serverDraft[key] as JsonObject | undefined;
    if (config) for (const ref of secretReferences(configOf(previous))) setAtPointer(config, ref.pointer, { $secret: ref.name });
  }
  const parsed = templateDraftSchema.safeParse(serverDraft);
  return parsed.success ? parsed.data : null;
}

/**
 * Writes the server's templates into draft files: new files for templates no draft is linked to, and
 * the server version over linked drafts that were not edited since their base. Edited and invalid
 * drafts are left alone. Secret values are never written.
 */
export async function pullTemplates(ctx: DraftsContext, progress: { phase: (p: string, total?: number) => void; step: () => void }, signal?: AbortSignal): Promise<PullResult> {
  const templates = await fetchAll(ctx, progress, signal);
  const present = new Set((await ctx.directory.scan()).map((f) => f.name));
  const fileOf = new Map<string, string>();
  for (const [file, entry] of Object.entries(ctx.state.current.drafts)) if (present.has(file)) fileOf.set(`${entry.kind}\u0000${entry.remoteId}`, file);

  const setState = stateBatcher(ctx.state);
  const out: PullResult = { created: [], updated: [], unchanged: 0, skipped: [] };
  const fresh: Array<{ draft: TemplateDraft; remoteId: string; base: JsonObject }> = [];
  progress.phase('writing drafts', templates.length);
  for (const { kind, server } of templates) {
    if (signal?.aborted) throw new AppError('cancelled', 'The pull was cancelled; files written so far are kept.');
    const remoteId = String(server.id);
    const linkedFile = fileOf.get(`${kind}\u0000${remoteId}`);
    const read = linkedFile ? await ctx.directory.read(linkedFile) : null;
    const previous = read?.parsed.draft ?? null;
    const label = previous?.kind === 'connection_template' && previous.data_hosting_type === 'airbyte_hosted' ? previous.label : undefined;
    if (kind === 'source_template') {
      // The cached spec's secrets first; serverAsDraft adds those of the spec the server sent.
      await ctx.knowledge.secretPaths(String(server.actor_definition_id ?? server.source_definition_id ?? ''), signal ? { signal } : {});
    }
    const mapped = serverAsDraft(kind, server, ctx.knowledge, label);
    const base = comparableOf(mapped.draft, mapped.secretPaths);
    const serverHash = hashOf(base);
    const draft = pulledDraft(mapped.draft, previous);
    const display = typeof server.name === 'string' ? server.name : typeof server.destination_name === 'string' ? server.destination_name : remoteId;
    if (!draft) {
      out.skipped.push({ file: linkedFile ?? display, reason: 'The server sent this template in a shape a draft cannot hold; it was not written.' });
      progress.step();
      continue;
    }
    if (!linkedFile || !read) {
      fresh.push({ draft, remoteId, base });
      continue;
    }
    progress.step();
    if (!previous) {
      out.skipped.push({ file: linkedFile, reason: `The file is not a valid draft (${read.parsed.problem?.message ?? 'unreadable'}); it was left as it is.` });
      continue;
    }
    const entry = ctx.state.current.drafts[linkedFile];
    const draftHash = hashOf(comparableOf(previous as unknown as JsonObject, mapped.secretPaths));
    if (entry && draftHash !== entry.baseHash && draftHash !== serverHash) {
      if (serverHash === entry.baseHash) out.unchanged++;
      else out.skipped.push({ file: linkedFile, reason: 'Edited since the last pull, and the server changed too; Plan shows the conflict.' });
      continue;
    }
    const text = serializeDraft(draft as unknown as JsonObject);
    const written = await ctx.directory.exclusive(linkedFile, async () => {
      // Checked again inside the file's queue: a save that landed meanwhile wins.
      const now = await ctx.directory.read(linkedFile);
      if (!now || now.text !== read.text) return 'moved';
      if (now.text === text) return 'same';
      await ctx.directory.writeNow(linkedFile, text);
      return 'written';
    });
    if (written === 'moved') {
      out.skipped.push({ file: linkedFile, reason: 'The file changed while pulling; it was left as it is. Pull again.' });
      continue;
    }
    const old = ctx.state.current.drafts[linkedFile];
    await setState(linkedFile, { remoteId, kind, baseHash: serverHash, publishedHash: old?.publishedHash ?? null, base, sentSecrets: old?.sentSecrets ?? {} });
    if (written === 'written') out.updated.push(linkedFile);
    else out.unchanged++;
  }

  if (fresh.length > 0) {
    const { names, release } = await ctx.allocate(fresh.map((f) => ({ kind: f.draft.kind, label: draftLabel(f.draft) })));
    await mapLimit(fresh, WRITE_CONCURRENCY, async (item, i) => {
      const file = names[i] as string;
      try {
        await ctx.directory.exclusive(file, () => ctx.directory.writeNow(file, serializeDraft(item.draft as unknown as JsonObject)));
        // Linked right after its file is on disk: an interrupted pull leaves no unlinked copy behind.
        await setState(file, { remoteId: item.remoteId, kind: item.draft.kind, baseHash: hashOf(item.base), publishedHash: null, base: item.base, sentSecrets: {} });
        out.created.push(file);
      } finally {
        release(file);
        progress.step();
      }
    });
  }
  out.created.sort();
  out.updated.sort();
  return out;
}
