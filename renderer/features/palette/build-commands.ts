import { AREAS, type AreaId } from '../../state/areas';
import { SHORTCUTS, type ShortcutId } from '../../ui/shortcuts';
import type { Command } from './commands';

export interface PaletteWorkspace {
  id: string;
  name: string;
  status: string;
}

export interface PaletteSource {
  id: string;
  name: string;
}

/** What the palette offers, read from the stores at the moment it opens (see Palette.tsx). */
export interface PaletteFacts {
  /** The Workspaces list as loaded (the current search's pages). */
  workspaces: readonly PaletteWorkspace[];
  /** The workspace open in the Workspaces area and its sources, when both are known. */
  openWorkspace: { workspace: { id: string; name: string }; sources: readonly PaletteSource[] } | null;
  presenter: boolean;
  /** The active profile, when there is one to test. */
  activeProfile: { id: string; name: string } | null;
}

/** What choosing an option does; each is the same function the app's own controls call. */
export interface PaletteActions {
  goTo(area: AreaId): void;
  /** The global shortcuts' handler (App.tsx): the palette adds no second way of doing them. */
  runShortcut(id: Exclude<ShortcutId, 'palette'>): void;
  testConnection(profileId: string): void;
  openWorkspace(id: string): void;
  openSource(workspace: { id: string; name: string }, source: PaletteSource): void;
}

function keysOf(id: ShortcutId): Command['keys'] {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  return shortcut ? { shown: shortcut.keys, aria: shortcut.aria } : undefined;
}

function shortcutCommand(id: Exclude<ShortcutId, 'palette'>, label: string, actions: PaletteActions, detail?: string): Command {
  const keys = keysOf(id);
  return { id: `action:${id}`, group: 'Actions', label, ...(detail ? { detail } : {}), ...(keys ? { keys } : {}), run: () => actions.runShortcut(id) };
}

export function buildCommands(facts: PaletteFacts, actions: PaletteActions): Command[] {
  const commands: Command[] = AREAS.filter((area) => area.ready).map((area) => ({ id: `area:${area.id}`, group: 'Areas', label: area.label, run: () => actions.goTo(area.id) }));
  commands.push(
    shortcutCommand('new-workspace', 'New workspace', actions),
    shortcutCommand('requests', 'Requests', actions, 'The request inspector'),
    shortcutCommand('presenter', 'Presenter mode', actions, facts.presenter ? 'On: turn it off' : 'Off: turn it on'),
    shortcutCommand('help', 'Keyboard shortcuts', actions),
  );
  const profile = facts.activeProfile;
  if (profile) commands.push({ id: 'action:test-connection', group: 'Actions', label: 'Test connection', detail: `Profile “${profile.name}”`, run: () => actions.testConnection(profile.id) });
  for (const w of facts.workspaces) {
    commands.push({ id: `workspace:${w.id}`, group: 'Workspaces', label: w.name, detail: w.status === 'active' ? 'Workspace' : `Workspace, ${w.status}`, run: () => actions.openWorkspace(w.id) });
  }
  const open = facts.openWorkspace;
  if (open) {
    for (const s of open.sources) {
      commands.push({ id: `source:${open.workspace.id}:${s.id}`, group: 'Sources', label: s.name, detail: `Open its catalog (in ${open.workspace.name})`, run: () => actions.openSource(open.workspace, s) });
    }
  }
  return commands;
}
