import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DraftFolder } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { JsonFile } from '../storage/json-file';

const settingsSchema = z.object({ folder: z.string().nullable().default(null) });
type Settings = z.infer<typeof settingsSchema>;

/** Draft files the app writes: `<slug>.source.json`, `<slug>.connection.json`. */
const DRAFT_FILE = /\.(source|connection)\.json$/;

/**
 * The renderer is untrusted and a chosen folder receives files: only a new folder, an empty one, or
 * one that already holds drafts (or the app's state folder) is accepted, never an arbitrary folder
 * full of someone else's files (a home folder, ~/.ssh).
 */
async function refuseForeignFolder(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    return; // Not readable or not a folder: the mkdir/stat below says why in plain words.
  }
  if (names.length === 0 || names.includes('.embedded-console') || names.some((name) => DRAFT_FILE.test(name))) return;
  throw new AppError('validation', `${folder} already holds other files. Choose a new or empty folder, or one that already holds template drafts (for example a “templates” folder inside your repository).`);
}

/**
 * Where drafts live: EMBEDDED_CONSOLE_DRAFTS_DIR wins (tests, scripts), else the folder chosen in
 * the app (remembered in `drafts-settings.json`), else `template-drafts` in the user-data folder.
 */
export class DraftsFolderChoice {
  private readonly settings: JsonFile<Settings>;

  constructor(
    private readonly userDataDir: string,
    private readonly envFolder: string | undefined,
  ) {
    this.settings = new JsonFile<Settings>({
      file: path.join(userDataDir, 'drafts-settings.json'),
      label: 'The drafts settings file',
      parse: (raw) => settingsSchema.parse(raw),
      empty: () => ({ folder: null }),
      fallback: 'drafts are kept in the default folder until one is chosen again',
    });
  }

  load(): Promise<void> {
    return this.settings.load();
  }

  get notice(): string | null {
    return this.settings.notice;
  }

  current(): DraftFolder {
    if (this.envFolder && this.envFolder.trim() !== '') return { path: path.resolve(this.envFolder), source: 'env' };
    const chosen = this.settings.current.folder;
    if (chosen && path.isAbsolute(chosen)) return { path: chosen, source: 'chosen' };
    return { path: path.join(this.userDataDir, 'template-drafts'), source: 'default' };
  }

  async choose(folder: string): Promise<DraftFolder> {
    if (this.current().source === 'env') {
      throw new AppError('conflict', 'The drafts folder is set by the EMBEDDED_CONSOLE_DRAFTS_DIR environment variable, so it cannot be changed in the app. Unset it and restart to choose a folder here.');
    }
    if (!path.isAbsolute(folder) || folder.includes('\u0000')) throw new AppError('validation', 'The drafts folder must be a full path (for example /home/me/drafts).');
    const resolved = path.resolve(folder);
    await refuseForeignFolder(resolved);
    try {
      await mkdir(resolved, { recursive: true });
      if (!(await stat(resolved)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'something that is not a folder is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : (code ?? 'unknown error');
      throw new AppError('storage', `The folder ${resolved} cannot be used for drafts (${why}).`, { cause: error });
    }
    await this.settings.change((s) => {
      s.folder = resolved;
    });
    return this.current();
  }

  flush(): Promise<void> {
    return this.settings.flush();
  }
}
