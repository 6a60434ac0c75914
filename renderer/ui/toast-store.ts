import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
}

export interface ToastState {
  toasts: Toast[];
  show(message: string): number;
  dismiss(id: number): void;
}

/** Long enough to read a sentence; a screen reader has announced it by then (the region is polite). */
export const TOAST_MS = 5000;
/** Older toasts give way: a burst of successes (a bulk action) never fills the window. */
const MAX_TOASTS = 3;

/** The app's transient success messages. Failures are not toasts: they stay next to what failed. */
export function createToastStore(options: { durationMs?: number } = {}) {
  const durationMs = options.durationMs ?? TOAST_MS;
  let next = 1;
  return create<ToastState>()((set, get) => ({
    toasts: [],
    show: (message) => {
      const id = next++;
      set({ toasts: [...get().toasts, { id, message }].slice(-MAX_TOASTS) });
      setTimeout(() => get().dismiss(id), durationMs);
      return id;
    },
    dismiss: (id) => {
      if (get().toasts.some((t) => t.id === id)) set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  }));
}

export const useToastStore = createToastStore();

/** Says that something worked, in one sentence, announced politely. Any feature may call it. */
export function notify(message: string): void {
  const text = message.trim();
  if (text) useToastStore.getState().show(text);
}
