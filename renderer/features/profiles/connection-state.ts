import type { AppErrorShape, ConnectionState } from '../../../preload/contract';

/** The action that fixes a state; the switcher and the error panel draw each as a button with this name. */
export type ConnectionFix = 'Set credentials…' | 'Edit profile…' | 'Try again';

export interface ConnectionSummary {
  title: string;
  /** The status bar's words, where the keychain has its own entry already. */
  short: string;
  tone: 'ok' | 'warn' | 'error';
  fixes: ConnectionFix[];
}

/**
 * The one table of states and their fixes (the sidebar, the error panels and the status bar read
 * it): a rejected secret is never "not reachable". Built-in profiles have no credentials or settings
 * to edit, so only a retry is offered for them.
 */
export function summarizeConnection(state: ConnectionState, builtIn: boolean): ConnectionSummary {
  const editable = (fixes: ConnectionFix[]) => (builtIn ? fixes.filter((f) => f === 'Try again') : fixes);
  switch (state) {
    case 'connected':
      return { title: 'Connected', short: 'Connected', tone: 'ok', fixes: [] };
    case 'unreachable':
      return { title: 'Not reachable', short: 'Not reachable', tone: 'warn', fixes: editable(['Edit profile…', 'Try again']) };
    case 'no_credentials':
      return { title: 'No credentials', short: 'No credentials', tone: 'warn', fixes: editable(['Set credentials…']) };
    case 'rejected':
      return { title: 'Credentials rejected', short: 'Credentials rejected', tone: 'error', fixes: editable(['Set credentials…', 'Edit profile…']) };
    case 'keychain_unavailable':
      // The status bar names the keychain itself: its API entry says what that means for the profile.
      return { title: 'Keychain unavailable', short: 'Credentials unreadable', tone: 'warn', fixes: editable(['Set credentials…', 'Try again']) };
    case 'failed':
      return { title: 'Connection failed', short: 'Connection failed', tone: 'error', fixes: ['Try again'] };
  }
}

/**
 * Which connection state an error of any call stands for, so a panel far from the sidebar offers the
 * same fix: no credentials to send (an `unauthorized` main raised itself, no HTTP status), credentials
 * the API refused (401), the keychain, the network. Null for errors that are not about the connection.
 */
export function connectionStateOfError(error: AppErrorShape): ConnectionState | null {
  switch (error.code) {
    case 'unauthorized':
      return error.details?.status === undefined ? 'no_credentials' : 'rejected';
    case 'keychain_unavailable':
      return 'keychain_unavailable';
    case 'network':
    case 'timeout':
      return 'unreachable';
    default:
      return null;
  }
}

/**
 * “Large org” is connected; the organization has 5,041 workspaces. — only what the test learnt (a
 * first page of 20 says nothing of a 5,041-workspace org). Shared by the sidebar and the palette.
 */
export function connectedSentence(name: string, result: { workspaceCount?: number | null | undefined }): string {
  const count = result.workspaceCount ?? null;
  const has = count === null ? 'has workspaces' : count === 0 ? 'has no workspaces yet' : `has ${count.toLocaleString('en-US')} workspace${count === 1 ? '' : 's'}`;
  return `“${name}” is connected; the organization ${has}.`;
}
