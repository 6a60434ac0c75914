import { create } from 'zustand';

/** success: it worked. warning: it was done, but something about it needs the user (told beside the field too). */
export type ToastTone = 'success' | 'warning';

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

export interface ToastState {
  toasts: Toast[];
  show(message: string, tone?: ToastTone): number;
  dismiss(id: number): void;
}

/** Long enough to read a sentence; a screen reader has announced it by then (the region is polite). */
export const TOAST_MS = 5000;
/** Older toasts give way: a burst of successes (a bulk action) never fills the window. */
const MAX_TOASTS = 3;

/**
 * The app's transient messages about something done. Failures are not toasts: they stay next to what
 * failed; a warning toast is for an action that was done but left something to fix (saved credentials
 * the API then rejected), which the screen also shows where it is fixed.
 */
export function createToastStore(options: { durationMs?: number } = {}) {
  const durationMs = options.durationMs ?? TOAST_MS;
  let next = 1;
  return create<ToastState>()((set, get) => ({
    toasts: [],
    show: (message, tone = 'success') => {
      const id = next++;
      set({ toasts: [...get().toasts, { id, message, tone }].slice(-MAX_TOASTS) });
      setTimeout(() => get().dismiss(id), durationMs);
      return id;
    },
    dismiss: (id) => {
      if (get().toasts.some((t) => t.id === id)) set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  }));
}

export const useToastStore = createToastStore();

/** Says that something was done, in one sentence, announced politely. Any feature may call it. */
export function notify(message: string, options: { tone?: ToastTone } = {}): void {
  const text = message.trim();
  if (text) useToastStore.getState().show(text, options.tone);
}
