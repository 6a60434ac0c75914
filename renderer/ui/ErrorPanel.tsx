import type { AppErrorShape } from '../../preload/contract';

/** An error in words, with the field issues when there are any, and a retry when it makes sense. */
export function ErrorPanel({ error, onRetry }: { error: AppErrorShape; onRetry?: () => void }) {
  return (
    <div className="error-panel" role="alert">
      <p>{error.message}</p>
      {error.details?.issues && (
        <ul aria-label="Problems">
          {error.details.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
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
