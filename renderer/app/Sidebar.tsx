import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { AREAS } from '../state/areas';
import { useAppStore } from '../state/store';

export function Sidebar() {
  const area = useAppStore((s) => s.area);
  const selectArea = useAppStore((s) => s.selectArea);
  return (
    <nav className="sidebar" aria-label="Areas">
      <p className="brand">Embedded Console</p>
      <ul>
        {AREAS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              aria-current={area === item.id ? 'page' : undefined}
              disabled={!item.ready}
              title={item.ready ? undefined : 'Not available yet'}
              onClick={() => selectArea(item.id)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <ProfileSwitcher />
    </nav>
  );
}
