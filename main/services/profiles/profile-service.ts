import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { profileChangesSchema, profileFieldsSchema } from '../../../preload/contract';
import { apiUrlSchema, type ConnectionState, type KeychainHealth, type Profile, type ProfileView } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { AirbyteClient } from '../airbyte/airbyte-client';
import { loadCaFile } from '../http/ca-file';
import { HttpClient } from '../http/http-client';
import { DEFAULT_RETRY_POLICY } from '../http/retry-policy';
import { RequestLog } from '../http/request-log';
import { bindingChange, bindingOf, type CredentialBinding } from '../vault/credential-binding';
import { credentialStatus, MemorySecretStore, type ClientCredentials, type SecretStore, type StoredCredentials } from '../vault/secret-store';
import { sandboxProfile, SANDBOX_PROFILE_ID, takenNameMessage, type ProfileStore } from './profile-store';

/** The first page a connection test lists: enough to show listing works, never the whole org. */
const TEST_PAGE = 20;

/** The sandbox accepts exactly these (issue #3); they are not secrets and are never stored. */
const SANDBOX_CREDENTIALS: ClientCredentials = { client_id: 'sandbox', client_secret: 'sandbox' };

type ProfileFields = z.output<typeof profileFieldsSchema>;
type ProfileChanges = z.output<typeof profileChangesSchema>;
type Storage = 'keychain' | 'session' | 'built-in';

export interface ProfileServiceDeps {
  store: ProfileStore;
  keychain: () => Promise<{ store: SecretStore | null; health: KeychainHealth }>;
  sandboxUrl: () => Promise<string>;
  /** Default API request timeout (tests shorten it; 30 s otherwise). */
  requestTimeoutMs?: number;
  /** Start-up notices of other user-data files, shown with the profile list. */
  notices?: () => Array<string | null>;
}

interface ClientEntry {
  client: AirbyteClient;
  http: HttpClient;
}

/** The URL an operator token is minted at for these settings (the client's default otherwise). */
function tokenUrlOf(profile: Profile): string {
  return profile.tokenUrl ?? new URL('/api/v1/account/applications/token', profile.baseUrl).toString();
}

function sameBinding(a: CredentialBinding | null, b: CredentialBinding): boolean {
  return a !== null && bindingChange(a, b) === null;
}

/**
 * A profile saved under older rules may still hold a URL today's rules refuse (plain http to another
 * machine): nothing is sent over it until the user changes it.
 */
function refuseUnsafeUrls(profile: Profile): void {
  for (const [field, words] of [['baseUrl', 'API base URL'], ['tokenUrl', 'token URL']] as const) {
    const value = profile[field];
    if (value === undefined) continue;
    const checked = apiUrlSchema.safeParse(value);
    if (!checked.success) {
      const why = checked.error.issues[0]?.message ?? 'is not allowed';
      throw new AppError('validation', `This profile’s ${words} ${why}; nothing was sent. Edit the profile to fix it.`, { issues: [{ path: field, message: why }] });
    }
  }
}

/** Profiles, their credentials and one API client per profile; the only holder of secrets in the app. */
export class ProfileService {
  private readonly session = new MemorySecretStore();
  private readonly clients = new Map<string, Promise<ClientEntry>>();
  /**
   * Each profile's request log, kept across its clients: a client is rebuilt when credentials or
   * settings change, and the 401 that made the user change them must still be in the inspector.
   */
  private readonly logs = new Map<string, RequestLog>();

  private logOf(id: string): RequestLog {
    let log = this.logs.get(id);
    if (!log) this.logs.set(id, (log = new RequestLog()));
    return log;
  }
  /** Why a profile's saved secret was removed, until the user enters a new one (shown by the UI). */
  private readonly credentialNotices = new Map<string, string>();

  constructor(private readonly deps: ProfileServiceDeps) {}

  private async profile(id: string): Promise<Profile> {
    if (id === SANDBOX_PROFILE_ID) return sandboxProfile(await this.deps.sandboxUrl());
    const found = this.deps.store.find(id);
    if (!found) throw new AppError('not_found', 'That profile no longer exists.');
    return found;
  }

