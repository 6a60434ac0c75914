import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
    static getAllWindows = vi.fn(() => windows);
    /** What every window's `loadURL` answers; a test can make one load fail. */
    static load = vi.fn((_url: string) => Promise.resolve());
    readonly webContents = { id: 100 + windows.length };
    readonly loadURL = vi.fn((url: string) => BrowserWindow.load(url));
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
    clipboard: { writeText: vi.fn() },
  };
});
vi.mock('electron', () => electron);
vi.mock('keytar', () => ({ default: { setPassword: async () => undefined, getPassword: async () => null, deletePassword: async () => true } }));

const { startDesktopShell, closeBeforeQuit, CLOSE_TIMEOUT_MS } = await import('../../main/desktop-shell');
const { createLogger } = await import('../../main/services/log');

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Captures what the main process logs (the logger prints through console.error). */
function captureLog() {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  return lines;
}

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

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('desktop shell (electron mocked)', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    await startDesktopShell({ rendererDir, preloadPath: '/app/preload/index.js', iconPath: '/app/renderer/app-icon.png' });
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
    expect(win?.options.icon).toBe('/app/renderer/app-icon.png');
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

  type Details = { isMainFrame: boolean; requestingUrl?: string };
  const permissionHandlers = () => {
    const s = electron.session.defaultSession;
    const request = s.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (g: boolean) => void, d: Details) => void;
    const check = s.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string, origin: string, d: Details) => boolean;
    const requested = (permission: string, details: Details) => {
      let granted: boolean | undefined;
      request({}, permission, (g) => (granted = g), details);
      return granted;
    };
    return { requested, check };
  };
  const appTop = { isMainFrame: true, requestingUrl: 'app://console/index.html' };

  it('denies every permission request and check', () => {
    const { requested, check } = permissionHandlers();
    expect(requested('media', appTop)).toBe(false);
    expect(requested('notifications', appTop)).toBe(false);
    expect(requested('clipboard-read', appTop)).toBe(false);
    expect(check({}, 'clipboard-read', 'app://console', appTop)).toBe(false);
    expect(check({}, 'geolocation', 'app://console', appTop)).toBe(false);
  });

  it('allows clipboard writes (Copy buttons) only to the app’s own top frame', () => {
    const { requested, check } = permissionHandlers();
    expect(requested('clipboard-sanitized-write', appTop)).toBe(true);
    expect(check({}, 'clipboard-sanitized-write', 'app://console', appTop)).toBe(true);
    expect(check({}, 'clipboard-sanitized-write', 'app://console/', appTop)).toBe(true);

    const iframe = { isMainFrame: false, requestingUrl: 'app://console/index.html' };
    expect(requested('clipboard-sanitized-write', iframe)).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://console', iframe)).toBe(false);

    const foreign = { isMainFrame: true, requestingUrl: 'https://evil.example/' };
    expect(requested('clipboard-sanitized-write', foreign)).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example', foreign)).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://other', { isMainFrame: true })).toBe(false);
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

  it('frames: the CSP and the frame guard allow the preview host and the open preview’s widget origin, nothing else', async () => {
    const [, handler] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    const csp = (await handler(new Request('app://console/index.html'))).headers.get('content-security-policy') ?? '';
    const frameSrc = /frame-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(frameSrc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // the preview host, alone
    const previewHost = frameSrc;

    const contents = fakeContents();
    electron.app.emit('web-contents-created', {}, contents);
    const frameNav = (url: string, isMainFrame = false) => contents.emit('will-frame-navigate', { url, isMainFrame });
    const blocked = (url: string) => frameNav(url);
    expect(blocked(`${previewHost}/preview/${'a'.repeat(32)}`)).toBe(false);
    expect(frameNav(`${previewHost}/preview/x`, true)).toBe(true); // never the top frame
    expect(contents.emit('will-navigate', { url: `${previewHost}/` })).toBe(true);
    expect(blocked('https://app.airbyte.ai/quick-start/widget')).toBe(true); // no preview open yet
    expect(blocked('http://127.0.0.1:9/x')).toBe(true);

    // Mint on the Sandbox profile through the real IPC handler: the sandbox's stand-in widget origin opens up.
    const winId = electron.windows[0]?.webContents.id;
    const top = { sender: { id: winId }, senderFrame: { url: 'app://console/index.html', parent: null } };
    const mint = electron.handles.get('widget:mint');
    if (!mint) throw new Error('widget:mint not registered');
    const minted = (await mint(top, { target: { kind: 'new', name: 'desktop-widget-demo', region: 'US' } })) as { ok: boolean; value: { previewId: string; widgetOrigin: string; previewUrl: string } };
    expect(minted.ok).toBe(true);
    const { widgetOrigin, previewId, previewUrl } = minted.value;
    expect(previewUrl.startsWith(`${previewHost}/preview/`)).toBe(true);
    expect(blocked(`${widgetOrigin}/quick-start/widget?workspaceId=x`)).toBe(false);
    expect(frameNav(`${widgetOrigin}/quick-start/widget`, true)).toBe(true);
    expect(contents.emit('will-redirect', { url: `${widgetOrigin}/elsewhere`, isMainFrame: false })).toBe(false);
    for (const other of ['https://app.airbyte.ai/', 'https://evil.example/', 'http://localhost:1/', 'file:///etc/passwd', `http://user:pw@${widgetOrigin.slice(7)}/`]) {
      expect(blocked(other), other).toBe(true);
    }
    // The renderer CSP still names only the preview host (the preview page's own CSP names the widget).
    const again = (await handler(new Request('app://console/index.html'))).headers.get('content-security-policy') ?? '';
    expect(/frame-src ([^;]+)/.exec(again)?.[1]).toBe(previewHost);

    // Copy token: main writes it to Electron's clipboard; the answer carries none.
    const copy = electron.handles.get('widget:copyToken');
    const copied = await copy?.(top, { previewId });
    expect(copied).toEqual({ ok: true, value: { copied: true, kind: 'widget' } });
    const written = String(electron.clipboard.writeText.mock.calls[0]?.[0] ?? '');
    expect(JSON.parse(Buffer.from(written, 'base64').toString('utf8'))).toMatchObject({ widgetUrl: expect.stringContaining(widgetOrigin) });

    // Closed: the widget origin is refused again.
    await electron.handles.get('widget:close')?.(top, { previewId });
    expect(blocked(`${widgetOrigin}/quick-start/widget`)).toBe(true);
    expect(blocked(`${previewHost}/preview/x`)).toBe(false);
  });

  it('Open in browser: the preview host of an open preview goes to shell.openExternal; other loopback URLs stay refused', async () => {
    const [, handler] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    const csp = (await handler(new Request('app://console/index.html'))).headers.get('content-security-policy') ?? '';
    const previewHost = /frame-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(previewHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = previewHost.slice('http://127.0.0.1:'.length);

    const contents = fakeContents();
    electron.app.emit('web-contents-created', {}, contents);
    electron.shell.openExternal.mockClear();
    const opened = (url: string) => {
      electron.shell.openExternal.mockClear();
      expect(contents.open(url), url).toEqual({ action: 'deny' }); // never a new Electron window
      return electron.shell.openExternal.mock.calls.some((call) => (call as unknown[])[0] === url);
    };

    // No preview open: the preview host is just another loopback port.
    expect(opened(`${previewHost}/preview/${'a'.repeat(32)}#k=x`)).toBe(false);

    const winId = electron.windows[0]?.webContents.id;
    const top = { sender: { id: winId }, senderFrame: { url: 'app://console/index.html', parent: null } };
    const minted = (await electron.handles.get('widget:mint')?.(top, { target: { kind: 'new', name: 'desktop-open-in-browser', region: 'US' } })) as {
      ok: boolean;
      value: { previewId: string; previewUrl: string; widgetOrigin: string };
    };
    expect(minted.ok).toBe(true);
    const { previewId, previewUrl, widgetOrigin } = minted.value;
    expect(previewUrl.startsWith(`${previewHost}/preview/`)).toBe(true);

    // The preview's own address (with its key) opens in the OS browser.
    expect(opened(previewUrl)).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith(previewUrl);
    // Every other loopback URL stays refused: other ports, the stand-in widget's origin, other
    // spellings of the host, credentials, another scheme on the same port.
    for (const other of [
      'http://127.0.0.1:9/',
      `http://127.0.0.1:${Number(port) + 1}/preview/x`,
      `${widgetOrigin}/quick-start/widget?workspaceId=x`,
      `http://localhost:${port}/preview/x`,
      `http://[::1]:${port}/preview/x`,
      `https://127.0.0.1:${port}/preview/x`,
      `http://user:pw@127.0.0.1:${port}/preview/x`,
      `ws://127.0.0.1:${port}/preview/x`,
      'app://console/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(opened(other), other).toBe(false);
    }
    // The fixed https hosts still work alongside.
    expect(opened('https://docs.airbyte.com/ai-agents/embedded')).toBe(true);

    // Closed: the preview host is refused again.
    await electron.handles.get('widget:close')?.(top, { previewId });
    expect(opened(previewUrl)).toBe(false);
  });

  it('logs, and does not leak as an unhandled rejection, a link the OS browser fails to open', async () => {
    const lines = captureLog();
    const contents = fakeContents();
    electron.app.emit('web-contents-created', {}, contents);
    electron.shell.openExternal.mockImplementationOnce(() => Promise.reject(new Error('no default browser')));
    expect(contents.open('https://docs.airbyte.com/')).toEqual({ action: 'deny' });
    await settle();
    expect(lines.join('\n')).toMatch(/\[desktop\] Could not open https:\/\/docs\.airbyte\.com\/ in the browser\..*no default browser/);
  });

  it('logs, and does not leak as an unhandled rejection, a window that fails to load', async () => {
    const lines = captureLog();
    electron.BrowserWindow.load.mockImplementationOnce(() => Promise.reject(new Error('ERR_FAILED (-2) loading app://console/index.html')));
    electron.BrowserWindow.getAllWindows.mockReturnValueOnce([]);
    electron.app.emit('activate'); // macOS: re-opens the window when none is left
    await settle();
    expect(lines.join('\n')).toMatch(/\[desktop\] The main window failed to load\..*ERR_FAILED/);
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
    await startAgain({ rendererDir, preloadPath: '/p.js', iconPath: '/i.png' });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.windows.length).toBe(before);
  });

  it('reports a synchronous setup failure as a rejection, so the entry point can exit', async () => {
    vi.resetModules();
    electron.app.getPath.mockImplementationOnce(() => {
      throw new Error('no userData path');
    });
    const { startDesktopShell: startAgain } = await import('../../main/desktop-shell');
    let started: Promise<void> | undefined;
    expect(() => (started = startAgain({ rendererDir, preloadPath: '/p.js', iconPath: '/i.png' }))).not.toThrow();
    await expect(started).rejects.toThrow('no userData path');
  });

  // Last: it closes the core the other tests use.
  it('holds the quit until the core has closed, then quits once', async () => {
    electron.app.quit.mockClear();
    const [first] = electron.app.listeners('will-quit') as Array<(event: { preventDefault(): void }) => void>;
    const held = { preventDefault: vi.fn() };
    first?.(held);
    expect(held.preventDefault).toHaveBeenCalledOnce();
    expect(electron.app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce());
    const again = { preventDefault: vi.fn() };
    first?.(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});

describe('closeBeforeQuit', () => {
  function fakeApp() {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    // Electron's quit() emits will-quit again, which quits for real unless prevented.
    const exited = vi.fn();
    app.quit.mockImplementation(() => {
      if (app.quit.mock.calls.length > 10) return; // a quit loop: break it so the test fails instead of hanging
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      app.emit('will-quit', event);
      if (!event.prevented) exited();
    });
    return { app, exited };
  }

  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('waits for close before quitting, and quits exactly once (no loop)', async () => {
    const { app, exited } = fakeApp();
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    closeBeforeQuit(app, close, createLogger(() => undefined));

    app.quit();
    app.quit(); // asked again while closing: still held, no second close
    await settle();
    expect(close).toHaveBeenCalledOnce();
    expect(exited).not.toHaveBeenCalled();

    closing.resolve();
    await settle();
    expect(exited).toHaveBeenCalledOnce();
    expect(app.quit).toHaveBeenCalledTimes(3); // two by the user, one after close
    expect(close).toHaveBeenCalledOnce();
  });

  it('still quits, and logs, when close fails or throws', async () => {
    for (const close of [() => Promise.reject(new Error('sandbox stop failed')), () => { throw new Error('sandbox stop failed'); }]) {
      const lines: string[] = [];
      const { app, exited } = fakeApp();
      closeBeforeQuit(app, close, createLogger((line) => lines.push(line)));
      app.quit();
      await settle();
      expect(exited).toHaveBeenCalledOnce();
      expect(lines.join('\n')).toMatch(/Closing the core failed; quitting anyway\..*sandbox stop failed/);
    }
  });

  it('still quits, and logs, when close hangs past the time limit', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const { app, exited } = fakeApp();
    closeBeforeQuit(app, () => new Promise<void>(() => undefined), createLogger((line) => lines.push(line)));
    app.quit();
    await vi.advanceTimersByTimeAsync(CLOSE_TIMEOUT_MS - 1);
    expect(exited).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exited).toHaveBeenCalledOnce();
    expect(lines.join('\n')).toContain(`close did not finish within ${CLOSE_TIMEOUT_MS} ms`);
  });
});
