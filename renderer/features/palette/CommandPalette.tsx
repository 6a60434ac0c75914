import { useId, useLayoutEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog';
import { flatten, rankCommands, type Command } from './commands';
import './palette.css';

export interface CommandPaletteProps {
  commands: readonly Command[];
  onClose(): void;
}

/** The label with its matched characters marked, so the user sees why an option is there. */
function Highlighted({ text, indexes }: { text: string; indexes: number[] }) {
  if (indexes.length === 0) return <>{text}</>;
  const marked = new Set(indexes);
  const parts: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = (key: number) => {
    if (run) parts.push(runMarked ? <mark key={key}>{run}</mark> : run);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (marked.has(i) !== runMarked) {
      flush(i);
      runMarked = marked.has(i);
    }
    run += text[i];
  }
  flush(text.length);
  return <>{parts}</>;
}

/**
 * The command palette: a modal with one combobox (ARIA 1.2: focus stays in the text field, the
 * highlighted option is named by aria-activedescendant) over a listbox of areas, actions,
 * workspaces and sources. Choosing closes the palette first, then runs the command, so whatever it
 * opens (a dialog, the inspector) gets focus rather than the palette's opener.
 */
export function CommandPalette({ commands, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (command: Command) => `${listId}-${command.id}`;
  const groups = useMemo(() => rankCommands(commands, query), [commands, query]);
  const options = useMemo(() => flatten(groups), [groups]);
  const current = options[Math.min(active, options.length - 1)];

  const activeId = current ? optionId(current.command) : undefined;
  useLayoutEffect(() => {
    const element = activeId ? document.getElementById(activeId) : null;
    // jsdom has no scrollIntoView; a browser always does.
    if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const choose = (command: Command) => {
    onClose();
    command.run();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const count = options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (count === 0) return;
      const from = Math.min(active, count - 1);
      // Wraps around: from the last option Down goes to the first, as in most palettes.
      setActive((from + (e.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      if (count > 0) setActive((i) => Math.max(0, Math.min(count - 1, i + (e.key === 'PageDown' ? 8 : -8))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) choose(current.command);
    }
  };

  const shown = options.length;
  const hidden = groups.reduce((n, g) => n + g.hidden, 0);
  return (
    <Dialog title="Command palette" onClose={onClose}>
      <div className="palette">
        <input
          type="text"
          role="combobox"
          aria-label="Command or name"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          placeholder="Type an area, action, workspace or source…"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div id={listId} role="listbox" aria-label="Commands" className="palette-list">
          {groups.map((g) => (
            <div key={g.group} role="group" aria-labelledby={`${listId}-${g.group}`}>
              <div id={`${listId}-${g.group}`} className="palette-group" role="presentation">
                {g.label}
              </div>
              {g.items.map(({ command, indexes }) => {
                const selected = current?.command.id === command.id;
                return (
                  <div
                    key={command.id}
                    id={optionId(command)}
                    role="option"
                    aria-selected={selected}
                    aria-keyshortcuts={command.keys?.aria}
                    aria-describedby={command.detail ? `${optionId(command)}-detail` : undefined}
                    className={`palette-option${selected ? ' active' : ''}`}
                    // The pointer highlights as it moves; a click runs. Focus stays in the field.
                    onMouseMove={() => {
                      if (!selected) setActive(options.findIndex((o) => o.command.id === command.id));
                    }}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(command)}
                  >
                    <span className="palette-label">
                      <Highlighted text={command.label} indexes={indexes} />
                    </span>
                    {command.detail && (
                      <span id={`${optionId(command)}-detail`} className="palette-detail">
                        {command.detail}
                      </span>
                    )}
                    {command.keys && (
                      <kbd className="palette-keys" aria-hidden="true">
                        {command.keys.shown}
                      </kbd>
                    )}
                  </div>
                );
              })}
              {g.hidden > 0 && (
                <div className="palette-more" role="presentation">
                  {g.hidden.toLocaleString()} more {g.group.toLowerCase()}: type more of the name.
                </div>
              )}
            </div>
          ))}
        </div>
        {shown === 0 && <p className="palette-empty">Nothing matches “{query.trim()}”.</p>}
        <p className="palette-status" role="status">
          {shown === 0 ? 'No matches' : `${shown} ${shown === 1 ? 'match' : 'matches'}${hidden > 0 ? `, ${hidden.toLocaleString()} more not shown` : ''}`}
        </p>
        <p className="palette-hint" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
        </p>
      </div>
    </Dialog>
  );
}
