import { startDesktopShell } from './desktop-shell';

void startDesktopShell();
