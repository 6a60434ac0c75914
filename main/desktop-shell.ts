import path from 'node:path';
import { app, BrowserWindow, clipboard, ipcMain, protocol, session, shell } from 'electron';
import { createCore } from './core';
import { bindRouterToIpc } from './ipc/electron-ipc';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppSchemeHandler } from './security/app-scheme';
import { electronSenderPolicy } from './security/ipc-sender';
import { hardenWebContents } from './security/navigation';
import { denyAllPermissions } from './security/permissions';
import { mainWindowOptions } from './security/web-preferences';
import { createLogger, type Logger } from './services/log';
import { lockDataFolder } from './services/storage/data-folder-lock';

export interface DesktopPaths {
  rendererDir: string;
  preloadPath: string;
  /** The window icon (Linux task bars show it; macOS and Windows take the package's icon). */
  iconPath: string;
}

export function defaultDesktopPaths(): DesktopPaths {
  return {
    rendererDir: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, '../preload/index.js'),
    iconPath: path.join(__dirname, '../renderer/app-icon.png'),
  };
}

/** How long quitting waits for the core to close before giving up on it. */
export const CLOSE_TIMEOUT_MS = 5_000;

/** The subset of Electron's `app` that {@link closeBeforeQuit} touches, so tests can pass a plain fake. */
export interface QuittableApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Settles when `close` does, or rejects after `timeoutMs`; a synchronous throw becomes a rejection. */
function closeWithin(close: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`close did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve().then(close), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Electron does not wait for promises in `will-quit`, so the core's `close()` (sandbox, HTTP clients,
 * user-data files) would be cut short. The first `will-quit` is held until `close()` settles or times
 * out, then the app quits again; that second `will-quit` passes through. A failing or stuck close is
 * logged and never keeps the app from quitting.
 */
export function closeBeforeQuit(app: QuittableApp, close: () => Promise<void>, log: Logger, timeoutMs = CLOSE_TIMEOUT_MS): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return; // quit asked again while closing: the pending quit covers it
    state = 'closing';
    void closeWithin(close, timeoutMs)
      .catch((error: unknown) => log.error('desktop', 'Closing the core failed; quitting anyway.', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}

/**
 * The Electron shell: one hardened window over the shared core. Async so that a synchronous throw
 * during setup also reaches the caller as a rejection.
 */
export async function startDesktopShell(paths: DesktopPaths = defaultDesktopPaths()): Promise<void> {
  // Privileges must be declared before `ready`; the handler itself is attached after.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const log = createLogger();
  const trustedContents = new Set<number>();
  const userDataDir = app.getPath('userData');
  // A browser shell may share this folder (~/.config/embedded-console on Linux): one writer only.
  const lock = await lockDataFolder(userDataDir);
  // The widget preview's "Copy token" runs here in main, so the renderer never holds a token.
  const core = createCore({ shell: 'desktop', userDataDir, draftsDir: process.env.EMBEDDED_CONSOLE_DRAFTS_DIR || undefined, clipboard: { writeText: (text) => clipboard.writeText(text) } });
  const router = core.createRouter(electronSenderPolicy(trustedContents));
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(
      contents,
      (url) => {
        shell.openExternal(url).catch((error: unknown) => log.error('desktop', `Could not open ${url} in the browser.`, error));
      },
      // Subframes may show the widget preview host and the open previews' widget origins, nothing else.
      () => core.widget.frameOrigins(),
      // "Open in browser" of a preview: its preview host goes to the OS browser while a preview is open.
      () => core.widget.externalOrigins(),
    );
  });

  const createWindow = () => {
    const window = new BrowserWindow(mainWindowOptions(paths.preloadPath, paths.iconPath));
    const id = window.webContents.id;
    trustedContents.add(id);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      trustedContents.delete(id);
      if (mainWindow === window) mainWindow = null;
    });
    window.loadURL(`${APP_ORIGIN}/index.html`).catch((error: unknown) => log.error('desktop', 'The main window failed to load.', error));
    mainWindow = window;
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  closeBeforeQuit(app, () => core.close().finally(() => lock.release()), log);

  await app.whenReady();
  // The preview host starts before the window loads, so the renderer's CSP can name its origin
  // (frame-src). If it cannot start, the app runs without the widget preview (frame-src 'none').
  await core.widget.start().catch((error: unknown) => log.error('desktop', 'The widget preview host did not start.', error));
  protocol.handle(APP_SCHEME, createAppSchemeHandler(paths.rendererDir, { frameSources: () => core.widget.rendererFrameSources() }));
  denyAllPermissions(session.defaultSession);
  bindRouterToIpc(ipcMain, router);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}
