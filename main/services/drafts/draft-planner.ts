import type { FieldChange, PlanEntry, TemplateDraft } from '../../../preload/contract';
import { jsonEqual } from '../../../lib/templates/canonical-json';
import { classifyDraft } from '../../../lib/templates/classify';
import { comparableOf, COMPARABLE_FIELDS, shapeOf, type Comparable } from '../../../lib/templates/comparable';
import { fieldChanges } from '../../../lib/templates/field-diff';
import { dottedPointer } from '../../../lib/templates/json-pointers';
import { createBody, updateRequests, type UpdateRequests } from '../../../lib/templates/publish-bodies';
import { AppError } from '../../ipc/app-error';
import { analyse, offlineProblems, serverAsDraft, stripReferences, type DraftAnalysis } from './draft-analysis';
import type { DraftFileStat } from './draft-directory';
import { hashOf, hashText } from './draft-hash';
import { draftLabel, messageOf, notFound, type DraftsContext } from './drafts-context';
import { mapLimit } from './map-limit';

type JsonObject = Record<string, unknown>;

/** What a plan entry will send, exactly, and what it was computed from (checked again at publish). */
export interface PlannedSend {
  file: string;
  kind: TemplateDraft['kind'];
  action: 'create' | 'update';
  remoteId: string | null;
  /** sha256 of the file's bytes at plan time. */
  textHash: string;
  /** Hash of the server's comparable form at plan time (updates). */
  serverHash: string | null;
  secretPaths: string[];
  references: Record<string, string>;
  /** Hash of the draft's comparable form: becomes `publishedHash`. */
  draftHash: string;
  create: JsonObject | null;
  update: UpdateRequests | null;
  done: boolean;
}

export interface StoredPlan {
  planId: string;
  profileId: string;
  folder: string;
  createdAt: number;
  entries: PlanEntry[];
  sends: Map<string, PlannedSend>;
}

const PLAN_CONCURRENCY = 8;

function entry(file: string, draft: TemplateDraft | null, action: PlanEntry['action'], more: Partial<PlanEntry> = {}): PlanEntry {
  return { file, kind: draft?.kind ?? null, name: draft ? draftLabel(draft) : null, action, remoteId: null, changes: [], conflict: null, problems: [], notes: [], ...more };
}

/** Per-operation memo of the online checks, so 500 drafts cost one call per distinct connector, secret and schedule. */
class PlanChecks {
  private readonly secrets = new Map<string, Promise<string | null | Error>>();
  private readonly crons = new Map<string, Promise<{ isValid: boolean; description: string } | null>>();
  private definitions: Promise<{ sources: Set<string>; destinations: Set<string> } | null> | null = null;
  constructor(
    readonly ctx: DraftsContext,
    private readonly signal?: AbortSignal,
  ) {}

  secret(name: string): Promise<string | null | Error> {
    let found = this.secrets.get(name);
    if (!found) {
      found = this.ctx.secrets.get(this.ctx.profileId, name).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      this.secrets.set(name, found);
    }
    return found;
  }

  cron(expression: string) {
    let found = this.crons.get(expression);
    if (!found) {
      found = this.ctx.knowledge.cron(expression, this.signal ? { signal: this.signal } : {});
      this.crons.set(expression, found);
    }
    return found;
  }

  definitionIds() {
    this.definitions ??= this.ctx.knowledge.definitionIds(this.signal ? { signal: this.signal } : {});
    return this.definitions;
  }
}

async function onlineProblems(analysis: DraftAnalysis, checks: PlanChecks, spec: JsonObject | null): Promise<string[]> {
  const { draft } = analysis;
  const problems: string[] = [];
  // Only against a known spec (the server's or the cache's); with none, nothing is said.
  if (draft.kind === 'source_template' && spec) problems.push(...checks.ctx.validator.problems(draft.partial_default_config, spec, analysis.secretPaths));
  for (const [pointer, name] of Object.entries(analysis.references)) {
    const value = await checks.secret(name);
    if (value instanceof Error) problems.push(`The secret “${name}” (at “${dottedPointer(pointer)}”) cannot be read: ${messageOf(value)}`);
    else if (value === null) problems.push(`The secret “${name}” (at “${dottedPointer(pointer)}”) is not kept in the keychain for this profile: set it in Secrets, or remove the reference.`);
  }
  const known = await checks.definitionIds();
  if (known && draft.kind === 'source_template' && !known.sources.has(draft.actor_definition_id.toLowerCase())) {
    problems.push(`The connector definition ${draft.actor_definition_id} is not one the server knows: pick the connector again.`);
  }
  if (known && draft.kind === 'connection_template' && draft.data_hosting_type === 'user_hosted' && !known.destinations.has(draft.destination_definition_id.toLowerCase())) {
    problems.push(`The destination definition ${draft.destination_definition_id} is not one the server knows: pick the destination again.`);
  }
  if (draft.kind === 'connection_template' && draft.cron_expression !== null) {
    const verdict = await checks.cron(draft.cron_expression);
    if (verdict && !verdict.isValid) problems.push(`The schedule “${draft.cron_expression}” is not a valid Quartz cron expression (the server says: ${verdict.description}).`);
  }
  return problems;
}

