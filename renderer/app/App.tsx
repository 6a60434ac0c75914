import { useEffect } from 'react';
import { CatalogView } from '../features/catalog/CatalogView';
import { AboutView } from '../features/about/AboutView';
import { RequestInspector } from '../features/inspector/RequestInspector';
import { StreamsView } from '../features/streams/StreamsView';
import { TemplatesView } from '../features/templates/TemplatesView';
import { WidgetView } from '../features/widget/WidgetView';
import { WorkspacesView } from '../features/workspaces/WorkspacesView';
import { useAppStore, useInspectorStore } from '../state/store';
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
  const togglePresenter = useAppStore((s) => s.togglePresenter);
  useEffect(() => {
    // At the window, in the capture phase: before Monaco (or any other widget) sees the key. Monaco's
    // own palette is F1 and it binds nothing to Ctrl/Cmd+Shift+P, so editors lose nothing.
    const onKey = (e: KeyboardEvent) => {
      if (!isPresenterShortcut(e) || e.repeat) return;
      e.preventDefault();
      e.stopPropagation();
      togglePresenter();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [togglePresenter]);
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
      <StatusBar />
    </div>
  );
}
