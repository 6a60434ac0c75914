import { existsSync } from 'node:fs';
import type { z } from 'zod';
import type { Contract, DraftSummary, TemplateDraft } from '../../../preload/contract';
import { templateDraftSchema } from '../../../preload/contract';
import { uniqueDraftFileName } from '../../../lib/templates/draft-file-name';
import { serializeDraft } from '../../../lib/templates/draft-text';
import { AppError } from '../../ipc/app-error';
import type { ProfileService } from '../profiles/profile-service';
import { ConfigValidator } from './config-validation';
import { ConnectorKnowledge, type TemplatesLookup } from './connector-knowledge';
import { analyse, offlineProblems, plainSecretMessage } from './draft-analysis';
import { DraftDirectory, type DraftFileRead, type DraftFileStat } from './draft-directory';
import { hashOf } from './draft-hash';
import { DraftPlanStore } from './draft-plan-store';
import { computePlan } from './draft-planner';
import { DraftProgress } from './draft-progress';
import { publishPlan } from './draft-publisher';
import { pullTemplates } from './draft-puller';
import { resolveDraft } from './draft-resolver';
import { DraftSecrets, type SecretStoreFactory } from './draft-secrets';
import { DraftStates, type DraftStateEntry } from './draft-state';
import { draftLabel, type DraftsContext } from './drafts-context';
import { DraftsFolderChoice } from './drafts-folder-choice';
import { plainSecretPointers } from '../../../lib/templates/secret-values';
import { jsonEqual } from '../../../lib/templates/canonical-json';

type Out<M extends keyof Contract['drafts']> = z.output<Contract['drafts'][M]['output']>;
type In<M extends keyof Contract['drafts']> = NonNullable<z.output<Contract['drafts'][M]['input']>>;
type Options = { signal?: AbortSignal };
type JsonObject = Record<string, unknown>;

export interface DraftsServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  /** Specs (secret fields), definitions and schedule checks, from the server or the offline cache. */
  templates: TemplatesLookup;
  userDataDir: string;
  /** EMBEDDED_CONSOLE_DRAFTS_DIR, when set: overrides the chosen folder. */
  envFolder?: string | undefined;
  /** The keychain for kept secret values (null when it is unavailable). */
  secrets: SecretStoreFactory;
  onError?: (message: string, error: unknown) => void;
}

/**
 * Template drafts as files (issue #12): a folder of canonical JSON files, a per-profile state file
 * linking them to server templates, and Pull → Plan → Publish, where Publish applies exactly a plan
 * kept here. Creating and editing drafts needs no network.
 */
export class DraftsService {
  private readonly choice: DraftsFolderChoice;
  private readonly states = new DraftStates();
  private readonly plans = new DraftPlanStore();
  private readonly progressTable = new DraftProgress();
  private readonly knowledge: ConnectorKnowledge;
  private readonly validator: ConfigValidator;
  private readonly secrets: DraftSecrets;
  private directory: DraftDirectory | null = null;
  private counter = 0;
  /** File names handed out for new drafts but not yet on disk. */
  private readonly reserved = new Set<string>();
  private allocating: Promise<unknown> = Promise.resolve();
  private loading: Promise<void> | null = null;

  constructor(private readonly deps: DraftsServiceDeps) {
    this.choice = new DraftsFolderChoice(deps.userDataDir, deps.envFolder);
    this.knowledge = new ConnectorKnowledge(deps.templates, deps.onError);
    this.validator = new ConfigValidator(deps.onError);
    this.secrets = new DraftSecrets(deps.secrets, async (profileId) => {
      const active = await deps.profiles.activeProfile();
      return active.id === profileId ? active.baseUrl : null;
    });
  }

  load(): Promise<void> {
    this.loading ??= (async () => {
      await this.choice.load();
      await this.dir().start();
    })();
    return this.loading;
  }

  get notice(): string | null {
    const notices = [this.choice.notice, ...this.states.notices].filter((n): n is string => n !== null);
    return notices.length > 0 ? notices.join(' ') : null;
  }

  async close(): Promise<void> {
    this.directory?.close();
    await Promise.all([this.choice.flush(), this.states.flush()]);
  }

  private bump = () => {
    this.counter++;
  };

  private dir(): DraftDirectory {
    const folder = this.choice.current().path;
    if (!this.directory || this.directory.folder !== folder) {
      this.directory?.close();
      this.directory = new DraftDirectory(folder, this.bump, this.deps.onError);
      this.bump();
    }
    return this.directory;
  }

  /** Offline work needs no client: a placeholder that says so if anything asks it. */
  private async context(online = false): Promise<DraftsContext> {
    await this.load();
    const directory = this.dir();
    const profile = await this.deps.profiles.activeProfile();
    const state = await this.states.of(directory.folder, profile.id);
    const client = online ? await this.deps.profiles.client(profile.id) : (new Proxy({}, { get: () => { throw new AppError('internal', 'an offline drafts call asked for the API client'); } }) as DraftsContext['client']);
    return {
      directory,
      state,
      profileId: profile.id,
      client,
      secrets: this.secrets,
      knowledge: this.knowledge,
      validator: this.validator,
      allocate: (drafts) => this.allocate(directory, drafts),
    };
  }

