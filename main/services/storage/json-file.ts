import { rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../ipc/app-error';
import { createKeyedQueue } from '../keyed-queue';
import { removeStaleTempFiles, writeFileAtomically } from './atomic-write';
import { readBoundedText } from './bounded-read';

export interface JsonFileSpec<T> {
  file: string;
  /** How a notice names the file: "Your profiles file". */
  label: string;
  /** Validates what was read; throws (a ZodError or any Error) when the shape is wrong. */
  parse: (raw: unknown) => T;
  /** The value to start from when the file is missing or unusable. */
  empty: () => T;
  /** What starting from `empty` means to the user: "the app started with the Sandbox profile only". */
  fallback: string;
  /** Reads are capped: a user-data file that big is not ours. Default 8 MB. */
  maxBytes?: number;
  /** Pretty-printed by default (files a user may read); off for big machine-only files. */
  indent?: number;
}

/**
 * Every read and write of one path in this process goes through one queue. Each file has one
 * JsonFile (its store's), whose in-memory value is the latest saved one; the data-folder lock
 * (`data-folder-lock.ts`) keeps a second process from writing the same folder.
 */
const perPath = createKeyedQueue();
const enqueue = <R>(file: string, work: () => Promise<R>): Promise<R> => perPath(path.resolve(file), work);

/** Plain words for why parsing failed: the first schema issue with its path, never a raw dump. */
function describeParseFailure(error: unknown): string {
  const issues = (error as { issues?: Array<{ path?: PropertyKey[]; message?: string }> }).issues;
  const first = Array.isArray(issues) ? issues[0] : undefined;
  if (first) {
    const where = first.path && first.path.length > 0 ? ` at “${first.path.map(String).join('.')}”` : '';
    return `does not have the expected content (${first.message ?? 'unexpected value'}${where})`;
  }
  return 'does not have the expected content';
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * One user-data JSON file (profiles, region records, saved queries, catalog cache index, lock files):
 * loaded once, size-capped, an unusable file moved aside once (renamed, never copied) with a notice
 * in plain words; every change read-modify-written through the file's queue and written atomically.
 */
export class JsonFile<T> {
  private value: T;
  private loading: Promise<void> | null = null;
  /** False when an unusable file could not be moved aside: writing would destroy it. */
  private writable = true;
  /** Why the file could not be used at start, for the UI to say once; null when it was fine. */
  notice: string | null = null;

  constructor(private readonly spec: JsonFileSpec<T>) {
    this.value = spec.empty();
  }

  get file(): string {
    return this.spec.file;
  }

  /** Reads the file once (later calls share the first read). Never rejects for bad content. */
  load(): Promise<void> {
    this.loading ??= enqueue(this.spec.file, () => this.read());
    return this.loading;
  }

  /** The current value; callers must not mutate it (use `change`). */
  get current(): T {
    return this.value;
  }

  /**
   * Applies `edit` to a copy of the current value, writes it, and only then makes it current.
   * Runs after every earlier change of this file has been written; if `edit` throws, nothing is
   * written and the error reaches the caller.
   */
  change<R>(edit: (draft: T) => R): Promise<R> {
    // Loaded first (outside the queue, which the load itself uses): never write over an unread file.
    return this.load().then(() => enqueue(this.spec.file, async () => {
      const draft = structuredClone(this.value);
      const result = edit(draft);
      await this.write(draft);
      this.value = draft;
      return result;
    }));
  }

  /** Replaces the whole value (big machine-written state); queued like `change`. */
  replace(next: T): Promise<void> {
    return this.load().then(() => enqueue(this.spec.file, async () => {
      await this.write(next);
      this.value = next;
    }));
  }

  /** Resolves when every change queued so far has been written. */
  flush(): Promise<void> {
    return enqueue(this.spec.file, async () => undefined);
  }

  private async write(next: T): Promise<void> {
    if (!this.writable) {
      throw new AppError('storage', `${this.spec.label} cannot be saved: ${this.notice ?? 'it could not be moved aside.'}`);
    }
    try {
      await writeFileAtomically(this.spec.file, JSON.stringify(next, null, this.spec.indent ?? 2));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : code;
      throw new AppError('storage', `${this.spec.label} could not be saved (${why}); nothing was changed.`, { cause: error });
    }
  }

  private async read(): Promise<void> {
    await removeStaleTempFiles(this.spec.file);
    let problem: string | null;
    try {
      problem = await this.readValue();
    } catch (error) {
      // A passing failure (too many open files, a busy disk) says nothing about the content: keep
      // the file where it is, start without it, and do not save over it this session.
      this.writable = false;
      this.notice = `${this.spec.label} could not be read just now (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); ${this.spec.fallback}, and nothing will be saved over it until the app restarts.`;
      return;
    }
    if (problem !== null) await this.moveAside(problem);
  }

  /** Loads the file into `value`; answers null when that worked (or there is no file), else why not. */
  private async readValue(): Promise<string | null> {
    const read = await readBoundedText(this.spec.file, this.spec.maxBytes ?? 8 * 1024 * 1024);
    if (read.status === 'missing') return null;
    if (read.status === 'unusable') return read.reason;
    let raw: unknown;
    try {
      raw = JSON.parse(read.text);
    } catch {
      return read.text.trim() === '' ? 'is empty' : 'is not valid JSON';
    }
    try {
      this.value = this.spec.parse(raw);
      return null;
    } catch (error) {
      return describeParseFailure(error);
    }
  }

  /** Renames the unusable file out of the way, so the next start does not meet it again. */
  private async moveAside(reason: string): Promise<void> {
    const aside = `${this.spec.file}.unreadable-${stamp()}`;
    try {
      await rename(this.spec.file, aside);
      this.notice = `${this.spec.label} ${reason}. It was moved to ${aside}; ${this.spec.fallback}.`;
    } catch {
      this.writable = false;
      this.notice = `${this.spec.label} ${reason}, and it could not be moved aside, so the app will not save over it. Move or delete ${this.spec.file}, then restart.`;
    }
  }
}
