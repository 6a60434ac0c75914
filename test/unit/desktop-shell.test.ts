import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { listChannels } from '../../preload/contract';

// The Electron binary cannot run on our machines: this fake records what the shell asks of Electron.
const electron = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => `/tmp/ec-desktop-test-${process.pid}`),
  });
  const windows: Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; webContents: { id: number } }> = [];
  class BrowserWindow extends Emitter {
    static getAllWindows = () => windows;
    readonly webContents = { id: 100 + windows.length };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this as never);
    }
  }
  const handles = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  return {
    app,
    BrowserWindow,
    windows,
    handles,
    ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => handles.set(channel, fn)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session,
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
});
vi.mock('electron', () => electron);
vi.mock('keytar', () => ({ default: { setPassword: async () => undefined, getPassword: async () => null, deletePassword: async () => true } }));

const { startDesktopShell } = await import('../../main/desktop-shell');

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    on: (event: string, fn: (...args: unknown[]) => void) => emitter.on(event, fn),
    emit: (event: string, payload: object) => {
      const ev = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...payload };
      emitter.emit(event, ev);
      return ev.defaultPrevented;
    },
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('desktop shell (electron mocked)', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    await startDesktopShell({ rendererDir, preloadPath: '/app/preload/index.js' });
  });

  it('opens one window with locked-down webPreferences on the app scheme', () => {
    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    expect(win?.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://console/index.html');
  });

  it('takes the single-instance lock and registers the app scheme as privileged', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves the renderer with a strict CSP header and refuses path traversal', async () => {
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const ok = await handler(new Request('app://console/index.html'));
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect((await handler(new Request('app://console/..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(404);
    expect((await handler(new Request('app://console/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('denies every permission request and check', () => {
    const s = electron.session.defaultSession;
    const request = s.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (g: boolean) => void) => void;
    const granted: boolean[] = [];
    request({}, 'media', (g) => granted.push(g));
    request({}, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    const check = s.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string) => boolean;
    expect(check({}, 'clipboard-read')).toBe(false);
  });

  it('hardens every new webContents: navigation, redirects, window.open and webviews', () => {
    const contents = fakeContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.emit('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emit('will-frame-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.emit('will-redirect', { url: 'http://127.0.0.1:9/' })).toBe(true);
    expect(contents.emit('will-navigate', { url: 'app://console/index.html' })).toBe(false);
    expect(contents.emit('will-attach-webview', {})).toBe(true);

    expect(contents.open('https://docs.airbyte.com/ai-agents/embedded')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.airbyte.com/ai-agents/embedded');
    electron.shell.openExternal.mockClear();
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('http://docs.airbyte.com/')).toEqual({ action: 'deny' });
    expect(contents.open('https://user:pw@github.com/')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('registers exactly the contract’s channels with ipcMain', () => {
    expect([...electron.handles.keys()].sort()).toEqual(listChannels().map((c) => c.name).sort());
  });

  it('answers the main window’s top frame and refuses iframes, foreign origins and unknown windows', async () => {
    const call = electron.handles.get('app:checkKeychain');
    if (!call) throw new Error('app:checkKeychain not registered');
    const winId = electron.windows[0]?.webContents.id;
    const event = (frame: object | null, id = winId) => ({ sender: { id }, senderFrame: frame });

    const good = await call(event({ url: 'app://console/index.html', parent: null }), undefined);
    expect(good).toMatchObject({ ok: true });

    const iframe = await call(event({ url: 'app://console/index.html', parent: {} }), undefined);
    expect(iframe).toMatchObject({ ok: false, error: { code: 'forbidden_sender', message: expect.stringContaining('top frame') } });

    const foreign = await call(event({ url: 'http://127.0.0.1:5173/', parent: null }), undefined);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden_sender', message: expect.stringContaining('origin') } });

    const stranger = await call(event({ url: 'app://console/index.html', parent: null }, 999), undefined);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden_sender', message: expect.stringContaining('window') } });

    const gone = await call(event(null), undefined);
    expect(gone).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('quits instead of opening a second instance', async () => {
    vi.resetModules();
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    electron.app.quit.mockClear();
    const before = electron.windows.length;
    const { startDesktopShell: startAgain } = await import('../../main/desktop-shell');
    await startAgain({ rendererDir, preloadPath: '/p.js' });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.windows.length).toBe(before);
  });
});
