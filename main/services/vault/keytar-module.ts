/** The part of keytar the app uses; loaded lazily so a missing native module is a health answer, not a crash. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarLoader = () => Promise<KeytarApi>;

export const loadKeytar: KeytarLoader = async () => {
  const mod = (await import('keytar')) as unknown as KeytarApi & { default?: KeytarApi };
  return mod.default ?? mod;
};