  private online(): Promise<DraftsContext> {
    return this.context(true);
  }

  /** Picks free names one caller at a time (existing files and names reserved by writes in flight are taken). */
  private allocate(directory: DraftDirectory, drafts: ReadonlyArray<{ kind: TemplateDraft['kind']; label: string }>) {
    const run = this.allocating.then(async () => {
      const taken = new Set([...(await directory.scan()).map((f) => f.name), ...this.reserved]);
      const names = drafts.map((d) => {
        const name = uniqueDraftFileName(d.label, d.kind, taken);
        taken.add(name);
        this.reserved.add(name);
        return name;
      });
      return { names, release: (name: string) => void this.reserved.delete(name) };
    });
    this.allocating = run.catch(() => undefined);
    return run;
  }

  // --- folder -----------------------------------------------------------------------------------

  async folder(): Promise<Out<'folder'>> {
    await this.load();
    return this.choice.current();
  }

  async setFolder(folder: string): Promise<Out<'setFolder'>> {
    await this.load();
    const chosen = await this.choice.choose(folder);
    await this.dir().start();
    return chosen;
  }

  // --- listing ----------------------------------------------------------------------------------

  async revision(): Promise<Out<'revision'>> {
    await this.load();
    // Re-stat as well as watch: fs.watch misses events on network and some container file systems.
    await this.dir().scan();
    return { revision: this.counter };
  }

  private summaryOf(read: DraftFileRead, entry: DraftStateEntry | undefined): DraftSummary {
    const draft = read.parsed.draft;
    const base = { file: read.name, problem: read.parsed.problem, remoteId: entry?.remoteId ?? null, modifiedAt: new Date(read.mtimeMs).toISOString() };
    if (!draft) return { ...base, kind: null, name: null, detail: null, local: entry ? 'changed' : 'new' };
    const detail = draft.kind === 'source_template' ? draft.connector_name : draft.data_hosting_type === 'user_hosted' ? draft.destination_name : 'Airbyte-hosted';
    let local: DraftSummary['local'] = 'new';
    if (entry) {
      const analysis = analyse(draft, draft.kind === 'source_template' ? this.knowledge.cached(draft.actor_definition_id) : []);
      local = hashOf(analysis.comparable) === entry.baseHash && jsonEqual(analysis.references, entry.sentSecrets) ? 'unchanged' : 'changed';
    }
    return { ...base, kind: draft.kind, name: draftLabel(draft), detail, local };
  }

  async list(): Promise<Out<'list'>> {
    const ctx = await this.context();
    const files = await ctx.directory.scan();
    const reads = await Promise.all(files.map((f) => ctx.directory.read(f.name, f)));
    const entries = ctx.state.current.drafts;
    const drafts = reads.filter((r): r is DraftFileRead => r !== null).map((r) => this.summaryOf(r, entries[r.name]));
    // A deleted draft file's link goes with it.
    const present = new Set(files.map((f) => f.name));
    const gone = Object.keys(entries).filter((name) => !present.has(name));
    if (gone.length > 0) {
      await ctx.state.change((state) => {
        // Checked again at write time: a pull may have written the file since the scan.
        for (const name of gone) if (!existsSync(ctx.directory.file(name))) delete state.drafts[name];
      });
    }
    return { folder: this.choice.current(), revision: this.counter, drafts };
  }

  async read(file: string): Promise<Out<'read'>> {
    const ctx = await this.context();
    const read = await ctx.directory.read(file);
    if (!read) throw new AppError('not_found', `There is no draft file named ${file} in the drafts folder.`);
    return { file, text: read.text ?? '', draft: read.parsed.draft, problem: read.parsed.problem };
  }

  // --- saving -----------------------------------------------------------------------------------

