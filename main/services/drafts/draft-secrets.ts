/**
 * Secret values referenced from drafts as {"$secret": name}: kept in the keychain, one entry per
 * profile and name, so a value entered for one profile is only ever sent to that profile's API.
 * SKELETON — being filled in (issue #12).
 */
export interface DraftSecretBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** The keychain when it is available, else null (kept secrets then cannot be stored: the UI says so). */
export type SecretStoreFactory = () => Promise<DraftSecretBackend | null>;

export const DRAFT_SECRETS_SERVICE = 'embedded-console.draft-secrets';
