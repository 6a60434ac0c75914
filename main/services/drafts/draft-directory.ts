import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { draftFileNameSchema } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { createKeyedQueue } from '../keyed-queue';
import { removeStaleTempFiles, writeFileAtomically } from '../storage/atomic-write';
import { readBoundedText } from '../storage/bounded-read';
import { parseDraftText, type ParsedDraft } from './draft-parse';

/** A draft file is small; anything this big is not one (and reading it would hold main). */
export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;

/** Temp files of `writeFileAtomically` (`<file>.<pid>.<uuid>.tmp`), to find the files they belong to. */
const TEMP_FILE = /^(.+)\.\d+\.[0-9a-f-]{36}\.tmp$/;

export interface DraftFileStat {
  name: string;
  mtimeMs: number;
  size: number;
}

export interface DraftFileRead {
  name: string;
  mtimeMs: number;
  size: number;
  text: string | null;
  parsed: ParsedDraft;
}

/** Every draft-file write in this process goes through one queue per path (as JsonFile's writes do). */
const perPath = createKeyedQueue();

const isDraftFileName = (name: string) => draftFileNameSchema.safeParse(name).success;

function storageError(error: unknown, what: string): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : code;
  return new AppError('storage', `${what} (${why}).`, { cause: error });
}

/**
 * One drafts folder on disk: lists `*.json` files directly in it (no subfolders, no hidden names),
 * reads them through a cache keyed by (mtime, size) so a list of 500 files re-reads only what
 * changed, and notices outside edits both by `fs.watch` and by re-stating on every scan (fs.watch
 * misses events on some file systems). Writes go through the shared atomic writer.
 */
export class DraftDirectory {
  private watcher: FSWatcher | null = null;
  private signature = '';
  private readonly cache = new Map<string, DraftFileRead>();
  private closed = false;

  constructor(
    readonly folder: string,
    /** Called whenever something in the folder may have changed: the revision goes up. */
    private readonly bump: () => void,
    private readonly onError?: (message: string, error: unknown) => void,
  ) {}

  file(name: string): string {
    return path.join(this.folder, name);
  }

  /** Removes temp files that dead processes left mid-write, and starts watching. */
  async start(): Promise<void> {
    let names: string[] = [];
    try {
      names = await readdir(this.folder);
    } catch {
      return;
    }
    const owners = new Set(names.map((n) => TEMP_FILE.exec(n)?.[1]).filter((n): n is string => n !== undefined));
    for (const owner of owners) await removeStaleTempFiles(this.file(owner));
    this.ensureWatching();
  }

  private ensureWatching(): void {
    if (this.watcher || this.closed) return;
    try {
      this.watcher = watch(this.folder, { persistent: false }, (_event, filename) => {
        if (typeof filename === 'string') this.cache.delete(filename);
        this.bump();
      });
      this.watcher.on('error', (error) => {
        // A deleted or unmounted folder: rely on re-stating until it is back.
        this.onError?.('watching the drafts folder stopped:', error);
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // The folder does not exist yet (created on the first save) or cannot be watched: scans still see changes.
      this.watcher = null;
    }
  }

  /** The draft files now, with their mtime and size; bumps the revision when that set changed since the last scan. */
  async scan(): Promise<DraftFileStat[]> {
    let entries: string[];
    try {
      entries = (await readdir(this.folder)).filter(isDraftFileName);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw storageError(error, `The drafts folder ${this.folder} cannot be read`);
      entries = [];
    }
    const stats = await Promise.all(
      entries.map(async (name): Promise<DraftFileStat | null> => {
        try {
          const s = await stat(this.file(name));
          return s.isFile() ? { name, mtimeMs: s.mtimeMs, size: s.size } : null;
        } catch {
          return null; // Gone between readdir and stat.
        }
      }),
    );
    const files = stats.filter((s): s is DraftFileStat => s !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const signature = files.map((f) => `${f.name}\u0000${f.mtimeMs}\u0000${f.size}`).join('\u0001');
    if (signature !== this.signature) {
      this.signature = signature;
      this.bump();
    }
    for (const name of this.cache.keys()) if (!files.some((f) => f.name === name)) this.cache.delete(name);
    this.ensureWatching();
    return files;
  }

  /** A file's text and draft (or problem), from the cache when its mtime and size are unchanged; null when it is gone. */
  async read(name: string, known?: DraftFileStat): Promise<DraftFileRead | null> {
    const cached = this.cache.get(name);
    if (cached && known && cached.mtimeMs === known.mtimeMs && cached.size === known.size) return cached;
    let before: DraftFileStat;
    if (known) before = known;
    else {
      try {
        const s = await stat(this.file(name));
        before = { name, mtimeMs: s.mtimeMs, size: s.size };
      } catch {
        return null;
      }
      if (cached && cached.mtimeMs === before.mtimeMs && cached.size === before.size) return cached;
    }
    const read = await readBoundedText(this.file(name), MAX_DRAFT_BYTES);
    if (read.status === 'missing') return null;
    const entry: DraftFileRead =
      read.status === 'unusable'
        ? { ...before, name, text: null, parsed: { draft: null, problem: { message: `The file ${read.reason}.`, line: null, column: null, field: null } } }
        : { ...before, name, text: read.text, parsed: parseDraftText(read.text) };
    this.cache.set(name, entry);
    return entry;
  }

  /** Runs `work` in the file's write queue (so a check-then-write is not raced by another write of it). */
  exclusive<R>(name: string, work: () => Promise<R>): Promise<R> {
    return perPath(path.resolve(this.file(name)), work);
  }

  /** Writes the text atomically; call inside `exclusive`. */
  async writeNow(name: string, text: string): Promise<void> {
    try {
      await writeFileAtomically(this.file(name), text);
    } catch (error) {
      throw storageError(error, `The draft ${name} could not be saved; the file on disk was not changed`);
    } finally {
      this.cache.delete(name);
      this.bump();
    }
  }

  async remove(name: string): Promise<boolean> {
    return this.exclusive(name, async () => {
      try {
        await unlink(this.file(name));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw storageError(error, `The draft ${name} could not be deleted`);
      } finally {
        this.cache.delete(name);
        this.bump();
      }
    });
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
  }
}
