import { useMemo } from 'react';
import { useAppStore, useCatalogStore, useDetailStore, useProfilesStore, useWorkspacesStore } from '../../state/store';
import { notify } from '../../ui/toast-store';
import { visibleWorkspaces } from '../workspaces/workspaces-store';
import { buildCommands, type PaletteActions, type PaletteFacts } from './build-commands';
import { CommandPalette } from './CommandPalette';

export interface PaletteProps {
  onClose(): void;
  /** App.tsx's handler of the global shortcuts. */
  runShortcut: PaletteActions['runShortcut'];
}

/** Does what the sidebar, the Workspaces list and the workspace panel do when clicked: the same store calls. */
function paletteActions(runShortcut: PaletteActions['runShortcut']): PaletteActions {
  return {
    goTo: (area) => useAppStore.getState().selectArea(area),
    runShortcut,
    // As the profile panel's "Test connection": a success is a toast; a failure shows in the profile
    // panel and the status bar (the connection state), where its fixes are.
    testConnection: (profileId) => {
      const profiles = useProfilesStore.getState();
      const name = profiles.list.status === 'ready' ? profiles.list.value.profiles.find((p) => p.id === profileId)?.name : undefined;
      void profiles.test(profileId).then((result) => {
        if (result.ok) notify(`“${name ?? 'The profile'}” is connected${result.workspacesSeen === null ? '' : ` (${result.workspacesSeen} workspace${result.workspacesSeen === 1 ? '' : 's'} listed)`}.`);
      });
    },
    openWorkspace: (id) => {
      useAppStore.getState().selectArea('workspaces');
      const workspaces = useWorkspacesStore.getState();
      workspaces.open(id);
      // The list's highlighted row follows, so the arrow keys go on from the chosen workspace.
      const index = visibleWorkspaces(workspaces).findIndex((w) => w.id === id);
      if (index >= 0) workspaces.setActive(index);
    },
    // As the workspace panel's "Open catalog".
    openSource: (workspace, source) => {
      void useCatalogStore.getState().openSource(workspace, { id: source.id, name: source.name });
      useAppStore.getState().selectArea('catalog');
    },
  };
}

/** The palette bound to the app's stores: what it lists is read when it opens and as the stores change. */
export function Palette({ onClose, runShortcut }: PaletteProps) {
  const items = useWorkspacesStore((s) => s.items);
  const openId = useWorkspacesStore((s) => s.openId);
  const detailId = useDetailStore((s) => s.workspaceId);
  const sources = useDetailStore((s) => s.sources);
  const presenter = useAppStore((s) => s.presenter);
  const profiles = useProfilesStore((s) => s.list);

  const commands = useMemo(() => {
    const open = openId !== null && openId === detailId && sources.status === 'ready' ? items.find((w) => w.id === openId) : undefined;
    const active = profiles.status === 'ready' ? profiles.value.profiles.find((p) => p.id === profiles.value.activeProfileId) : undefined;
    const facts: PaletteFacts = {
      workspaces: items,
      openWorkspace: open && sources.status === 'ready' ? { workspace: { id: open.id, name: open.name }, sources: sources.value } : null,
      presenter,
      activeProfile: active ? { id: active.id, name: active.name } : null,
    };
    return buildCommands(facts, paletteActions(runShortcut));
  }, [items, openId, detailId, sources, presenter, profiles, runShortcut]);

  return <CommandPalette commands={commands} onClose={onClose} />;
}
