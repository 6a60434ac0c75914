import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../ipc/app-error';
import { readBoundedText } from '../storage/bounded-read';

/** A CA bundle bigger than this is not a CA bundle. */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function refuse(file: string, why: string): AppError {
  return new AppError('validation', `The extra CA file ${why}.`, { issues: [{ path: 'caFile', message: why }] });
}

/**
 * Reads a profile's extra CA file: the path comes from the (untrusted) renderer, so it is read
 * without blocking (a FIFO or a device cannot freeze main), only if it is a regular file of at most
 * 1 MB, and only if every block in it is a PEM certificate that parses. Answers the PEM text.
 */
export async function loadCaFile(file: string): Promise<string> {
  if (!path.isAbsolute(file)) throw refuse(file, 'must be an absolute path');
  const read = await readBoundedText(file, CA_FILE_MAX_BYTES);
  if (read.status === 'missing') throw refuse(file, `does not exist (no such file: ${file})`);
  if (read.status === 'unusable') throw refuse(file, read.reason);
  const blocks = read.text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw refuse(file, 'is not a PEM certificate (no “-----BEGIN CERTIFICATE-----” block)');
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      throw refuse(file, `is not a PEM certificate (block ${index + 1} does not parse)`);
    }
  }
  return blocks.join('\n');
}
