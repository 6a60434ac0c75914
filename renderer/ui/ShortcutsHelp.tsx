import { Fragment } from 'react';
import { Dialog } from './Dialog';
import './shortcuts-help.css';
import { AREA_KEYS, SHORTCUTS, type KeyGroup, type KeyHelp } from './shortcuts';

const GROUPS: readonly KeyGroup[] = ['Global', 'Lists', 'Editors'];

/** The keys of one section, as the help lists them: the global shortcuts first in "Global". */
export function keysOfGroup(group: KeyGroup): KeyHelp[] {
  const global = group === 'Global' ? SHORTCUTS.map((s) => ({ keys: s.keys, does: s.does })) : [];
  return [...global, ...AREA_KEYS[group]];
}

/** The keyboard shortcuts, opened with `?` or from the status bar, in three sections. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      {GROUPS.map((group) => (
        <section key={group} aria-labelledby={`shortcuts-${group}`}>
          <h3 id={`shortcuts-${group}`} className="shortcuts-group">
            {group}
          </h3>
          <dl className="facts" aria-labelledby={`shortcuts-${group}`}>
            {keysOfGroup(group).map((k) => (
              <Fragment key={k.keys}>
                <dt>
                  <kbd>{k.keys}</kbd>
                </dt>
                <dd>{k.does}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
