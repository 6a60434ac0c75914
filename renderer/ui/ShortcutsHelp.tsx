import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcuts, opened with `?` or from the status bar. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="facts" aria-label="Keyboard shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.id} style={{ display: 'contents' }}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
        <dt>
          <kbd>Escape</kbd>
        </dt>
        <dd>Close a dialog</dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
