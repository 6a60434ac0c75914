import { CatalogView } from '../features/catalog/CatalogView';
import { AboutView } from '../features/about/AboutView';
import { RequestInspector } from '../features/inspector/RequestInspector';
import { StreamsView } from '../features/streams/StreamsView';
import { WorkspacesView } from '../features/workspaces/WorkspacesView';
import { useAppStore, useInspectorStore } from '../state/store';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export function App() {
  const area = useAppStore((s) => s.area);
  const inspectorOpen = useInspectorStore((s) => s.open);
  return (
    <div className="frame">
      <Sidebar />
      <main className="content" aria-label="Content">
        <div className="area">
          {area === 'workspaces' && <WorkspacesView />}
          {area === 'catalog' && <CatalogView />}
          {area === 'streams' && <StreamsView />}
          {area === 'about' && <AboutView />}
        </div>
        {inspectorOpen && <RequestInspector />}
      </main>
      <StatusBar />
    </div>
  );
}
