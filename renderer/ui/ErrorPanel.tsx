import type { AppErrorShape } from '../../preload/contract';
import { connectionStateOfError, summarizeConnection } from '../features/profiles/connection-state';
import { useFixRequests } from '../features/profiles/fix-requests';
import { extraProblems } from './error-text';
import { CredentialsIcon, EditIcon, RefreshIcon } from './icons';
// The fix actions' layout lives with the profile feature that owns the fixes.
import '../features/profiles/profiles.css';

/**
 * An error in words: its message once, then the other refused fields' sentences when there were
 * several, and the actions that fix it. An error about the connection (no credentials, rejected
 * ones, the keychain, the network) offers the same fixes as the sidebar's state — one table,
 * `summarizeConnection` — and "Try again" when the caller can retry. Field paths are the code's
 * words: never shown. `profileFixes={false}` inside the profile's own dialogs, which are the fix.
 */
export function ErrorPanel({ error, onRetry, profileFixes = true }: { error: AppErrorShape; onRetry?: (() => void) | undefined; profileFixes?: boolean }) {
  const more = extraProblems(error);
  const activeBuiltIn = useFixRequests((s) => s.activeBuiltIn);
  const ask = useFixRequests((s) => s.ask);
  const state = connectionStateOfError(error);
  const fixes = state && profileFixes && activeBuiltIn !== null ? summarizeConnection(state, activeBuiltIn).fixes.filter((f) => f !== 'Try again') : [];
  return (
    <div className="error-panel" role="alert">
      <p>{error.message}</p>
      {more.length > 0 && (
        <ul aria-label="Problems">
          {more.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {(fixes.length > 0 || onRetry) && (
        <div className="error-panel-actions">
          {fixes.map((fix) => (
            <button key={fix} type="button" onClick={() => ask(fix)}>
              {fix === 'Set credentials…' ? <CredentialsIcon /> : <EditIcon />} {fix}
            </button>
          ))}
          {onRetry && (
            <button type="button" onClick={onRetry}>
              <RefreshIcon /> Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
