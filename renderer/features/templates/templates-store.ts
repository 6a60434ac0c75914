import { create } from 'zustand';
import { secretPaths } from '../../../lib/templates/secret-paths';
import {
  templateMatchesTags,
  type Api,
  type AppErrorShape,
  type ConnectionTemplate,
  type ConnectionTemplateDraft,
  type ConnectorSpec,
  type Definitions,
  type SourceDefinition,
  type SourceTemplate,
  type SourceTemplateDraft,
  type SourceTemplateItem,
  type Tag,
  type TagsMode,
} from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';
import {
  connectionChanges,
  connectionCreateInput,
  connectionTemplateToDraft,
  newConnectionDraft,
  newSourceDraft,
  sourceChanges,
  sourceCreateInput,
  sourceTemplateToDraft,
  tagChanges,
  type Hosting,
} from './forms/draft-shape';
import type { CatalogStreams } from './forms/whitelist';

export interface TagFilter {
  tags: string[];
  mode: TagsMode;
}

export type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The source template being edited: an existing one (by id) or a new one from a definition. */
export interface SourceEditor {
  /** Null for a template not created yet. */
  id: string | null;
  loading: boolean;
  loadError: AppErrorShape | null;
  /** The server's view (null while new or loading). */
  template: SourceTemplate | null;
  /** What the server has, as a draft: Save sends only what differs from it. */
  base: SourceTemplateDraft | null;
  draft: SourceTemplateDraft | null;
  spec: ConnectorSpec | null;
  catalog: CatalogStreams | null;
  saving: boolean;
  saveError: AppErrorShape | null;
  notice: Notice;
  /** Goes up each time the server's version is loaded into the editor (opened, created, saved): the config is shown afresh. */
  loads: number;
}

export interface ConnectionEditor {
  id: string | null;
  loading: boolean;
  loadError: AppErrorShape | null;
  base: ConnectionTemplateDraft | null;
  draft: ConnectionTemplateDraft | null;
  saving: boolean;
  saveError: AppErrorShape | null;
  notice: Notice;
}

/** Every template of the organization, unfiltered: what the Tags tab counts and previews against. */
export interface TagUsage {
  sources: SourceTemplateItem[];
  connections: ConnectionTemplate[];
}

/** One template a tag change reaches, by name and kind. */
export interface ReachedTemplate {
  id: string;
  kind: 'source' | 'connection';
  name: string;
  tags: string[];
}

export interface TemplatesState {
  definitions: Loadable<Definitions>;
  tags: Loadable<Tag[]>;
  secretNames: string[];

  sourceFilter: TagFilter;
  sourceGlobal: boolean;
  sources: Loadable<SourceTemplateItem[]>;
  sourceEditor: SourceEditor | null;

  connectionFilter: TagFilter;
  connections: Loadable<ConnectionTemplate[]>;
  connectionEditor: ConnectionEditor | null;

  usage: Loadable<TagUsage>;
  /** The outcome of the last list-level action (delete, clone, tag change). */
  notice: Notice;
  /** A tag action running (create, rename, delete). */
  tagBusy: boolean;

  loadDefinitions(): Promise<void>;
  loadTags(): Promise<void>;
  loadSecretNames(): Promise<void>;

  setSourceFilter(filter: TagFilter): void;
  setSourceGlobal(global: boolean): void;
  loadSources(): Promise<void>;
  openSource(id: string): Promise<void>;
  newSource(definition: SourceDefinition): Promise<void>;
  editSource(draft: SourceTemplateDraft): void;
  /** Create, or send only the changed fields and tags; the draft stays as typed when it fails. */
  saveSource(propagate: boolean): Promise<boolean>;
  closeSource(): void;
  cloneSource(id: string, name?: string): Promise<boolean>;
  deleteSource(id: string): Promise<boolean>;

  setConnectionFilter(filter: TagFilter): void;
  loadConnections(): Promise<void>;
  openConnection(id: string): Promise<void>;
  newConnection(hosting: Hosting): void;
  editConnection(draft: ConnectionTemplateDraft): void;
  saveConnection(): Promise<boolean>;
  closeConnection(): void;
  deleteConnection(id: string): Promise<boolean>;

