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
  { id: 'requests', keys: 'Ctrl/Cmd+Shift+R', aria: 'Control+Shift+R Meta+Shift+R', does: 'Open the request inspector' },
  { id: 'presenter', keys: 'Ctrl/Cmd+Shift+P', aria: 'Control+Shift+P Meta+Shift+P', does: 'Presenter mode on or off' },
  { id: 'help', keys: '?', aria: 'Shift+?', does: 'These keyboard shortcuts' },
];

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
