import { useMemo } from 'react';
import { useAppStore, useCatalogStore, useDetailStore, useInspectorStore, useProfilesStore, useWidgetStore, useWorkspacesStore } from '../../state/store';
import { notify } from '../../ui/toast-store';
import { visibleWorkspaces } from '../workspaces/workspaces-store';
import { useFixRequests } from '../profiles/fix-requests';
import { requestIntent } from '../../ui/app-intents';
import { buildCommands, type PaletteActions, type PaletteFacts } from './build-commands';
import { CommandPalette } from './CommandPalette';
import { connectedSentence } from '../profiles/connection-state';

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
        if (result.ok) notify(connectedSentence(name ?? 'The profile', result));
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
    // The area is shown first; the component owning the control takes the request once it is mounted.
    ask: (intent, area) => {
      if (area) useAppStore.getState().selectArea(area);
      // The profile switcher already takes these two from anywhere (the error panels' fixes): the same path.
      if (intent.kind === 'set-credentials') useFixRequests.getState().ask('Set credentials…');
      else if (intent.kind === 'edit-profile') useFixRequests.getState().ask('Edit profile…');
      else requestIntent(intent);
    },
    // As the workspace panel's "Copy ID" (the same clipboard call); the toast replaces its "Copied" label.
    copyWorkspaceId: (workspace) => {
      void navigator.clipboard.writeText(workspace.id).then(
        () => notify(`Copied the ID of ${workspace.name}.`),
        () => notify(`The ID of ${workspace.name} could not be copied: the system clipboard refused it.`),
      );
    },
    // The Widget preview's form, set to the workspace when one is open; the user still presses Mint.
    mintWidget: (workspace) => {
      useAppStore.getState().selectArea('widget');
      useWidgetStore.getState().askMint(workspace ?? undefined);
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
  const ticked = useWorkspacesStore((s) => s.checked.size);
  const inspectorOpen = useInspectorStore((s) => s.open);

  const commands = useMemo(() => {
    const selected = openId !== null ? items.find((w) => w.id === openId) : undefined;
    const open = selected && openId === detailId && sources.status === 'ready' ? selected : undefined;
    const list = profiles.status === 'ready' ? profiles.value.profiles.map((p) => ({ id: p.id, name: p.name, builtIn: p.builtIn })) : [];
    const active = profiles.status === 'ready' ? list.find((p) => p.id === profiles.value.activeProfileId) : undefined;
    const facts: PaletteFacts = {
      workspaces: items,
      selectedWorkspace: selected ? { id: selected.id, name: selected.name } : null,
      openWorkspace: open && sources.status === 'ready' ? { workspace: { id: open.id, name: open.name }, sources: sources.value } : null,
      presenter,
      activeProfile: active ?? null,
      profiles: list,
      tickedWorkspaces: ticked,
      inspectorOpen,
    };
    return buildCommands(facts, paletteActions(runShortcut));
  }, [items, openId, detailId, sources, presenter, profiles, ticked, inspectorOpen, runShortcut]);

  return <CommandPalette commands={commands} onClose={onClose} />;
}
