import type { KeytarApi, KeytarLoader } from '../../main/services/vault/keytar-module';

/** An in-memory keytar for tests that are about something else than the keychain. */
export function memoryKeytar(): KeytarLoader {
  const store = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const api: KeytarApi = {
    getPassword: async (s, a) => store.get(key(s, a)) ?? null,
    setPassword: async (s, a, p) => void store.set(key(s, a), p),
    deletePassword: async (s, a) => store.delete(key(s, a)),
    findCredentials: async (s) =>
      [...store.entries()].filter(([k]) => k.startsWith(`${s}\u0000`)).map(([k, password]) => ({ account: k.split('\u0000')[1] ?? '', password })),
  };
  return async () => api;
}
