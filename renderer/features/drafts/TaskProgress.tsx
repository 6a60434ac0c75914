import type { LongTask } from './drafts-store';

/** "Pulling… 3 of 8 (reading source templates)" with a Cancel button, while a long task runs. */
export function TaskProgress<T>({ task, label, onCancel }: { task: LongTask<T>; label: string; onCancel: () => void }) {
  if (!task.running) return null;
  const p = task.progress;
  return (
    <div className="toolbar drafts-progress">
      <span role="status" aria-label={`${label} progress`} className="progress">
        <span className="spinner" aria-hidden="true" /> {label}…{p ? ` ${p.done} of ${p.total}${p.phase ? ` (${p.phase})` : ''}` : ''}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
