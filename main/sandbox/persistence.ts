import { mkdir, open, readFile, rename, copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxState } from './state';

const FILE = 'sandbox-state.json';

/** Loads saved state; a corrupt file is moved aside (never silently dropped) and the seed is used. */
export async function loadState(dir: string, seed: SandboxState['seed']): Promise<SandboxState | null> {
  const file = path.join(dir, FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const state = JSON.parse(text) as SandboxState;
    if (state.version !== 1 || state.seed !== seed) throw new Error(`saved state is version ${state.version}, seed ${state.seed}`);
    return state;
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    await copyFile(file, aside);
    console.error(`[sandbox] ${file} could not be used (${(error as Error).message}); it was kept as ${aside} and the seed was loaded.`);
    return null;
  }
}

/** Writes atomically: temp file, fsync, rename. */
export async function writeStateAtomically(dir: string, state: SandboxState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

export interface PersistenceHandle {
  changed(state: SandboxState): void;
  flush(): Promise<void>;
}

/** Coalesces bursts of changes into one write 100 ms later; `flush` writes what is pending now. */
export function saveStateSoon(dir: string): PersistenceHandle {
  let pending: SandboxState | null = null;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = null;
    const state = pending;
    pending = null;
    if (state) writing = writing.then(() => writeStateAtomically(dir, state)).catch((e: unknown) => console.error('[sandbox] could not save state', e));
    return writing;
  };
  return {
    changed(state) {
      pending = state;
      timer ??= setTimeout(write, 100);
    },
    flush() {
      if (timer) clearTimeout(timer);
      return write();
    },
  };
}
