import path from 'node:path';
import { z } from 'zod';
import { profileSchema, type Profile } from '../../../preload/contract';
import { readJsonFile, writeJsonAtomically } from '../storage/atomic-json';

export const SANDBOX_PROFILE_ID = 'sandbox';

const fileSchema = z.object({
  version: z.literal(1),
  activeProfileId: z.string(),
  profiles: z.array(profileSchema),
});
type ProfilesFile = z.infer<typeof fileSchema>;

/** The built-in profile; its base URL is the in-process sandbox's, filled in at run time. */
export function sandboxProfile(baseUrl: string): Profile {
  return { id: SANDBOX_PROFILE_ID, name: 'Sandbox', baseUrl, defaultRegion: 'US', builtIn: true };
}

/**
 * User profiles in `profiles.json` in the user-data folder: versioned, written atomically, moved
 * aside with a notice when unusable. The Sandbox profile is never stored; it always exists.
 */
export class ProfileStore {
  private data: ProfilesFile = { version: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [] };
  /** Why the file could not be used at start, for the UI to say once. */
  notice: string | null = null;

  constructor(private readonly file: string) {}

  static inFolder(userDataDir: string): ProfileStore {
    return new ProfileStore(path.join(userDataDir, 'profiles.json'));
  }

  async load(): Promise<void> {
    const read = await readJsonFile(this.file, (raw) => fileSchema.parse(raw));
    if (read.status === 'ok') this.data = read.value;
    if (read.status === 'corrupt') {
      this.notice = `Your profiles file could not be read (${read.reason}). It was kept as ${read.movedTo}; the app started with the Sandbox profile.`;
    }
  }

  userProfiles(): Profile[] {
    return this.data.profiles.map((p) => ({ ...p }));
  }

  get activeProfileId(): string {
    return this.data.activeProfileId;
  }

  find(id: string): Profile | undefined {
    return this.data.profiles.find((p) => p.id === id);
  }

  async put(profile: Profile): Promise<void> {
    const index = this.data.profiles.findIndex((p) => p.id === profile.id);
    const profiles = [...this.data.profiles];
    if (index >= 0) profiles[index] = profile;
    else profiles.push(profile);
    await this.save({ ...this.data, profiles });
  }

  async remove(id: string): Promise<boolean> {
    if (!this.find(id)) return false;
    await this.save({
      ...this.data,
      profiles: this.data.profiles.filter((p) => p.id !== id),
      activeProfileId: this.data.activeProfileId === id ? SANDBOX_PROFILE_ID : this.data.activeProfileId,
    });
    return true;
  }

  async select(id: string): Promise<void> {
    await this.save({ ...this.data, activeProfileId: id });
  }

  private async save(next: ProfilesFile): Promise<void> {
    await writeJsonAtomically(this.file, next);
    this.data = next;
  }
}
