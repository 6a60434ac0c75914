import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temp files are named `<file>.<pid>.<uuid>.tmp`: unique within a millisecond and across processes
 * (a timestamp alone collided under concurrent writes), and the pid tells start-up cleaning which
 * ones belong to a process that is gone.
 */
const TEMP_PATTERN = /^(.+)\.(\d+)\.[0-9a-f-]{36}\.tmp$/;

function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomUUID()}.tmp`;
}

/** fsync of the folder makes the rename itself durable; some platforms cannot open a folder, which is fine. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows refuses to open or fsync a directory; NTFS journals the rename itself.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replaces `file` so that a crash at any point leaves either the old content or the new one: a
 * unique temp file in the same folder, fsync, rename over the target, fsync of the folder. A failed
 * write removes its temp file.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files of `file` left by processes that died mid-write (`kill -9`, power loss).
 * A live process's temp file is left alone: it may be about to rename it. Returns what was removed.
 */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const folder = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || match[1] !== base || processIsAlive(Number(match[2]))) continue;
    const stale = path.join(folder, name);
    try {
      await unlink(stale);
      removed.push(stale);
    } catch {
      // Already gone, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}
