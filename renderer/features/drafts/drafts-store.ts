import { create } from 'zustand';
import type {
  Api,
  AppErrorShape,
  ConnectorSpec,
  Definitions,
  DraftFolder,
  DraftList,
  DraftPlan,
  DraftProblem,
  PublishResult,
  PullResult,
  Result,
  TemplateDraft,
} from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';
import { canonicalJson } from './canonical-json';

export { canonicalJson };

export type CatalogStreams = { streamNames: string[]; sourceName: string; discoveredAt: string } | null;

/** The draft open in the form: what is typed, what was last read or written, and what the disk did meanwhile. */
export interface DraftEditor {
  /** The file it lives in; null for a new draft not saved yet (main names the file after it). */
  file: string | null;
  draft: TemplateDraft;
  /** The content as last read from or written to disk: `dirty` is a comparison with it. */
  saved: TemplateDraft | null;
  /** The file's modification time as last seen by this editor: a newer one in the list is an outside edit. */
  modifiedAt: string | null;
  saving: boolean;
  /** Why the last save was refused (a plain secret value, a rule of the schema): the typed draft stays. */
  saveError: AppErrorShape | null;
  /** The file changed (or went away, or broke) on disk while this editor had unsaved edits. */
  diskChange: 'changed' | 'removed' | 'invalid' | null;
  spec: ConnectorSpec | null;
  catalog: CatalogStreams;
  /** A one-line outcome ("Saved as x.json"). */
  notice: string | null;
}

/** A file that cannot be opened in the form: its problem and its text, shown read-only. */
export interface InvalidFileView {
  file: string;
  problem: DraftProblem | null;
  text: string | null;
  error: AppErrorShape | null;
}

export interface LongTask<T> {
  running: boolean;
  requestId: string | null;
  progress: { done: number; total: number; phase: string } | null;
  result: T | null;
  error: AppErrorShape | null;
}

export interface PlanView extends LongTask<DraftPlan> {
  /** The list revision when the plan was made: a later one means files changed since (main re-checks each at publish). */
  revision: number | null;
  /** Whether Publish also applies new defaults to sources already built from the templates; null until chosen. */
  propagate: boolean | null;
  /** The plan ids already sent: a plan is applied once. */
  published: string[];
}

export interface DraftsState {
  list: Loadable<DraftList>;
  folderText: string;
  folderSaving: boolean;
  folderError: AppErrorShape | null;
  definitions: Loadable<Definitions>;
  secrets: Loadable<string[]>;
  secretError: AppErrorShape | null;
  editor: DraftEditor | null;
  invalid: InvalidFileView | null;
  pull: LongTask<PullResult>;
  plan: PlanView;
  publish: LongTask<PublishResult[]>;
  /** A conflict being settled ("Use server version" / "Keep my draft"), and why the last one failed. */
  resolving: { file: string; keep: 'server' | 'mine' } | null;
  resolveError: { file: string; error: AppErrorShape } | null;
  /**
   * The destination definition of each connection draft (the list's summary has only the destination's
   * own name): read from the files, by modification time, so the list can name the connector.
   */
  destinationDefinitions: Record<string, { modifiedAt: string; id: string | null }>;

  /** Entering the tab for a profile: the lists afresh; another profile's plan, results and secrets dropped. */
  enter(profileId: string | null): Promise<void>;
  loadList(): Promise<void>;
  /** Cheap: asks for the folder's change counter and reloads the list when it moved. */
  pollRevision(): Promise<void>;
  setFolderText(text: string): void;
  changeFolder(): Promise<boolean>;
  loadDefinitions(): Promise<void>;
  loadSecrets(): Promise<void>;
  keepSecret(name: string, value: string): Promise<boolean>;
  forgetSecret(name: string): Promise<boolean>;

  newDraft(draft: TemplateDraft): Promise<void>;
  open(file: string): Promise<void>;
  edit(draft: TemplateDraft): void;
  save(): Promise<boolean>;
  /** After "The file changed on disk": take the disk's version (the edits are dropped) or keep the edits. */
  reloadFromDisk(): Promise<void>;
  keepMine(): void;
  close(): void;
  remove(file: string): Promise<boolean>;

