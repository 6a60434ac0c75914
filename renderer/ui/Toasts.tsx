import { useToastStore } from './toast-store';
import './toasts.css';
import { CloseIcon } from './icons';

/**
 * Where success messages appear. The live region is always in the page (a region added together
 * with its first message is not announced by every screen reader).
 */
export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          {toast.tone === 'warning' && <span className="visually-hidden">Warning: </span>}
          <span>{toast.message}</span>
          <button type="button" className="toast-close" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
