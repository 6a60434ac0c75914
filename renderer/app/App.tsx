import { useCallback, useEffect, useRef, useState } from 'react';
import { CatalogView } from '../features/catalog/CatalogView';
import { AboutView } from '../features/about/AboutView';
import { Palette } from '../features/palette/Palette';
import { RequestInspector } from '../features/inspector/RequestInspector';
import { StreamsView } from '../features/streams/StreamsView';
import { TemplatesView } from '../features/templates/TemplatesView';
import { WidgetView } from '../features/widget/WidgetView';
import { WorkspacesView } from '../features/workspaces/WorkspacesView';
import { AREAS } from '../state/areas';
import { useAppStore, useInspectorStore } from '../state/store';
import { NEW_WORKSPACE_EVENT, shortcutOf, type ShortcutId } from '../ui/shortcuts';
import { ShortcutsHelp } from '../ui/ShortcutsHelp';
import { Toasts } from '../ui/Toasts';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

/** Ctrl+Shift+P (Cmd+Shift+P on macOS) toggles presenter mode. */
export function isPresenterShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'code' | 'key'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyP' || e.key.toLowerCase() === 'p');
}

export function PresenterBanner() {
  const presenter = useAppStore((s) => s.presenter);
  const toggle = useAppStore((s) => s.togglePresenter);
  if (!presenter) return null;
  return (
    <div className="presenter-banner" role="status" aria-label="Presenter mode">
      <strong>Presenter mode is on:</strong> tokens, client ids, organization ids and secret tails are hidden. Ctrl+Shift+P or{' '}
      <button type="button" className="link" onClick={() => toggle(false)}>
        turn it off
      </button>
      .
    </div>
  );
}

export function App() {
  const area = useAppStore((s) => s.area);
  const inspectorOpen = useInspectorStore((s) => s.open);
  // The window (and the OS task switcher, the browser tab) names the area: "Templates — Embedded Console".
  useEffect(() => {
    const label = AREAS.find((a) => a.id === area)?.label;
    document.title = label ? `${label} — Embedded Console` : 'Embedded Console';
  }, [area]);
  const togglePresenter = useAppStore((s) => s.togglePresenter);
  const [help, setHelp] = useState(false);
  // "New workspace" asked for from another area: sent once the Workspaces area has mounted. Effects
  // run children first, so its listener is in place when this one dispatches.
  const [newWorkspaceAsked, setNewWorkspaceAsked] = useState(0);
  useEffect(() => {
    if (newWorkspaceAsked === 0 || area !== 'workspaces') return;
    window.dispatchEvent(new CustomEvent(NEW_WORKSPACE_EVENT));
    setNewWorkspaceAsked(0);
  }, [newWorkspaceAsked, area]);
  const [palette, setPalette] = useState(false);
  // Where focus was when the inspector opened: closing it (the chord, its close button, Escape in it)
  // unmounts the element that had focus, and focus would otherwise fall to the page body.
  const inspectorOpener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (inspectorOpen) {
      const active = document.activeElement;
      inspectorOpener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      return;
    }
    const opener = inspectorOpener.current;
    inspectorOpener.current = null;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && opener?.isConnected) opener.focus();
  }, [inspectorOpen]);
  // One handler for the global shortcuts, whether pressed or chosen in the command palette.
  const runShortcut = useCallback(
    (id: Exclude<ShortcutId, 'palette'>) => {
      if (id === 'presenter') togglePresenter();
      else if (id === 'help') setHelp(true);
      // A toggle: the same chord closes what it opened (the inspector refreshes itself every second).
      else if (id === 'requests') useInspectorStore.getState().toggle();
      else {
        // The Workspaces area owns its dialog: go there, then ask it (see the effect above).
        useAppStore.getState().selectArea('workspaces');
        setNewWorkspaceAsked((n) => n + 1);
      }
    },
    [togglePresenter],
  );
  useEffect(() => {
    // At the window, in the capture phase: before Monaco (or any other widget) sees the key. Monaco's
    // own palette is F1 and it binds nothing to these chords, so editors lose nothing. (Ctrl+Shift+R
    // would otherwise reload the page in the browser shell.) Ctrl+K is left to Monaco inside an editor;
    // Ctrl+P opens the palette there.
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutOf(e, e.target);
      if (!id) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.repeat) return;
      // A modal dialog has the user's attention: only presenter mode (a safety switch) acts behind it.
      if (id !== 'presenter' && document.querySelector('dialog[open]')) return;
      if (id === 'palette') setPalette(true);
      else runShortcut(id);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [runShortcut]);
  return (
    <div className="frame">
      <Sidebar />
      <main className="content" aria-label="Content">
        <PresenterBanner />
        <div className="area">
          {area === 'workspaces' && <WorkspacesView />}
          {area === 'catalog' && <CatalogView />}
          {area === 'streams' && <StreamsView />}
          {area === 'templates' && <TemplatesView />}
          {area === 'widget' && <WidgetView />}
          {area === 'about' && <AboutView />}
        </div>
        {inspectorOpen && <RequestInspector />}
      </main>
      <StatusBar onShowShortcuts={() => setHelp(true)} />
      <Toasts />
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
      {palette && <Palette onClose={() => setPalette(false)} runShortcut={runShortcut} />}
    </div>
  );
}
