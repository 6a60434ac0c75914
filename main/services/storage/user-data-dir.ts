import os from 'node:os';
import path from 'node:path';

/**
 * The browser shell's user-data folder (the desktop shell uses Electron's). EMBEDDED_CONSOLE_DATA_DIR
 * overrides it, so every test run gets a fresh folder.
 */
export function browserShellDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMBEDDED_CONSOLE_DATA_DIR) return path.resolve(env.EMBEDDED_CONSOLE_DATA_DIR);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'embedded-console');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'embedded-console');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'embedded-console');
}
