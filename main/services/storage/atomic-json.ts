import { copyFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/** Writes JSON so that a crash leaves either the old file or the new one: temp file, fsync, rename. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(value, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

export type JsonRead<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  /** The file was unusable; it was copied to `movedTo` and nothing was lost. */
  | { status: 'corrupt'; movedTo: string; reason: string };

/**
 * Reads and validates a JSON file. A corrupt or invalid file is copied aside (never silently
 * dropped) and reported, so the caller can say so and start from defaults.
 */
export async function readJsonFile<T>(file: string, parse: (raw: unknown) => T): Promise<JsonRead<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    return { status: 'ok', value: parse(JSON.parse(text)) };
  } catch (error) {
    const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(file, movedTo);
    return { status: 'corrupt', movedTo, reason: (error as Error).message.split('\n')[0] ?? 'unreadable' };
  }
}
