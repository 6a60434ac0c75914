import type { TagsMode } from '../../../preload/contract';
import type { TagFilter } from './templates-store';

/**
 * A §8.3 tag filter: the tags to match (exact, case-sensitive) and the mode, always shown explicitly
 * because the API's default differs between endpoints; with no tag picked there is no filter.
 */
export function TagFilterControl({ label, tagNames, filter, onChange }: { label: string; tagNames: readonly string[]; filter: TagFilter; onChange: (f: TagFilter) => void }) {
  const toggle = (tag: string) => onChange({ ...filter, tags: filter.tags.includes(tag) ? filter.tags.filter((t) => t !== tag) : [...filter.tags, tag] });
  // A tag picked before it was renamed or deleted stays visible so it can be unpicked.
  const names = [...new Set([...tagNames, ...filter.tags])];
  return (
    <fieldset className="tag-filter">
      <legend>{label}</legend>
      {names.length === 0 ? (
        <span className="muted">No tags registered.</span>
      ) : (
        <div className="tag-choices" role="group" aria-label={`${label}: tags`}>
          {names.map((tag) => (
            <label key={tag} className="tag-choice">
              <input type="checkbox" checked={filter.tags.includes(tag)} onChange={() => toggle(tag)} /> {tag}
            </label>
          ))}
        </div>
      )}
      <div className="segmented" role="radiogroup" aria-label={`${label}: mode`}>
        {(['any', 'all'] as TagsMode[]).map((mode) => (
          <label key={mode}>
            <input type="radio" name={`${label}-mode`} checked={filter.mode === mode} onChange={() => onChange({ ...filter, mode })} /> {mode === 'any' ? 'any tag' : 'all tags'}
          </label>
        ))}
      </div>
      <span className="muted" aria-live="polite">
        {filter.tags.length === 0 ? 'No tags picked: every template is listed.' : `${filter.mode === 'any' ? 'At least one of' : 'Every one of'}: ${filter.tags.join(', ')}`}
      </span>
    </fieldset>
  );
}
