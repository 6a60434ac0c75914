import { create } from 'zustand';
import type { ConnectionFix } from './connection-state';

type ProfileFix = Exclude<ConnectionFix, 'Try again'>;

interface FixRequests {
  /** Whether the active profile is the built-in one (no credentials or settings to change); null before the switcher knows. */
  activeBuiltIn: boolean | null;
  /** The latest fix asked for from outside the switcher; `seq` makes a second click count. */
  request: { fix: ProfileFix; seq: number } | null;
  ask(fix: ProfileFix): void;
}

/**
 * How an error panel anywhere asks the profile switcher (which owns the dialogs) for "Set
 * credentials…" or "Edit profile…": a tiny store of its own, so `ui/` needs neither the app's
 * store instances nor the switcher. No switcher mounted (a component test): the panel offers no
 * profile fixes, as `activeBuiltIn` stays null.
 */
export const useFixRequests = create<FixRequests>()((set, get) => ({
  activeBuiltIn: null,
  request: null,
  ask: (fix) => set({ request: { fix, seq: (get().request?.seq ?? 0) + 1 } }),
}));
