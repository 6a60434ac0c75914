import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Requests for an action whose control lives in another feature's component (a dialog it owns, a
 * tab it shows): the command palette asks, the component that owns the control does it, through
 * the very handler its button calls. The palette never repeats that logic.
 *
 * Why not a window event like "New workspace": the owner is often not mounted yet when the palette
 * asks (the area, or the tab inside it, appears on the next render), and an event sent before its
 * listener exists is lost. A request waits here until its owner mounts and takes it.
 */
export type AppIntent =
  | { kind: 'new-profile' }
  | { kind: 'edit-profile' }
  | { kind: 'set-credentials' }
  | { kind: 'switch-profile'; profileId: string }
  | { kind: 'suggest-regions' }
  | { kind: 'set-region-of-selection' }
  | { kind: 'export-regions' }
  | { kind: 'import-regions' }
  | { kind: 'new-source-template' }
  | { kind: 'new-connection-template' }
  | { kind: 'new-draft' };

export type AppIntentKind = AppIntent['kind'];

/**
 * A request nobody took within this time is dropped: its owner did not mount (the area could not
 * open, the profile list failed to load), and running it minutes later, out of the blue, would
 * surprise more than doing nothing.
 */
export const INTENT_TTL_MS = 10_000;

interface Pending {
  intent: AppIntent;
  at: number;
}

interface IntentState {
  pending: Pending | null;
}

export const useIntentStore = create<IntentState>()(() => ({ pending: null }));

/** Asks for an action; the latest request replaces an earlier one that was not taken yet. */
export function requestIntent(intent: AppIntent, now: number = Date.now()): void {
  useIntentStore.setState({ pending: { intent, at: now } });
}

/** Takes the pending request if it is of one of `kinds` and still fresh (and forgets a stale one). */
export function takeIntent<K extends AppIntentKind>(kinds: readonly K[], now: number = Date.now()): Extract<AppIntent, { kind: K }> | null {
  const pending = useIntentStore.getState().pending;
  if (!pending) return null;
  if (now - pending.at > INTENT_TTL_MS) {
    useIntentStore.setState({ pending: null });
    return null;
  }
  if (!(kinds as readonly AppIntentKind[]).includes(pending.intent.kind)) return null;
  useIntentStore.setState({ pending: null });
  return pending.intent as Extract<AppIntent, { kind: K }>;
}

/** Whether a fresh request of one of `kinds` is waiting (for a parent that must show the child which takes it). */
export function peekIntent(kinds: readonly AppIntentKind[], now: number = Date.now()): boolean {
  const pending = useIntentStore.getState().pending;
  return pending !== null && now - pending.at <= INTENT_TTL_MS && kinds.includes(pending.intent.kind);
}

/**
 * In the component that owns the control: runs `handler` with each request of `kinds`, on mount
 * (the request came first) and whenever one arrives. `kinds` should be a constant array.
 */
export function useAppIntent<K extends AppIntentKind>(kinds: readonly K[], handler: (intent: Extract<AppIntent, { kind: K }>) => void): void {
  useEffect(() => {
    const check = () => {
      const intent = takeIntent(kinds);
      if (intent) handler(intent);
    };
    check();
    return useIntentStore.subscribe(check);
  });
}

/**
 * In a parent that must first show the child owning the control (a tab): runs `handler` when such a
 * request waits, without taking it, so the child takes it once it mounts.
 */
export function useAppIntentPeek(kinds: readonly AppIntentKind[], handler: () => void): void {
  useEffect(() => {
    const check = () => {
      if (peekIntent(kinds)) handler();
    };
    check();
    return useIntentStore.subscribe(check);
  });
}
