import { AboutView } from '../features/about/AboutView';
import { useAppStore } from '../state/store';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export function App() {
  const area = useAppStore((s) => s.area);
  return (
    <div className="frame">
      <Sidebar />
      <main className="content" aria-label="Content">
        {area === 'about' && <AboutView />}
      </main>
      <StatusBar />
    </div>
  );
}
