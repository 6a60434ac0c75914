import { useState } from 'react';
import { TAG_NAME_MAX_LENGTH } from '../../../../preload/contract';
import { CloseIcon } from '../../../ui/icons';

export interface TagChipsProps {
  /** Accessible name of the group, e.g. "Tags". */
  label: string;
  tags: readonly string[];
  onChange(next: string[]): void;
  readOnly?: boolean;
  idPrefix: string;
  /** Known tag names offered while typing (the registry), when there are any. */
  suggestions?: readonly string[];
}

/** Tags as chips: remove with a chip's button, add by typing a name and pressing Enter or Add. */
export function TagChips({ label, tags, onChange, readOnly = false, idPrefix, suggestions = [] }: TagChipsProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const listId = `${idPrefix}-tag-suggestions`;
  const add = () => {
    // Tag names are exact and case-sensitive (§8.3): only the surrounding blanks are dropped.
    const name = text.trim();
    if (!name) return setProblem('Type a tag name first.');
    if (name.length > 255) return setProblem('A tag name has at most 255 characters.');
    if (tags.includes(name)) return setProblem(`“${name}” is already attached.`);
    if (tags.length >= 100) return setProblem('A template carries at most 100 tags.');
    setProblem(null);
    setText('');
    onChange([...tags, name]);
  };
  return (
    <div className="tag-chips" role="group" aria-label={label}>
      <ul className="chip-list" aria-label={`${label} attached`}>
        {tags.length === 0 && <li className="muted">No tags.</li>}
        {tags.map((tag) => (
          <li key={tag} className="chip">
            <span>{tag}</span>
            {!readOnly && (
              <button type="button" className="icon" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                <CloseIcon size={12} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="toolbar chip-add">
          <input
            id={`${idPrefix}-tag-input`}
            aria-label={`Add to ${label.toLowerCase()}`}
            aria-describedby={problem ? `${idPrefix}-tag-problem` : undefined}
            aria-invalid={problem ? true : undefined}
            value={text}
            list={suggestions.length > 0 ? listId : undefined}
            placeholder="tag name"
            maxLength={TAG_NAME_MAX_LENGTH}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add}>
            Add tag
          </button>
          {suggestions.length > 0 && (
            <datalist id={listId}>
              {suggestions
                .filter((s) => !tags.includes(s))
                .map((s) => (
                  <option key={s} value={s} />
                ))}
            </datalist>
          )}
        </div>
      )}
      {problem && (
        <p id={`${idPrefix}-tag-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
