import { app } from 'electron';
import { startDesktopShell } from './desktop-shell';
import { createLogger } from './services/log';

// Without a window there is nowhere else to show why: say it on stderr and exit non-zero rather than
// linger as a windowless process.
startDesktopShell().catch((error: unknown) => {
  createLogger().error('desktop', 'Embedded Console could not start and will quit.', error);
  app.exit(1);
});
