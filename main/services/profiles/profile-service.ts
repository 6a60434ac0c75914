import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { profileFieldsSchema} from '../../../preload/contract';
import { type KeychainHealth, type Profile, type ProfileView } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { AirbyteClient } from '../airbyte/airbyte-client';
import { HttpClient } from '../http/http-client';
import { credentialStatus, MemorySecretStore, type ClientCredentials, type SecretStore } from '../vault/secret-store';
import { sandboxProfile, SANDBOX_PROFILE_ID, type ProfileStore } from './profile-store';

/** The sandbox accepts exactly these (issue #3); they are not secrets and are never stored. */
const SANDBOX_CREDENTIALS: ClientCredentials = { client_id: 'sandbox', client_secret: 'sandbox' };

export interface ProfileServiceDeps {
  store: ProfileStore;
  keychain: () => Promise<{ store: SecretStore | null; health: KeychainHealth }>;
  sandboxUrl: () => Promise<string>;
}

/** Profiles, their credentials and one API client per profile; the only holder of secrets in the app. */
export class ProfileService {
  private readonly session = new MemorySecretStore();
  private readonly clients = new Map<string, { client: AirbyteClient; http: HttpClient }>();

  constructor(private readonly deps: ProfileServiceDeps) {}

  private async profile(id: string): Promise<Profile> {
    if (id === SANDBOX_PROFILE_ID) return sandboxProfile(await this.deps.sandboxUrl());
    const found = this.deps.store.find(id);
    if (!found) throw new AppError('not_found', 'That profile no longer exists.');
    return found;
  }

  private async credentials(id: string): Promise<{ credentials: ClientCredentials | null; storage: 'keychain' | 'session' | 'built-in' }> {
    if (id === SANDBOX_PROFILE_ID) return { credentials: SANDBOX_CREDENTIALS, storage: 'built-in' };
    const session = await this.session.get(id);
    if (session) return { credentials: session, storage: 'session' };
    const { store } = await this.deps.keychain();
    return { credentials: store ? await store.get(id) : null, storage: 'keychain' };
  }

  private async view(profile: Profile): Promise<ProfileView> {
    const { credentials, storage } = await this.credentials(profile.id);
    return { ...profile, credentials: { ...credentialStatus(credentials), storage } };
  }

  async list() {
    const sandbox = await this.profile(SANDBOX_PROFILE_ID);
    const profiles = await Promise.all([sandbox, ...this.deps.store.userProfiles()].map((p) => this.view(p)));
    const active = profiles.some((p) => p.id === this.deps.store.activeProfileId) ? this.deps.store.activeProfileId : SANDBOX_PROFILE_ID;
    return { activeProfileId: active, profiles, notice: this.deps.store.notice };
  }

  async activeProfile(): Promise<Profile> {
    return this.profile((await this.list()).activeProfileId);
  }

  async create(fields: z.output<typeof profileFieldsSchema>): Promise<ProfileView> {
    const profile: Profile = { ...fields, id: randomUUID(), builtIn: false };
    await this.deps.store.put(profile);
    return this.view(profile);
  }

  async update(id: string, changes: Partial<z.output<typeof profileFieldsSchema>>): Promise<ProfileView> {
    const current = await this.profile(id);
    if (current.builtIn) throw new AppError('validation', 'The built-in Sandbox profile cannot be changed; create a profile of your own instead.');
    const next = { ...current, ...changes };
    await this.deps.store.put(next);
    await this.dropClient(id);
    return this.view(next);
  }

  async remove(id: string): Promise<boolean> {
    if (id === SANDBOX_PROFILE_ID) throw new AppError('validation', 'The built-in Sandbox profile cannot be deleted.');
    const removed = await this.deps.store.remove(id);
    await this.session.delete(id);
    const { store } = await this.deps.keychain();
    await store?.delete(id);
    await this.dropClient(id);
    return removed;
  }

  async select(id: string) {
    await this.profile(id);
    await this.deps.store.select(id);
    return this.list();
  }

  async setCredentials(id: string, credentials: ClientCredentials, sessionOnly: boolean) {
    const profile = await this.profile(id);
    if (profile.builtIn) throw new AppError('validation', 'The Sandbox profile needs no credentials.');
    if (sessionOnly) {
      await this.session.set(id, credentials);
    } else {
      const { store, health } = await this.deps.keychain();
      if (!store || health.status !== 'available') {
        const why = health.status === 'unavailable' ? `${health.message} ${health.remedy}` : '';
        // Never a plain file as a fallback: the user chooses session-only storage explicitly.
        throw new AppError('keychain_unavailable', `The OS keychain cannot store credentials right now. ${why} You can keep them for this session only.`.replace(/\s+/g, ' ').trim());
      }
      await store.set(id, credentials);
      await this.session.delete(id);
    }
    await this.dropClient(id);
    return (await this.view(profile)).credentials;
  }

  async clearCredentials(id: string) {
    const profile = await this.profile(id);
    await this.session.delete(id);
    const { store } = await this.deps.keychain();
    await store?.delete(id);
    await this.dropClient(id);
    return (await this.view(profile)).credentials;
  }

  async credentialStatus(id: string) {
    return (await this.view(await this.profile(id))).credentials;
  }

  /** The API client of a profile (created on first use, dropped when its settings or secrets change). */
  async client(id: string): Promise<AirbyteClient> {
    const existing = this.clients.get(id);
    if (existing) return existing.client;
    const profile = await this.profile(id);
    const http = new HttpClient({ proxy: profile.proxy, caFile: profile.caFile });
    const client = new AirbyteClient({
      baseUrl: profile.baseUrl,
      tokenUrl: profile.tokenUrl,
      organizationId: profile.organizationId,
      http,
      credentials: async () => (await this.credentials(id)).credentials,
    });
    this.clients.set(id, { client, http });
    return client;
  }

  /** The request log of a profile's client, for the inspector. */
  requestLog(id: string) {
    return this.clients.get(id)?.http.log.list() ?? [];
  }

  clearRequestLog(id: string): boolean {
    const entry = this.clients.get(id);
    entry?.http.log.clear();
    return entry !== undefined;
  }

  async testConnection(id: string, signal?: AbortSignal) {
    try {
      const client = await this.client(id);
      const first = await client.workspacePages({ limit: 20 }, signal ? { signal } : {}).next();
      const seen = first.value?.length ?? 0;
      return { ok: true, message: `Connected: got an operator token and listed ${seen} workspace${seen === 1 ? '' : 's'}.`, workspacesSeen: seen };
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'The connection test failed unexpectedly.';
      return { ok: false, message, workspacesSeen: null };
    }
  }

  private async dropClient(id: string): Promise<void> {
    const existing = this.clients.get(id);
    this.clients.delete(id);
    await existing?.http.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.dropClient(id)));
  }
}