  startPull(): Promise<void>;
  startPlan(): Promise<void>;
  setPropagate(propagate: boolean): void;
  startPublish(): Promise<void>;
  cancel(task: 'pull' | 'plan' | 'publish'): void;
  /** Settle a conflict, then plan again: `server` takes the server's version (the draft's edits go), `mine` keeps the draft to publish over the server's change. */
  resolve(file: string, keep: 'server' | 'mine'): Promise<boolean>;
  /** The pull's outcome is about a moment: another tab or selection drops it (not while it runs). */
  dismissPull(): void;
  /** Asks main how far the running task is (the view polls this while one runs). */
  pollProgress(): Promise<void>;
  reset(): void;
}

export interface DraftsStoreDeps {
  newRequestId?: () => string;
  /** After a publish that changed something on the server: other views showing templates reload. */
  onPublished?: () => void;
}

const blankTask = <T>(): LongTask<T> => ({ running: false, requestId: null, progress: null, result: null, error: null });
const blankPlan = (): PlanView => ({ ...blankTask<DraftPlan>(), revision: null, propagate: null, published: [] });
const errorOf = (message: string): AppErrorShape => ({ code: 'validation', message, retryable: false });

export function isDirty(editor: DraftEditor | null): boolean {
  if (!editor) return false;
  return editor.saved === null || canonicalJson(editor.saved) !== canonicalJson(editor.draft);
}

/** "line 7, column 3: Unexpected token" (or the field, or just the message when the place is unknown). */
export function describeProblem(problem: DraftProblem): string {
  if (problem.line !== null) {
    // The place leads; the same place repeated at the end of main's message would only be noise.
    const message = problem.message.replace(/\s*\(?at line \d+(, column \d+)?\)?(?=\.?$)/, '');
    return `line ${problem.line}${problem.column !== null ? `, column ${problem.column}` : ''}: ${message}`;
  }
  if (problem.field) return `${problem.field}: ${problem.message}`;
  return problem.message;
}

/** Terraform-like: "2 to create, 1 to update, 3 unchanged, 1 conflict, 1 invalid". */
export function planSummaryLine(summary: DraftPlan['summary']): string {
  const parts = [`${summary.create} to create`, `${summary.update} to update`, `${summary.unchanged} unchanged`, `${summary.conflict} conflict${summary.conflict === 1 ? '' : 's'}`, `${summary.invalid} invalid`];
  return parts.join(', ');
}

/** Whether the plan updates a source template, the only case where `propagate` means something. */
export function planNeedsPropagate(plan: DraftPlan | null): boolean {
  return !!plan && plan.entries.some((e) => e.action === 'update' && e.kind === 'source_template');
}

/** Why Publish is not possible now, in words; null when it is. */
export function publishBlocker(state: Pick<DraftsState, 'plan' | 'publish' | 'pull'>): string | null {
  const { plan, publish, pull } = state;
  if (publish.running) return 'Publishing…';
  if (plan.running || pull.running) return 'Wait for the running task to finish.';
  const shown = plan.result;
  if (!shown) return 'Make a plan first: Publish applies exactly the plan shown.';
  if (plan.published.includes(shown.planId)) return 'This plan was published: make a new plan to publish again.';
  if (shown.summary.create + shown.summary.update === 0) return 'The plan has nothing to create or update.';
  if (planNeedsPropagate(shown) && plan.propagate === null) return 'Choose whether sources already built from these templates take the new defaults.';
  return null;
}

