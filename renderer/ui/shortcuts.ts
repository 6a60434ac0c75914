/** The app's global keys, in one place: the handler and the help list read the same table. */

type Keys = Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'code' | 'key'>;

export type ShortcutId = 'palette' | 'new-workspace' | 'requests' | 'presenter' | 'help';

export interface Shortcut {
  id: ShortcutId;
  keys: string;
  /** For aria-keyshortcuts on the control that does the same. */
  aria: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', keys: 'Ctrl/Cmd+K or Ctrl/Cmd+P', aria: 'Control+K Meta+K Control+P Meta+P', does: 'Command palette: go to an area, a workspace or a source, or run an action (in an editor, Ctrl/Cmd+P)' },
  { id: 'new-workspace', keys: 'Ctrl/Cmd+Shift+N', aria: 'Control+Shift+N Meta+Shift+N', does: 'New workspace' },
  { id: 'requests', keys: 'Ctrl/Cmd+Shift+R', aria: 'Control+Shift+R Meta+Shift+R', does: 'Open or close the request inspector' },
  { id: 'presenter', keys: 'Ctrl/Cmd+Shift+P', aria: 'Control+Shift+P Meta+Shift+P', does: 'Presenter mode on or off' },
  { id: 'help', keys: '?', aria: 'Shift+?', does: 'These keyboard shortcuts' },
];

/** The help's sections: the global keys above, then keys that work in one kind of place. */
export type KeyGroup = 'Global' | 'Lists' | 'Editors';

export interface KeyHelp {
  keys: string;
  does: string;
}

/**
 * Keys the areas handle themselves (the Workspaces search, the virtual lists, the query editor),
 * listed here so the help shows them next to the global ones. Each names the place it works in.
 */
export const AREA_KEYS: Readonly<Record<KeyGroup, readonly KeyHelp[]>> = {
  Global: [
    { keys: '/', does: 'Focus the workspace search (in Workspaces, outside a text field)' },
    { keys: 'Escape', does: 'Close a dialog, the open detail panel, or the request inspector when focus is in it' },
  ],
  Lists: [
    { keys: '↑ ↓', does: 'Move to the previous or next row' },
    { keys: 'PageUp PageDown', does: 'Move by a page' },
    { keys: 'Home End', does: 'Go to the first or last row' },
    { keys: 'Enter', does: 'Open the highlighted row' },
    { keys: 'Space', does: 'Tick or untick the highlighted workspace' },
    { keys: 'Shift+Space or Shift+click', does: 'Tick every workspace from the last ticked one to this one' },
    { keys: 'Ctrl/Cmd+click', does: 'Tick or untick one workspace without opening it' },
  ],
  Editors: [
    { keys: 'Ctrl/Cmd+Enter', does: 'Run the query now (JMESPath editor)' },
    { keys: 'Ctrl/Cmd+S', does: 'Save the query (JMESPath editor)' },
    { keys: '↑ in an empty editor', does: 'Recall the previous query from the history' },
    { keys: 'Ctrl/Cmd+P', does: 'Command palette from inside an editor (Ctrl/Cmd+K is the editor’s own there)' },
  ],
};

/** The event the Workspaces area listens to for "New workspace". */
export const NEW_WORKSPACE_EVENT = 'console:new-workspace';

const chord = (e: Keys, letter: string) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === `Key${letter}` || e.key.toLowerCase() === letter.toLowerCase());

/** True while typing: a bare `?` there is text, not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor')) return true;
  return false;
}

const plain = (e: Keys, letter: string) => (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (e.code === `Key${letter}` || e.key.toLowerCase() === letter.toLowerCase());

/**
 * Ctrl/Cmd+K, or Ctrl/Cmd+P (VS Code's "go to anything"). Inside a Monaco editor Ctrl+K stays
 * Monaco's: there it starts its two-key chords (Ctrl+K Ctrl+C comments a line), which the palette
 * must not break; Monaco binds nothing to Ctrl+P, so that one works everywhere (and replaces the
 * browser's Print, which this app has no use for).
 */
const paletteChord = (e: Keys, target: EventTarget | null) =>
  plain(e, 'P') || (plain(e, 'K') && !(target instanceof Element && target.closest('.monaco-editor')));

/** Which shortcut a key press is, if any. `?` counts only outside text fields. */
export function shortcutOf(e: Keys, target: EventTarget | null): ShortcutId | null {
  if (paletteChord(e, target)) return 'palette';
  if (chord(e, 'N')) return 'new-workspace';
  if (chord(e, 'R')) return 'requests';
  if (chord(e, 'P')) return 'presenter';
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(target)) return 'help';
  return null;
}
