import { create } from 'zustand';
import { bulkTextBody, type Api, type AppErrorShape, type ChannelOutput, type RunResult, type RunSummary, type StreamState } from '../../../preload/contract';
import {
  checkPatch,
  describeEffect,
  formFromConfig,
  hasErrors,
  locatePatchOps,
  patchFromForm,
  type PatchOp,
  type PatchTextLayout,
  type Plan,
  type PlanChange,
  type PlannedRequest,
  type Problem,
  type StreamConfig,
  type StreamForm,
  type StreamReadState,
} from '../../../lib/stream-config';
import { fromResult, idle, type Loadable } from '../../state/loadable';
import { createWorkspaceSearch, type SourceRef, type WorkspaceRef } from '../sources/source-picking';
import type { StreamInfo } from '../catalog/worker/protocol';
import type { StreamRow } from '../catalog/table/stream-row';
import type { StreamWorkerClient } from './stream-worker';

type WorkspacePage = ChannelOutput<'workspaces', 'list'>;
type WorkspaceSource = ChannelOutput<'workspaces', 'sources'>[number];
export type { SourceRef, WorkspaceRef };

/** What the list shows of one stream: being read, or what main answered. */
export type RowState = { state: 'reading' } | StreamState;

export type EditorPhase = 'none' | 'checking' | 'empty' | 'loading' | 'ready' | 'error' | 'closed';

export interface EditorState {
  name: string;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  info: StreamInfo | null;
  /** The configuration on the server (null: not configured). */
  before: StreamConfig | null;
  /** What the patch applies to: `before`, or the §5.3 defaults for a stream not configured (it will be added). */
  base: StreamConfig | null;
  form: StreamForm | null;
  patchText: string;
  layout: PatchTextLayout | null;
  /** checkPatch's problems, plus a syntax error of the text as an op-less problem. */
  problems: Problem[];
  /** The configuration after the patch (null while it does not apply). */
  after: StreamConfig | null;
  applying: boolean;
  answer: { ok: true; message: string; result: RunResult } | { ok: false; message: string } | null;
}

export type ChangeChoice =
  | { kind: 'incremental_defaults' }
  | { kind: 'set'; syncMode: StreamForm['syncMode'] | ''; destinationSyncMode: StreamForm['destinationSyncMode'] | '' }
  | { kind: 'remove' }
  | { kind: 'revert'; runId: string; previous: Map<string, StreamConfig | null> };

export interface PlanState {
  open: boolean;
  by: 'query' | 'selection';
  query: string;
  change: ChangeChoice;
  phase: 'idle' | 'selecting' | 'reading' | 'computing' | 'ready' | 'error';
  progress: { done: number; total: number } | null;
  error: string | null;
  plan: Plan | null;
  /** The catalog the plan was computed on (main refuses a plan after a rediscovery). */
  discoveredAt: string | null;
  label: string;
  ms: number | null;
  /** Main refused to start it (e.g. a stale plan), in words. */
  refusal: AppErrorShape | null;
  /**
   * The run this plan was sent as: it cannot be sent twice (its `before` settings, kept in the journal
   * for Revert, would no longer be true). Recomputing reads the states afresh and clears it.
   */
  appliedAs?: string;
}

export interface RunView {
  summary: RunSummary;
  results: RunResult[] | null;
  error: AppErrorShape | null;
}

export interface StreamsState {
  workspaceSearch: string;
  workspaces: Loadable<WorkspacePage['items']>;
  sources: Loadable<WorkspaceSource[]>;
  workspace: WorkspaceRef | null;
  source: SourceRef | null;

  phase: EditorPhase;
  catalog: { discoveredAt: string; rows: StreamRow[] } | null;
  error: AppErrorShape | null;
  states: ReadonlyMap<string, RowState>;
  readAll: { done: number; total: number; running: boolean; failed: number } | null;
  selection: ReadonlySet<string>;
  editor: EditorState | null;
  plan: PlanState;
  run: RunView | null;
  journal: Loadable<RunSummary[]>;
  /** Interrupted runs found on entering the area (offered for Resume). */
  interrupted: RunSummary[];

