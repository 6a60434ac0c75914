import { AppError } from '../../ipc/app-error';

/**
 * Secret values referenced from drafts as {"$secret": name}: kept in the keychain, one entry per
 * profile and name, so a value entered for one profile is only ever sent to that profile's API.
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

const UNAVAILABLE =
  'The system keychain is not available, so secret values cannot be kept for drafts. Leave secret fields to the end user, or make the keychain available and try again.';

/**
 * The keychain entries of one profile's kept secrets (account `<profileId>/<name>`). Each value is
 * stored with the API address it was entered for (like client credentials, architecture rule
 * "credentials are bound to where they were entered"): after the profile's base URL changes, the
 * value is treated as absent and never sent to the new address.
 */
export class DraftSecrets {
  constructor(
    private readonly factory: SecretStoreFactory,
    /** The profile's API base URL now; null when the profile is gone. */
    private readonly addressOf: (profileId: string) => Promise<string | null>,
  ) {}

  /** The value when it was entered for the profile's current address, else null. */
  private async bound(profileId: string, stored: string | null): Promise<string | null> {
    if (stored === null) return null;
    let entry: { value?: unknown; boundTo?: unknown };
    try {
      entry = JSON.parse(stored) as typeof entry;
    } catch {
      return null; // Not written by this version of the app: not trusted.
    }
    const address = await this.addressOf(profileId);
    return typeof entry.value === 'string' && address !== null && entry.boundTo === address ? entry.value : null;
  }

  private async backend(): Promise<DraftSecretBackend> {
    let backend: DraftSecretBackend | null;
    try {
      backend = await this.factory();
    } catch (error) {
      throw new AppError('keychain_unavailable', UNAVAILABLE, { cause: error });
    }
    if (!backend) throw new AppError('keychain_unavailable', UNAVAILABLE);
    return backend;
  }

  private async call<T>(work: (backend: DraftSecretBackend) => Promise<T>): Promise<T> {
    const backend = await this.backend();
    try {
      return await work(backend);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('keychain_unavailable', `The system keychain refused the request (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}).`, { cause: error });
    }
  }

  /** Names of the values usable for the profile now (entered for its current address). */
  async names(profileId: string): Promise<string[]> {
    const prefix = `${profileId}/`;
    const entries = await this.call((b) => b.findCredentials(DRAFT_SECRETS_SERVICE));
    const usable: string[] = [];
    for (const e of entries) {
      if (e.account.startsWith(prefix) && (await this.bound(profileId, e.password)) !== null) usable.push(e.account.slice(prefix.length));
    }
    return usable.sort();
  }

  /** The value, or null when none is kept under that name for the profile's current address. */
  async get(profileId: string, name: string): Promise<string | null> {
    return this.bound(profileId, await this.call((b) => b.getPassword(DRAFT_SECRETS_SERVICE, `${profileId}/${name}`)));
  }

  async set(profileId: string, name: string, value: string): Promise<string[]> {
    const boundTo = await this.addressOf(profileId);
    if (boundTo === null) throw new AppError('not_found', 'That profile no longer exists.');
    await this.call((b) => b.setPassword(DRAFT_SECRETS_SERVICE, `${profileId}/${name}`, JSON.stringify({ value, boundTo })));
    return this.names(profileId);
  }

  async remove(profileId: string, name: string): Promise<string[]> {
    await this.call((b) => b.deletePassword(DRAFT_SECRETS_SERVICE, `${profileId}/${name}`));
    return this.names(profileId);
  }
}
