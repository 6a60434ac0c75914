import type { AppErrorShape } from '../../preload/contract';
import { extraProblems } from './error-text';

/**
 * An error in words: its message once, then the other refused fields' sentences when there were
 * several, and a retry when it makes sense. Field paths are the code's words: never shown.
 */
export function ErrorPanel({ error, onRetry }: { error: AppErrorShape; onRetry?: () => void }) {
  const more = extraProblems(error);
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
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
