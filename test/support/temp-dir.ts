import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh empty folder for one test's user data. */
export function tempDir(prefix = 'ec-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
