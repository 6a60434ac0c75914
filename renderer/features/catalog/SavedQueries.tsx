import { useMemo } from 'react';
import { useCatalogStore } from '../../state/store';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { starterQueries } from './starter-queries';
import { CloseIcon } from '../../ui/icons';

/** The starter library and the profile's saved queries; a click loads one into the editor. */
export function SavedQueries({ onLoad }: { onLoad(query: string): void }) {
  const library = useCatalogStore((s) => s.library);
  const libraryError = useCatalogStore((s) => s.libraryError);
  const rows = useCatalogStore((s) => s.catalog?.rows);
  const removeQuery = useCatalogStore((s) => s.removeQuery);
  const loadLibrary = useCatalogStore((s) => s.loadLibrary);
  const starters = useMemo(() => starterQueries(rows ?? []), [rows]);

  return (
    <section className="saved-queries" aria-labelledby="saved-queries-title">
      <h3 id="saved-queries-title">Queries</h3>
      <h4 id="starter-title">Starter library</h4>
      <ul className="plain-list query-list" aria-labelledby="starter-title">
        {starters.map((q) => (
          <li key={q.id}>
            <button type="button" className="link" title={`${q.query}\n\n${q.note}`} onClick={() => onLoad(q.query)}>
              {q.name}
            </button>
          </li>
        ))}
      </ul>
      <h4 id="saved-title">Saved</h4>
      {library.status === 'error' && <ErrorPanel error={library.error} onRetry={() => void loadLibrary()} />}
      {libraryError && <ErrorPanel error={libraryError} />}
      {library.status === 'ready' &&
        (library.value.saved.length === 0 ? (
          <p className="empty">No saved queries yet (Ctrl/Cmd+S in the editor saves one).</p>
        ) : (
          <ul className="plain-list query-list" aria-label="Saved queries">
            {library.value.saved.map((q) => (
              <li key={q.id}>
                <button type="button" className="link" title={q.query} onClick={() => onLoad(q.query)}>
                  {q.name}
                </button>
                <button type="button" className="icon" aria-label={`Delete saved query ${q.name}`} onClick={() => void removeQuery(q.id)}>
                  <CloseIcon />
                </button>
                {q.note && <p className="query-note">{q.note}</p>}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