  searchWorkspaces(text: string): Promise<void>;
  pickWorkspace(workspace: WorkspaceRef | null): Promise<void>;
  pickSource(source: SourceRef | null): Promise<void>;
  /** From elsewhere (catalog, workspace detail): this source, and optionally a stream to edit or names to plan for. */
  openSource(workspace: WorkspaceRef, source: SourceRef, intent?: { stream?: string; names?: string[] }): Promise<void>;
  /** The rows in view: their configurations are read if not known yet (batched; main bounds concurrency). */
  readVisible(names: string[]): void;
  readAllStreams(): Promise<void>;
  cancelReadAll(): void;
  toggleSelected(name: string, on?: boolean): void;
  setSelection(names: string[]): void;

  openStream(name: string): Promise<void>;
  setForm(change: Partial<StreamForm>): void;
  setPatchText(text: string): void;
  applyStream(): Promise<void>;
  removeStream(): Promise<void>;
  rereadStream(): Promise<void>;

  openPlan(open: boolean): void;
  setPlanInput(input: Partial<Pick<PlanState, 'by' | 'query' | 'change' | 'label'>>): void;
  computePlan(): Promise<void>;
  cancelPlan(): void;
  applyPlan(): Promise<void>;
  pauseRun(): Promise<void>;
  resumeRun(runId?: string): Promise<void>;
  cancelRun(): Promise<void>;
  retryFailed(): Promise<void>;
  loadResults(): Promise<void>;
  closeRun(): void;

  loadJournal(): Promise<void>;
  showRun(runId: string): Promise<void>;
  revertRun(runId: string): Promise<void>;

  enter(profileId: string | null): Promise<void>;
  leave(profileId: string | null): void;
  reset(): void;
}

export interface StreamsStoreDeps {
  createWorker: () => Promise<StreamWorkerClient>;
  pollMs?: number;
  /** Names per `streams.read` call (main answers them ≤ 6 in flight). */
  readBatch?: number;
  newRequestId?: () => string;
}

const errorOf = (message: string, code: AppErrorShape['code'] = 'internal'): AppErrorShape => ({ code, message, retryable: true });
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const FINISHED = new Set(['done', 'cancelled', 'interrupted']);

function blankPlan(): PlanState {
  return { open: false, by: 'selection', query: "streams[?contains(supported_sync_modes, 'incremental')].name", change: { kind: 'incremental_defaults' }, phase: 'idle', progress: null, error: null, plan: null, discoveredAt: null, label: '', ms: null, refusal: null };
}

function blankState() {
  return {
    workspaceSearch: '',
    workspaces: idle,
    sources: idle,
    workspace: null,
    source: null,
    phase: 'none',
    catalog: null,
    error: null,
    states: new Map<string, RowState>(),
    readAll: null,
    selection: new Set<string>(),
    editor: null,
    plan: blankPlan(),
    run: null,
    journal: idle,
    interrupted: [],
  } satisfies Partial<StreamsState>;
}

/** The plan's change as lib/stream-config's PlanChange. */
export function planChangeOf(choice: ChangeChoice): PlanChange {
  switch (choice.kind) {
    case 'incremental_defaults':
      return { kind: 'incremental_defaults' };
    case 'set': {
      const settings: Partial<StreamForm> = {};
      if (choice.syncMode) settings.syncMode = choice.syncMode;
      if (choice.destinationSyncMode) settings.destinationSyncMode = choice.destinationSyncMode;
      return { kind: 'set', settings };
    }
    case 'remove':
      return { kind: 'remove' };
    case 'revert':
      return { kind: 'revert', previous: choice.previous };
  }
}

export function describeChange(choice: ChangeChoice): string {
  switch (choice.kind) {
    case 'incremental_defaults':
      return 'incremental + append_dedup on default cursor and source key';
    case 'set':
      return `set ${[choice.syncMode, choice.destinationSyncMode].filter(Boolean).join('/') || 'nothing'}`;
    case 'remove':
      return 'remove';
    case 'revert':
      return `revert run ${choice.runId}`;
  }
}

const readState = (state: RowState | undefined): StreamReadState | undefined => (state === undefined || state.state === 'reading' ? undefined : state);

/** The settings an add sends: every member, so what is applied is what was reviewed. */
function settingsOf(config: StreamConfig) {
  return { sync_mode: config.sync_mode, destination_sync_mode: config.destination_sync_mode, cursor_field: [...config.cursor_field], primary_key: config.primary_key.map((p) => [...p]) };
}

