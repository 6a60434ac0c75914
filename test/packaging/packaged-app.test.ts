import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_DISABLED, FUSE_ENABLED, SHIPPED_FUSES, writeFakeElectronDist } from './fake-electron-dist';

// The real electron-builder pipeline (`--linux dir`, electron-builder.yml as is) against a fake Electron,
// once for this file: fuses, the packaged file set and the start-up paths are read from what it made.
// Everything is written under one temp folder, removed afterwards.
const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const work = mkdtempSync(path.join(os.tmpdir(), 'ec-pack-'));
const appOutDir = path.join(work, 'dist', 'linux-unpacked');
const resources = path.join(appOutDir, 'resources');
const asarPath = path.join(resources, 'app.asar');
let files: string[] = [];

beforeAll(async () => {
  for (const dir of ['out/main', 'out/preload', 'out/renderer']) expect(existsSync(path.join(root, dir)), `${dir} is missing: run npx electron-vite build first`).toBe(true);
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const electronDist = writeFakeElectronDist(path.join(work, 'electron'), electronVersion);
  await promisify(execFile)(
    process.execPath,
    [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--projectDir', root, `-c.directories.output=${path.join(work, 'dist')}`, `-c.electronDist=${electronDist}`],
    // A private cache: nothing is downloaded for `dir`, and nothing is left in ~/.cache if it were.
    { cwd: root, env: { ...process.env, ELECTRON_BUILDER_CACHE: path.join(work, 'cache'), CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 90_000 },
  );
  // "/out/main/index.js" → "out/main/index.js"; directories and files alike.
  files = asar.listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuses (electronFuses in electron-builder.yml)', () => {
  it('are flipped in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appOutDir, 'embedded-console'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      enableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      enableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      enableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
    }).toEqual({
      runAsNode: FUSE_DISABLED,
      enableNodeOptionsEnvironmentVariable: FUSE_DISABLED,
      enableNodeCliInspectArguments: FUSE_DISABLED,
      enableEmbeddedAsarIntegrityValidation: FUSE_ENABLED,
      onlyLoadAppFromAsar: FUSE_ENABLED,
      enableCookieEncryption: FUSE_ENABLED,
    });
    // The fuses we do not configure keep Electron's values.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(SHIPPED_FUSES[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(SHIPPED_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]);
  });
});

describe('the packaged files (app.asar)', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
  const built = (dir: string) =>
    readdirRecursive(path.join(root, dir)).filter((file) => !file.endsWith('.map')).map((file) => `${dir}/${file}`);

  it('holds the whole built app: out/main, out/preload, out/renderer', () => {
    for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
      const expected = built(dir);
      expect(expected.length, dir).toBeGreaterThan(0);
      expect(files).toEqual(expect.arrayContaining(expected));
    }
  });

  it('holds the production dependencies and none of the development ones', () => {
    const packaged = new Set(files.filter((file) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(file)).map((file) => file.slice('node_modules/'.length)));
    for (const name of Object.keys(pkg.dependencies)) expect(packaged.has(name), name).toBe(true);
    for (const name of ['electron', 'electron-builder', 'react', 'monaco-editor', 'vitest', 'typescript', 'zustand']) expect(packaged.has(name), name).toBe(false);
  });

  it('keeps keytar’s native module outside the archive (app.asar.unpacked), where it can be loaded', () => {
    const natives = files.filter((file) => file.endsWith('.node'));
    expect(natives).toEqual(['node_modules/keytar/build/Release/keytar.node']);
    expect(existsSync(path.join(`${asarPath}.unpacked`, natives[0] as string))).toBe(true);
    // Listed in the archive's header as unpacked: asar reads it from the folder, not from the archive.
    expect(asar.statFile(asarPath, natives[0] as string) as { unpacked?: boolean }).toMatchObject({ unpacked: true });
  });

  it('holds nothing else: no tests, scripts, CI files, sources or source maps', () => {
    expect(files.filter((file) => !/^(out|node_modules)(\/|$)|^package\.json$/.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(map|tsx?|mts|cts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /^(test|scripts|\.ci|main|renderer|preload|lib|build|docs)(\/|$)/.test(file))).toEqual([]);
  });

  it('opens, and the main entry its package.json names is inside it', () => {
    const packaged = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8')) as { main: string; name: string };
    expect(packaged.name).toBe('embedded-console');
    expect(packaged.main).toBe(pkg.main);
    expect(files).toContain(path.posix.normalize(packaged.main));
    expect(asar.extractFile(asarPath, packaged.main).toString('utf8')).toBe(readFileSync(path.join(root, pkg.main), 'utf8'));
  });
});

