import { create } from 'zustand';
import type { Api, AppErrorShape, ChannelInput, ChannelOutput, ProfileView } from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';

type ProfileList = ChannelOutput<'profiles', 'list'>;
type ConnectionTest = ChannelOutput<'profiles', 'testConnection'>;
type ProfileFields = ChannelInput<'profiles', 'create'>;
type ProfileChanges = ChannelInput<'profiles', 'update'>['changes'];

export type ProfileOutcome = { ok: true; profile: ProfileView } | { ok: false; error: AppErrorShape };

export interface ProfilesState {
  list: Loadable<ProfileList>;
  connection: Record<string, { phase: 'testing' } | { phase: 'done'; result: ConnectionTest }>;
  /** The last failure of a profile action (select, credentials…), shown next to the switcher. */
  actionError: AppErrorShape | null;
  /** Bumped whenever what the active profile can reach may have changed (switch, credentials, settings). */
  revision: number;
  load(): Promise<void>;
  select(id: string): Promise<boolean>;
  test(id: string): Promise<ConnectionTest>;
  /** Saves, then tests the connection with them: the answer says both (a saved secret may still be refused). */
  setCredentials(id: string, clientId: string, clientSecret: string, sessionOnly: boolean): Promise<{ ok: false; error: AppErrorShape } | { ok: true; test: ConnectionTest }>;
  clearCredentials(id: string): Promise<AppErrorShape | null>;
  /** Creates a profile and makes it the active one (a new profile is made to be used). */
  create(fields: ProfileFields): Promise<ProfileOutcome>;
  update(id: string, changes: ProfileChanges): Promise<ProfileOutcome>;
  remove(id: string): Promise<AppErrorShape | null>;
}

export function createProfilesStore(api: Api) {
  // Each test of a profile is numbered: an older answer never overwrites a newer one.
  const testGeneration: Record<string, number> = {};
  const activeId = (list: Loadable<ProfileList>) => (list.status === 'ready' ? list.value.activeProfileId : null);
  return create<ProfilesState>()((set, get) => ({
    list: idle,
    connection: {},
    actionError: null,
    revision: 0,
    load: async () => {
      set({ list: fromResult(await api.profiles.list()) });
    },
    select: async (id) => {
      const result = await api.profiles.select({ id });
      if (!result.ok) {
        set({ actionError: result.error });
        return false;
      }
      set({ list: { status: 'ready', value: result.value }, actionError: null, revision: get().revision + 1 });
      void get().test(id);
      return true;
    },
    test: async (id) => {
      const generation = (testGeneration[id] ?? 0) + 1;
      testGeneration[id] = generation;
      set({ connection: { ...get().connection, [id]: { phase: 'testing' } } });
      const result = await api.profiles.testConnection({ id });
      const value: ConnectionTest = result.ok ? result.value : { ok: false, state: 'failed', message: result.error.message, workspacesSeen: null };
      if (testGeneration[id] === generation) set({ connection: { ...get().connection, [id]: { phase: 'done', result: value } } });
      return value;
    },
    setCredentials: async (id, clientId, clientSecret, sessionOnly) => {
      const result = await api.credentials.set({ id, clientId, clientSecret, sessionOnly });
      if (!result.ok) return { ok: false, error: result.error };
      await get().load();
      set({ revision: get().revision + 1 });
      return { ok: true, test: await get().test(id) };
    },
    clearCredentials: async (id) => {
      const result = await api.credentials.clear({ id });
      if (!result.ok) {
        set({ actionError: result.error });
        return result.error;
      }
      await get().load();
      set({ revision: get().revision + 1, actionError: null });
      void get().test(id);
      return null;
    },
    create: async (fields) => {
      const result = await api.profiles.create(fields);
      if (!result.ok) return { ok: false, error: result.error };
      await get().select(result.value.id);
      return { ok: true, profile: result.value };
    },
    update: async (id, changes) => {
      const result = await api.profiles.update({ id, changes });
      if (!result.ok) return { ok: false, error: result.error };
      await get().load();
      // Settings of the active profile changed: what it reaches (and whether its secret is kept) may too.
      if (activeId(get().list) === id) {
        set({ revision: get().revision + 1 });
        void get().test(id);
      }
      return { ok: true, profile: result.value };
    },
    remove: async (id) => {
      const wasActive = activeId(get().list) === id;
      const result = await api.profiles.remove({ id });
      if (!result.ok) return result.error;
      const { [id]: _gone, ...connection } = get().connection;
      set({ connection });
      await get().load();
      // Main falls back to the Sandbox when the active profile goes: views reload for it.
      if (wasActive) {
        set({ revision: get().revision + 1 });
        const now = activeId(get().list);
        if (now) void get().test(now);
      }
      return null;
    },
  }));
}