  /** The stored entry of a profile and where it lives (session first: it was entered last). */
  private async stored(id: string): Promise<{ entry: StoredCredentials | null; storage: Storage }> {
    const session = await this.session.get(id);
    if (session) return { entry: session, storage: 'session' };
    const { store } = await this.deps.keychain();
    const entry = store ? await store.get(id) : null;
    // An entry saved by an earlier version (before entries were recorded) is recorded when first read.
    if (entry && this.deps.store.find(id)) await this.deps.store.markKeychainEntry(id, true);
    return { entry, storage: 'keychain' };
  }

  /**
   * The credentials usable with the profile as it is now. An entry saved for other connection
   * settings (a file edited by hand, an older version's entry) is deleted, never used.
   */
  private async credentials(profile: Profile): Promise<{ credentials: ClientCredentials | null; storage: Storage }> {
    if (profile.builtIn) return { credentials: SANDBOX_CREDENTIALS, storage: 'built-in' };
    const { entry, storage } = await this.stored(profile.id);
    if (!entry) return { credentials: null, storage };
    if (entry.boundTo === null) {
      // Saved by a version that did not bind secrets: bind it to the settings it has been used with.
      await this.rebind(profile.id, entry, storage);
      return { credentials: { client_id: entry.client_id, client_secret: entry.client_secret }, storage };
    }
    if (!sameBinding(entry.boundTo, bindingOf(profile))) {
      await this.forgetSecret(profile.id, 'The saved client secret was entered for other connection settings than this profile’s, so it was removed and not sent. Enter it again.');
      return { credentials: null, storage };
    }
    return { credentials: { client_id: entry.client_id, client_secret: entry.client_secret }, storage };
  }

  private async rebind(id: string, entry: StoredCredentials, storage: Storage): Promise<void> {
    const profile = await this.profile(id);
    const credentials = { client_id: entry.client_id, client_secret: entry.client_secret };
    if (storage === 'session') return this.session.set(id, credentials, bindingOf(profile));
    const { store } = await this.deps.keychain();
    await store?.set(id, credentials, bindingOf(profile));
  }

  private async forgetSecret(id: string, why: string | null): Promise<void> {
    await this.session.delete(id);
    const { store } = await this.deps.keychain();
    await store?.delete(id);
    // Unreadable now or deleted: either way no usable saved entry is left for these settings.
    if (!this.deps.store.find(id)?.builtIn) await this.deps.store.markKeychainEntry(id, false).catch(() => undefined);
    if (why) this.credentialNotices.set(id, why);
    else this.credentialNotices.delete(id);
  }

  private async view(profile: Profile): Promise<ProfileView> {
    const { credentials, storage } = await this.credentials(profile);
    const notice = credentials ? null : (this.credentialNotices.get(profile.id) ?? null);
    return { ...profile, credentials: { ...credentialStatus(credentials), storage, notice } };
  }

  async list() {
    const sandbox = await this.profile(SANDBOX_PROFILE_ID);
    const profiles = await Promise.all([sandbox, ...this.deps.store.userProfiles()].map((p) => this.view(p)));
    const active = profiles.some((p) => p.id === this.deps.store.activeProfileId) ? this.deps.store.activeProfileId : SANDBOX_PROFILE_ID;
    const notices = [this.deps.store.notice, ...(this.deps.notices?.() ?? [])].filter((n): n is string => n !== null);
    return { activeProfileId: active, profiles, notice: notices.length > 0 ? notices.join(' ') : null };
  }

  async activeProfile(): Promise<Profile> {
    return this.profile((await this.list()).activeProfileId);
  }

  /**
   * Every problem main finds in a create or a change at once (a taken name and an unusable CA file
   * were reported one per click). A taken name alone stays a `conflict`, as the store's own check says.
   */
  private async refuseBadSettings(id: string | null, fields: { name?: string | undefined; caFile?: string | null | undefined }): Promise<void> {
    const issues: Array<{ path: string; message: string }> = [];
    const taken = fields.name === undefined ? null : this.deps.store.nameTaken(fields.name, id);
    if (taken) issues.push({ path: 'name', message: takenNameMessage(taken) });
    if (fields.caFile) {
      try {
        await loadCaFile(fields.caFile);
      } catch (error) {
        if (!(error instanceof AppError) || !error.issues) throw error;
        issues.push(...error.issues.map((issue) => ({ path: issue.path, message: error.issues?.length === 1 ? error.message : issue.message })));
      }
    }
    if (issues.length === 0) return;
    if (issues.length === 1 && taken) throw new AppError('conflict', takenNameMessage(taken));
    const more = issues.length - 1;
    const first = issues[0]?.message ?? '';
    throw new AppError('validation', more > 0 ? `${first} (${more} more ${more === 1 ? 'problem' : 'problems'} below.)` : first, { issues });
  }