  loadUsage(): Promise<void>;
  createTag(name: string): Promise<boolean>;
  renameTag(name: string, newName: string): Promise<boolean>;
  deleteTag(name: string): Promise<boolean>;

  /** The list-level notice is about a moment: another tab, list or selection drops it. */
  clearNotice(): void;
  /** Another profile: forget everything loaded. */
  reset(): void;
}

export const connectionTitle = (t: Pick<ConnectionTemplate, 'dataHostingType' | 'destinationName'>) => (t.dataHostingType === 'airbyte_hosted' ? 'Airbyte-hosted' : (t.destinationName ?? 'Unnamed destination'));

/** The templates of the organization that carry `tag` (what a rename or delete reaches). */
export function templatesCarrying(usage: TagUsage, tag: string): ReachedTemplate[] {
  return [
    ...usage.sources.filter((t) => t.tags.includes(tag)).map((t): ReachedTemplate => ({ id: t.id, kind: 'source', name: t.name, tags: t.tags })),
    ...usage.connections.filter((t) => t.tags.includes(tag)).map((t): ReachedTemplate => ({ id: t.id, kind: 'connection', name: connectionTitle(t), tags: t.tags })),
  ];
}

/** How many source and connection templates carry each tag. */
export function tagCounts(usage: TagUsage): Map<string, { sources: number; connections: number }> {
  const counts = new Map<string, { sources: number; connections: number }>();
  const bump = (tag: string, key: 'sources' | 'connections') => {
    const c = counts.get(tag) ?? { sources: 0, connections: 0 };
    c[key] += 1;
    counts.set(tag, c);
  };
  for (const t of usage.sources) for (const tag of new Set(t.tags)) bump(tag, 'sources');
  for (const t of usage.connections) for (const tag of new Set(t.tags)) bump(tag, 'connections');
  return counts;
}

/** The §8.3 filter computed locally: which templates a set of tags selects under a mode. */
export function filterPreview(usage: TagUsage, tags: readonly string[], mode: TagsMode): { sources: ReachedTemplate[]; connections: ReachedTemplate[] } {
  return {
    sources: usage.sources.filter((t) => templateMatchesTags(t.tags, tags, mode)).map((t) => ({ id: t.id, kind: 'source', name: t.name, tags: t.tags })),
    connections: usage.connections.filter((t) => templateMatchesTags(t.tags, tags, mode)).map((t) => ({ id: t.id, kind: 'connection', name: connectionTitle(t), tags: t.tags })),
  };
}

const emptySourceEditor = (): SourceEditor => ({ id: null, loading: true, loadError: null, template: null, base: null, draft: null, spec: null, catalog: null, saving: false, saveError: null, notice: null, loads: 0 });
const validationError = (message: string): AppErrorShape => ({ code: 'validation', message, retryable: false });