/** Relative paths of every file under `dir`, with forward slashes. */
function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).replace(/\\/g, '/'));
}

/** What the desktop shell asked of a fake Electron while starting. */
interface Recorded {
  windowOptions: Array<{ icon?: string; webPreferences: { preload: string } }>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
}

/** The parts of Electron `startDesktopShell` touches, recording what it is given. */
function fakeElectron(userData: string, recorded: Recorded) {
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quit: (): void => undefined,
    exit: (code: number) => {
      throw new Error(`the desktop shell exited with ${code}`);
    },
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
  });
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => [];
    readonly webContents = { id: 1 };
    constructor(options: Recorded['windowOptions'][number]) {
      super();
      recorded.windowOptions.push(options);
    }
    loadURL = () => Promise.resolve();
    show = () => undefined;
  }
  const handlers = () => undefined;
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: handlers },
    protocol: { registerSchemesAsPrivileged: handlers, handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler) },
    session: { defaultSession: { setPermissionRequestHandler: handlers, setPermissionCheckHandler: handlers, setDevicePermissionHandler: handlers } },
    shell: { openExternal: () => Promise.resolve() },
    clipboard: { writeText: handlers },
  };
}

describe('the desktop shell started from inside the package', () => {
  it('finds the preload, the window icon and the renderer at their packaged paths', async () => {
    // The archive's contents at the path Electron gives them: <resources>/app.asar/out/main/index.js
    // (asar's own extraction, which also takes the unpacked keytar from app.asar.unpacked).
    const installed = path.join(work, 'installed', 'resources', 'app.asar');
    asar.extractAll(asarPath, installed);
    const recorded: Recorded = { windowOptions: [], protocolHandlers: new Map() };
    const electron = fakeElectron(path.join(work, 'user-data'), recorded);
    const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = moduleWithLoad._load;
    // Only the packaged main's require('electron') is answered by the fake; everything else it loads
    // (zod, undici, ajv…) comes from the packaged node_modules.
    moduleWithLoad._load = (request, ...rest) => (request === 'electron' ? electron : load(request, ...rest));
    try {
      require(path.join(installed, 'out/main/index.js'));
      await expect.poll(() => recorded.protocolHandlers.size, { timeout: 10_000 }).toBe(1);
    } finally {
      moduleWithLoad._load = load;
    }

    const inPackage = (absolute: string) => path.relative(installed, absolute).replace(/\\/g, '/');
    const [window] = recorded.windowOptions;
    expect(inPackage(window?.webPreferences.preload ?? '')).toBe('out/preload/index.js');
    expect(inPackage(window?.icon ?? '')).toBe('out/renderer/app-icon.png');
    expect(files).toEqual(expect.arrayContaining(['out/preload/index.js', 'out/renderer/app-icon.png']));

    // The renderer: the app:// handler serves index.html from the packaged out/renderer.
    const serve = recorded.protocolHandlers.get('app');
    const response = await serve?.(new Request('app://console/index.html'));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toBe(asar.extractFile(asarPath, 'out/renderer/index.html').toString('utf8'));

    // Quit as Electron would, so the core (preview host, data-folder lock) closes before the folder goes.
    const quitting = new Promise<void>((resolve) => (electron.app.quit = resolve));
    electron.app.emit('will-quit', { preventDefault: () => undefined });
    await quitting;
  }, 30_000);
});
