import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Where focus goes when the dialog closes if the control that opened it is gone (deleted, hidden). */
  fallbackFocus?: () => HTMLElement | null;
}

function focusable(element: Element | null | undefined): element is HTMLElement {
  return element instanceof HTMLElement && element !== document.body && element.isConnected;
}

/** What each open dialog will give focus back to, so a dialog opened from one can inherit it. */
const openers = new WeakMap<Element, Element[]>();

/**
 * The controls focus may return to, best first: what had focus when the dialog was asked for, then
 * (when that was inside another dialog, which may be closing in the same moment: "Create" opening
 * "Credentials") what that dialog would have returned to.
 */
function captureOpeners(): Element[] {
  const active = document.activeElement;
  if (!active || active === document.body) return [];
  const host = active.closest('dialog');
  return [active, ...((host && openers.get(host)) ?? [])];
}

/**
 * A modal on the native <dialog>: focus is trapped by the browser, Escape closes it (the `cancel`
 * event), it is labelled by its title, and focus goes back to the control that opened it. React
 * removes the element before a passive cleanup could close it, which leaves focus on the page
 * body, so the opener is remembered and refocused here, in layout effects.
 */
export function Dialog({ title, onClose, children, fallbackFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  const fallbackRef = useRef(fallbackFocus);
  closeRef.current = onClose;
  fallbackRef.current = fallbackFocus;
  // Read while rendering: by the time effects run, an autoFocus field inside has taken focus.
  const [returnTo] = useState(captureOpeners);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog) openers.set(dialog, returnTo);
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      const target = returnTo.find(focusable) ?? fallbackRef.current?.() ?? null;
      target?.focus();
    };
  }, [returnTo]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        closeRef.current();
      }}
      onClose={() => {
        // The browser may close a modal itself (a second Escape without a click in between skips
        // `cancel`): the owner must still learn that it is closed.
        if (ref.current?.isConnected) closeRef.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