  async create(fields: ProfileFields): Promise<ProfileView> {
    await this.refuseBadSettings(null, fields);
    const profile: Profile = { ...fields, id: randomUUID(), builtIn: false };
    await this.deps.store.add(profile);
    return this.view(profile);
  }

  async update(id: string, changes: ProfileChanges): Promise<ProfileView> {
    if (id === SANDBOX_PROFILE_ID) throw new AppError('validation', 'The built-in Sandbox profile cannot be changed; create a profile of your own instead.');
    await this.refuseBadSettings(id, changes);
    const { before, after } = await this.deps.store.update(id, (current) => {
      const next: Record<string, unknown> = { ...current, ...changes, id, builtIn: false };
      // null removes an optional setting (a token URL, organization id, proxy or CA file).
      for (const [key, value] of Object.entries(changes)) if (value === null) delete next[key];
      return next as Profile;
    });
    const changed = bindingChange(bindingOf(before), bindingOf(after));
    // The secret was entered for the old settings: never let it follow the profile somewhere new.
    if (changed) await this.forgetSecret(id, `The ${changed} changed, so the saved client secret was removed. Enter the client id and secret again for the new settings.`);
    await this.dropClient(id);
    return this.view(after);
  }

  async remove(id: string): Promise<boolean> {
    if (id === SANDBOX_PROFILE_ID) throw new AppError('validation', 'The built-in Sandbox profile cannot be deleted.');
    const removed = await this.deps.store.remove(id);
    await this.forgetSecret(id, null);
    await this.dropClient(id);
    this.logs.delete(id);
    return removed;
  }

  async select(id: string) {
    await this.deps.store.select(id);
    return this.list();
  }

  async setCredentials(id: string, credentials: ClientCredentials, sessionOnly: boolean) {
    const profile = await this.profile(id);
    if (profile.builtIn) throw new AppError('validation', 'The Sandbox profile needs no credentials.');
    const boundTo = bindingOf(profile);
    if (sessionOnly) {
      await this.session.set(id, credentials, boundTo);
    } else {
      const { store, health } = await this.deps.keychain();
      if (!store || health.status !== 'available') {
        const why = health.status === 'unavailable' ? `${health.message} ${health.remedy}` : '';
        // Never a plain file as a fallback: the user chooses session-only storage explicitly.
        // The remedy may already offer session-only storage: say it once.
        const offer = /session only/i.test(why) ? '' : ' You can keep them for this session only.';
        throw new AppError('keychain_unavailable', `The OS keychain cannot store credentials right now. ${why}${offer}`.replace(/\s+/g, ' ').trim());
      }
      await store.set(id, credentials, boundTo);
      await this.deps.store.markKeychainEntry(id, true);
      await this.session.delete(id);
    }
    this.credentialNotices.delete(id);
    await this.dropClient(id);
    return (await this.view(await this.profile(id))).credentials;
  }

  async clearCredentials(id: string) {
    const profile = await this.profile(id);
    await this.forgetSecret(id, null);
    await this.dropClient(id);
    return (await this.view(profile)).credentials;
  }

  async credentialStatus(id: string) {
    return (await this.view(await this.profile(id))).credentials;
  }

  /** The API client of a profile (created once on first use, dropped when its settings or secrets change). */
  client(id: string): Promise<AirbyteClient> {
    let entry = this.clients.get(id);
    if (!entry) {
      entry = this.createClient(id);
      this.clients.set(id, entry);
      entry.catch(() => {
        if (this.clients.get(id) === entry) this.clients.delete(id);
      });
    }
    return entry.then((e) => e.client);
  }

  private async createClient(id: string): Promise<ClientEntry> {
    // The client is built from this snapshot; secrets are released only for it (see `release`).
    const snapshot = await this.profile(id);
    if (!snapshot.builtIn) refuseUnsafeUrls(snapshot);
    const http = new HttpClient(
      {
        proxy: snapshot.proxy,
        caPem: snapshot.caFile ? await loadCaFile(snapshot.caFile) : undefined,
        ...(this.deps.requestTimeoutMs ? { timeoutMs: this.deps.requestTimeoutMs } : {}),
      },
      DEFAULT_RETRY_POLICY,
      this.logOf(id),
    );
    const client = new AirbyteClient({
      baseUrl: snapshot.baseUrl,
      tokenUrl: snapshot.tokenUrl,
      organizationId: snapshot.organizationId,
      http,
      credentials: (tokenUrl) => this.release(id, snapshot, tokenUrl),
    });
    return { client, http };
  }

