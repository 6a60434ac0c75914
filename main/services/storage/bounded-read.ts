import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

type Unreadable =
  | { status: 'missing' }
  /** `reason` is plain words that finish "the file …": "is a folder, not a file". */
  | { status: 'unusable'; reason: string };
export type BoundedRead = { status: 'ok'; text: string } | Unreadable;
export type BoundedBytes = { status: 'ok'; bytes: Buffer } | Unreadable;

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever and hold one of
// libuv's four pool threads; with it the open returns at once and fstat tells it is no regular file.
// Windows has no such flag (and no FIFOs at a path).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a small text file a user or another program may have replaced with anything: a folder, a
 * FIFO, a device, a huge file. Never blocks the event loop, never reads more than `maxBytes`, and
 * says in words what is wrong instead of throwing (except for the unexpected, which it rethrows).
 */
export async function readBoundedText(file: string, maxBytes: number): Promise<BoundedRead> {
  const read = await readBoundedBytes(file, maxBytes);
  return read.status === 'ok' ? { status: 'ok', text: read.bytes.toString('utf8') } : read;
}

/** As `readBoundedText`, but the bytes as they are on disk (a cached catalog is sent on undecoded). */
export async function readBoundedBytes(file: string, maxBytes: number): Promise<BoundedBytes> {
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    if (code === 'EISDIR') return { status: 'unusable', reason: 'is a folder, not a file' };
    if (code === 'EACCES' || code === 'EPERM') return { status: 'unusable', reason: 'cannot be opened (permission denied)' };
    if (code === 'ENOTDIR') return { status: 'unusable', reason: 'is inside something that is not a folder' };
    if (code === 'ELOOP') return { status: 'unusable', reason: 'is a loop of symbolic links' };
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { status: 'unusable', reason: 'is a folder, not a file' };
    if (!stat.isFile()) return { status: 'unusable', reason: 'is not a regular file (a pipe, socket or device)' };
    if (stat.size > maxBytes) return { status: 'unusable', reason: `is ${formatBytes(stat.size)}, more than the ${formatBytes(maxBytes)} it may be` };
    // Read at most maxBytes + 1 even if the file grew since fstat.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { status: 'unusable', reason: `is more than the ${formatBytes(maxBytes)} it may be` };
    return { status: 'ok', bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { status: 'unusable', reason: 'is a folder, not a file' };
    if (code === 'EIO') return { status: 'unusable', reason: 'could not be read from the disk (I/O error)' };
    throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
