import type { JsonFile } from '../storage/json-file';
import type { DraftState, DraftStateEntry } from './draft-state';

/**
 * Coalesces state-file updates: entries added while a write is queued ride along with it, so a pull
 * of 500 templates writes the state file a handful of times instead of 500 (each write is the whole
 * file). Each `set` resolves once its entry is on disk.
 */
export function stateBatcher(state: JsonFile<DraftState>) {
  const pending = new Map<string, DraftStateEntry>();
  let queued: Promise<void> | null = null;
  return function set(file: string, entry: DraftStateEntry): Promise<void> {
    pending.set(file, entry);
    if (!queued) {
      queued = state.change((draft) => {
        // From here on, new entries need the next write.
        queued = null;
        for (const [name, value] of pending) draft.drafts[name] = value;
        pending.clear();
      });
    }
    return queued;
  };
}
