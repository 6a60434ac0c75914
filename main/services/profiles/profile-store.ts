import path from 'node:path';
import { z } from 'zod';
import { profileSchema, type Profile } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { JsonFile } from '../storage/json-file';

export const SANDBOX_PROFILE_ID = 'sandbox';

const fileSchema = z.object({
  version: z.literal(1),
  activeProfileId: z.string(),
  profiles: z.array(profileSchema),
  /**
   * Profiles whose credentials this app put in the OS keychain. With the keychain unavailable this
   * tells "saved credentials cannot be read" from "nothing was ever saved" (names only, no secret).
   */
  keychainEntries: z.array(z.string()).default([]),
});
type ProfilesFile = z.infer<typeof fileSchema>;

/** The built-in profile; its base URL is the in-process sandbox's, filled in at run time. */
/**
 * Profile names are how people tell profiles apart (the switcher, the status bar): no two alike,
 * ignoring case and surrounding spaces, the built-in "Sandbox" included. Checked inside the file's
 * queue, so two creates at once cannot both take a name.
 */
function refuseTakenName(profiles: readonly Profile[], candidate: Profile): void {
  const taken = takenName(profiles, candidate.name, candidate.id);
  if (taken) throw new AppError('conflict', takenNameMessage(taken));
}

/** The existing profile's name that `name` would repeat (another profile than `id`), or null. */
function takenName(profiles: readonly Profile[], name: string, id: string | null): string | null {
  const key = (text: string) => text.trim().toLocaleLowerCase();
  return [{ id: SANDBOX_PROFILE_ID, name: 'Sandbox' }, ...profiles].find((p) => p.id !== id && key(p.name) === key(name))?.name ?? null;
}

export const takenNameMessage = (taken: string) => `A profile named “${taken}” already exists. Choose another name.`;

export function sandboxProfile(baseUrl: string): Profile {
  return { id: SANDBOX_PROFILE_ID, name: 'Sandbox', baseUrl, defaultRegion: 'US', builtIn: true };
}

const gone = () => new AppError('not_found', 'That profile no longer exists.');

/**
 * User profiles in `profiles.json` in the user-data folder, through the storage module's single
 * writer: every change is a read-modify-write of the latest saved state, so concurrent calls never
 * lose one another's changes. The Sandbox profile is never stored; it always exists.
 */
export class ProfileStore {
  private readonly json: JsonFile<ProfilesFile>;

  constructor(file: string) {
    this.json = new JsonFile({
      file,
      label: 'Your profiles file',
      parse: (raw) => fileSchema.parse(raw),
      empty: () => ({ version: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [], keychainEntries: [] }),
      fallback: 'the app started with the Sandbox profile only',
      maxBytes: 4 * 1024 * 1024,
    });
  }

  static inFolder(userDataDir: string): ProfileStore {
    return new ProfileStore(path.join(userDataDir, 'profiles.json'));
  }

  load(): Promise<void> {
    return this.json.load();
  }

  /** Resolves when every change queued so far is on disk. */
  flush(): Promise<void> {
    return this.json.flush();
  }

  /** Why the file could not be used at start, for the UI to say once. */
  get notice(): string | null {
    return this.json.notice;
  }

  userProfiles(): Profile[] {
    return this.json.current.profiles.map((p) => ({ ...p }));
  }

  get activeProfileId(): string {
    return this.json.current.activeProfileId;
  }

  /**
   * The name `name` would repeat, read before a change is queued so that it can be reported with the
   * change's other problems at once; the check inside the queue stays the one that decides.
   */
  nameTaken(name: string, exceptId: string | null): string | null {
    return takenName(this.json.current.profiles, name, exceptId);
  }

  find(id: string): Profile | undefined {
    const found = this.json.current.profiles.find((p) => p.id === id);
    return found ? { ...found } : undefined;
  }

  add(profile: Profile): Promise<void> {
    return this.json.change((data) => {
      refuseTakenName(data.profiles, profile);
      data.profiles.push(profile);
    });
  }

  /** Applies `edit` to the latest saved version of the profile; answers the before and after. */
  update(id: string, edit: (current: Profile) => Profile): Promise<{ before: Profile; after: Profile }> {
    return this.json.change((data) => {
      const index = data.profiles.findIndex((p) => p.id === id);
      const before = data.profiles[index];
      if (!before) throw gone();
      const after = edit({ ...before });
      refuseTakenName(data.profiles, after);
      data.profiles[index] = after;
      return { before, after };
    });
  }

  /** Whether this app saved credentials of the profile in the keychain (and has not removed them). */
  hasKeychainEntry(id: string): boolean {
    return this.json.current.keychainEntries.includes(id);
  }

  /** Records that the profile's keychain entry was written (true) or deleted (false); no write when unchanged. */
  async markKeychainEntry(id: string, present: boolean): Promise<void> {
    if (this.hasKeychainEntry(id) === present) return;
    await this.json.change((data) => {
      const others = data.keychainEntries.filter((entry) => entry !== id);
      data.keychainEntries = present ? [...others, id] : others;
    });
  }

  remove(id: string): Promise<boolean> {
    return this.json.change((data) => {
      data.keychainEntries = data.keychainEntries.filter((entry) => entry !== id);
      const before = data.profiles.length;
      data.profiles = data.profiles.filter((p) => p.id !== id);
      if (data.activeProfileId === id) data.activeProfileId = SANDBOX_PROFILE_ID;
      return data.profiles.length !== before;
    });
  }

  select(id: string): Promise<void> {
    return this.json.change((data) => {
      if (id !== SANDBOX_PROFILE_ID && !data.profiles.some((p) => p.id === id)) throw gone();
      data.activeProfileId = id;
    });
  }
}
