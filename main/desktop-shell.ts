import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { createCore } from './core';
import { bindRouterToIpc } from './ipc/electron-ipc';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppSchemeHandler } from './security/app-scheme';
import { electronSenderPolicy } from './security/ipc-sender';
import { hardenWebContents } from './security/navigation';
import { denyAllPermissions } from './security/permissions';
import { mainWindowOptions } from './security/web-preferences';

export interface DesktopPaths {
  rendererDir: string;
  preloadPath: string;
}

export function defaultDesktopPaths(): DesktopPaths {
  return {
    rendererDir: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, '../preload/index.js'),
  };
}

/** The Electron shell: one hardened window over the shared core. Returns a promise for tests. */
export function startDesktopShell(paths: DesktopPaths = defaultDesktopPaths()): Promise<void> {
  // Privileges must be declared before `ready`; the handler itself is attached after.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }

  const trustedContents = new Set<number>();
  const core = createCore({ shell: 'desktop', userDataDir: app.getPath('userData') });
  const router = core.createRouter(electronSenderPolicy(trustedContents));
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => void shell.openExternal(url));
  });

  const createWindow = () => {
    const window = new BrowserWindow(mainWindowOptions(paths.preloadPath));
    const id = window.webContents.id;
    trustedContents.add(id);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      trustedContents.delete(id);
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(`${APP_ORIGIN}/index.html`);
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
  app.on('will-quit', () => void core.close());

  return app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppSchemeHandler(paths.rendererDir));
    denyAllPermissions(session.defaultSession);
    bindRouterToIpc(ipcMain, router);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}
