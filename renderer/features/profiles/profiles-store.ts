import { create } from 'zustand';
import type { Api, AppErrorShape, ChannelOutput } from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';

type ProfileList = ChannelOutput<'profiles', 'list'>;
type ConnectionTest = ChannelOutput<'profiles', 'testConnection'>;

export interface ProfilesState {
  list: Loadable<ProfileList>;
  connection: Record<string, { phase: 'testing' } | { phase: 'done'; result: ConnectionTest }>;
  /** The last failure of a profile action (select, credentials…), shown next to the switcher. */
  actionError: AppErrorShape | null;
  /** Bumped whenever what the active profile can reach may have changed (switch, credentials). */
  revision: number;
  load(): Promise<void>;
  select(id: string): Promise<boolean>;
  test(id: string): Promise<void>;
  setCredentials(id: string, clientId: string, clientSecret: string, sessionOnly: boolean): Promise<AppErrorShape | null>;
  clearCredentials(id: string): Promise<void>;
  create(fields: { name: string; baseUrl: string; defaultRegion: 'US' | 'EU' }): Promise<AppErrorShape | null>;
}

export function createProfilesStore(api: Api) {
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
      set({ connection: { ...get().connection, [id]: { phase: 'testing' } } });
      const result = await api.profiles.testConnection({ id });
      const value: ConnectionTest = result.ok ? result.value : { ok: false, message: result.error.message, workspacesSeen: null };
      set({ connection: { ...get().connection, [id]: { phase: 'done', result: value } } });
    },
    setCredentials: async (id, clientId, clientSecret, sessionOnly) => {
      const result = await api.credentials.set({ id, clientId, clientSecret, sessionOnly });
      if (!result.ok) return result.error;
      await get().load();
      set({ revision: get().revision + 1 });
      void get().test(id);
      return null;
    },
    clearCredentials: async (id) => {
      await api.credentials.clear({ id });
      await get().load();
      set({ revision: get().revision + 1 });
      void get().test(id);
    },
    create: async (fields) => {
      const result = await api.profiles.create(fields);
      if (!result.ok) return result.error;
      await get().load();
      return null;
    },
  }));
}
