import { parseBinding, type CredentialBinding } from './credential-binding';
import type { KeytarApi } from './keytar-module';

export interface ClientCredentials {
  client_id: string;
  client_secret: string;
}

/** What a store keeps: the credentials and the connection settings they were entered for. */
export interface StoredCredentials extends ClientCredentials {
  /** Null for an entry without a readable binding (another program's, or an older version's). */
  boundTo: CredentialBinding | null;
}

/**
 * Where a profile's client credentials live. The keychain backend is the default; the memory
 * backend serves session-only use (no keychain) and tests. There is no file backend, by design.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'session';
  get(profileId: string): Promise<StoredCredentials | null>;
  set(profileId: string, credentials: ClientCredentials, boundTo: CredentialBinding): Promise<void>;
  delete(profileId: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'embedded-console.credentials';

/** One keychain entry per profile: account = profile id, password = credentials and binding as JSON. */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';

  constructor(private readonly keytar: KeytarApi) {}

  async get(profileId: string): Promise<StoredCredentials | null> {
    const stored = await this.keytar.getPassword(KEYCHAIN_SERVICE, profileId);
    if (stored === null) return null;
    try {
      const parsed = JSON.parse(stored) as Partial<ClientCredentials> & { boundTo?: unknown };
      if (typeof parsed.client_id === 'string' && typeof parsed.client_secret === 'string') {
        return { client_id: parsed.client_id, client_secret: parsed.client_secret, boundTo: parseBinding(parsed.boundTo) };
      }
    } catch {
      // An entry we did not write: treated as absent, never echoed.
    }
    return null;
  }

  set(profileId: string, credentials: ClientCredentials, boundTo: CredentialBinding): Promise<void> {
    return this.keytar.setPassword(KEYCHAIN_SERVICE, profileId, JSON.stringify({ client_id: credentials.client_id, client_secret: credentials.client_secret, boundTo }));
  }

  delete(profileId: string): Promise<boolean> {
    return this.keytar.deletePassword(KEYCHAIN_SERVICE, profileId);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'session';
  private readonly entries = new Map<string, StoredCredentials>();

  async get(profileId: string) {
    const entry = this.entries.get(profileId);
    return entry ? { ...entry } : null;
  }

  async set(profileId: string, credentials: ClientCredentials, boundTo: CredentialBinding) {
    this.entries.set(profileId, { client_id: credentials.client_id, client_secret: credentials.client_secret, boundTo: { ...boundTo } });
  }

  async delete(profileId: string) {
    return this.entries.delete(profileId);
  }
}

/** What the renderer may know about stored credentials: whether they exist and a masked tail. */
export function credentialStatus(credentials: ClientCredentials | null): { present: boolean; secretTail: string | null } {
  if (!credentials) return { present: false, secretTail: null };
  const tail = credentials.client_secret.length >= 8 ? credentials.client_secret.slice(-4) : '';
  return { present: true, secretTail: `••••${tail}` };
}