/** The patch editor's state for a text: layout for markers, problems, and the configuration after it. */
export function checkPatchText(text: string, info: StreamInfo, base: StreamConfig): Pick<EditorState, 'layout' | 'problems' | 'after'> & { ops: unknown } {
  const layout = locatePatchOps(text);
  if (layout.error) {
    const problem: Problem = { opIndex: null, severity: 'error', message: `The patch is not valid JSON: ${layout.error.message}`, fix: 'Fix the text at the marker: a JSON array of operations, e.g. [{"op": "replace", "path": "/sync_mode", "value": "incremental"}].' };
    return { layout, problems: [problem], after: null, ops: null };
  }
  const ops: unknown = JSON.parse(text);
  const checked = checkPatch(ops, info.stream, base);
  return { layout, problems: checked.problems, after: checked.after, ops };
}

/** Whether the editor's patch may be sent, and why not. */
export function applyBlocker(editor: EditorState | null): string | null {
  if (!editor || editor.status !== 'ready' || !editor.base) return 'No stream is open.';
  if (editor.applying) return 'Sending…';
  if (hasErrors(editor.problems)) return 'The patch has errors (listed under it): fix them to apply.';
  if (!editor.after) return 'The patch does not apply.';
  if (editor.before !== null && describeEffect(editor.name, editor.before, editor.after) === `${editor.name}: unchanged`) return 'Nothing to change.';
  return null;
}

function pretty(ops: unknown): string {
  return JSON.stringify(ops, null, 2);
}

/**
 * The Stream editor area (contract §5.3–5.6): a source's cached catalog in this area's own worker, the
 * configured state of its streams read lazily (the rows in view, or "Read all"), one stream's form ⇄ patch with
 * the checks of lib/stream-config, and bulk plans computed in the worker then applied as runs by main, with
 * the journal of runs for resume and revert.
 */
