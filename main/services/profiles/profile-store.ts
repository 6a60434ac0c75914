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
});
type ProfilesFile = z.infer<typeof fileSchema>;

/** The built-in profile; its base URL is the in-process sandbox's, filled in at run time. */
/**
 * Profile names are how people tell profiles apart (the switcher, the status bar): no two alike,
 * ignoring case and surrounding spaces, the built-in "Sandbox" included. Checked inside the file's
 * queue, so two creates at once cannot both take a name.
 */
function refuseTakenName(profiles: readonly Profile[], candidate: Profile): void {
  const key = (name: string) => name.trim().toLocaleLowerCase();
  const taken = [{ id: SANDBOX_PROFILE_ID, name: 'Sandbox' }, ...profiles].find((p) => p.id !== candidate.id && key(p.name) === key(candidate.name));
  if (taken) throw new AppError('conflict', `A profile named “${taken.name}” already exists. Choose another name.`);
}

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
      empty: () => ({ version: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [] }),
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

  remove(id: string): Promise<boolean> {
    return this.json.change((data) => {
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