export function createDraftsStore(api: Api, deps: DraftsStoreDeps = {}) {
  const newRequestId = deps.newRequestId ?? (() => crypto.randomUUID());
  // Generations: an answer started under an older one is dropped (another profile, a newer request).
  let profileGen = 0;
  let listGen = 0;
  let editorGen = 0;
  let definitionsGen = 0;
  let secretsGen = 0;
  let profile: string | null | undefined;
  let revisionInFlight = false;

  return create<DraftsState>()((set, get) => {
    const blank = () => ({
      list: idle,
      folderText: '',
      folderSaving: false,
      folderError: null,
      definitions: idle,
      secrets: idle,
      secretError: null,
      editor: null,
      invalid: null,
      pull: blankTask<PullResult>(),
      plan: blankPlan(),
      publish: blankTask<PublishResult[]>(),
      resolving: null,
      resolveError: null,
      destinationDefinitions: {},
    });

    /** Reads the connection drafts not read since their last change, for their destination definition. */
    const loadDestinationDefinitions = async (gen: number) => {
      const list = get().list;
      if (list.status !== 'ready') return;
      const known = get().destinationDefinitions;
      const wanted = list.value.drafts.filter((d) => d.kind === 'connection_template' && !d.problem && known[d.file]?.modifiedAt !== d.modifiedAt);
      if (wanted.length === 0) return;
      const found: Record<string, { modifiedAt: string; id: string | null }> = {};
      // A few at a time: a folder of hundreds of drafts must not flood main with reads.
      for (let i = 0; i < wanted.length; i += 8) {
        const batch = wanted.slice(i, i + 8);
        const answers = await Promise.all(batch.map((d) => api.drafts.read({ file: d.file })));
        if (gen !== listGen) return;
        batch.forEach((d, j) => {
          const answer = answers[j];
          const draft = answer?.ok ? answer.value.draft : null;
          found[d.file] = { modifiedAt: d.modifiedAt, id: draft?.kind === 'connection_template' && draft.data_hosting_type === 'user_hosted' ? draft.destination_definition_id : null };
        });
      }
      set({ destinationDefinitions: { ...get().destinationDefinitions, ...found } });
    };

    const patchEditor = (gen: number, change: Partial<DraftEditor>) => {
      const editor = get().editor;
      if (gen !== editorGen || !editor) return;
      set({ editor: { ...editor, ...change } });
    };

    /** The connector's spec and cached catalog, for the form (both work offline from caches). */
    const loadConnector = async (gen: number, draft: TemplateDraft) => {
      if (draft.kind !== 'source_template') return;
      const definitionId = draft.actor_definition_id;
      const [spec, catalog] = await Promise.all([api.templates.spec({ definitionId }), api.templates.catalogStreams({ definitionId })]);
      // The connector may have been changed meanwhile: keep only answers for the one still shown.
      const current = get().editor?.draft;
      if (current?.kind !== 'source_template' || current.actor_definition_id !== definitionId) return;
      patchEditor(gen, { spec: spec.ok ? spec.value : null, catalog: catalog.ok ? catalog.value : null });
    };

    /** Opens a file's content: in the form when it is a valid draft, else read-only with its problem. */
    const show = (gen: number, file: string, answer: Result<{ file: string; text: string; draft: TemplateDraft | null; problem: DraftProblem | null }>, modifiedAt: string | null) => {
      if (gen !== editorGen) return;
      if (!answer.ok) {
        set({ editor: null, invalid: { file, problem: null, text: null, error: answer.error } });
        return;
      }
      const { draft, problem, text } = answer.value;
      if (!draft) {
        set({ editor: null, invalid: { file, problem, text, error: null } });
        return;
      }
      set({
        invalid: null,
        editor: { file, draft, saved: draft, modifiedAt, saving: false, saveError: null, diskChange: null, spec: null, catalog: null, notice: null },
      });
      void loadConnector(gen, draft);
    };

    const modifiedAtOf = (file: string): string | null => {
      const list = get().list;
      return list.status === 'ready' ? (list.value.drafts.find((d) => d.file === file)?.modifiedAt ?? null) : null;
    };

    /** After a list reload: an open draft whose file changed outside the app reloads, or says so. */
    const checkOpenFile = async () => {
      const { editor, list } = get();
      if (!editor || editor.file === null || editor.saving || list.status !== 'ready') return;
      const summary = list.value.drafts.find((d) => d.file === editor.file);
      const gen = editorGen;
      if (!summary) {
        if (editor.diskChange !== 'removed') patchEditor(gen, { diskChange: 'removed' });
        return;
      }
      if (summary.modifiedAt === editor.modifiedAt && editor.diskChange !== 'removed') return;
      if (summary.modifiedAt === editor.modifiedAt) return;
      if (isDirty(editor)) {
        patchEditor(gen, { diskChange: summary.problem ? 'invalid' : 'changed', modifiedAt: editor.modifiedAt });
        return;
      }
      const file = editor.file;
      const answer = await api.drafts.read({ file });
      show(gen, file, answer, summary.modifiedAt);
    };

    const pollTask = async (task: 'pull' | 'plan' | 'publish') => {
      const current = get()[task];
      if (!current.running || !current.requestId) return;
      const answer = await api.drafts.progress({ requestId: current.requestId });
      const now = get()[task];
      if (!answer.ok || now.requestId !== current.requestId || !now.running) return;
      set({ [task]: { ...now, progress: answer.value } } as Partial<DraftsState>);
    };

    return {
      ...blank(),

      enter: async (profileId) => {
        if (profile !== undefined && profile !== profileId) {
          // Files belong to the folder, not the profile: the open draft stays (nothing typed is lost);
          // the states, secrets, plan and results are the old profile's.
          ++profileGen;
          ++listGen;
          ++definitionsGen;
          ++secretsGen;
          for (const task of ['pull', 'plan', 'publish'] as const) get().cancel(task);
          set({ secrets: idle, secretError: null, definitions: idle, pull: blankTask(), plan: blankPlan(), publish: blankTask() });
        }
        profile = profileId;
        await Promise.all([get().loadList(), get().loadSecrets(), get().loadDefinitions()]);
      },

      loadList: async () => {
        const gen = ++listGen;
        const pGen = profileGen;
        const previous = get().list;
        set({ list: previous.status === 'ready' ? { status: 'loading', previous: previous.value } : { status: 'loading' } });
        const answer = await api.drafts.list();
        if (gen !== listGen || pGen !== profileGen) return;
        set({ list: fromResult(answer) });
        if (answer.ok && get().folderText === '') set({ folderText: answer.value.folder.path });
        void loadDestinationDefinitions(gen);
        await checkOpenFile();
      },

      pollRevision: async () => {
        const list = get().list;
        if (revisionInFlight || list.status !== 'ready') return;
        revisionInFlight = true;
        try {
          const answer = await api.drafts.revision();
          const now = get().list;
          if (answer.ok && now.status === 'ready' && answer.value.revision !== now.value.revision) await get().loadList();
        } finally {
          revisionInFlight = false;
        }
      },

      setFolderText: (folderText) => set({ folderText, folderError: null }),

      changeFolder: async () => {
        const path = get().folderText.trim();
        const list = get().list;
        const folder: DraftFolder | null = list.status === 'ready' ? list.value.folder : null;
        if (folder?.source === 'env') {
          set({ folderError: errorOf('The folder is set by EMBEDDED_CONSOLE_DRAFTS_DIR and cannot be changed in the app.') });
          return false;
        }
        if (!path) {
          set({ folderError: errorOf('Type the folder’s full path.') });
          return false;
        }
        // Both POSIX and Windows absolute paths: main has the last word, this only saves a round trip.
        if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path) && !path.startsWith('\\\\')) {
          set({ folderError: errorOf('Type a full path (starting with / or a drive letter), not a relative one.') });
          return false;
        }
        set({ folderSaving: true, folderError: null });
        const answer = await api.drafts.setFolder({ path });
        set({ folderSaving: false });
        if (!answer.ok) {
          set({ folderError: answer.error });
          return false;
        }
        // Another folder: what was open, planned or pulled belongs to the old one.
        ++editorGen;
        set({ folderText: answer.value.path, editor: null, invalid: null, plan: blankPlan(), pull: blankTask(), publish: blankTask() });
        await get().loadList();
        return true;
      },

      loadDefinitions: async () => {
        const gen = ++definitionsGen;
        set({ definitions: { status: 'loading' } });
        const answer = await api.templates.definitions();
        if (gen === definitionsGen) set({ definitions: fromResult(answer) });
      },

      loadSecrets: async () => {
        const gen = ++secretsGen;
        const answer = await api.drafts.secrets();
        if (gen === secretsGen) set({ secrets: answer.ok ? { status: 'ready', value: answer.value.names } : { status: 'error', error: answer.error } });
      },

      keepSecret: async (name, value) => {
        const gen = ++secretsGen;
        set({ secretError: null });
        const answer = await api.drafts.setSecret({ name: name.trim(), value });
        if (gen !== secretsGen) return answer.ok;
        if (!answer.ok) {
          set({ secretError: answer.error });
          return false;
        }
        set({ secrets: { status: 'ready', value: answer.value.names } });
        return true;
      },

      forgetSecret: async (name) => {
        const gen = ++secretsGen;
        set({ secretError: null });
        const answer = await api.drafts.removeSecret({ name });
        if (gen !== secretsGen) return answer.ok;
        if (!answer.ok) {
          set({ secretError: answer.error });
          return false;
        }
        set({ secrets: { status: 'ready', value: answer.value.names } });
        return true;
      },

      newDraft: async (draft) => {
        const gen = ++editorGen;
        get().dismissPull();
        set({ invalid: null, editor: { file: null, draft, saved: null, modifiedAt: null, saving: false, saveError: null, diskChange: null, spec: null, catalog: null, notice: null } });
        await loadConnector(gen, draft);
      },

      open: async (file) => {
        const gen = ++editorGen;
        get().dismissPull();
        const answer = await api.drafts.read({ file });
        show(gen, file, answer, modifiedAtOf(file));
      },

      edit: (draft) => {
        const editor = get().editor;
        if (!editor) return;
        const connectorChanged = draft.kind === 'source_template' && (editor.draft.kind !== 'source_template' || editor.draft.actor_definition_id !== draft.actor_definition_id);
        set({ editor: { ...editor, draft, notice: null, ...(connectorChanged ? { spec: null, catalog: null } : {}) } });
        if (connectorChanged) void loadConnector(editorGen, draft);
      },

      save: async () => {
        const editor = get().editor;
        if (!editor || editor.saving) return false;
        const gen = editorGen;
        const sent = editor.draft;
        patchEditor(gen, { saving: true, saveError: null, notice: null });
        // A list answer started before this write would show the old time and look like an outside edit.
        ++listGen;
        const answer = await api.drafts.save({ file: editor.file, draft: sent });
        const now = get().editor;
        if (gen !== editorGen || !now) return answer.ok;
        if (!answer.ok) {
          // Nothing typed is lost: the draft in the form stays as it is.
          set({ editor: { ...now, saving: false, saveError: answer.error } });
          return false;
        }
        const { file, summary } = answer.value;
        set({ editor: { ...now, file, saved: sent, modifiedAt: summary.modifiedAt, saving: false, saveError: null, diskChange: null, notice: `Saved in ${file}.` } });
        await get().loadList();
        return true;
      },

      reloadFromDisk: async () => {
        const editor = get().editor;
        if (!editor || editor.file === null) return;
        const gen = ++editorGen;
        const file = editor.file;
        if (editor.diskChange === 'removed') {
          set({ editor: null });
          return;
        }
        const answer = await api.drafts.read({ file });
        show(gen, file, answer, modifiedAtOf(file));
      },

      keepMine: () => {
        const editor = get().editor;
        if (!editor) return;
        // The disk's version becomes the one this editor has seen: Save overwrites it with the edits.
        const file = editor.file;
        set({ editor: { ...editor, diskChange: null, modifiedAt: file ? modifiedAtOf(file) : null, ...(editor.diskChange === 'removed' ? { file: null, saved: null } : {}) } });
      },

      close: () => {
        ++editorGen;
        get().dismissPull();
        set({ editor: null, invalid: null });
      },

      remove: async (file) => {
        const answer = await api.drafts.remove({ file });
        if (!answer.ok) {
          const editor = get().editor;
          if (editor?.file === file) set({ editor: { ...editor, saveError: answer.error } });
          else set({ invalid: { file, problem: null, text: null, error: answer.error } });
          return false;
        }
        if (get().editor?.file === file || get().invalid?.file === file) get().close();
        await get().loadList();
        return true;
      },

      startPull: async () => {
        if (get().pull.running || get().plan.running || get().publish.running) return;
        const requestId = newRequestId();
        const pGen = profileGen;
        set({ pull: { running: true, requestId, progress: null, result: null, error: null } });
        const answer = await api.drafts.pull({ requestId });
        if (pGen !== profileGen || get().pull.requestId !== requestId) return;
        set({ pull: { running: false, requestId, progress: null, result: answer.ok ? answer.value : null, error: answer.ok ? null : answer.error } });
        await get().loadList();
      },

      startPlan: async () => {
        if (get().pull.running || get().plan.running || get().publish.running) return;
        const requestId = newRequestId();
        const pGen = profileGen;
        const list = get().list;
        const revision = list.status === 'ready' ? list.value.revision : null;
        const published = get().plan.published;
        set({ plan: { running: true, requestId, progress: null, result: null, error: null, revision, propagate: null, published }, publish: blankTask() });
        const answer = await api.drafts.plan({ requestId });
        if (pGen !== profileGen || get().plan.requestId !== requestId) return;
        set({ plan: { ...get().plan, running: false, progress: null, result: answer.ok ? answer.value : null, error: answer.ok ? null : answer.error } });
      },

      setPropagate: (propagate) => set({ plan: { ...get().plan, propagate } }),

      startPublish: async () => {
        const state = get();
        if (publishBlocker(state) !== null || !state.plan.result) return;
        const plan = state.plan.result;
        const propagate = state.plan.propagate ?? false;
        const requestId = newRequestId();
        const pGen = profileGen;
        // Marked before the answer: a second click or a retry cannot send the same plan again.
        set({ publish: { running: true, requestId, progress: null, result: null, error: null }, plan: { ...state.plan, published: [...state.plan.published, plan.planId] } });
        const answer = await api.drafts.publish({ planId: plan.planId, propagate, requestId });
        if (pGen !== profileGen || get().publish.requestId !== requestId) return;
        set({ publish: { running: false, requestId, progress: null, result: answer.ok ? answer.value.results : null, error: answer.ok ? null : answer.error } });
        if (answer.ok && answer.value.results.some((r) => r.outcome === 'done')) deps.onPublished?.();
        await get().loadList();
      },

      resolve: async (file, keep) => {
        if (get().resolving || get().pull.running || get().plan.running || get().publish.running) return false;
        const pGen = profileGen;
        set({ resolving: { file, keep }, resolveError: null });
        // A list answer started before this write would show the old time and look like an outside edit.
        ++listGen;
        const answer = await api.drafts.resolve({ file, keep });
        if (pGen !== profileGen) return false;
        set({ resolving: null, resolveError: answer.ok ? null : { file, error: answer.error } });
        if (!answer.ok) return false;
        // The list first (an open editor of this file reloads from disk), then the plan without the conflict.
        await get().loadList();
        await get().startPlan();
        return true;
      },

      dismissPull: () => {
        const pull = get().pull;
        if (!pull.running && (pull.result || pull.error)) set({ pull: blankTask() });
      },

      cancel: (task) => {
        const current = get()[task];
        if (!current.running || !current.requestId) return;
        void api.requests.cancel({ requestId: current.requestId });
      },

      pollProgress: async () => {
        await Promise.all([pollTask('pull'), pollTask('plan'), pollTask('publish')]);
      },

      reset: () => {
        ++profileGen;
        ++listGen;
        ++editorGen;
        ++definitionsGen;
        ++secretsGen;
        for (const task of ['pull', 'plan', 'publish'] as const) get().cancel(task);
        set(blank());
      },
    };
  });
}

export type DraftsStore = ReturnType<typeof createDraftsStore>;