  /**
   * The one place a client secret leaves the vault: only for a mint at the snapshot's own token URL,
   * and only while the profile still has the settings the secret was saved for.
   */
  private async release(id: string, snapshot: Profile, tokenUrl: string): Promise<ClientCredentials | null> {
    if (tokenUrl !== tokenUrlOf(snapshot)) throw new AppError('forbidden', 'The client secret was not sent: that address is not where this profile’s secret was saved for.');
    const current = await this.profile(id);
    if (bindingChange(bindingOf(current), bindingOf(snapshot)) !== null) {
      throw new AppError('forbidden', 'The profile’s connection settings changed while this call was running; the client secret was not sent. Try again.');
    }
    return (await this.credentials(current)).credentials;
  }

  /** The request log of a profile's client, for the inspector. */
  async requestLog(id: string) {
    return this.logs.get(id)?.list() ?? [];
  }

  /** One call of a profile's log with its (redacted) headers and bodies. */
  async requestDetail(id: string, entryId: number, full: boolean) {
    return this.logs.get(id)?.detail(entryId, full) ?? null;
  }

  async clearRequestLog(id: string): Promise<boolean> {
    const log = this.logs.get(id);
    log?.clear();
    return log !== undefined;
  }

  async testConnection(id: string, signal?: AbortSignal) {
    const options = signal ? { signal } : {};
    try {
      const client = await this.client(id);
      const first = await client.workspacePages({ limit: TEST_PAGE }, options).next();
      const seen = first.value?.length ?? 0;
      // A short first page is the whole organization; a full one says nothing about the total, so
      // the count comes from the stats call (one request, never paging a 5,000-workspace org).
      const count = seen < TEST_PAGE ? seen : await client.workspaceStats(options).then((s) => s.total_count, () => null);
      const has = count === null ? 'has workspaces' : count === 0 ? 'has no workspaces yet' : `has ${count.toLocaleString('en-US')} workspace${count === 1 ? '' : 's'}`;
      return { ok: true, state: 'connected' as const, message: `Connected: got an operator token, and the organization ${has}.`, workspacesSeen: seen, workspaceCount: count };
    } catch (error) {
      return { ok: false, ...(await this.connectionProblem(id, error)), workspacesSeen: null, workspaceCount: null };
    }
  }

  /** Which of the four things went wrong (each has its own fix), in words. */
  private async connectionProblem(id: string, error: unknown): Promise<{ state: ConnectionState; message: string }> {
    if (!(error instanceof AppError)) return { state: 'failed', message: 'The connection test failed unexpectedly; details are in the app log.' };
    if (error.code === 'keychain_unavailable') return { state: 'keychain_unavailable', message: error.message };
    if (error.code === 'unauthorized' && error.status === undefined) {
      // No credentials to send: removed with a settings change, never entered, or unreadable.
      // (The notice itself, naming the setting, is shown with the credential status.)
      if (this.credentialNotices.has(id)) return { state: 'no_credentials', message: 'This profile has no client credentials yet; the saved ones were removed because its connection settings changed.' };
      const { health } = await this.deps.keychain();
      if (health.status === 'available') return { state: 'no_credentials', message: 'This profile has no client credentials yet; set a client id and secret.' };
      // "Keychain unavailable" is for credentials that exist and cannot be read, not for a profile that never had any.
      if (this.deps.store.hasKeychainEntry(id)) {
        return { state: 'keychain_unavailable', message: 'The OS keychain is unavailable, so this profile’s saved credentials cannot be read; set them for this session only, or start the keychain and try again.' };
      }
      return { state: 'no_credentials', message: 'This profile has no client credentials yet; without the OS keychain they can be kept for this session only.' };
    }
    if (error.code === 'unauthorized') return { state: 'rejected', message: error.message };
    if (error.code === 'network' || error.code === 'timeout') return { state: 'unreachable', message: error.message };
    return { state: 'failed', message: error.message };
  }

  private async dropClient(id: string): Promise<void> {
    const existing = this.clients.get(id);
    this.clients.delete(id);
    const entry = await existing?.catch(() => null);
    await entry?.http.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.dropClient(id)));
  }
}
