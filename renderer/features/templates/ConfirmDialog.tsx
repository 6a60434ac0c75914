import type { ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog';

/** A yes/no question about one change, with what it reaches; the confirming button names the action. */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, busy = false, onConfirm, onClose }: { title: string; children: ReactNode; confirmLabel: string; danger?: boolean; busy?: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="confirm-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