export function createStreamsStore(api: Api, deps: StreamsStoreDeps) {
  const pollMs = deps.pollMs ?? 500;
  const batch = deps.readBatch ?? 100;
  const newRequestId = deps.newRequestId ?? (() => crypto.randomUUID());
  let worker: Promise<StreamWorkerClient> | null = null;
  const client = () => (worker ??= deps.createWorker());
  const releaseWorker = () => {
    const w = worker;
    worker = null;
    void w?.then((c) => c.dispose(), () => undefined);
  };
  /** Bumped on every source change: answers for an older source are dropped. */
  let generation = 0;
  let planGeneration = 0;
  let readAllRequest: string | null = null;
  let planRequest: string | null = null;
  let closedFor: string | null = null;
  let poll: ReturnType<typeof setTimeout> | null = null;
  const stopPoll = () => {
    if (poll !== null) clearTimeout(poll);
    poll = null;
  };
  /** Names waiting to be read for the rows in view, and whether a read is in flight. */
  const visibleQueue = new Set<string>();
  let visibleBusy = false;

  return create<StreamsState>()((set, get) => {
    const workspaceSearch = createWorkspaceSearch(api, set);
    const mergeStates = (gen: number, states: Record<string, RowState>) => {
      if (gen !== generation) return;
      const next = new Map(get().states);
      for (const [name, state] of Object.entries(states)) next.set(name, state);
      set({ states: next });
    };

    const markReading = (names: string[]) => {
      const next = new Map(get().states);
      for (const name of names) next.set(name, { state: 'reading' });
      set({ states: next });
    };

    /** Reads names in batches, sequentially, reporting progress; false when it failed or was cancelled. */
    async function readNames(gen: number, names: string[], options: { fresh: boolean; requestId?: string; onProgress?: (done: number) => void; stop?: () => boolean }): Promise<AppErrorShape | null> {
      const { workspace, source } = get();
      if (!workspace || !source) return errorOf('Pick a source first.');
      for (let i = 0; i < names.length; i += batch) {
        if (options.stop?.() || gen !== generation) return errorOf('Cancelled.', 'cancelled');
        const chunk = names.slice(i, i + batch);
        const previous = chunk.map((n) => [n, get().states.get(n)] as const);
        markReading(chunk);
        const result = await api.streams.read({ workspaceId: workspace.id, sourceId: source.id, names: chunk, fresh: options.fresh, ...(options.requestId ? { requestId: options.requestId } : {}) });
        if (gen !== generation) return errorOf('Cancelled.', 'cancelled');
        if (!result.ok) {
          // What was known stays known; what was being read is not read.
          const back: Record<string, RowState> = {};
          const readAt = new Date().toISOString();
          for (const [n, s] of previous) back[n] = s && s.state !== 'reading' ? s : { state: 'error', message: result.error.message, readAt };
          if (result.error.code === 'cancelled') for (const [n, s] of previous) if (!s || s.state === 'reading') delete back[n];
          const next = new Map(get().states);
          for (const [n] of previous) next.delete(n);
          for (const [n, s] of Object.entries(back)) next.set(n, s);
          set({ states: next });
          return result.error;
        }
        mergeStates(gen, result.value.states);
        options.onProgress?.(Math.min(names.length, i + chunk.length));
      }
      return null;
    }

    async function pumpVisible(): Promise<void> {
      if (visibleBusy) return;
      visibleBusy = true;
      try {
        while (visibleQueue.size > 0) {
          const gen = generation;
          const names = [...visibleQueue].slice(0, batch);
          for (const n of names) visibleQueue.delete(n);
          const unknown = names.filter((n) => !get().states.has(n));
          if (unknown.length > 0) await readNames(gen, unknown, { fresh: false });
        }
      } finally {
        visibleBusy = false;
      }
    }

    function editorFor(name: string, info: StreamInfo, before: StreamConfig | null, answer: EditorState['answer'] = null): EditorState {
      const base = before ?? { ...info.defaults, stream_name: name };
      const patchText = before ? '[]' : pretty([]);
      return { name, status: 'ready', error: null, info, before, base, form: formFromConfig(base), patchText, ...checkPatchText(patchText, info, base), applying: false, answer };
    }

    async function openCached(source: SourceRef, intent?: { stream?: string; names?: string[] }): Promise<void> {
      const gen = ++generation;
      visibleQueue.clear();
      set({ source, phase: 'checking', catalog: null, error: null, states: new Map(), readAll: null, selection: new Set(intent?.names ?? []), editor: null, plan: { ...blankPlan(), open: (intent?.names?.length ?? 0) > 0 } });
      void get().loadJournal();
      const cached = await api.catalog.cached({ sourceId: source.id });
      if (gen !== generation) return;
      if (!cached.ok) {
        set({ phase: 'error', error: cached.error });
        return;
      }
      if (cached.value === null) {
        set({ phase: 'empty' });
        return;
      }
      set({ phase: 'loading' });
      try {
        const answer = await (await client()).load(bulkTextBody(cached.value.text));
        if (gen !== generation) return;
        set({ phase: 'ready', catalog: { discoveredAt: cached.value.discoveredAt, rows: answer.rows } });
      } catch (error) {
        if (gen !== generation) return;
        set({ phase: 'error', error: errorOf(messageOf(error)) });
        return;
      }
      if (intent?.stream) await get().openStream(intent.stream);
    }

    function schedulePoll(runId: string): void {
      stopPoll();
      poll = setTimeout(() => {
        poll = null;
        void api.streams.runStatus({ runId }).then(async (result) => {
          const run = get().run;
          if (!run || run.summary.runId !== runId) return;
          if (!result.ok) {
            set({ run: { ...run, error: result.error } });
            schedulePoll(runId);
            return;
          }
          set({ run: { ...run, summary: result.value, error: null } });
          if (FINISHED.has(result.value.state)) {
            await get().loadResults();
            void get().loadJournal();
          } else schedulePoll(runId);
        });
      }, pollMs);
    }

    function follow(summary: RunSummary): void {
      set({ run: { summary, results: null, error: null } });
      if (FINISHED.has(summary.state)) void get().loadResults();
      else schedulePoll(summary.runId);
    }

    async function runControl(action: 'pauseRun' | 'cancelRun' | 'retryFailed', runId: string): Promise<void> {
      const result = await api.streams[action]({ runId });
      const run = get().run;
      if (!run || run.summary.runId !== runId) return;
      if (!result.ok) {
        set({ run: { ...run, error: result.error } });
        return;
      }
      follow(result.value);
    }

    return {
      ...blankState(),

      searchWorkspaces: (text) => workspaceSearch.search(text),

      pickWorkspace: async (workspace) => {
        ++generation;
        set({ workspace, source: null, sources: workspace ? { status: 'loading' } : idle, phase: 'none', catalog: null, error: null, states: new Map(), editor: null, selection: new Set(), plan: blankPlan() });
        if (!workspace) return;
        const result = await api.workspaces.sources({ id: workspace.id });
        if (get().workspace?.id !== workspace.id) return;
        set({ sources: fromResult(result) });
      },

      pickSource: async (source) => {
        if (!source) {
          ++generation;
          set({ source: null, phase: 'none', catalog: null, error: null, states: new Map(), editor: null, selection: new Set(), plan: blankPlan() });
          return;
        }
        await openCached(source);
      },

      openSource: async (workspace, source, intent) => {
        set({ workspace, sources: { status: 'loading' } });
        const sources = api.workspaces.sources({ id: workspace.id }).then((result) => {
          if (get().workspace?.id === workspace.id) set({ sources: fromResult(result) });
        });
        await Promise.all([sources, openCached(source, intent)]);
      },

      readVisible: (names) => {
        const states = get().states;
        for (const n of names) if (!states.has(n)) visibleQueue.add(n);
        void pumpVisible();
      },

      readAllStreams: async () => {
        const catalog = get().catalog;
        if (!catalog || get().readAll?.running) return;
        const gen = generation;
        const names = [...new Set(catalog.rows.map((r) => r.name))].filter((n) => {
          const s = get().states.get(n);
          return !s || s.state === 'error';
        });
        const requestId = newRequestId();
        readAllRequest = requestId;
        set({ readAll: { done: 0, total: names.length, running: true, failed: 0 } });
        const error = await readNames(gen, names, {
          fresh: false,
          requestId,
          stop: () => readAllRequest !== requestId,
          onProgress: (done) => set({ readAll: { done, total: names.length, running: true, failed: 0 } }),
        });
        if (gen !== generation) return;
        readAllRequest = null;
        const failed = names.filter((n) => get().states.get(n)?.state === 'error').length;
        const done = get().readAll?.done ?? 0;
        set({ readAll: { done, total: names.length, running: false, failed }, ...(error && error.code !== 'cancelled' ? { error } : {}) });
      },

      cancelReadAll: () => {
        const id = readAllRequest;
        readAllRequest = null;
        if (id) void api.requests.cancel({ requestId: id });
        const r = get().readAll;
        if (r) set({ readAll: { ...r, running: false } });
      },

      toggleSelected: (name, on) => {
        const next = new Set(get().selection);
        if (on ?? !next.has(name)) next.add(name);
        else next.delete(name);
        set({ selection: next });
      },

      setSelection: (names) => set({ selection: new Set(names) }),

      openStream: async (name) => {
        const gen = generation;
        const { workspace, source } = get();
        if (!workspace || !source) return;
        set({ editor: { name, status: 'loading', error: null, info: null, before: null, base: null, form: null, patchText: '[]', layout: null, problems: [], after: null, applying: false, answer: null } });
        try {
          const infoP = (await client()).streamInfo(name);
          let state = readState(get().states.get(name));
          if (!state || state.state === 'error') {
            await readNames(gen, [name], { fresh: true });
            state = readState(get().states.get(name));
          }
          const info = await infoP;
          if (gen !== generation || get().editor?.name !== name) return;
          if (!state || state.state === 'error' || state.state === 'unknown') {
            set({ editor: { ...(get().editor as EditorState), status: 'error', info, error: `Its configuration could not be read: ${state && state.state === 'error' ? state.message : 'no answer'}` } });
            return;
          }
          set({ editor: editorFor(name, info, state.state === 'configured' ? state.config : null) });
        } catch (error) {
          if (gen !== generation || get().editor?.name !== name) return;
          set({ editor: { ...(get().editor as EditorState), status: 'error', error: messageOf(error) } });
        }
      },

      setForm: (change) => {
        const editor = get().editor;
        if (!editor || editor.status !== 'ready' || !editor.form || !editor.base || !editor.info) return;
        const form = { ...editor.form, ...change };
        const patchText = pretty(patchFromForm(editor.base, form));
        const { ops: _ops, ...checked } = checkPatchText(patchText, editor.info, editor.base);
        set({ editor: { ...editor, form, patchText, ...checked, answer: null } });
      },

      setPatchText: (text) => {
        const editor = get().editor;
        if (!editor || editor.status !== 'ready' || !editor.base || !editor.info || text === editor.patchText) return;
        const { ops: _ops, ...checked } = checkPatchText(text, editor.info, editor.base);
        // The form follows the patch whenever the ops apply (even when a §5.3 rule refuses the result).
        set({ editor: { ...editor, patchText: text, ...checked, form: checked.after ? formFromConfig(checked.after) : editor.form, answer: null } });
      },

      applyStream: async () => {
        const editor = get().editor;
        const { workspace, source, catalog } = get();
        if (!workspace || !source || !catalog || !editor || applyBlocker(editor) !== null || !editor.after || !editor.info) return;
        const gen = generation;
        const request: PlannedRequest =
          editor.before === null
            ? { kind: 'add', streamName: editor.name, settings: settingsOf(editor.after), before: null }
            : { kind: 'patch', streamName: editor.name, patch: JSON.parse(editor.patchText) as PatchOp[], before: editor.before };
        await send(gen, editor, request);
      },

      removeStream: async () => {
        const editor = get().editor;
        if (!editor || editor.status !== 'ready' || editor.before === null) return;
        await send(generation, editor, { kind: 'remove', streamName: editor.name, before: editor.before });
      },

      rereadStream: async () => {
        const editor = get().editor;
        if (!editor) return;
        await readNames(generation, [editor.name], { fresh: true });
        await get().openStream(editor.name);
      },

      openPlan: (open) => set({ plan: { ...get().plan, open } }),

      setPlanInput: (input) => {
        const plan = get().plan;
        // A changed input makes the shown plan a different question: it must be computed again.
        set({ plan: { ...plan, ...input, ...(input.by !== undefined || input.query !== undefined || input.change !== undefined ? { plan: null, phase: 'idle', refusal: null, error: null } : {}) } });
      },

      computePlan: async () => {
        const { catalog, plan } = get();
        if (!catalog) return;
        const gen = generation;
        const planGen = ++planGeneration;
        const live = () => gen === generation && planGen === planGeneration;
        const { appliedAs: _applied, ...unapplied } = plan;
        set({ plan: { ...unapplied, phase: 'selecting', error: null, plan: null, refusal: null, progress: null } });
        try {
          const w = await client();
          let names: string[];
          if (plan.change.kind === 'revert') names = [...plan.change.previous.keys()];
          else if (plan.by === 'query') {
            const selected = await w.selectStreams(plan.query);
            names = selected.names;
          } else names = [...get().selection];
          if (!live()) return;
          if (names.length === 0) {
            set({ plan: { ...get().plan, phase: 'error', error: plan.by === 'query' ? 'The query selects no stream of this catalog.' : 'No stream is selected: tick streams in the list, or choose them by a query.' } });
            return;
          }
          // Configurations are read first: those not known yet (all of them, fresh, for a revert).
          const fresh = plan.change.kind === 'revert';
          // A name being read for the rows in view is read here too (main answers it from its cache): the plan must not race it.
          const toRead = fresh ? names : names.filter((n) => {
            const s = get().states.get(n);
            return !s || s.state === 'error' || s.state === 'reading';
          });
          if (toRead.length > 0) {
            const requestId = newRequestId();
            planRequest = requestId;
            set({ plan: { ...get().plan, phase: 'reading', progress: { done: 0, total: toRead.length } } });
            const error = await readNames(gen, toRead, { fresh, requestId, stop: () => !live(), onProgress: (done) => live() && set({ plan: { ...get().plan, progress: { done, total: toRead.length } } }) });
            planRequest = null;
            if (!live()) return;
            if (error) {
              set({ plan: { ...get().plan, phase: 'error', error: error.code === 'cancelled' ? 'Cancelled while reading the configurations.' : `Reading the configurations failed: ${error.message}` } });
              return;
            }
          }
          set({ plan: { ...get().plan, phase: 'computing' } });
          const states: Array<[string, StreamReadState]> = [];
          for (const n of names) {
            const s = readState(get().states.get(n));
            if (s) states.push([n, s]);
          }
          const answer = await w.plan({ selection: names, change: planChangeOf(plan.change), states });
          if (!live()) return;
          const label = get().plan.label || `${describeChange(plan.change)} · ${names.length} stream${names.length === 1 ? '' : 's'}`;
          set({ plan: { ...get().plan, phase: 'ready', plan: answer.plan, ms: answer.ms, discoveredAt: catalog.discoveredAt, label, progress: null } });
        } catch (error) {
          if (live()) set({ plan: { ...get().plan, phase: 'error', error: messageOf(error) } });
        }
      },

      cancelPlan: () => {
        ++planGeneration;
        if (planRequest) void api.requests.cancel({ requestId: planRequest });
        planRequest = null;
        set({ plan: { ...get().plan, phase: 'idle', progress: null } });
      },

      applyPlan: async () => {
        const { workspace, source, plan } = get();
        if (!workspace || !source || !plan.plan || !plan.discoveredAt) return;
        const requests = plan.plan.entries.flatMap((e) => (e.request ? [e.request] : []));
        if (requests.length === 0) return;
        const result = await api.streams.startRun({ workspaceId: workspace.id, sourceId: source.id, catalogDiscoveredAt: plan.discoveredAt, label: plan.label.slice(0, 200) || 'Plan', requests });
        if (!result.ok) {
          set({ plan: { ...get().plan, refusal: result.error } });
          return;
        }
        set({ plan: { ...get().plan, refusal: null, appliedAs: result.value.runId } });
        follow(result.value);
        void get().loadJournal();
      },

      pauseRun: async () => {
        const run = get().run;
        if (run) await runControl('pauseRun', run.summary.runId);
      },
      resumeRun: async (runId) => {
        const id = runId ?? get().run?.summary.runId;
        if (!id) return;
        const result = await api.streams.resumeRun({ runId: id });
        if (!result.ok) {
          const run = get().run;
          if (run && run.summary.runId === id) set({ run: { ...run, error: result.error } });
          else set({ error: result.error });
          return;
        }
        set({ interrupted: get().interrupted.filter((r) => r.runId !== id) });
        follow(result.value);
      },
      cancelRun: async () => {
        const run = get().run;
        if (run) await runControl('cancelRun', run.summary.runId);
      },
      retryFailed: async () => {
        const run = get().run;
        if (run) await runControl('retryFailed', run.summary.runId);
      },

      loadResults: async () => {
        const run = get().run;
        if (!run) return;
        const runId = run.summary.runId;
        const results: RunResult[] = [];
        for (;;) {
          const page = await api.streams.runResults({ runId, offset: results.length, limit: 1000 });
          if (get().run?.summary.runId !== runId) return;
          if (!page.ok) {
            set({ run: { ...(get().run as RunView), error: page.error } });
            return;
          }
          results.push(...page.value.results);
          if (page.value.results.length === 0 || results.length >= page.value.total) break;
        }
        set({ run: { ...(get().run as RunView), results } });
        // What was applied is now known: the list shows it (same source only).
        if (get().source?.id === run.summary.sourceId) {
          const readAt = new Date().toISOString();
          const known: Record<string, RowState> = {};
          for (const r of results) {
            if (r.outcome !== 'applied') continue;
            known[r.streamName] = r.after ? { state: 'configured', config: r.after, readAt } : { state: 'not_configured', readAt };
          }
          mergeStates(generation, known);
        }
      },

      closeRun: () => {
        stopPoll();
        set({ run: null });
      },

      loadJournal: async () => {
        const source = get().source;
        set({ journal: { status: 'loading' } });
        const result = await api.streams.runs(source ? { sourceId: source.id } : {});
        if (get().source?.id !== source?.id) return;
        set({ journal: fromResult(result) });
      },

      showRun: async (runId) => {
        const result = await api.streams.runStatus({ runId });
        if (!result.ok) {
          set({ error: result.error });
          return;
        }
        follow(result.value);
      },

      revertRun: async (runId) => {
        const source = get().source;
        const results: RunResult[] = [];
        for (;;) {
          const page = await api.streams.runResults({ runId, offset: results.length, limit: 1000 });
          if (!page.ok) {
            set({ plan: { ...get().plan, open: true, phase: 'error', error: `The run's results could not be read: ${page.error.message}` } });
            return;
          }
          results.push(...page.value.results);
          if (page.value.results.length === 0 || results.length >= page.value.total) break;
        }
        if (get().source?.id !== source?.id) return;
        const previous = new Map<string, StreamConfig | null>();
        for (const r of results) if (r.outcome === 'applied') previous.set(r.streamName, r.before);
        if (previous.size === 0) {
          set({ plan: { ...get().plan, open: true, phase: 'error', plan: null, error: 'That run changed no stream: there is nothing to revert.' } });
          return;
        }
        const journal = get().journal;
        const reverted = journal.status === 'ready' ? journal.value.find((r) => r.runId === runId)?.label : undefined;
        const { appliedAs: _applied, ...unapplied } = get().plan;
        set({ plan: { ...unapplied, open: true, change: { kind: 'revert', runId, previous }, label: `Revert of “${(reverted ?? runId).slice(0, 180)}”`, plan: null, refusal: null } });
        await get().computePlan();
      },

      enter: async (profileId) => {
        if (closedFor !== null && profileId !== null && closedFor !== profileId) {
          get().reset();
          closedFor = null;
        }
        const runs = await api.streams.runs({});
        if (runs.ok) set({ interrupted: runs.value.filter((r) => r.state === 'interrupted') });
        const { source, phase } = get();
        if (phase === 'closed' && source) {
          const gen = ++generation;
          const cached = await api.catalog.cached({ sourceId: source.id });
          if (gen !== generation) return;
          if (!cached.ok || cached.value === null) {
            await openCached(source);
            return;
          }
          set({ phase: 'loading' });
          try {
            const answer = await (await client()).load(bulkTextBody(cached.value.text));
            if (gen !== generation) return;
            set({ phase: 'ready', catalog: { discoveredAt: cached.value.discoveredAt, rows: answer.rows } });
          } catch (error) {
            if (gen === generation) set({ phase: 'error', error: errorOf(messageOf(error)) });
          }
        }
      },

      leave: (profileId) => {
        closedFor = profileId;
        ++generation;
        visibleQueue.clear();
        releaseWorker();
        // The parsed catalog goes with the worker; what was read, the editor, the plan and the run stay.
        // Work under way in this area (reading, planning, opening a stream) stops with it.
        const { plan, readAll, editor } = get();
        const busy = plan.phase === 'selecting' || plan.phase === 'reading' || plan.phase === 'computing';
        if (readAllRequest) void api.requests.cancel({ requestId: readAllRequest });
        if (planRequest) void api.requests.cancel({ requestId: planRequest });
        readAllRequest = null;
        planRequest = null;
        set({
          phase: get().source ? 'closed' : 'none',
          catalog: null,
          ...(busy ? { plan: { ...plan, phase: 'idle', progress: null } } : {}),
          ...(readAll?.running ? { readAll: { ...readAll, running: false } } : {}),
          ...(editor?.status === 'loading' ? { editor: null } : {}),
        });
      },

      reset: () => {
        ++generation;
        ++planGeneration;
        stopPoll();
        visibleQueue.clear();
        releaseWorker();
        set(blankState());
      },
    };

    async function send(gen: number, editor: EditorState, request: PlannedRequest): Promise<void> {
      const { workspace, source, catalog } = get();
      if (!workspace || !source || !catalog || !editor.info) return;
      set({ editor: { ...editor, applying: true, answer: null } });
      const result = await api.streams.apply({ workspaceId: workspace.id, sourceId: source.id, catalogDiscoveredAt: catalog.discoveredAt, request });
      if (gen !== generation || get().editor?.name !== editor.name) return;
      const current = get().editor as EditorState;
      if (!result.ok) {
        set({ editor: { ...current, applying: false, answer: { ok: false, message: result.error.message } } });
        return;
      }
      const r = result.value.result;
      if (r.outcome !== 'applied') {
        set({ editor: { ...current, applying: false, answer: { ok: false, message: r.error ?? `Not applied (${r.outcome}).` } } });
        return;
      }
      const readAt = new Date().toISOString();
      mergeStates(gen, { [editor.name]: r.after ? { state: 'configured', config: r.after, readAt } : { state: 'not_configured', readAt } });
      const verb = request.kind === 'add' ? 'Added' : request.kind === 'remove' ? 'Removed (syncing stops; synced data is kept)' : 'Patched';
      const message = `${verb}: ${describeEffect(editor.name, editor.before, r.after)}. The server answered ${r.status ?? 'OK'}${r.after ? ' with the configuration below' : ''}.`;
      set({ editor: editorFor(editor.name, editor.info, r.after, { ok: true, message, result: r }) });
    }
  });
}