export function createTemplatesStore(api: Api) {
  // One counter per slice: an answer that comes back after its slice was asked again is dropped.
  let definitionsGen = 0;
  let tagsGen = 0;
  let sourcesGen = 0;
  let sourceEditorGen = 0;
  let connectionsGen = 0;
  let connectionEditorGen = 0;
  let usageGen = 0;

  return create<TemplatesState>()((set, get) => {
    /** The spec for the form: the template's own when the server sent one, else the spec channel (server or cache). */
    async function specFor(definitionId: string, template: SourceTemplate | null): Promise<ConnectorSpec | null> {
      if (template?.spec) return { definitionId, spec: template.spec, from: 'server', secretPaths: secretPaths(template.spec) };
      const result = await api.templates.spec({ definitionId });
      return result.ok ? result.value : null;
    }
    async function catalogFor(definitionId: string): Promise<CatalogStreams | null> {
      const result = await api.templates.catalogStreams({ definitionId });
      return result.ok ? result.value : null;
    }
    const patchSource = (gen: number, patch: Partial<SourceEditor>) => {
      const editor = get().sourceEditor;
      if (gen !== sourceEditorGen || !editor) return;
      set({ sourceEditor: { ...editor, ...patch } });
    };
    const nextLoad = () => (get().sourceEditor?.loads ?? 0) + 1;
    const patchConnection = (gen: number, patch: Partial<ConnectionEditor>) => {
      const editor = get().connectionEditor;
      if (gen !== connectionEditorGen || !editor) return;
      set({ connectionEditor: { ...editor, ...patch } });
    };
    /**
     * The server may answer without the connector's name (a create, some global templates): the
     * definitions list has it, so the header never says "Unknown connector" for a known one.
     */
    const named = (template: SourceTemplate, fallback: string | null = null): SourceTemplate => {
      if (template.connectorName) return template;
      const definitions = get().definitions;
      const fromDefinitions = definitions.status === 'ready' ? definitions.value.sources.find((d) => d.id === template.definitionId)?.name : undefined;
      const connectorName = fromDefinitions ?? fallback;
      return connectorName ? { ...template, connectorName } : template;
    };
    /** After a change on the server: the lists (and counts) show it. */
    const refreshLists = () => {
      void get().loadSources();
      void get().loadConnections();
      if (get().usage.status !== 'idle') void get().loadUsage();
    };

    return {
      definitions: idle,
      tags: idle,
      secretNames: [],
      sourceFilter: { tags: [], mode: 'any' },
      sourceGlobal: false,
      sources: idle,
      sourceEditor: null,
      connectionFilter: { tags: [], mode: 'any' },
      connections: idle,
      connectionEditor: null,
      usage: idle,
      notice: null,
      tagBusy: false,

      loadDefinitions: async () => {
        const gen = ++definitionsGen;
        set({ definitions: { status: 'loading' } });
        const result = await api.templates.definitions();
        if (gen === definitionsGen) set({ definitions: fromResult(result) });
      },

      loadTags: async () => {
        const gen = ++tagsGen;
        const previous = get().tags;
        set({ tags: { status: 'loading', ...(previous.status === 'ready' ? { previous: previous.value } : {}) } });
        const result = await api.templates.tags();
        if (gen === tagsGen) set({ tags: fromResult(result) });
      },

      loadSecretNames: async () => {
        const result = await api.drafts.secrets();
        // Without the keychain there is simply nothing to offer; the schema then takes any name.
        set({ secretNames: result.ok ? result.value.names : [] });
      },

      setSourceFilter: (sourceFilter) => {
        set({ sourceFilter, notice: null });
        void get().loadSources();
      },
      setSourceGlobal: (sourceGlobal) => {
        if (sourceGlobal === get().sourceGlobal) return;
        // The open template belongs to the other list: it closes with it (the list and the editor agree).
        ++sourceEditorGen;
        set({ sourceGlobal, sourceEditor: null, notice: null });
        void get().loadSources();
      },
      loadSources: async () => {
        const gen = ++sourcesGen;
        const { sourceFilter, sourceGlobal, sources } = get();
        set({ sources: { status: 'loading', ...(sources.status === 'ready' ? { previous: sources.value } : {}) } });
        const result = await api.templates.sourceList({ tags: sourceFilter.tags, mode: sourceFilter.mode, global: sourceGlobal });
        if (gen === sourcesGen) set({ sources: fromResult(result) });
      },

      openSource: async (id) => {
        const gen = ++sourceEditorGen;
        set({ sourceEditor: { ...emptySourceEditor(), id }, notice: null });
        const result = await api.templates.sourceGet({ id });
        if (gen !== sourceEditorGen) return;
        if (!result.ok) return patchSource(gen, { loading: false, loadError: result.error });
        const template = named(result.value);
        const draft = sourceTemplateToDraft(template);
        patchSource(gen, { loading: false, template, base: draft, draft, loads: nextLoad() });
        const [spec, catalog] = await Promise.all([specFor(template.definitionId, template), catalogFor(template.definitionId)]);
        patchSource(gen, { spec, catalog });
      },

      newSource: async (definition) => {
        const gen = ++sourceEditorGen;
        const draft = newSourceDraft(definition);
        set({ sourceEditor: { ...emptySourceEditor(), loading: false, draft }, notice: null });
        const [spec, catalog] = await Promise.all([specFor(definition.id, null), catalogFor(definition.id)]);
        patchSource(gen, { spec, catalog });
      },

      editSource: (draft) => {
        const editor = get().sourceEditor;
        if (editor) set({ sourceEditor: { ...editor, draft, saveError: null, notice: null } });
      },

      saveSource: async (propagate) => {
        const editor = get().sourceEditor;
        const gen = sourceEditorGen;
        if (!editor?.draft || editor.saving) return false;
        const draft = editor.draft;
        if (!draft.name.trim()) {
          patchSource(gen, { saveError: validationError('Give the template a name before saving.') });
          return false;
        }
        patchSource(gen, { saving: true, saveError: null, notice: null });
        if (editor.id === null) {
          const created = await api.templates.sourceCreate(sourceCreateInput(draft));
          if (!created.ok) {
            patchSource(gen, { saving: false, saveError: created.error });
            return false;
          }
          const template = named(created.value, draft.connector_name);
          const base = sourceTemplateToDraft(template);
          patchSource(gen, { saving: false, id: template.id, template, base, draft: base, loads: nextLoad(), notice: { kind: 'ok', text: `Created “${template.name}”.` } });
          refreshLists();
          if (draft.tags.length > 0) void get().loadTags();
          return true;
        }
        const base = editor.base ?? draft;
        const changes = sourceChanges(base, draft);
        const { attach, detach } = tagChanges(base.tags, draft.tags);
        let template = editor.template;
        if (Object.keys(changes).length > 0) {
          const updated = await api.templates.sourceUpdate({ id: editor.id, changes, propagate });
          if (!updated.ok) {
            patchSource(gen, { saving: false, saveError: updated.error });
            return false;
          }
          template = named(updated.value, draft.connector_name);
        }
        for (const [tag, on] of [...attach.map((t) => [t, true] as const), ...detach.map((t) => [t, false] as const)]) {
          const tagged = await api.templates.sourceTag({ id: editor.id, tag, attach: on });
          if (!tagged.ok) {
            // What is saved so far is the server's answer: the base follows it, so a retry sends only what is left.
            patchSource(gen, { saving: false, template, base: template ? sourceTemplateToDraft(template) : base, saveError: { ...tagged.error, message: `Tag “${tag}” was not ${on ? 'attached' : 'detached'}: ${tagged.error.message}` } });
            refreshLists();
            return false;
          }
          template = named(tagged.value, draft.connector_name);
        }
        // A tag attached here may be new to the registry: the registry and the tag filters show it at once.
        if (attach.length > 0) void get().loadTags();
        const nothing = Object.keys(changes).length === 0 && attach.length === 0 && detach.length === 0;
        const saved = template ? sourceTemplateToDraft(template) : draft;
        patchSource(gen, { saving: false, template, base: saved, draft: saved, loads: nextLoad(), notice: { kind: 'ok', text: nothing ? 'Nothing changed: nothing was sent.' : 'Saved.' } });
        if (!nothing) refreshLists();
        return true;
      },

      closeSource: () => {
        ++sourceEditorGen;
        set({ sourceEditor: null, notice: null });
      },

      cloneSource: async (id, name) => {
        const result = await api.templates.sourceClone({ id, ...(name ? { name } : {}) });
        if (!result.ok) {
          set({ notice: { kind: 'error', text: `Not cloned: ${result.error.message}` } });
          return false;
        }
        set({ sourceGlobal: false });
        refreshLists();
        const opening = get().openSource(result.value.id);
        // Set after opening (which drops older notices): it is about the template now open.
        set({ notice: { kind: 'ok', text: `Cloned into your organization as “${result.value.name}”.` } });
        await opening;
        return true;
      },

      deleteSource: async (id) => {
        const { sources, sourceEditor } = get();
        const name = sourceEditor?.template?.id === id ? sourceEditor.template.name : sources.status === 'ready' ? sources.value.find((t) => t.id === id)?.name : undefined;
        const result = await api.templates.sourceDelete({ id });
        if (!result.ok) {
          set({ notice: { kind: 'error', text: `Not deleted: ${result.error.message}` } });
          return false;
        }
        if (get().sourceEditor?.id === id) get().closeSource();
        set({ notice: { kind: 'ok', text: `Deleted “${name ?? id}”. Sources built from it stay.` } });
        refreshLists();
        return true;
      },

      setConnectionFilter: (connectionFilter) => {
        set({ connectionFilter, notice: null });
        void get().loadConnections();
      },
      loadConnections: async () => {
        const gen = ++connectionsGen;
        const { connectionFilter, connections } = get();
        set({ connections: { status: 'loading', ...(connections.status === 'ready' ? { previous: connections.value } : {}) } });
        const result = await api.templates.connectionList({ tags: connectionFilter.tags, mode: connectionFilter.mode });
        if (gen === connectionsGen) set({ connections: fromResult(result) });
      },

      openConnection: async (id) => {
        const gen = ++connectionEditorGen;
        set({ connectionEditor: { id, loading: true, loadError: null, base: null, draft: null, saving: false, saveError: null, notice: null }, notice: null });
        const result = await api.templates.connectionGet({ id });
        if (!result.ok) return patchConnection(gen, { loading: false, loadError: result.error });
        const draft = connectionTemplateToDraft(result.value);
        patchConnection(gen, { loading: false, base: draft, draft });
      },

      newConnection: (hosting) => {
        ++connectionEditorGen;
        set({ connectionEditor: { id: null, loading: false, loadError: null, base: null, draft: newConnectionDraft(hosting), saving: false, saveError: null, notice: null }, notice: null });
      },

      editConnection: (draft) => {
        const editor = get().connectionEditor;
        if (editor) set({ connectionEditor: { ...editor, draft, saveError: null, notice: null } });
      },

      saveConnection: async () => {
        const editor = get().connectionEditor;
        const gen = connectionEditorGen;
        if (!editor?.draft || editor.saving) return false;
        const draft = editor.draft;
        if (draft.data_hosting_type === 'user_hosted' && (!draft.destination_definition_id || !draft.destination_name.trim())) {
          patchConnection(gen, { saveError: validationError('Choose a destination connector and give the destination a name before saving.') });
          return false;
        }
        patchConnection(gen, { saving: true, saveError: null, notice: null });
        if (editor.id === null) {
          const created = await api.templates.connectionCreate(connectionCreateInput(draft));
          if (!created.ok) {
            patchConnection(gen, { saving: false, saveError: created.error });
            return false;
          }
          const base = connectionTemplateToDraft(created.value);
          patchConnection(gen, { saving: false, id: created.value.id, base, draft: base, notice: { kind: 'ok', text: 'Created.' } });
          refreshLists();
          if (draft.tags.length > 0) void get().loadTags();
          return true;
        }
        const base = editor.base ?? draft;
        const changes = connectionChanges(base, draft);
        const { attach, detach } = tagChanges(base.tags, draft.tags);
        let saved: ConnectionTemplate | null = null;
        if (Object.keys(changes).length > 0) {
          const updated = await api.templates.connectionUpdate({ id: editor.id, changes });
          if (!updated.ok) {
            patchConnection(gen, { saving: false, saveError: updated.error });
            return false;
          }
          saved = updated.value;
        }
        for (const [tag, on] of [...attach.map((t) => [t, true] as const), ...detach.map((t) => [t, false] as const)]) {
          const tagged = await api.templates.connectionTag({ id: editor.id, tag, attach: on });
          if (!tagged.ok) {
            patchConnection(gen, { saving: false, base: saved ? connectionTemplateToDraft(saved) : base, saveError: { ...tagged.error, message: `Tag “${tag}” was not ${on ? 'attached' : 'detached'}: ${tagged.error.message}` } });
            refreshLists();
            return false;
          }
          saved = tagged.value;
        }
        if (attach.length > 0) void get().loadTags();
        const nothing = saved === null;
        const next = saved ? connectionTemplateToDraft(saved) : draft;
        patchConnection(gen, { saving: false, base: next, draft: next, notice: { kind: 'ok', text: nothing ? 'Nothing changed: nothing was sent.' : 'Saved.' } });
        if (!nothing) refreshLists();
        return true;
      },

      closeConnection: () => {
        ++connectionEditorGen;
        set({ connectionEditor: null, notice: null });
      },

      deleteConnection: async (id) => {
        const result = await api.templates.connectionDelete({ id });
        if (!result.ok) {
          set({ notice: { kind: 'error', text: `Not deleted: ${result.error.message}` } });
          return false;
        }
        if (get().connectionEditor?.id === id) get().closeConnection();
        set({ notice: { kind: 'ok', text: 'Connection template deleted.' } });
        refreshLists();
        return true;
      },

      loadUsage: async () => {
        const gen = ++usageGen;
        const previous = get().usage;
        set({ usage: { status: 'loading', ...(previous.status === 'ready' ? { previous: previous.value } : {}) } });
        const [sources, connections] = await Promise.all([api.templates.sourceList({ tags: [], mode: 'any', global: false }), api.templates.connectionList({ tags: [], mode: 'any' })]);
        if (gen !== usageGen) return;
        if (!sources.ok) return set({ usage: { status: 'error', error: sources.error } });
        if (!connections.ok) return set({ usage: { status: 'error', error: connections.error } });
        set({ usage: { status: 'ready', value: { sources: sources.value, connections: connections.value } } });
      },

      createTag: async (name) => {
        set({ tagBusy: true, notice: null });
        const result = await api.templates.tagCreate({ name });
        set({ tagBusy: false, notice: result.ok ? { kind: 'ok', text: `Tag “${result.value.name}” registered.` } : { kind: 'error', text: `Tag not created: ${result.error.message}` } });
        if (result.ok) void get().loadTags();
        return result.ok;
      },

      renameTag: async (name, newName) => {
        set({ tagBusy: true, notice: null });
        const result = await api.templates.tagRename({ name, newName });
        set({ tagBusy: false, notice: result.ok ? { kind: 'ok', text: `Tag “${name}” renamed to “${result.value.name}” on every template.` } : { kind: 'error', text: `Tag not renamed: ${result.error.message}` } });
        if (result.ok) {
          // A filter naming the old tag would silently select nothing: it follows the rename.
          const follow = (f: TagFilter): TagFilter => ({ ...f, tags: f.tags.map((t) => (t === name ? newName : t)) });
          set({ sourceFilter: follow(get().sourceFilter), connectionFilter: follow(get().connectionFilter) });
          void get().loadTags();
          refreshLists();
          void get().loadUsage();
        }
        return result.ok;
      },

      deleteTag: async (name) => {
        set({ tagBusy: true, notice: null });
        const result = await api.templates.tagDelete({ name });
        set({ tagBusy: false, notice: result.ok ? { kind: 'ok', text: `Tag “${name}” deleted and detached from every template.` } : { kind: 'error', text: `Tag not deleted: ${result.error.message}` } });
        if (result.ok) {
          const drop = (f: TagFilter): TagFilter => ({ ...f, tags: f.tags.filter((t) => t !== name) });
          set({ sourceFilter: drop(get().sourceFilter), connectionFilter: drop(get().connectionFilter) });
          void get().loadTags();
          refreshLists();
          void get().loadUsage();
        }
        return result.ok;
      },

      clearNotice: () => {
        if (get().notice) set({ notice: null });
      },

      reset: () => {
        definitionsGen++;
        tagsGen++;
        sourcesGen++;
        sourceEditorGen++;
        connectionsGen++;
        connectionEditorGen++;
        usageGen++;
        set({
          definitions: idle,
          tags: idle,
          secretNames: [],
          sources: idle,
          sourceEditor: null,
          connections: idle,
          connectionEditor: null,
          usage: idle,
          notice: null,
          tagBusy: false,
          sourceFilter: { tags: [], mode: 'any' },
          connectionFilter: { tags: [], mode: 'any' },
          sourceGlobal: false,
        });
      },
    };
  });
}