  async save(input: In<'save'>): Promise<Out<'save'>> {
    const parsed = templateDraftSchema.safeParse(input.draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('validation', `The draft is not right: ${issue?.path.length ? `“${issue.path.join('.')}” ` : ''}${issue?.message ?? 'unexpected content'}.`);
    }
    const draft = parsed.data;
    const ctx = await this.context();
    if (draft.kind === 'source_template') {
      // From the server or the offline cache; with no spec at all the check happens again at Plan.
      const paths = (await this.knowledge.secretPaths(draft.actor_definition_id)) ?? [];
      const plain = plainSecretPointers(draft.partial_default_config, paths);
      if (plain.length > 0) throw new AppError('validation', plainSecretMessage(plain[0] as string));
    }
    const badReference = offlineProblems(analyse(draft, [])).find((p) => p.startsWith('The secret reference'));
    if (badReference) throw new AppError('validation', badReference);

    let file = input.file;
    if (file === null) {
      const { names, release } = await ctx.allocate([{ kind: draft.kind, label: draftLabel(draft) }]);
      file = names[0] as string;
      try {
        await ctx.directory.exclusive(file, () => ctx.directory.writeNow(file as string, serializeDraft(draft as unknown as JsonObject)));
      } finally {
        release(file);
      }
    } else {
      const name = file;
      await ctx.directory.exclusive(name, async () => {
        const existing = await ctx.directory.read(name);
        if (existing && !existing.parsed.draft) {
          throw new AppError('conflict', `${name} is not a valid draft (${existing.parsed.problem?.message ?? 'it cannot be read'}), so the app does not write over it. Fix or delete it in an editor first, or save under a new name.`);
        }
        let next: TemplateDraft = draft;
        // Server fields are kept from the last pull even when the editor did not send them back.
        if (existing?.parsed.draft && Object.keys(draft.server_fields).length === 0 && existing.parsed.draft.kind === draft.kind) {
          next = { ...draft, server_fields: existing.parsed.draft.server_fields } as TemplateDraft;
        }
        const text = serializeDraft(next as unknown as JsonObject);
        if (existing?.text !== text) await ctx.directory.writeNow(name, text);
      });
    }
    const read = await ctx.directory.read(file);
    if (!read) throw new AppError('storage', `The draft ${file} was saved but is no longer in the drafts folder.`);
    return { file, summary: this.summaryOf(read, ctx.state.current.drafts[file]) };
  }

  async remove(file: string): Promise<Out<'remove'>> {
    const ctx = await this.context();
    const removed = await ctx.directory.remove(file);
    if (ctx.state.current.drafts[file]) {
      await ctx.state.change((state) => {
        delete state.drafts[file];
      });
    }
    return { removed };
  }

  // --- pull, plan, publish ----------------------------------------------------------------------

  async pull(requestId: string | undefined, o: Options): Promise<Out<'pull'>> {
    const progress = this.progressTable.start(requestId, 'listing templates', 0);
    try {
      const ctx = await this.online();
      return await pullTemplates(ctx, progress, o.signal);
    } finally {
      progress.finish();
    }
  }

  async plan(files: string[] | undefined, requestId: string | undefined, o: Options): Promise<Out<'plan'>> {
    const progress = this.progressTable.start(requestId, 'reading drafts', 0);
    try {
      const ctx = await this.online();
      const stats = await ctx.directory.scan();
      const byName = new Map<string, DraftFileStat>(stats.map((s) => [s.name, s]));
      const wanted = files ? [...new Set(files)].map((name) => ({ name, stat: byName.get(name) })) : stats.map((s) => ({ name: s.name, stat: s }));
      progress.phase('planning', wanted.length);
      const planned = await computePlan(ctx, wanted, () => progress.step(), o.signal);
      const kept = this.plans.keep({ profileId: ctx.profileId, folder: ctx.directory.folder, items: planned.map((p) => ({ entry: p.entry, send: p.send })) });
      const summary = { create: 0, update: 0, unchanged: 0, conflict: 0, invalid: 0 };
      for (const { entry } of planned) summary[entry.action]++;
      return { planId: kept.planId, profileId: ctx.profileId, createdAt: new Date(kept.createdAt).toISOString(), entries: planned.map((p) => p.entry), summary };
    } finally {
      progress.finish();
    }
  }

  async publish(planId: string, propagate: boolean, requestId: string | undefined, o: Options): Promise<Out<'publish'>> {
    const ctx = await this.online();
    const plan = this.plans.take(planId, ctx.profileId, ctx.directory.folder);
    const progress = this.progressTable.start(requestId, 'publishing', plan.items.length);
    try {
      return { results: await publishPlan(ctx, plan.items, propagate, () => progress.step(), o.signal) };
    } finally {
      progress.finish();
    }
  }

  /** Settles a linked draft: take the server's version, or keep the draft and rebase it on the server's (see draft-resolver). */
  async resolve(file: string, keep: 'server' | 'mine', o: Options): Promise<Out<'resolve'>> {
    const ctx = await this.online();
    await resolveDraft(ctx, file, keep, o.signal);
    const read = await ctx.directory.read(file);
    if (!read) throw new AppError('storage', `The draft ${file} was settled but is no longer in the drafts folder.`);
    return { file, summary: this.summaryOf(read, ctx.state.current.drafts[file]) };
  }

  progress(requestId: string): Out<'progress'> {
    return this.progressTable.get(requestId);
  }

  // --- kept secrets -----------------------------------------------------------------------------

  async secretNames(): Promise<Out<'secrets'>> {
    const profile = await this.deps.profiles.activeProfile();
    return { names: await this.secrets.names(profile.id) };
  }

  async setSecret(name: string, value: string): Promise<Out<'setSecret'>> {
    const profile = await this.deps.profiles.activeProfile();
    return { names: await this.secrets.set(profile.id, name, value) };
  }

  async removeSecret(name: string): Promise<Out<'removeSecret'>> {
    const profile = await this.deps.profiles.activeProfile();
    return { names: await this.secrets.remove(profile.id, name) };
  }
}
