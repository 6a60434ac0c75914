import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { readBoundedText } from './bounded-read';

const LOCK_NAME = '.embedded-console.lock';

export class DataFolderBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per user-data folder: each file in it has one writer inside a process (its JsonFile
 * queue), and this lock keeps a second process (a second browser shell, or the desktop shell and a
 * browser shell sharing ~/.config/embedded-console) from writing the same files from a stale copy.
 * A lock whose process is gone (a crash, `kill -9`) is taken over.
 */
export async function lockDataFolder(folder: string): Promise<{ release(): Promise<void> }> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {
        release: async () => {
          const read = await readBoundedText(file, 64).catch(() => null);
          if (read?.status === 'ok' && read.text === String(process.pid)) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const read = await readBoundedText(file, 64);
    const pid = read.status === 'ok' ? Number(read.text.trim()) : NaN;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new DataFolderBusyError(`Another Embedded Console (process ${pid}) is using the data folder ${folder}. Close it first, or start this one with EMBEDDED_CONSOLE_DATA_DIR set to another folder.`);
    }
    // Left by a process that is gone (or by this one): take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new DataFolderBusyError(`The data folder ${folder} could not be locked; another Embedded Console may be starting.`);
}
