import type { ConnectionState } from '../../../preload/contract';

/** The action that fixes a state; the switcher draws each as a button with this name. */
export type ConnectionFix = 'Set credentials…' | 'Edit profile…' | 'Try again';

export interface ConnectionSummary {
  title: string;
  tone: 'ok' | 'warn' | 'error';
  fixes: ConnectionFix[];
}

/**
 * Four problems, four names and fixes: a rejected secret is never "not reachable". Built-in profiles
 * have no credentials or settings to edit, so only a retry is offered for them.
 */
export function summarizeConnection(state: ConnectionState, builtIn: boolean): ConnectionSummary {
  const editable = (fixes: ConnectionFix[]) => (builtIn ? fixes.filter((f) => f === 'Try again') : fixes);
  switch (state) {
    case 'connected':
      return { title: 'Connected', tone: 'ok', fixes: [] };
    case 'unreachable':
      return { title: 'Not reachable', tone: 'warn', fixes: editable(['Edit profile…', 'Try again']) };
    case 'no_credentials':
      return { title: 'No credentials', tone: 'warn', fixes: editable(['Set credentials…']) };
    case 'rejected':
      return { title: 'Credentials rejected', tone: 'error', fixes: editable(['Set credentials…', 'Edit profile…']) };
    case 'keychain_unavailable':
      return { title: 'Keychain unavailable', tone: 'warn', fixes: editable(['Set credentials…', 'Try again']) };
    case 'failed':
      return { title: 'Connection failed', tone: 'error', fixes: ['Try again'] };
  }
}
