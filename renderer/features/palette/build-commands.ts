import { AREAS, type AreaId } from '../../state/areas';
import { SHORTCUTS, type ShortcutId } from '../../ui/shortcuts';
import type { AppIntent } from '../../ui/app-intents';
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

export interface PaletteProfile {
  id: string;
  name: string;
  builtIn: boolean;
}

/** What the palette offers, read from the stores at the moment it opens (see Palette.tsx). */
export interface PaletteFacts {
  /** The Workspaces list as loaded (the current search's pages). */
  workspaces: readonly PaletteWorkspace[];
  /** The workspace open in the Workspaces area, when there is one. */
  selectedWorkspace: { id: string; name: string } | null;
  /** The workspace open in the Workspaces area and its sources, when both are known. */
  openWorkspace: { workspace: { id: string; name: string }; sources: readonly PaletteSource[] } | null;
  presenter: boolean;
  /** The active profile, when there is one to test. */
  activeProfile: PaletteProfile | null;
  /** Every profile, for "Switch profile to …". */
  profiles: readonly PaletteProfile[];
  /** How many workspaces are ticked in the Workspaces list ("Set region of the selection…"). */
  tickedWorkspaces: number;
  inspectorOpen: boolean;
}

/** What choosing an option does; each is the same function the app's own controls call. */
export interface PaletteActions {
  goTo(area: AreaId): void;
  /** The global shortcuts' handler (App.tsx): the palette adds no second way of doing them. */
  runShortcut(id: Exclude<ShortcutId, 'palette'>): void;
  testConnection(profileId: string): void;
  openWorkspace(id: string): void;
  openSource(workspace: { id: string; name: string }, source: PaletteSource): void;
  /**
   * An action whose control another feature's component owns: show `area` (null: the sidebar,
   * always there), then ask the component (see renderer/ui/app-intents.ts), which runs its own button's handler.
   */
  ask(intent: AppIntent, area: AreaId | null): void;
  copyWorkspaceId(workspace: { id: string; name: string }): void;
  /** The Widget preview's mint form, for `workspace` when given. */
  mintWidget(workspace: { id: string; name: string } | null): void;
}

function keysOf(id: ShortcutId): Command['keys'] {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  return shortcut ? { shown: shortcut.keys, aria: shortcut.aria } : undefined;
}

function shortcutCommand(id: Exclude<ShortcutId, 'palette'>, label: string, actions: PaletteActions, detail?: string): Command {
  const keys = keysOf(id);
  return { id: `action:${id}`, group: 'Actions', label, ...(detail ? { detail } : {}), ...(keys ? { keys } : {}), run: () => actions.runShortcut(id) };
}

/** The actions an SE reaches for, each named as its button is, so what the palette finds is what the screen shows. */
function featureActions(facts: PaletteFacts, actions: PaletteActions): Command[] {
  const { ask, mintWidget, copyWorkspaceId } = actions;
  const action = (id: string, label: string, run: () => void, detail?: string): Command => ({ id: `action:${id}`, group: 'Actions', label, ...(detail ? { detail } : {}), run });
  const profile = facts.activeProfile;
  const commands: Command[] = [action('new-profile', 'New profile…', () => ask({ kind: 'new-profile' }, null), 'Profiles')];
  // The built-in Sandbox profile has nothing to edit and needs no credentials (its buttons are not shown either).
  if (profile && !profile.builtIn) {
    commands.push(
      action('edit-profile', 'Edit profile…', () => ask({ kind: 'edit-profile' }, null), `Profile “${profile.name}”`),
      action('set-credentials', 'Set credentials…', () => ask({ kind: 'set-credentials' }, null), `Profile “${profile.name}”`),
    );
  }
  for (const p of facts.profiles) {
    if (p.id !== profile?.id) commands.push(action(`switch-profile:${p.id}`, `Switch profile to ${p.name}`, () => ask({ kind: 'switch-profile', profileId: p.id }, null), 'Profiles'));
  }
  commands.push(
    action('suggest-regions', 'Suggest regions…', () => ask({ kind: 'suggest-regions' }, 'workspaces'), 'Workspaces: from names such as acme-eu-demo'),
    action('export-regions', 'Export regions…', () => ask({ kind: 'export-regions' }, 'workspaces'), 'Workspaces: the region records, to share'),
    action('import-regions', 'Import regions…', () => ask({ kind: 'import-regions' }, 'workspaces'), 'Workspaces: region records a teammate exported'),
  );
  const ticked = facts.tickedWorkspaces;
  if (ticked > 0) {
    commands.push(action('set-region-of-selection', 'Set region of the selection…', () => ask({ kind: 'set-region-of-selection' }, 'workspaces'), `${ticked.toLocaleString()} ticked ${ticked === 1 ? 'workspace' : 'workspaces'}`));
  }
  commands.push(
    action('new-source-template', 'New source template', () => ask({ kind: 'new-source-template' }, 'templates'), 'Templates'),
    action('new-connection-template', 'New connection template', () => ask({ kind: 'new-connection-template' }, 'templates'), 'Templates'),
    action('new-draft', 'New draft…', () => ask({ kind: 'new-draft' }, 'templates'), 'Templates: a template draft file'),
  );
  const selected = facts.selectedWorkspace;
  commands.push(action('mint-widget', 'Mint widget token…', () => mintWidget(selected), selected ? `Widget preview for ${selected.name}` : 'Widget preview'));
  if (selected) commands.push(action('copy-workspace-id', 'Copy workspace ID', () => copyWorkspaceId(selected), selected.name));
  return commands;
}

export function buildCommands(facts: PaletteFacts, actions: PaletteActions): Command[] {
  const commands: Command[] = AREAS.filter((area) => area.ready).map((area) => ({ id: `area:${area.id}`, group: 'Areas', label: area.label, run: () => actions.goTo(area.id) }));
  commands.push(
    shortcutCommand('new-workspace', 'New workspace', actions),
    shortcutCommand('requests', facts.inspectorOpen ? 'Close request inspector' : 'Open request inspector', actions, 'Every call to the API, with its detail'),
    shortcutCommand('presenter', 'Presenter mode', actions, facts.presenter ? 'On: turn it off' : 'Off: turn it on'),
    shortcutCommand('help', 'Keyboard shortcuts', actions),
  );
  const profile = facts.activeProfile;
  if (profile) commands.push({ id: 'action:test-connection', group: 'Actions', label: 'Test connection', detail: `Profile “${profile.name}”`, run: () => actions.testConnection(profile.id) });
  commands.push(...featureActions(facts, actions));
  for (const w of facts.workspaces) {
    commands.push({ id: `workspace:${w.id}`, group: 'Workspaces', label: w.name, detail: w.status === 'active' ? 'Workspace' : `Workspace, ${w.status}`, run: () => actions.openWorkspace(w.id) });
  }
  const open = facts.openWorkspace;
  if (open) {
    // Only the open workspace's sources are known; the heading says so, so a missing source is not a surprise.
    const groupLabel = `Sources in ${open.workspace.name}`;
    for (const s of open.sources) {
      commands.push({ id: `source:${open.workspace.id}:${s.id}`, group: 'Sources', groupLabel, label: s.name, detail: 'Open its catalog', run: () => actions.openSource(open.workspace, s) });
    }
  }
  return commands;
}
