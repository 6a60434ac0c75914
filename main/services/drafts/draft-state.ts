import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../storage/atomic-write';
import { JsonFile, type JsonFileSpec } from '../storage/json-file';

/**
 * Per profile, in the drafts folder: which server template each draft file is linked to, and the
 * server version it was based on (`base`, comparable form: the plan shows it beside draft and
 * server in a conflict). Hashes are sha256 of the canonical comparable form. Kept in a hidden folder
 * so it is never listed as a draft.
 */
export const draftStateEntrySchema = z.object({
  remoteId: z.string().min(1),
  kind: z.enum(['source_template', 'connection_template']),
  baseHash: z.string(),
  publishedHash: z.string().nullable(),
  base: z.record(z.string(), z.unknown()),
  /**
   * Which `$secret` names were sent at which config pointer by the last publish (names only, never
   * values): a reference added or renamed is a change even though secret values are never compared.
   */
  sentSecrets: z.record(z.string(), z.string()).default({}),
});
export type DraftStateEntry = z.infer<typeof draftStateEntrySchema>;

const stateSchema = z.object({ version: z.literal(1), drafts: z.record(z.string(), draftStateEntrySchema) });
export type DraftState = z.infer<typeof stateSchema>;

export const STATE_FOLDER = '.embedded-console';

/**
 * Written into the state folder with its first state file: a drafts folder is meant for git, and
 * `git add .` must not pick up links and hashes that belong to one machine and one profile.
 */
export const STATE_GITIGNORE = '# Drafts state of the Embedded Console: per machine and per profile, never shared.\n*\n';

/**
 * A state file that makes sure its folder's `.gitignore` exists before it writes (once per process;
 * a `.gitignore` already there, edited or not, is left alone).
 */
class StateFile extends JsonFile<DraftState> {
  private ignored: Promise<void> | null = null;

  constructor(spec: JsonFileSpec<DraftState>) {
    super(spec);
  }

  private ensureIgnored(): Promise<void> {
    this.ignored ??= (async () => {
      const ignore = path.join(path.dirname(this.file), '.gitignore');
      const present = await access(ignore).then(
        () => true,
        () => false,
      );
      if (!present) await writeFileAtomically(ignore, STATE_GITIGNORE);
    })().catch((error: unknown) => {
      // Tried again with the next write; the state itself is still written.
      this.ignored = null;
      throw error;
    });
    return this.ignored;
  }

  override change<R>(edit: (draft: DraftState) => R): Promise<R> {
    return this.ensureIgnored()
      .catch(() => undefined)
      .then(() => super.change(edit));
  }

  override replace(next: DraftState): Promise<void> {
    return this.ensureIgnored()
      .catch(() => undefined)
      .then(() => super.replace(next));
  }
}

/** A profile id as a file-name part (ids are ours, but a hand-edited profiles file could hold anything). */
const fileSafe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);

export class DraftStates {
  private readonly files = new Map<string, JsonFile<DraftState>>();

  /** The loaded state file of a profile in a drafts folder. */
  async of(folder: string, profileId: string): Promise<JsonFile<DraftState>> {
    const file = path.join(folder, STATE_FOLDER, `state-${fileSafe(profileId)}.json`);
    let json = this.files.get(file);
    if (!json) {
      json = new StateFile({
        file,
        label: 'The drafts state file',
        parse: (raw) => stateSchema.parse(raw),
        empty: () => ({ version: 1, drafts: {} }),
        fallback: 'drafts are shown as not yet published for this profile until the next pull',
      });
      this.files.set(file, json);
    }
    await json.load();
    return json;
  }

  /** Notices of state files that had to be moved aside. */
  get notices(): string[] {
    return [...this.files.values()].map((f) => f.notice).filter((n): n is string => n !== null);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => f.flush()));
  }
}
