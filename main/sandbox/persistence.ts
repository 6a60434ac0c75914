import path from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../services/storage/atomic-json';
import type { SandboxState } from './state';

const FILE = 'sandbox-state.json';

/** Loads saved state; a corrupt file is kept aside (never silently dropped) and the seed is used. */
export async function loadState(dir: string, seed: SandboxState['seed']): Promise<SandboxState | null> {
  const file = path.join(dir, FILE);
  const read = await readJsonFile(file, (raw) => {
    const state = raw as SandboxState;
    if (state.version !== 1 || state.seed !== seed) throw new Error(`saved state is version ${state.version}, seed ${state.seed}`);
    return state;
  });
  if (read.status === 'corrupt') console.error(`[sandbox] ${file} could not be used (${read.reason}); it was kept as ${read.movedTo} and the seed was loaded.`);
  return read.status === 'ok' ? read.value : null;
}

export interface PersistenceHandle {
  changed(state: SandboxState): void;
  flush(): Promise<void>;
}

/** Coalesces bursts of changes into one write 100 ms later; `flush` writes what is pending now. */
export function saveStateSoon(dir: string): PersistenceHandle {
  const file = path.join(dir, FILE);
  let pending: SandboxState | null = null;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = null;
    const state = pending;
    pending = null;
    if (state) writing = writing.then(() => writeJsonAtomically(file, state)).catch((e: unknown) => console.error('[sandbox] could not save state', e));
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
