import path from 'node:path';
import { JsonFile } from '../services/storage/json-file';
import type { SandboxState } from './state';

const FILE = 'sandbox-state.json';

function stateFile(dir: string, seed: SandboxState['seed']): JsonFile<SandboxState | null> {
  return new JsonFile<SandboxState | null>({
    file: path.join(dir, FILE),
    label: `[sandbox] ${FILE}`,
    parse: (raw) => {
      const state = raw as SandboxState;
      if (state?.version !== 1 || state.seed !== seed) throw new Error(`saved state is version ${state?.version}, seed ${state?.seed}`);
      return state;
    },
    empty: () => null,
    fallback: 'the seed was loaded',
    maxBytes: 256 * 1024 * 1024,
    // Machine-written and possibly large: no indentation.
    indent: 0,
  });
}

/** Loads saved state; an unusable file is moved aside (never silently dropped) and the seed is used. */
export async function loadState(dir: string, seed: SandboxState['seed']): Promise<SandboxState | null> {
  const file = stateFile(dir, seed);
  await file.load();
  if (file.notice) console.error(file.notice);
  return file.current;
}

export interface PersistenceHandle {
  changed(state: SandboxState): void;
  flush(): Promise<void>;
}

/** Coalesces bursts of changes into one write 100 ms later; `flush` writes what is pending now. */
export function saveStateSoon(dir: string, seed: SandboxState['seed']): PersistenceHandle {
  const file = stateFile(dir, seed);
  let pending: SandboxState | null = null;
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    timer = null;
    const state = pending;
    pending = null;
    if (state) file.replace(state).catch((e: unknown) => console.error('[sandbox] could not save state', e));
    return file.flush();
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