/** The spec a server template came with, when it is an object. */
function specFromServer(server: JsonObject | null): JsonObject | null {
  const spec = (server?.user_config_spec as { connectionSpecification?: unknown } | undefined)?.connectionSpecification;
  return typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? (spec as JsonObject) : null;
}

/** For a create: the fields sent, each from nothing. */
function createChanges(comparable: Comparable, draft: TemplateDraft, references: Record<string, string>): FieldChange[] {
  const shape = shapeOf(draft);
  const changes: FieldChange[] = COMPARABLE_FIELDS[shape].map((field) => ({ field, before: null, after: comparable[field] ?? null }));
  if (draft.kind === 'source_template') changes.splice(1, 0, { field: 'actor_definition_id', before: null, after: draft.actor_definition_id });
  if (draft.kind === 'connection_template' && draft.data_hosting_type === 'user_hosted') changes.splice(1, 0, { field: 'destination_definition_id', before: null, after: draft.destination_definition_id });
  const configKey = shape === 'source_template' ? 'partial_default_config' : 'destination_config';
  for (const [pointer, name] of Object.entries(references)) changes.push({ field: `${configKey}.${dottedPointer(pointer)}`, before: null, after: { $secret: name } });
  return changes;
}

export async function fetchServer(ctx: DraftsContext, kind: TemplateDraft['kind'], id: string, signal?: AbortSignal): Promise<JsonObject | null> {
  const options = signal ? { signal } : {};
  try {
    return (kind === 'source_template' ? await ctx.client.getSourceTemplate(id, options) : await ctx.client.getConnectionTemplate(id, options)) as JsonObject;
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

/** The server's comparable form and its hash, seen with the draft's references left out. */
export function serverComparable(ctx: DraftsContext, send: Pick<PlannedSend, 'kind' | 'secretPaths' | 'references'>, server: JsonObject, label?: string) {
  const mapped = serverAsDraft(send.kind, server, ctx.knowledge, label);
  const paths = [...new Set([...send.secretPaths, ...mapped.secretPaths])];
  const comparable = stripReferences(comparableOf(mapped.draft, paths), send.references);
  return { comparable, hash: hashOf(comparable) };
}

async function planOne(ctx: DraftsContext, file: string, stat: DraftFileStat | undefined, checks: PlanChecks, signal?: AbortSignal): Promise<{ entry: PlanEntry; send: PlannedSend | null }> {
  const read = await ctx.directory.read(file, stat);
  if (!read) return { entry: entry(file, null, 'invalid', { problems: ['The file is no longer in the drafts folder.'] }), send: null };
  if (read.parsed.problem || read.text === null) return { entry: entry(file, null, 'invalid', { problems: [read.parsed.problem?.message ?? 'The file cannot be read.'] }), send: null };
  const draft = read.parsed.draft;
  const linked = ctx.state.current.drafts[file] ?? null;
  const definitionId = draft.kind === 'source_template' ? draft.actor_definition_id : null;
  let secretPaths = definitionId ? ((await ctx.knowledge.secretPaths(definitionId, signal ? { signal } : {})) ?? []) : [];

  let server: JsonObject | null = null;
  if (linked && linked.kind === draft.kind) {
    try {
      server = await fetchServer(ctx, draft.kind, linked.remoteId, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return { entry: entry(file, draft, 'invalid', { remoteId: linked.remoteId, problems: [`The server template could not be read: ${messageOf(error)}`] }), send: null };
    }
    // The server's own spec may name secret fields the cached spec does not.
    if (server && definitionId) secretPaths = [...new Set([...secretPaths, ...serverAsDraft('source_template', server, ctx.knowledge).secretPaths])].sort();
  }

  const analysis = analyse(draft, secretPaths);
  const spec = definitionId ? (specFromServer(server) ?? ctx.knowledge.spec(definitionId)) : null;
  const problems = [...offlineProblems(analysis), ...(await onlineProblems(analysis, checks, spec))];
  if (linked && linked.kind !== draft.kind) problems.push(`The file was published as a ${linked.kind.replace('_', ' ')} but now holds a ${draft.kind.replace('_', ' ')}: save it under a new file name instead.`);
  if (server && draft.kind === 'connection_template' && server.data_hosting_type !== undefined && server.data_hosting_type !== draft.data_hosting_type) {
    problems.push(`The server template is ${String(server.data_hosting_type)} and the draft ${draft.data_hosting_type}: the hosting type of a template cannot be changed; save the draft under a new file name to create a new one.`);
  }
  const remoteId = linked?.remoteId ?? null;
  if (problems.length > 0) return { entry: entry(file, draft, 'invalid', { remoteId, problems }), send: null };

  const draftHash = hashOf(analysis.comparable);
  const base = { file, kind: draft.kind, textHash: hashText(read.text), secretPaths, references: analysis.references, draftHash, done: false };
  if (!linked) {
    return {
      entry: entry(file, draft, 'create', { changes: createChanges(analysis.comparable, draft, analysis.references) }),
      send: { ...base, action: 'create', remoteId: null, serverHash: null, create: createBody(draft as unknown as JsonObject), update: null },
    };
  }
  const baseComparable = stripReferences(linked.base, analysis.references);
  if (!server) {
    return { entry: entry(file, draft, 'conflict', { remoteId, conflict: { draft: analysis.comparable, base: baseComparable, server: null }, notes: ['The template was deleted on the server since the pull. Keep your draft to create it again at the next publish (the link is removed), or delete the file.'] }), send: null };
  }
  const label = draft.kind === 'connection_template' && draft.data_hosting_type === 'airbyte_hosted' ? draft.label : undefined;
  const seen = serverComparable(ctx, { kind: draft.kind, secretPaths, references: analysis.references }, server, label);
  const referencesChanged = !jsonEqual(analysis.references, linked.sentSecrets);
  let decision = classifyDraft({ linked: true, draftHash, baseHash: hashOf(baseComparable), serverHash: seen.hash });
  if (referencesChanged && decision.action === 'unchanged') decision = decision.serverMoved ? { action: 'conflict', deletedOnServer: false } : { action: 'update' };

  if (decision.action === 'update') {
    const requests = updateRequests(draft as unknown as JsonObject, seen.comparable, analysis.comparable, referencesChanged);
    const changes = fieldChanges(seen.comparable, analysis.comparable, COMPARABLE_FIELDS[shapeOf(draft)]);
    const configKey = draft.kind === 'source_template' ? 'partial_default_config' : 'destination_config';
    if (referencesChanged) {
      for (const pointer of new Set([...Object.keys(analysis.references), ...Object.keys(linked.sentSecrets)])) {
        const before = linked.sentSecrets[pointer];
        const after = analysis.references[pointer];
        if (before !== after) changes.push({ field: `${configKey}.${dottedPointer(pointer)}`, before: before === undefined ? null : { $secret: before }, after: after === undefined ? null : { $secret: after } });
      }
    }
    const notes = Object.keys(analysis.references).length > 0 ? ['Secret values are never compared (the server does not show them): a value changed in the keychain under the same name is sent only with another change of the config.'] : [];
    return {
      entry: entry(file, draft, 'update', { remoteId, changes, notes }),
      send: { ...base, action: 'update', remoteId, serverHash: seen.hash, create: null, update: requests },
    };
  }
  if (decision.action === 'unchanged') {
    const notes = decision.serverMoved ? ['The template changed on the server since the pull; Pull from server to bring it into the draft.'] : [];
    return { entry: entry(file, draft, 'unchanged', { remoteId, notes }), send: null };
  }
  if (decision.action === 'create') throw new AppError('internal', 'a linked draft was classified as new');
  return {
    entry: entry(file, draft, 'conflict', {
      remoteId,
      conflict: { draft: analysis.comparable, base: baseComparable, server: seen.comparable },
      notes: ['Both the draft and the server template changed since the pull, so nothing will be sent for it. Compare the three versions, then take the server’s version (your edits in this file are replaced) or keep yours (the next plan updates the server to it); the server is never overwritten from a stale base.'],
    }),
    send: null,
  };
}

/** Plans every given draft file (all when `files` is undefined); `step` is called once per file. */
export async function computePlan(ctx: DraftsContext, files: Array<{ name: string; stat?: DraftFileStat }>, step: () => void, signal?: AbortSignal) {
  const checks = new PlanChecks(ctx, signal);
  const results = await mapLimit(
    files,
    PLAN_CONCURRENCY,
    async ({ name, stat }) => {
      const result = await planOne(ctx, name, stat, checks, signal);
      step();
      return result;
    },
    signal,
  );
  if (signal?.aborted) throw new AppError('cancelled', 'The plan was cancelled; nothing was sent.');
  return results;
}
