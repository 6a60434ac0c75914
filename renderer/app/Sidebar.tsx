import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { AREAS } from '../state/areas';
import { useAppStore } from '../state/store';
import { AREA_ICONS } from '../ui/icons';

export function Sidebar() {
  const area = useAppStore((s) => s.area);
  const selectArea = useAppStore((s) => s.selectArea);
  return (
    <nav className="sidebar" aria-label="Areas">
      <p className="brand">
        {/* The app icon (also the favicon); decorative: the product name follows as text. */}
        <img src="./favicon.svg" alt="" width={20} height={20} />
        Embedded Console
      </p>
      <ul>
        {AREAS.map((item) => {
          const Icon = AREA_ICONS[item.id];
          return (
            <li key={item.id}>
              <button
                type="button"
                aria-current={area === item.id ? 'page' : undefined}
                disabled={!item.ready}
                title={item.ready ? undefined : 'Not available yet'}
                onClick={() => selectArea(item.id)}
              >
                <Icon size={15} />
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
      <ProfileSwitcher />
    </nav>
  );
}
